"""One process, one port: every chat surface's routes, the board, /healthz, /readyz and
/metrics."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Protocol

from aiohttp import web

from adapters.board.access import BoardAccess, opening
from adapters.board.proxies import Proxies
from adapters.board.routes import BoardRoutes
from adapters.legal import routes as legal_pages
from kaizen.app import App
from kaizen.connections import Connections, GuardedSite
from kaizen.metrics import CONTENT_TYPE, Metrics

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Surface(Protocol):
    name: str

    def routes(self) -> list[web.RouteDef]: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class Server:
    """The aiohttp server; `start` returns once it listens, `stop` undoes it in order."""

    def __init__(
        self,
        app: App,
        surfaces: list[Surface],
        host: str,
        port: int,
        board_token: str | None = None,
    ) -> None:
        self.app = app
        self.surfaces = surfaces
        self.host = host
        self.port = port
        self.board = BoardRoutes(
            app.database,
            app.settings,
            app.engine.clock,
            _board_access(app, surfaces, host, board_token),
        )
        http = app.settings.http
        self.connections = Connections(http.max_connections, http.body_timeout.total_seconds())
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._stopping = False
        self._started = False
        """Set once every surface runs: until then /healthz says "starting" (503)."""
        self.metrics = Metrics()
        for surface in surfaces:
            if (runtime := getattr(surface, "runtime", None)) is not None:
                runtime.observe(self.metrics.meter(surface.name))
        self._surface_of: dict[int, str] = {}
        """Which surface (or the board) each route belongs to, by id of its resource."""

    def web_app(self) -> web.Application:
        web_app = web.Application(
            client_max_size=1024 * 1024,
            middlewares=[self.connections.middleware, self._count, self._refuse_late],
        )
        web_app.router.add_get("/healthz", self._healthz)
        web_app.router.add_get("/readyz", self._readyz)
        web_app.router.add_get("/metrics", self._metrics)
        # /privacy and /terms: open, board or not, in app.yaml's language unless asked
        web_app.router.add_routes(legal_pages(self.app.settings.language))
        self._belongs(web_app.router.add_routes(self.board.routes()), "board")
        for surface in self.surfaces:
            self._belongs(web_app.router.add_routes(surface.routes()), surface.name)
        return web_app

    def _belongs(self, routes: list[web.AbstractRoute], name: str) -> None:
        self._surface_of.update({id(route.resource): name for route in routes if route.resource})

    async def start(self) -> None:
        # aiohttp's keep-alive timer runs from a connection's start and is not put off by
        # data arriving: it is the time a client has to send its request's headers.
        headers = self.app.settings.http.header_timeout.total_seconds()
        self._runner = web.AppRunner(self.web_app(), access_log=None, keepalive_timeout=headers)
        await self._runner.setup()
        self._site = GuardedSite(self._runner, self.host, self.port, self.connections)
        await self._site.start()
        for surface in self.surfaces:
            await surface.start()
        self._started = True
        names = ", ".join(s.name for s in self.surfaces)
        log.info("Kaizen Bot serving %s on http://%s:%d", names, self.host, self.port)

    async def stop(self) -> None:
        """Stop taking requests, let the surfaces finish their turns, then close."""
        self._stopping = True  # requests on open connections get 503 from here on
        self.board.access.throttle.close()  # and board tries waiting their turn, 429 at once
        if self._site is not None:
            await self._site.stop()
        for surface in self.surfaces:
            await surface.stop()
        if self._runner is not None:
            await self._runner.cleanup()

    async def serve_until_stopped(self) -> None:
        """Run until SIGTERM or SIGINT."""
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stopping.set)
        await self.start()
        try:
            await stopping.wait()
        finally:
            await self.stop()

    @web.middleware
    async def _refuse_late(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Once stopping, a request on a connection still open is refused, not taken in: the
        platform retries it elsewhere (or here, after the restart); its load balancer sees
        the 503 on /healthz."""
        if self._stopping:
            return web.json_response(
                {"status": "stopping"},
                status=503,
                headers={"Retry-After": "1", "Connection": "close"},
            )
        return await handler(request)

    @web.middleware
    async def _count(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Count each answer by the surface its route belongs to and its status."""
        surface = self._surface_of.get(id(request.match_info.route.resource), "other")
        status = 500
        try:
            response = await handler(request)
            status = response.status
            return response
        except web.HTTPException as error:
            status = error.status
            raise
        finally:
            self.metrics.requests.labels(surface, str(status)).inc()

    async def _metrics(self, _request: web.Request) -> web.Response:
        """Prometheus' scrape: counters as they are, the database's backlog counted now."""
        names = [s.name for s in self.surfaces]
        await self.metrics.refresh(self.app.database, names, self.app.engine.clock.now())
        return web.Response(body=self.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE})

    async def _readyz(self, _request: web.Request) -> web.Response:
        """Whether to send this instance traffic: every surface started, and the database
        and the inbox answer a query. 503 with a one-line reason otherwise."""
        if not self._started:
            return web.Response(status=503, text="starting: the surfaces have not all started\n")
        try:
            await self.app.database.workspaces()
            async with self.app.database.inbox() as inbox:
                await inbox.waiting()
        except Exception as error:
            reason = " ".join(str(error).split())[:200]
            return web.Response(status=503, text=f"the database does not answer: {reason}\n")
        return web.Response(text="ready\n")

    async def _healthz(self, _request: web.Request) -> web.Response:
        """What a load balancer and a person need to know: can the bot take requests (the
        database can be written), and is anything stuck (requests waiting over a minute,
        posts parked, time-driven work failing)."""
        if not self._started:
            return web.json_response({"status": "starting"}, status=503)
        now = self.app.engine.clock.now()
        try:
            async with self.app.database.reading() as store:
                backlog = await store.outbox.backlog()
            async with self.app.database.inbox() as inbox:
                waiting = await inbox.waiting()
        except Exception as error:
            log.warning("health check: database unreachable: %s", error)
            return web.json_response({"status": "unhealthy", "database": "unreachable"}, status=503)
        problems = await self._cannot_write(now)
        writable = not problems
        runtimes = [r for s in self.surfaces if (r := getattr(s, "runtime", None)) is not None]
        problems += [
            f"{r.surface} requests cannot be stored: {r.intake.failing.error}"
            for r in runtimes
            if r.intake.failing.since is not None
        ]
        if waiting.oldest is not None and now - waiting.oldest > STUCK:
            problems.append(f"requests have waited over {STUCK.seconds} s for their turn")
        if backlog.parked:
            problems.append(f"{backlog.parked} post(s) parked: the platform would not take them")
        schedulers = {
            s.name: scheduler.state()
            for s in self.surfaces
            if (scheduler := getattr(s, "scheduler", None)) is not None
        }
        ticks = {r.surface: r.ticks.state() for r in runtimes}
        problems += [
            f"{name}: time-driven work is failing"
            for name, t in ticks.items()
            if t["failing_since"]
        ]
        problems += [
            f"{name}: the stand-up scheduler is not running"
            for name, state in schedulers.items()
            if state.get("standups") and not state.get("running")
        ]
        return web.json_response(
            {
                "status": "degraded" if problems else "ok",
                "database": "ok" if writable else "read-only",
                "problems": problems,
                "surfaces": [s.name for s in self.surfaces],
                "scheduler": schedulers,
                "ticks": ticks,
                "inbox": {
                    "waiting": waiting.count,
                    "oldest": _iso(waiting.oldest),
                    "oldest_age_s": _age(now, waiting.oldest),
                },
                "outbox": {
                    "pending": backlog.pending,
                    "parked": backlog.parked,
                    "oldest_pending": _iso(backlog.oldest_pending),
                    "oldest_pending_age_s": _age(now, backlog.oldest_pending),
                    "oldest_parked": _iso(backlog.oldest_parked),
                },
            },
            status=200 if writable else 503,
        )

    async def _cannot_write(self, now: datetime) -> list[str]:
        """A real write (this instance's heartbeat): a full disk, read-only files or a
        read-only database show here, not only in the requests that fail."""
        try:
            async with self.app.database.transaction() as store:
                await store.seen(self.app.instance, now)
        except Exception as error:
            log.warning("health check: the database cannot be written: %s", error)
            return [f"the database cannot be written: {str(error)[:200]}"]
        return []


def _board_access(app: App, surfaces: list[Surface], host: str, token: str | None) -> BoardAccess:
    """Who may see the board on this server: a surface with routes serves chat over HTTP
    on the port, and that port is the one a tunnel or proxy forwards."""
    settings = app.settings.board
    over_http = [s.name.capitalize() for s in surfaces if s.routes()]
    opened = opening(token, host, over_http, settings.local_only)
    return BoardAccess(token, opened, Proxies(settings.trusted_proxies))


STUCK = timedelta(minutes=1)
"""A request waiting longer than this for its turn means the bot is not keeping up."""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _age(now: datetime, moment: datetime | None) -> float | None:
    return round((now - moment).total_seconds(), 1) if moment else None
