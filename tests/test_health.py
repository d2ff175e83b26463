"""/healthz: the database, the time-driven work and the outbox, as an operator needs them."""

from __future__ import annotations

from datetime import timedelta

import aiohttp

from bot.clock import FrozenClock, SystemClock
from bot.events import Command
from bot.people import Person, Place
from bot.settings import Settings
from kaizen.app import open_app
from kaizen.server import Server
from tests.conftest import AppOpener
from tests.conversation import RecordingOutlet, RuntimeSurface
from tests.postgres import PostgresServer
from tests.processes import free_port


async def test_healthz_says_when_the_database_is_gone(
    postgres: PostgresServer, postgres_template: str
) -> None:
    name = postgres.create_database(template=postgres_template)
    app = await open_app(Settings(), postgres.url(name), SystemClock(), migrate=False)
    runtime = app.runtime(RecordingOutlet(), "test")
    server = Server(app, [RuntimeSurface(runtime)], "127.0.0.1", free_port())
    await server.start()
    try:
        async with aiohttp.ClientSession() as http:
            url = f"http://127.0.0.1:{server.port}/healthz"
            async with http.get(url) as response:
                healthy = await response.json()
            assert response.status == 200 and healthy["status"] == "ok"
            assert healthy["ticks"] == {
                "test": {"last_round": None, "failing_since": None, "last_error": None}
            }
            assert healthy["problems"] == []
            assert healthy["inbox"] == {"waiting": 0, "oldest": None, "oldest_age_s": None}
            assert healthy["outbox"] == {
                "pending": 0,
                "parked": 0,
                "oldest_pending": None,
                "oldest_pending_age_s": None,
                "oldest_parked": None,
            }

            postgres.drop_database(name)  # the database goes away under the running bot
            async with http.get(url) as response:
                gone = await response.json()
            assert response.status == 503
            assert gone == {"status": "unhealthy", "database": "unreachable"}

            await runtime.tick_round()
            async with http.get(url) as response:
                assert response.status == 503
            assert runtime.ticks.failing_since is not None
            assert runtime.ticks.last_error is not None
    finally:
        await server.stop()
        await app.close()


async def test_healthz_says_degraded_when_a_request_has_waited_over_a_minute(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    """Acked and stored, but not handled: the bot is not keeping up, and /healthz says so
    (a 200 still: it takes requests, and loses none)."""
    app = await open_apps()
    runtime = app.runtime(RecordingOutlet(), "test")
    server = Server(app, [RuntimeSurface(runtime)], "127.0.0.1", free_port())
    await server.start()
    try:
        await runtime.accept(
            Command(
                workspace="T1",
                person=Person("U1", "alice"),
                place=Place("C1"),
                name="kaizen",
                text="The label printer jams every morning",
            )
        )
        clock.advance(timedelta(seconds=90))
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{server.port}/healthz") as response,
        ):
            health = await response.json()
        assert response.status == 200 and health["status"] == "degraded"
        assert health["problems"] == ["requests have waited over 60 s for their turn"]
        assert health["inbox"]["waiting"] == 1 and health["inbox"]["oldest_age_s"] == 90.0
    finally:
        await server.stop()
