"""A running Kaizen Bot serving Slack over HTTP, and a fake Slack it talks back to."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest

from bot.clock import SystemClock
from bot.settings import Settings
from kaizen.app import open_app
from kaizen.server import Server
from kaizen.slack import SlackCredentials, SlackSurface
from tests.processes import free_port
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack
from tests.slack.workspace import SIGNING_SECRET, SlackWorkspace


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def slack_settings() -> Settings:
    """app.yaml for the Slack tests; a test module may give its own."""
    return Settings(admins=("U0CAROL",))


@pytest.fixture
async def bot(
    database_url: str, slack: FakeSlack, slack_settings: Settings
) -> AsyncIterator[Server]:
    """`kaizen run` in this process: the real app on a free port, Slack at the fake."""
    app = await open_app(slack_settings, database_url, SystemClock(), migrate=False)
    credentials = SlackCredentials(BOT_TOKEN, SIGNING_SECRET, None, slack.url)
    surface = SlackSurface(app, credentials)
    surface.runtime.courier.idle = 0.1
    surface.outlet.pacer.interval = 0.01  # pacing has its own test; here it would only wait
    surface.runtime.courier.first_backoff = timedelta(milliseconds=200)
    server = Server(app, [surface], "127.0.0.1", free_port())
    await server.start()
    yield server
    await server.stop()
    await app.close()


@pytest.fixture
async def workspace(bot: Server, slack: FakeSlack) -> AsyncIterator[SlackWorkspace]:
    async with aiohttp.ClientSession() as http:
        yield SlackWorkspace(f"http://127.0.0.1:{bot.port}", slack, http)


@pytest.fixture(autouse=True)
async def nothing_left_running() -> AsyncIterator[None]:
    """After the bot stopped, nothing of it may still run: a leftover would outlive its database."""
    yield
    await asyncio.sleep(0.05)
    left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
    assert not left, f"still running after the bot stopped: {left}"
