"""A running Kaizen Bot serving Teams, a local connector, and a local token authority."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import aiohttp
import pytest

from bot.clock import SystemClock
from bot.settings import Settings
from kaizen.app import open_app
from kaizen.server import Server
from kaizen.teams import TeamsCredentials, TeamsSurface
from tests.processes import free_port
from tests.teams.conversation import TENANT, TeamsChat
from tests.teams.fake_connector import FakeConnector, TokenAuthority

APP_ID = "5d3f1a2b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    fake = FakeConnector()
    await fake.start()
    yield fake
    await fake.stop()
    assert not fake.oversized, f"activities over Teams' 40 KB: {[c.path for c in fake.oversized]}"


@pytest.fixture(scope="session")
def authority() -> Iterator[TokenAuthority]:
    signer = TokenAuthority()
    yield signer
    signer.stop()


@pytest.fixture
def teams_settings() -> Settings:
    return Settings(admins=("29:1carol clark",))


async def _serve(
    database_url: str, settings: Settings, credentials: TeamsCredentials
) -> tuple[Server, TeamsSurface, object]:
    app = await open_app(settings, database_url, SystemClock(), migrate=False)
    surface = TeamsSurface(app, credentials)
    surface.runtime.courier.idle = 0.1
    server = Server(app, [surface], "127.0.0.1", free_port())
    await server.start()
    return server, surface, app


@pytest.fixture
async def teams(
    database_url: str, connector: FakeConnector, teams_settings: Settings
) -> AsyncIterator[tuple[TeamsChat, TeamsSurface]]:
    """The local, unauthenticated mode (TEAMS_ALLOW_UNAUTHENTICATED=1, no app id)."""
    server, surface, app = await _serve(database_url, teams_settings, TeamsCredentials(""))
    async with aiohttp.ClientSession() as http:
        yield TeamsChat(f"http://127.0.0.1:{server.port}", connector, http), surface
    await server.stop()
    await app.close()  # type: ignore[attr-defined]


TeamsWith = Callable[[Settings], Awaitable[tuple[TeamsChat, TeamsSurface]]]


@pytest.fixture
async def teams_in(database_url: str, connector: FakeConnector) -> AsyncIterator[TeamsWith]:
    """The local mode with settings of the test's own (an ideas channel, say)."""
    running: list[tuple[Server, object]] = []
    async with aiohttp.ClientSession() as http:

        async def start(settings: Settings) -> tuple[TeamsChat, TeamsSurface]:
            server, surface, app = await _serve(database_url, settings, TeamsCredentials(""))
            running.append((server, app))
            return TeamsChat(f"http://127.0.0.1:{server.port}", connector, http), surface

        yield start
        for server, app in running:
            await server.stop()
            await app.close()  # type: ignore[attr-defined]


@pytest.fixture
async def secured(
    database_url: str, connector: FakeConnector, authority: TokenAuthority
) -> AsyncIterator[TeamsChat]:
    """An app id is configured: tokens are checked against the local metadata."""
    credentials = TeamsCredentials(
        APP_ID,
        TENANT,
        {"CLIENTID": APP_ID, "CLIENTSECRET": "not-a-real-secret", "TENANTID": TENANT},
        (authority.metadata_url,),
    )
    server, _, app = await _serve(database_url, Settings(), credentials)
    async with aiohttp.ClientSession() as http:
        yield TeamsChat(f"http://127.0.0.1:{server.port}", connector, http, authority, APP_ID)
    await server.stop()
    await app.close()  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
async def nothing_left_running() -> AsyncIterator[None]:
    yield
    await asyncio.sleep(0.05)
    left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
    assert not left, f"still running after the bot stopped: {left}"
