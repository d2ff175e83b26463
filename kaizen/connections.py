"""Connections to the one port: none may hold a place there without sending a request.

A client that opens a connection and then sends its headers slowly, or never, or its body
slowly, costs an open file for as long as it likes; at the open-file limit nothing gets
in any more: not Slack, not Teams, not /healthz. So:
- a request's headers must arrive within `header_timeout` of the connection opening, or of
  the previous answer on a kept-alive connection (aiohttp's keep-alive timer, which it
  arms from the start of a connection and which data arriving does not put off);
- its body within `body_timeout` of its headers (408 otherwise);
- at most `most` connections are open, below the open-file limit; when all are taken, the
  one that has waited longest without a request under way is closed to make room, so a
  whole request always gets in, however many half-sent ones hold the port;
- what was closed is said in one log line at most every LOG_EVERY seconds.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import cast

from aiohttp import web

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

RESERVED_FILES = 100
"""Open files kept for everything but incoming connections: the database, the calls out to
Slack and Teams, logs."""
LOG_EVERY = 10.0


def raise_open_file_limit() -> int:
    """Raise this process's soft open-file limit to its hard limit (as Go and nginx do);
    the limit in force after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError) as error:
            log.info("could not raise the open-file limit from %d: %s", soft, error)
    return int(soft) if soft != resource.RLIM_INFINITY else 1 << 20


class Connections:
    """The open connections, those waiting for a request oldest first."""

    def __init__(self, most: int, body_timeout: float, open_files: int | None = None) -> None:
        files = open_files if open_files is not None else raise_open_file_limit()
        self.most = max(8, min(most, files - RESERVED_FILES))
        self.body_timeout = body_timeout
        self.open_files = files
        self._waiting: dict[_Watched, None] = {}
        """Open connections with no request under way, in the order they began waiting."""
        self._by_transport: dict[asyncio.BaseTransport, _Watched] = {}
        self._closed: Counter[str] = Counter()
        self._logged_at = 0.0
        if self.most < most:
            log.warning(
                "serving at most %d connections at once: the open-file limit is %d "
                "(raise it with LimitNOFILE= or ulimit -n)",
                self.most,
                files,
            )

    @property
    def count(self) -> int:
        return len(self._by_transport)

    def protocol_factory(
        self, make: Callable[[], asyncio.Protocol]
    ) -> Callable[[], asyncio.Protocol]:
        return lambda: _Watched(make(), self)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """A request under way keeps its connection from being closed to make room; its
        body must arrive within `body_timeout`."""
        transport = request.transport
        watched = self._by_transport.get(transport) if transport is not None else None
        if watched is not None:
            watched.busy += 1
            self._waiting.pop(watched, None)
        try:
            if request.can_read_body:
                try:
                    async with asyncio.timeout(self.body_timeout):
                        await request.read()
                except TimeoutError:
                    self._note("sent its body too slowly")
                    return web.Response(status=408, text="body too slow", headers=_CLOSE)
            return await handler(request)
        finally:
            if watched is not None:
                watched.busy -= 1
                if not watched.busy and watched.transport is not None:
                    self._waiting[watched] = None

    def _opened(self, watched: _Watched) -> bool:
        """Room for a new connection (closing the longest waiting one if need be)."""
        if len(self._by_transport) >= self.most:
            oldest = next(iter(self._waiting), None)
            if oldest is None:
                self._note("was refused: every connection has a request under way")
                return False
            self._waiting.pop(oldest)
            oldest.close()
            self._note("waited longest without a whole request and was closed to make room")
        assert watched.transport is not None
        self._by_transport[watched.transport] = watched
        self._waiting[watched] = None
        return True

    def _lost(self, watched: _Watched) -> None:
        self._waiting.pop(watched, None)
        if watched.transport is not None:
            self._by_transport.pop(watched.transport, None)

    def _note(self, what: str) -> None:
        """Counted, and said once every LOG_EVERY seconds: never a flood of lines."""
        self._closed[what] += 1
        now = time.monotonic()
        if now - self._logged_at >= LOG_EVERY:
            self._logged_at = now
            said = "; ".join(f"{n} {what}" for what, n in self._closed.items())
            log.warning(
                "connections: %s (at most %d open; %d open now)", said, self.most, self.count
            )
            self._closed.clear()


_CLOSE = {"Connection": "close"}
_REFUSED = (
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
    b"Content-Length: 0\r\n\r\n"
)


class _Watched(asyncio.Protocol):
    """aiohttp's protocol for one connection, watched: everything is passed on to it."""

    def __init__(self, inner: asyncio.Protocol, connections: Connections) -> None:
        self.inner = inner
        self.connections = connections
        self.transport: asyncio.BaseTransport | None = None
        self.busy = 0
        self._refused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        if not self.connections._opened(self):
            self._refused = True
            cast(asyncio.Transport, transport).write(_REFUSED)
            transport.close()
            return
        self.inner.connection_made(transport)

    def close(self) -> None:
        if self.transport is not None:
            cast(asyncio.Transport, self.transport).abort()

    def connection_lost(self, exc: Exception | None) -> None:
        self.connections._lost(self)
        if not self._refused:
            self.inner.connection_lost(exc)
        self.transport = None

    def data_received(self, data: bytes) -> None:
        if not self._refused:
            self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return None if self._refused else self.inner.eof_received()

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()


class GuardedSite(web.TCPSite):
    """aiohttp's TCPSite, with each connection watched by `connections`."""

    def __init__(
        self, runner: web.BaseRunner, host: str, port: int, connections: Connections
    ) -> None:
        super().__init__(runner, host, port)
        self.connections = connections

    async def start(self) -> None:
        await web.BaseSite.start(self)
        server = self._runner.server
        assert server is not None
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            self.connections.protocol_factory(server),
            self._host,
            self._port,
            backlog=self._backlog,
            reuse_address=self._reuse_address,
            reuse_port=self._reuse_port,
        )
