"""One aiohttp app on a free port of 127.0.0.1: what every stand-in for a platform's API
(Slack's Web API, the Teams connector, a model server) is served from."""

from __future__ import annotations

from aiohttp import web


class LocalServer:
    """Serves an app on 127.0.0.1; `port` is known once `serve` returns."""

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def serve(self, app: web.Application) -> int:
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.port

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
