"""Parked posts over Slack: a channel that turns the card away does not strand its 5 Whys
(they go on in the author's DM), `kaizen outbox retry` posts the card once the channel
takes it, and a private answer whose reply was lost is looked up before it is sent again."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlmodel import col, select

from kaizen.server import Server
from storage.database import SqlDatabase
from storage.outbox import SENT
from storage.store import SqlStore
from storage.tables import OutboxRow
from tests.admin import kaizen
from tests.slack.fake_slack import Failure, FakeSlack
from tests.slack.workspace import CHANNEL, SlackWorkspace, blocks_text

DM = "DU0ALICE"
"""Alice's DM with the bot, as the fake's conversations.open names it."""


@pytest.mark.parametrize("refusal", ["not_in_channel", "invalid_auth"])
async def test_a_refused_card_keeps_its_whys_going_in_private_and_retry_posts_it_once(
    refusal: str,
    workspace: SlackWorkspace,
    slack: FakeSlack,
    bot: Server,
    database_url: str,
    tmp_path: Path,
) -> None:
    slack.refusing[CHANNEL] = refusal
    await workspace.slash("The label printer jams every morning")
    why1 = await _message(slack, lambda m: m["channel"] == DM and "Why #1" in m["text"])
    assert why1["text"].startswith("I couldn't post your idea #1 in <#C0IDEAS>")
    assert "Why #1: Why does the label printer jam every morning?" in why1["text"]
    assert "/invite @Kaizen" in why1["text"] and "kaizen outbox retry" in why1["text"]

    await _direct(workspace, "The rollers are dusty")
    why2 = await _message(slack, lambda m: m["text"].startswith("Why #2 of idea #1:"))
    assert why2["channel"] == DM
    await _direct(workspace, "root cause")
    summary = await _message(slack, lambda m: "Root cause found for idea #1" in m["text"])
    assert summary["channel"] == DM and "the rollers are dusty" in summary["text"]
    await slack.settle()
    health = await _health(bot)
    assert health["status"] == "degraded"
    assert health["problems"] == ["2 post(s) parked: the platform would not take them"]

    listed = await kaizen(database_url, tmp_path, "outbox", "list")
    assert listed.code == 0, listed.err
    card_line = next(line for line in listed.out.splitlines() if "idea #1 card" in line)
    assert refusal in card_line and "T0KAIZEN" in card_line and CHANNEL in card_line
    assert "update of idea #1 card" in listed.out
    card_id = card_line.split()[0]

    slack.refusing.clear()  # the bot was invited (or its token put right)
    asked_before = len(slack.of("chat.postMessage"))
    retried = await kaizen(database_url, tmp_path, "outbox", "retry", card_id)
    assert retried.code == 0, retried.err
    assert f"{card_id}  idea #1 card" in retried.out and "update of idea #1 card" in retried.out

    card = await _message(slack, lambda m: m["channel"] == CHANNEL)
    (update,) = await slack.wait_for_taken("chat.update")
    await slack.settle(0.5)
    posted_again = slack.of("chat.postMessage")[asked_before:]
    assert [c.args["channel"] for c in posted_again] == [CHANNEL]  # the card, once
    assert "Kaizen idea #1" in card["text"] and card["thread_ts"] is None
    assert update.args["ts"] == card["ts"] and "Kaizen idea #1 \u00b7 Plan" in blocks_text(update)
    assert len(slack.of("chat.update")) == 1
    assert (await _health(bot))["status"] == "ok"


async def test_a_dm_whose_answer_was_lost_is_looked_up_and_not_sent_twice(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    slack.fail("chat.postMessage", Failure(after_taking=True))
    await _direct(workspace, "kaizen list all")
    (looked,) = await slack.wait_for("conversations.history")
    assert looked.args["channel"] == "D0ALICE"
    await slack.settle(0.5)
    taken = [c for c in slack.taken if c.method == "chat.postMessage"]
    assert len(taken) == 1 and "No ideas yet" in taken[0].args["text"]


async def test_an_ephemeral_answer_whose_reply_was_lost_is_sent_again_marked_maybe_twice(
    workspace: SlackWorkspace, slack: FakeSlack, database_url: str
) -> None:
    """Slack lists no ephemeral messages: the answer is sent again rather than risk losing
    it, and its outbox row says it may show twice."""
    slack.fail("chat.postEphemeral", Failure(after_taking=True))
    await workspace.slash("list all")
    first, again = await slack.wait_for("chat.postEphemeral", 2)
    assert first.args["text"] == again.args["text"]
    assert slack.of("conversations.history") == []
    database = SqlDatabase(database_url)
    try:
        for _ in range(100):
            async with database.reading() as store:
                assert isinstance(store, SqlStore)
                found = select(col(OutboxRow.state), col(OutboxRow.in_doubt))
                rows = [tuple(row) for row in await store.session.execute(found)]
            if rows and rows[-1][0] == SENT:
                break
            await asyncio.sleep(0.05)
        assert rows == [(SENT, True)]
    finally:
        await database.close()


async def _direct(workspace: SlackWorkspace, text: str) -> None:
    channel = DM if not text.startswith("kaizen") else "D0ALICE"
    body = workspace.message_body(text, None, channel=channel, channel_type="im")
    assert (await workspace.send_json(body)).status == 200


async def _message(slack: FakeSlack, wanted: Any, wait: float = 15) -> dict[str, Any]:
    """The first message Slack took that matches, waiting for it."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        for message in slack.messages:
            if wanted({**message, "text": str(message["text"])}):
                return {**message, "text": str(message["text"])}
        await asyncio.sleep(0.05)
    raise AssertionError(f"no such message; Slack took {[m['text'] for m in slack.messages]}")


async def _health(bot: Server) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{bot.port}/healthz") as response,
    ):
        body: dict[str, Any] = await response.json()
        return body
