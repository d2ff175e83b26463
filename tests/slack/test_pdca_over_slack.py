"""The experiment over Slack (issue 18): the plan in the thread, Block Kit buttons and a
modal for the move and the check, the standard, a copy in another channel, done, impact."""

from __future__ import annotations

import asyncio
import json

from tests.slack.fake_slack import Call, FakeSlack
from tests.slack.workspace import CHANNEL, SlackWorkspace, blocks_text

THREAD = f"1700000000.{1:06d}"


async def _said(slack: FakeSlack, method: str, containing: str) -> Call:
    """The first `method` call whose text holds `containing`, waiting up to 10 s for it."""
    for _ in range(200):
        for call in slack.of(method):
            shown = blocks_text(call) + str(call.args.get("text"))
            if containing in shown:
                return call
        await asyncio.sleep(0.05)
    seen = [str(c.args.get("text"))[:80] for c in slack.of(method)]
    raise AssertionError(f"no {method} with {containing!r}; saw {seen}")


async def test_the_experiment_runs_over_slack(workspace: SlackWorkspace, slack: FakeSlack) -> None:
    await workspace.slash("The label printer jams every morning")
    await _said(slack, "chat.postMessage", "Why #1")
    await workspace.reply("root cause: cleaning the rollers is not on the checklist", THREAD)
    await _said(slack, "chat.postMessage", "Root cause found for idea #1")

    await workspace.reply(
        "Add roller cleaning to the start-up checklist, owner <@U0BOB>, expect jams under 1 "
        "a week, check in 2 weeks",
        THREAD,
    )
    plan = await _said(slack, "chat.postMessage", "Countermeasure for idea #1: Add roller")
    assert "Owner: <@U0BOB>" in plan.args["text"] and plan.args["thread_ts"] == THREAD
    card = await _said(slack, "chat.update", "*We expect*\\njams under 1 a week")

    await workspace.press("Move to Do", on=card)  # the card's Block Kit button
    await _said(slack, "chat.update", "Kaizen idea #1 \u00b7 Do")

    bob = workspace.as_("U0BOB")
    await bob.slash("check 1 partly 3 jams a week; learned the night shift skips the list")
    checked = await _said(slack, "chat.postMessage", "Idea #1 was checked: it partly held.")
    assert "What we learned: the night shift skips the list." in checked.args["text"]

    await bob.slash("plan 1 Put the list on the printer itself, check in 1 week")
    await _said(slack, "chat.postMessage", "Plan for idea #1")
    await bob.slash("move 1 do")
    await bob.slash("check 1 held no jams in a week")
    await _said(slack, "chat.postMessage", "Idea #1 was checked: it held.")
    await _said(slack, "chat.postEphemeral", "Idea #1 is at Act")

    await bob.slash("standard 1 Roller cleaning is step 3 of the start-up checklist")
    await _said(slack, "chat.postMessage", "Idea #1's new standard")
    await bob.slash("spread 1", channel="C0PACKING")
    copy = await _said(slack, "chat.postMessage", "Kaizen idea #2 \u00b7 Plan")
    assert copy.args["channel"] == "C0PACKING" and "idea #1" in blocks_text(copy)

    await bob.slash("move 1 done")
    thanks = await _said(slack, "chat.postMessage", "Idea #1 is done!")
    assert "What changed: Put the list on the printer itself" in (
        blocks_text(thanks) + thanks.args["text"]
    )
    await _said(slack, "chat.postEphemeral", "What was idea #1's impact?")
    await bob.slash("impact 1 quality, saves 3 hours a month")
    impact = await _said(slack, "chat.postMessage", "Impact of idea #1: quality")
    assert impact.args["thread_ts"] == THREAD and impact.args["channel"] == CHANNEL


async def test_spread_in_one_click_with_slacks_channel_picker(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.slash("The label printer jams every morning")
    await _said(slack, "chat.postMessage", "Why #1")
    await workspace.reply("root cause: cleaning the rollers is not on the checklist", THREAD)
    await workspace.reply("Add roller cleaning to the start-up checklist", THREAD)
    await _said(slack, "chat.postMessage", "Countermeasure for idea #1")
    await workspace.slash("move 1 do")
    await workspace.slash("check 1 held no jams in two weeks")
    prompt = await _said(slack, "chat.postEphemeral", "Idea #1 is at Act")
    await workspace.press("Spread to another channel", on=prompt)
    opened = (await slack.wait_for("views.open"))[-1]
    view = opened.args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    (picker,) = [b["element"] for b in view["blocks"] if b["type"] == "input"]
    assert picker["type"] == "conversations_select"
    await workspace.submit(opened, channel="C0PACKING")
    copy = await _said(slack, "chat.postMessage", "Kaizen idea #2 \u00b7 Plan")
    assert copy.args["channel"] == "C0PACKING" and "Spread from" in blocks_text(copy)
