"""/metrics on a real server serving Slack (the fake Slack Web API on loopback): every family is
there, and the numbers move as a request comes in, its turn runs and its posts go out."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.clock import SystemClock
from bot.settings import Settings
from kaizen.app import open_app
from kaizen.server import Server
from kaizen.slack import SlackCredentials, SlackSurface
from tests.processes import free_port
from tests.slack.fake_slack import BOT_TOKEN, Failure, FakeSlack
from tests.slack.workspace import SIGNING_SECRET, SlackWorkspace

FAMILIES = {
    "kaizen_http_requests": "counter",
    "kaizen_turn_seconds": "histogram",
    "kaizen_turns": "counter",
    "kaizen_deliveries": "counter",
    "kaizen_rate_limited": "counter",
    "kaizen_scheduler_runs": "counter",
    "kaizen_scheduler_failures": "counter",
    "kaizen_turns_queued": "gauge",
    "kaizen_turns_queued_oldest_age_seconds": "gauge",
    "kaizen_outbox_pending": "gauge",
    "kaizen_outbox_parked": "gauge",
    "kaizen_outbox_oldest_pending_age_seconds": "gauge",
    "kaizen_ideas": "gauge",
    "kaizen_database_up": "gauge",
}
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def server(database_url: str, slack: FakeSlack) -> AsyncIterator[Server]:
    app = await open_app(Settings(), database_url, SystemClock(), migrate=False)
    surface = SlackSurface(app, SlackCredentials(BOT_TOKEN, SIGNING_SECRET, None, slack.url))
    surface.runtime.courier.idle = 0.1
    surface.outlet.pacer.interval = 0.01
    server = Server(app, [surface], "127.0.0.1", free_port())
    await server.start()
    yield server
    await server.stop()
    await app.close()


async def scrape(http: aiohttp.ClientSession, server: Server) -> tuple[dict[str, str], Samples]:
    """The families (name: type) and every sample, read over HTTP and parsed as Prometheus does."""
    async with http.get(f"http://127.0.0.1:{server.port}/metrics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        text = await response.text()
    families, samples = {}, {}
    for family in text_string_to_metric_families(text):
        families[family.name] = family.type
        for sample in family.samples:
            samples[sample.name, frozenset(sample.labels.items())] = sample.value
    return families, samples


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def scrape_until(
    http: aiohttp.ClientSession, server: Server, name: str, seen: float, **labels: str
) -> Samples:
    """Scrape until the sample reads `seen` (the bot works beside the test)."""
    for _ in range(200):
        _, samples = await scrape(http, server)
        if value(samples, name, **labels) == seen:
            return samples
        await asyncio.sleep(0.05)
    raise AssertionError(f"{name}{labels} never read {seen}: {value(samples, name, **labels)}")


async def test_every_family_is_there_and_moves_with_a_turn_and_its_posts(
    server: Server, slack: FakeSlack
) -> None:
    slack.fail("chat.postMessage", Failure(429, "ratelimited", {"Retry-After": "2"}))
    async with aiohttp.ClientSession() as http:
        families, before = await scrape(http, server)
        assert {name: families.get(name) for name in FAMILIES} == FAMILIES
        assert value(before, "kaizen_database_up") == 1
        assert value(before, "kaizen_turns_total", surface="slack", result="ok") == 0
        assert value(before, "kaizen_outbox_pending", surface="slack") == 0

        workspace = SlackWorkspace(f"http://127.0.0.1:{server.port}", slack, http)
        assert (await workspace.slash("The label printer jams every morning")).status == 200
        await slack.wait_for("chat.postMessage")  # the first try, answered 429
        held = await scrape_until(http, server, "kaizen_rate_limited_total", 1, surface="slack")
        assert value(held, "kaizen_outbox_pending", surface="slack") >= 1
        assert value(held, "kaizen_deliveries_total", surface="slack", result="retried") == 1
        assert value(held, "kaizen_turns_total", surface="slack", result="ok") == 1
        assert value(held, "kaizen_turn_seconds_count", surface="slack") == 1
        assert value(held, "kaizen_http_requests_total", surface="slack", status="200") == 1
        assert sum(v for (n, _), v in held.items() if n == "kaizen_ideas") == 1

        await slack.wait_for_taken("chat.postMessage")  # after the 2 s Slack asked for
        after = await scrape_until(http, server, "kaizen_outbox_pending", 0, surface="slack")
        assert value(after, "kaizen_deliveries_total", surface="slack", result="sent") >= 1
        assert value(after, "kaizen_deliveries_total", surface="slack", result="parked") == 0
        assert value(after, "kaizen_http_requests_total", surface="other", status="200") >= 3

        runtime = server.surfaces[0].runtime  # type: ignore[attr-defined]
        await runtime.tick_round()  # the minute's round of time-driven work, now
        _, ticked = await scrape(http, server)
        assert value(ticked, "kaizen_scheduler_runs_total", surface="slack", kind="tick") == 1
        assert value(ticked, "kaizen_scheduler_failures_total", surface="slack", kind="tick") == 0
