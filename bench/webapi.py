"""A Slack Web API stand-in on 127.0.0.1 for benchmarks: answers at once, counts calls.

It answers what the bot and a bare Bolt app call (auth.test, users.info, chat.postMessage,
chat.postEphemeral, chat.update, conversations.*), and can enforce Slack's pace: about one
post per second per channel, with a workspace-wide burst limit, answered with 429 and
Retry-After like Slack.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from typing import Any

from aiohttp import web


class WebApi:
    def __init__(self, per_channel: float | None = None, burst: int | None = None) -> None:
        self.per_channel = per_channel
        self.burst = burst
        self.calls: Counter[str] = Counter()
        self.refused = 0
        self.last_post_at = 0.0
        self.posted_channels: list[str] = []
        self.posts: list[tuple[str, str, str]] = []
        """(channel, ts, text) of each post taken."""
        self._ts = itertools.count(1)
        self._channel_at: dict[str, float] = {}
        self._window: list[float] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    def prompts(self) -> int:
        """Channels that got at least one post."""
        return len(set(self.posted_channels))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls[method] += 1
        args: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            args.update(await request.json())
        elif request.can_read_body:
            args.update(await request.post())
        if method == "chat.postMessage":
            wait = self._pace(str(args.get("channel", "")))
            if wait:
                self.refused += 1
                return web.json_response(
                    {"ok": False, "error": "ratelimited"},
                    status=429,
                    headers={"Retry-After": str(max(1, round(wait)))},
                )
            self.last_post_at = time.monotonic()
            self.posted_channels.append(str(args.get("channel", "")))
            answer = self._answer(method, args)
            self.posts.append((str(args.get("channel", "")), answer["ts"], str(args.get("text"))))
            return web.json_response({"ok": True, **answer})
        return web.json_response({"ok": True, **self._answer(method, args)})

    def _pace(self, channel: str) -> float:
        """Seconds the caller must wait, or 0 when the post may go now."""
        now = time.monotonic()
        if self.burst is not None:
            self._window = [t for t in self._window if now - t < 1.0]
            if len(self._window) >= self.burst:
                return 1.0 - (now - self._window[0])
        if self.per_channel is not None:
            since = now - self._channel_at.get(channel, -1e9)
            if since < self.per_channel:
                return self.per_channel - since
            self._channel_at[channel] = now
        if self.burst is not None:
            self._window.append(now)
        return 0.0

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        ts = f"1700000000.{next(self._ts):06d}"
        answers: dict[str, dict[str, Any]] = {
            "auth.test": {
                "url": "https://bench.slack.com/",
                "team_id": "T0BENCH",
                "user_id": "UBOT",
                "bot_id": "BBOT",
            },
            "users.info": {"user": {"id": args.get("user"), "name": "someone", "tz": "UTC"}},
            "chat.postMessage": {"channel": channel, "ts": ts},
            "chat.postEphemeral": {"message_ts": ts},
            "chat.update": {"channel": channel, "ts": args.get("ts")},
            "conversations.members": {"members": [], "response_metadata": {"next_cursor": ""}},
            "users.list": {"members": [], "response_metadata": {"next_cursor": ""}},
            "conversations.history": {"messages": []},
            "conversations.replies": {"messages": []},
        }
        return answers.get(method, {})
