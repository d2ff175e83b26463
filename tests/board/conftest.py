"""A board served the way `kaizen run` serves it, over ideas seeded through the chat."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import pytest

from bot.clock import FrozenClock
from bot.settings import Channels, Settings
from kaizen.server import Server
from tests.conftest import AppOpener, ChatFactory
from tests.processes import free_port

TOKEN = "board-token-for-tests"
SETTINGS = Settings(strategic_goals=("Zero lost-time accidents",), channels=Channels())
BoardServer = Callable[[str | None], Awaitable[Server]]


async def seed(new_chat: ChatFactory, clock: FrozenClock) -> None:
    """Ideas in several stages, channels and both paths, a kudos, over three weeks."""
    ops = await new_chat(SETTINGS)
    await ops.say("kaizen The label printer jams every morning")
    clock.advance(timedelta(days=2))
    await ops.say("kaizen move 1 do")
    await ops.say("kaizen take 1")
    await ops.say("kaizen Forklift batteries run flat before the shift ends")
    clock.advance(timedelta(days=5))
    await ops.say("kaizen move 2 done A checklist step now covers it")
    ops.as_("bob")
    await ops.say("kaizen <b>Bold</b> idea: ship orders on the same day <script>x()</script>")
    await ops.say("kaizen strategic 3 zero lost-time")
    await ops.say(
        "/kudos @alice for fixing the label printer rollers #teamwork", mentions=("alice",)
    )
    clock.advance(timedelta(days=7))
    quality = await new_chat(SETTINGS, channel="C-quality")
    await quality.say("kaizen Scrap bins overflow before the weekly pickup")
    await quality.say("kaizen move 4 done A checklist step now covers it")
    clock.advance(timedelta(hours=3))


@pytest.fixture
async def board(
    new_chat: ChatFactory, clock: FrozenClock, open_apps: AppOpener
) -> AsyncIterator[BoardServer]:
    servers: list[Server] = []
    await seed(new_chat, clock)

    async def serve(token: str | None) -> Server:
        app = await open_apps(SETTINGS)
        server = Server(app, [], "127.0.0.1", free_port(), board_token=token)
        await server.start()
        servers.append(server)
        return server

    yield serve
    for server in servers:
        await server.stop()
