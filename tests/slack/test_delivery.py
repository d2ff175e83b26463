"""Slack saying no: rate limits, server errors, dropped connections, channels that are gone."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import aiohttp

from kaizen.server import Server
from tests.slack.fake_slack import Failure, FakeSlack
from tests.slack.test_five_whys_over_slack import ANSWERS
from tests.slack.workspace import SlackWorkspace


async def test_a_rate_limited_post_waits_for_retry_after_then_lands(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    slack.fail("chat.postMessage", Failure(429, "ratelimited", {"Retry-After": "1"}))
    started = time.monotonic()
    await workspace.slash("The label printer jams every morning")
    refused, card, why1 = await slack.wait_for("chat.postMessage", 3)
    assert refused.args == card.args and "Kaizen idea #1" in card.args["text"]
    assert time.monotonic() - started >= 1.0
    assert why1.args["text"].startswith("Why #1")  # the thread reply never overtook its card


async def test_server_errors_and_dropped_connections_are_retried(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    slack.fail(
        "chat.postMessage",
        Failure(503, "service_unavailable"),
        Failure(503, "service_unavailable"),
        Failure(drop=True),
        Failure(drop=True),
    )
    await workspace.slash("The label printer jams every morning")
    posts = await slack.wait_for("chat.postMessage", 6)
    landed = [p for p in posts if "Kaizen idea #1" in str(p.args.get("text"))]
    assert landed, "the card was never posted"
    assert sum("Why #1" in str(p.args.get("text")) for p in posts) == 1


async def test_a_post_slack_took_but_whose_answer_was_lost_is_not_sent_twice(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    """The card and its first why both reach Slack, then the connection drops: the courier
    finds each by its metadata tag (conversations.history, conversations.replies) instead
    of posting it again."""
    slack.fail("chat.postMessage", Failure(after_taking=True), Failure(after_taking=True))
    await workspace.slash("The label printer jams every morning")
    await slack.wait_for("conversations.history")
    await slack.wait_for("conversations.replies")
    await slack.settle(0.5)
    texts = [str(m["text"]) for m in slack.messages]
    assert sum("Kaizen idea #1" in t for t in texts) == 1, texts
    assert sum(t.startswith("Why #1") for t in texts) == 1, texts
    card = next(m for m in slack.messages if "Kaizen idea #1" in str(m["text"]))
    why = next(m for m in slack.messages if str(m["text"]).startswith("Why #1"))
    assert why["thread_ts"] == card["ts"]  # the reply found its card's thread
    assert card["metadata"]["event_type"] == "kaizen_post"


async def test_a_channel_that_is_gone_parks_the_post_and_health_shows_it(
    workspace: SlackWorkspace, slack: FakeSlack, bot: Server
) -> None:
    slack.fail("chat.postMessage", Failure(error="channel_not_found"))
    await workspace.slash("The label printer jams every morning", channel="C0GONE")
    await slack.wait_for("chat.postMessage")
    await slack.settle()
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{bot.port}/healthz") as response,
    ):
        health = await response.json()
    assert response.status == 200  # the bot still works: degraded, not down
    assert health["status"] == "degraded" and health["database"] == "ok"
    assert health["problems"] == ["1 post(s) parked: the platform would not take them"]
    assert health["outbox"]["parked"] == 1  # the card; its why went to the author's DM
    assert health["outbox"]["pending"] == 0
    refused, why = slack.of("chat.postMessage")
    assert refused.args["channel"] == "C0GONE"
    assert why.args["channel"] == "DU0ALICE" and "Why #1" in why.args["text"]


async def test_a_web_api_failing_the_first_three_attempts_of_every_call_loses_and_doubles_nothing(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    """Every distinct call gets 500, 429 (Retry-After 1), 503 before it succeeds: the whole
    5-Whys dialogue still arrives, every post exactly once and in order."""
    slack.chaos = 3
    await workspace.slash("The label printer jams every morning")
    card = await _taken(slack, lambda m: "Kaizen idea #1" in m["text"])
    await _taken(slack, lambda m: m["text"].startswith("Why #1"))
    for n, answer in enumerate([*ANSWERS, "yes"], start=2):
        await workspace.reply(answer, card["ts"])
        expected = f"Why #{n}" if n <= len(ANSWERS) + 1 else "Root cause"
        await _taken(slack, lambda m, e=expected: e in m["text"])  # type: ignore[misc]
    await slack.settle(1.5)
    texts = [str(m["text"]) for m in slack.messages]
    assert sum("Kaizen idea #1" in t for t in texts) == 1, texts
    for n in range(1, 7):
        assert sum(t.startswith(f"Why #{n}:") for t in texts) == 1, texts
    assert all(m["thread_ts"] == card["ts"] for m in slack.messages[1:])
    assert [t.split(":")[0] for t in texts[1:7]] == [f"Why #{n}" for n in range(1, 7)]
    failed = [c for c in slack.calls if c.method == "chat.postMessage"]
    assert len(failed) > 3 * len(texts)  # the chaos really happened, on every post
    # Every call Slack took (posts, the card's update to Plan, private answers) was taken
    # once: nothing was sent again after a failure that Slack had in fact accepted.
    for method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
        taken = [json.dumps(c.args, sort_keys=True) for c in slack.taken if c.method == method]
        assert len(taken) == len(set(taken)), method
    assert any(c.method == "chat.update" for c in slack.taken)


async def _taken(
    slack: FakeSlack, wanted: Callable[[dict[str, Any]], bool], wait: float = 60
) -> dict[str, Any]:
    """The first message Slack took that matches, waiting for it."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        for message in slack.messages:
            if wanted({**message, "text": str(message["text"])}):
                return message
        await asyncio.sleep(0.1)
    raise AssertionError(f"never taken; Slack took {[m['text'][:40] for m in slack.messages]}")
