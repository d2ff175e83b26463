"""Buttons, modals, the message shortcut and the App Home, as Slack sends them."""

from __future__ import annotations

import json

from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import CHANNEL, SlackWorkspace, blocks_text

THREAD = "1700000000.000001"


async def test_stage_buttons_update_the_card_and_note_it_in_the_thread(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.slash("Label the spare parts shelves")
    card, _ = await slack.wait_for("chat.postMessage", 2)
    labels = [
        e["text"]["text"]
        for b in json.loads(blocks_text(card))
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert labels == ["That's the root cause", "Move to Plan", "Drop"]

    response = await workspace.as_("U0CAROL").press("Move to Plan", on=card)
    assert response.status == 200
    update = (await slack.wait_for("chat.update"))[0]
    assert update.args["ts"] == THREAD and "\u00b7 Plan" in blocks_text(update)
    notice = (await slack.wait_for("chat.postMessage", 3))[-1]
    assert notice.args["thread_ts"] == THREAD
    assert (
        notice.args["text"]
        == "<@U0CAROL> moved idea #1 to Plan. Its whys stop here, before a root cause was named."
    )
    told = (await slack.wait_for("chat.postEphemeral"))[0]
    assert (
        told.args["user"] == "U0ALICE" and "carol moved your idea #1 to Plan" in told.args["text"]
    )


async def test_the_root_cause_button_sums_up(workspace: SlackWorkspace, slack: FakeSlack) -> None:
    await workspace.slash("The label printer jams every morning")
    card, _ = await slack.wait_for("chat.postMessage", 2)
    await workspace.reply("The rollers are dusty", THREAD)
    await slack.wait_for("chat.postMessage", 3)
    await workspace.press("That's the root cause", on=card)
    summary = (await slack.wait_for("chat.postMessage", 4))[-1]
    assert "Root cause: the rollers are dusty" in blocks_text(summary)


async def test_kaizen_without_text_opens_a_modal_whose_submission_makes_the_idea(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.slash("")
    opened = (await slack.wait_for("views.open"))[0]
    view = opened.args["view"]
    assert opened.args["trigger_id"].endswith(".trigger")
    assert view["type"] == "modal" and view["callback_id"] == "idea"
    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert list(inputs) == ["problem", "proposal", "category", "path", "anonymous"]
    assert inputs["problem"]["min_length"] == 10 and inputs["problem"]["max_length"] == 500

    response = await workspace.submit(
        opened,
        problem="Pallets block the fire exit on Fridays",
        category="safety",
        proposal="Paint a no-pallet zone",
    )
    assert response.status == 200
    card = (await slack.wait_for("chat.postMessage"))[0]
    assert card.args["channel"] == CHANNEL
    text = blocks_text(card)
    assert "Pallets block the fire exit on Fridays" in text and "safety" in text


async def test_the_message_shortcut_starts_an_idea_from_the_message(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.shortcut("The <#C0OPS|operations> queue &amp; the printer stall after lunch")
    opened = (await slack.wait_for("views.open"))[0]
    problem = next(b for b in opened.args["view"]["blocks"] if b.get("block_id") == "problem")
    assert problem["element"]["initial_value"] == (
        "The #operations queue & the printer stall after lunch"
    )
    await workspace.submit(opened)
    card = (await slack.wait_for("chat.postMessage"))[0]
    assert card.args["channel"] == "C0OPS"


async def test_the_app_home_shows_my_ideas_and_the_board(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.slash("Label the spare parts shelves")
    await slack.wait_for("chat.postMessage", 2)
    await workspace.open_home()
    published = (await slack.wait_for("views.publish"))[0]
    assert published.args["user_id"] == "U0ALICE"
    view = published.args["view"]
    home = json.dumps(view)
    assert view["type"] == "home"
    assert "Your ideas (1)" in home and "The team's board" in home and "Clarifying (1)" in home
