"""Slack saying no: rate limits, server errors, dropped connections, channels that are gone."""

from __future__ import annotations

import time

import aiohttp

from kaizen.server import Server
from tests.slack.fake_slack import Failure, FakeSlack
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
    assert response.status == 200
    assert health["status"] == "ok" and health["database"] == "ok"
    assert health["outbox"]["parked"] == 2  # the card, and the why that belonged in its thread
    assert health["outbox"]["pending"] == 0
    assert len(slack.of("chat.postMessage")) == 1
