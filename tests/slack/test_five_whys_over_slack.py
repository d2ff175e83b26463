"""The skeleton's 5-Whys example, driven over HTTP as Slack drives it."""

from __future__ import annotations

import asyncio
import time

from storage.database import SqlDatabase
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack
from tests.slack.workspace import CHANNEL, SlackWorkspace, blocks_text

ANSWERS = [
    "The rollers are dusty",
    "Nobody cleans them",
    "Cleaning is not on the checklist",
    "The checklist was written before we had this printer",
    "Nobody owns the checklist",
]


async def test_the_printer_example_ends_with_the_summary_in_the_thread(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    started = time.monotonic()
    response = await workspace.slash("The label printer jams every morning")
    assert response.status == 200
    assert time.monotonic() - started < 3.0  # Slack gives up on an ack after 3 s

    card, why1 = await slack.wait_for("chat.postMessage", 2)
    assert card.token == BOT_TOKEN
    assert card.args["channel"] == CHANNEL and "thread_ts" not in card.args
    assert "Kaizen idea #1 \u00b7 Clarifying" in blocks_text(card)
    assert card.args["text"].startswith("Kaizen idea #1")
    thread = f"1700000000.{1:06d}"
    assert why1.args["thread_ts"] == thread
    assert why1.args["text"].startswith("Why #1: Why does the label printer jam every morning?")

    for n, answer in enumerate([*ANSWERS, "yes"], start=2):  # "yes": that's the root cause
        await workspace.reply(answer, thread)
        posts = await slack.wait_for("chat.postMessage", n + 1)
        assert posts[-1].args["thread_ts"] == thread
    summary = slack.of("chat.postMessage")[-1]
    assert "Root cause: nobody owns the checklist" in blocks_text(summary)
    assert [p.args["text"].split(":")[0] for p in slack.of("chat.postMessage")[1:7]] == [
        f"Why #{n}" for n in range(1, 7)
    ]
    update = (await slack.wait_for("chat.update"))[0]
    assert update.args["ts"] == thread and "Kaizen idea #1 \u00b7 Plan" in blocks_text(update)


async def test_a_retried_event_is_applied_once(workspace: SlackWorkspace, slack: FakeSlack) -> None:
    await workspace.slash("The label printer jams every morning")
    await slack.wait_for("chat.postMessage", 2)
    body = workspace.message_body(
        "The rollers are dusty", f"1700000000.{1:06d}", event_id="Ev0RETRIED"
    )
    first = await workspace.send_json(body)
    retry = await workspace.send_json(
        body, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert first.status == retry.status == 200
    await slack.wait_for("chat.postMessage", 3)
    await slack.settle()
    whys = [c for c in slack.of("chat.postMessage") if c.args["text"].startswith("Why #2")]
    assert len(whys) == 1


async def test_forged_and_stale_requests_get_401_and_change_nothing(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    body = workspace.command_body("The label printer jams every morning")
    form = "application/x-www-form-urlencoded"
    forged = await workspace.send(
        body,
        form,
        signature={
            "X-Slack-Request-Timestamp": str(int(time.time())),
            "X-Slack-Signature": "v0=" + "0" * 64,
        },
    )
    stale = await workspace.send(body, form, signature=_signed(body, time.time() - 6 * 60))
    wrong_secret = await workspace.send(body, form, signature=_signed(body, secret="not-it"))
    unsigned = await workspace.send(body, form, signature={})
    assert [r.status for r in (forged, stale, wrong_secret, unsigned)] == [401] * 4
    await slack.settle()
    assert slack.of("chat.postMessage") == []

    await workspace.slash("kaizen list all".removeprefix("kaizen "))
    private = (await slack.wait_for("chat.postEphemeral"))[0]
    assert "No ideas yet" in private.args["text"]


def _signed(body: str, at: float | None = None, secret: str | None = None) -> dict[str, str]:
    from tests.slack.workspace import SIGNING_SECRET, sign

    return sign(body, secret or SIGNING_SECRET, at)


async def test_an_idea_card_remembers_its_permalink(
    workspace: SlackWorkspace, slack: FakeSlack, database_url: str
) -> None:
    """The board links each card to its thread: the link is Slack's permalink format."""
    await workspace.slash("The label printer jams every morning")
    await slack.wait_for("chat.postMessage", 2)
    database = SqlDatabase(database_url)
    try:
        for _ in range(100):
            async with database.transaction() as store:
                posted = await store.messages.find("T0KAIZEN", "idea:1")
            if posted is not None:
                break
            await asyncio.sleep(0.05)
    finally:
        await database.close()
    assert posted is not None
    assert posted.link == f"https://kaizen-test.slack.com/archives/{CHANNEL}/p1700000000000001"


async def test_a_retried_event_that_was_refused_is_refused_once(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    body = workspace.message_body(
        "kaizen move 99 done", None, channel="D0ALICE", event_id="Ev0REFUSED", channel_type="im"
    )
    await workspace.send_json(body)
    await workspace.send_json(body, headers={"X-Slack-Retry-Num": "1"})
    await slack.wait_for("chat.postMessage")  # in a direct chat, the answer is a message
    await slack.settle()
    refusals = [
        c
        for c in slack.of("chat.postEphemeral") + slack.of("chat.postMessage")
        if "There is no idea #99" in c.args.get("text", "")
    ]
    assert len(refusals) == 1


async def test_an_edited_answer_in_the_thread_replaces_it(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    await workspace.slash("The label printer jams every morning")
    await slack.wait_for("chat.postMessage", 2)
    thread = f"1700000000.{1:06d}"
    await workspace.reply("The rollers are dusty", thread)
    await slack.wait_for("chat.postMessage", 3)
    response = await workspace.edit(
        "The rollers are dusty", "The labels stick together in the heat", thread
    )
    assert response.status == 200
    posts = await slack.wait_for("chat.postMessage", 4)
    assert (
        posts[-1].args["text"].startswith("Why #2: Why do the labels stick together in the heat?")
    )
    assert posts[-1].args["thread_ts"] == thread
    note = (await slack.wait_for("chat.postEphemeral"))[-1]
    assert "I've taken your edit as the answer to Why #1" in note.args["text"]
