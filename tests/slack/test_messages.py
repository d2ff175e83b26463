"""Which Slack messages reach the engine, and how people's text comes back out."""

from __future__ import annotations

import json

from tests.slack.fake_slack import BOT_ID, BOT_USER, FakeSlack
from tests.slack.workspace import CHANNEL, SlackWorkspace, blocks_text

THREAD = "1700000000.000001"


async def _idea(workspace: SlackWorkspace, slack: FakeSlack) -> None:
    await workspace.slash("The label printer jams every morning")
    await slack.wait_for("chat.postMessage", 2)


async def test_bots_edits_deletions_and_channel_chatter_are_left_alone(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await _idea(workspace, slack)
    ignored = [
        workspace.as_(BOT_USER).message_body("Why #1: echo of ourselves", THREAD, bot_id=BOT_ID),
        workspace.as_("U0OTHERBOT").message_body(
            "beep", THREAD, bot_id="B0OTHER", subtype="bot_message"
        ),
        workspace.as_("U0ALICE").message_body("edited", THREAD, subtype="message_changed"),
        workspace.message_body("", THREAD, subtype="message_deleted"),
        workspace.message_body("Good morning team!", None),
        workspace.message_body("joined", THREAD, subtype="channel_join"),
    ]
    for body in ignored:
        response = await workspace.send_json(body)
        assert response.status == 200
    await slack.settle()
    assert len(slack.of("chat.postMessage")) == 2
    assert slack.of("chat.postEphemeral") == []


async def test_a_thread_broadcast_still_answers(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await _idea(workspace, slack)
    await workspace.send_json(
        workspace.message_body("The rollers are dusty", THREAD, subtype="thread_broadcast")
    )
    why2 = (await slack.wait_for("chat.postMessage", 3))[-1]
    assert why2.args["text"] == "Why #2: Why are the rollers dusty?"


async def test_names_come_from_users_info_once(workspace: SlackWorkspace, slack: FakeSlack) -> None:
    slack.names["U0BOB"] = "bob"
    await _idea(workspace, slack)
    for text in ("The rollers are dusty", "They are never cleaned"):
        await workspace.as_("U0BOB").reply(text, THREAD)
    private = await slack.wait_for("chat.postEphemeral", 2)
    assert all("kaizen invite 1 @bob" in p.args["text"] for p in private), [p.args for p in private]
    assert [c.args["user"] for c in slack.of("users.info")].count("U0BOB") == 1


async def test_a_direct_message_is_a_command_or_an_answer(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await _idea(workspace, slack)
    dm = {"channel": "D0ALICE", "channel_type": "im"}
    await workspace.send_json(workspace.message_body("The rollers are dusty", None, **dm))
    echo = (await slack.wait_for("chat.postMessage", 3))[-1]
    assert echo.args["thread_ts"] == THREAD
    assert echo.args["text"].startswith("<@U0ALICE> answered Why #1: The rollers are dusty")
    await workspace.send_json(workspace.message_body("kaizen help", None, **dm))
    help_text = (await slack.wait_for("chat.postMessage", 4))[-1]
    assert help_text.args["channel"] == "D0ALICE" and "kaizen show N" in blocks_text(help_text)


async def test_typed_broadcasts_and_mentions_stay_text_while_real_mentions_stay_live(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    # typed: Fix <!channel> spam @here and @bob & <b>bold</b> tags (Slack escapes &, < and >)
    await workspace.slash(
        "Fix &lt;!channel&gt; spam <!here> and <@U0BOB|bob> &amp; &lt;b&gt;bold&lt;/b&gt; tags"
    )
    card, why1 = await slack.wait_for("chat.postMessage", 2)
    seen = blocks_text(card) + card.args["text"] + why1.args["text"]
    for live in ("<!channel>", "<!here>", "<@U0BOB>", "<b>"):
        assert live not in seen, f"{live} would be live in Slack"
    assert "&lt;!channel&gt; spam @here and @bob &amp; &lt;b&gt;bold&lt;/b&gt;" in blocks_text(card)
    assert "<@U0ALICE>" in blocks_text(card)  # the author, mentioned on purpose
    assert card.args["link_names"] is False and card.args["parse"] == "none"

    await workspace.slash("invite 1 <@U0BOB|bob>")
    invite = (await slack.wait_for("chat.postMessage", 3))[-1]
    assert invite.args["text"].startswith("<@U0BOB> you're invited")


async def test_private_answers_fall_back_to_a_dm_where_ephemerals_cannot_go(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    from tests.slack.fake_slack import Failure

    slack.fail("chat.postEphemeral", Failure(error="channel_not_found"))
    await workspace.slash("list", channel="G0PRIVATE")
    dm = (await slack.wait_for("chat.postMessage"))[0]
    opened = (await slack.wait_for("conversations.open"))[0]
    assert opened.args["users"] == "U0ALICE" and dm.args["channel"] == "DU0ALICE"
    assert "No open ideas" in dm.args["text"]


async def test_a_card_for_a_channel_the_bot_is_not_in_joins_it_first(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    from tests.slack.fake_slack import Failure

    slack.fail("chat.postMessage", Failure(error="not_in_channel"))
    await workspace.slash("Label the spare parts shelves", channel="C0NEW")
    joined = (await slack.wait_for("conversations.join"))[0]
    assert joined.args["channel"] == "C0NEW"
    card = (await slack.wait_for("chat.postMessage", 3))[1]
    assert "Kaizen idea #1" in card.args["text"] and json.loads(json.dumps(card.args))
    assert CHANNEL != "C0NEW"
