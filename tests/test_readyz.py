"""/readyz on a real server: 503 with a reason while a surface is still starting or the
database does not answer, 200 once both are fine; /metrics says the database is down."""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp import web

from bot.clock import SystemClock
from bot.settings import Settings
from kaizen.app import open_app
from kaizen.server import Server
from tests.faults import without_the_inbox
from tests.processes import free_port


class SlowSurface:
    """A surface that takes its time to start (as Socket Mode waits for its connection)."""

    name = "slow"

    def __init__(self) -> None:
        self.go = asyncio.Event()

    def routes(self) -> list[web.RouteDef]:
        return []

    async def start(self) -> None:
        await self.go.wait()

    async def stop(self) -> None:
        pass


async def readyz(http: aiohttp.ClientSession, port: int) -> tuple[int, str]:
    async with http.get(f"http://127.0.0.1:{port}/readyz") as response:
        return response.status, await response.text()


async def test_ready_once_every_surface_started_and_not_while_the_database_is_away(
    database_url: str,
) -> None:
    app = await open_app(Settings(), database_url, SystemClock(), migrate=False)
    surface = SlowSurface()
    server = Server(app, [surface], "127.0.0.1", free_port())
    starting = asyncio.create_task(server.start())
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(100):  # the port listens before the surfaces start
                try:
                    status, text = await readyz(http, server.port)
                    break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.02)
            assert (status, text) == (503, "starting: the surfaces have not all started\n")

            surface.go.set()
            await starting
            assert await readyz(http, server.port) == (200, "ready\n")

            await without_the_inbox(database_url)
            status, text = await readyz(http, server.port)
            assert status == 503
            assert text.startswith("the database does not answer: ")
            assert text.count("\n") == 1 and "inbox" in text
            async with http.get(f"http://127.0.0.1:{server.port}/metrics") as response:
                assert response.status == 200  # the counters still answer; the scrape says why
                assert "kaizen_database_up 0.0" in await response.text()
    finally:
        surface.go.set()
        await starting
        await server.stop()
        await app.close()
