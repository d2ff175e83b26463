"""Slack's Web API on 127.0.0.1, answering as Slack does and remembering every call.

Like bolt-python's mock_web_api_server: tests point SLACK_API_URL here, then look at what
the bot asked Slack to do. Failures can be queued per method (429 with Retry-After, 5xx,
Slack errors, a dropped connection) to see the bot retry.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

from tests.local_server import LocalServer

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
BOT_USER = "UKAIZENBOT"
BOT_ID = "BKAIZEN"
WAIT = 15.0


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str


@dataclass
class Failure:
    status: int = 200
    error: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False
    after_taking: bool = False
    """Slack takes the message, then the answer is lost (the connection drops)."""


_CHAOS = (
    Failure(500, "internal_error"),
    Failure(429, "ratelimited", {"Retry-After": "1"}),
    Failure(503, "service_unavailable"),
)


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: dict[str, list[Failure]] = {}
        self.names: dict[str, str] = {}
        self.zones: dict[str, str] = {}
        self.locales: dict[str, str] = {}
        """users.info's `locale` (only asked with include_locale=true, as Slack does)."""
        self.chaos = 0
        """Fail the first `chaos` attempts of every distinct call: 500, 429, 500, ..."""
        self.delay = 0.0
        """Seconds each chat.postMessage answer takes (the message is taken at once)."""
        self._attempts: dict[str, int] = {}
        self.taken: list[Call] = []
        """Every call Slack answered with success (the failed attempts are in `calls` only)."""
        self.messages: list[dict[str, Any]] = []
        """Every message Slack took, with its channel, ts, thread_ts and metadata."""
        self.refusing: dict[str, str] = {}
        """Channels that turn the bot away, and the error Slack gives: every post there is
        refused, and the bot cannot join (a private channel it was never invited to)."""
        self.members: dict[str, list[str]] = {}
        """Channel members, listed two at a page so the bot has to follow the cursor."""
        self.installs: dict[str, str] = {}
        """OAuth codes Slack handed out (an installer clicked Allow), and the workspace of each:
        oauth.v2.access trades one, once, for that workspace's bot token."""
        self.rotating_seconds: int | None = None
        """With token rotation on: how long each bot token is good for; oauth.v2.access
        then also gives a refresh token, which trades (once) for the next pair."""
        self._refreshable: dict[str, str] = {}
        self._rotations = itertools.count(1)
        self.socket_envelopes: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.socket_acks: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._ts = itertools.count(1)
        self._changed = asyncio.Condition()
        self._server = LocalServer()
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_get("/socket", self._socket)
        self.port = await self._server.serve(app)

    async def stop(self) -> None:
        await self._server.close()

    def fail(self, method: str, *failures: Failure) -> None:
        self.failures.setdefault(method, []).extend(failures)

    def of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    async def wait_for(self, method: str, count: int = 1) -> list[Call]:
        """The first `count` calls of `method`, waiting (up to WAIT seconds) for them."""
        return await self._wait(self.calls, method, count, "Slack saw")

    async def wait_for_taken(self, method: str, count: int = 1) -> list[Call]:
        """The first `count` calls of `method` that succeeded, waiting for them."""
        return await self._wait(self.taken, method, count, "Slack took")

    async def _wait(self, calls: list[Call], method: str, count: int, seen_as: str) -> list[Call]:
        def of_method() -> list[Call]:
            return [call for call in calls if call.method == method]

        try:
            async with asyncio.timeout(WAIT), self._changed:
                await self._changed.wait_for(lambda: len(of_method()) >= count)
            return of_method()[:count]
        except TimeoutError:
            seen = [(c.method, _short(c.args)) for c in calls]
            raise AssertionError(f"waited for {count} {method} call(s); {seen_as} {seen}") from None

    async def calls_after(
        self, index: int, ignore: tuple[str, ...] = ("users.info", "auth.test")
    ) -> list[Call]:
        """Wait (up to WAIT seconds) for a call after the first `index` calls, and return them."""

        def new() -> list[Call]:
            return [c for c in self.calls[index:] if c.method not in ignore]

        try:
            async with asyncio.timeout(WAIT), self._changed:
                await self._changed.wait_for(lambda: bool(new()))
            return new()
        except TimeoutError:
            raise AssertionError(f"no Slack call after the first {index}") from None

    async def settle(self, quiet: float = 0.3) -> None:
        """Wait until no call has arrived for `quiet` seconds."""
        while True:
            before = len(self.calls)
            await asyncio.sleep(quiet)
            if len(self.calls) == before:
                return

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        args = await _arguments(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        refusal = self._refusal(method, args)
        if refusal is not None:
            await self._record(Call(method, args, token))
            return web.json_response({"ok": False, "error": refusal})
        queued = self.failures.get(method) or []
        if self.chaos and not queued:
            key = json.dumps([method, args], sort_keys=True, default=str)
            seen = self._attempts[key] = self._attempts.get(key, 0) + 1
            if seen <= self.chaos:
                queued = [_CHAOS[(seen - 1) % len(_CHAOS)]]
        if queued:
            failure = queued.pop(0)
            await self._record(Call(method, args, token), taken=failure.after_taking)
            if failure.after_taking:
                self._answer(method, args)
            if failure.drop or failure.after_taking:
                assert request.transport is not None
                request.transport.close()
                return web.Response()
            body = {"ok": False, "error": failure.error or "fatal_error"}
            return web.json_response(body, status=failure.status, headers=failure.headers)
        await self._record(Call(method, args, token), taken=True)
        answer = self._answer(method, args)
        if method == "chat.postMessage" and self.delay:
            await asyncio.sleep(self.delay)  # taken at once, answered late
        return web.json_response(answer)

    def _refusal(self, method: str, args: dict[str, Any]) -> str | None:
        error = self.refusing.get(str(args.get("channel", "")))
        if error is None or method not in ("chat.postMessage", "conversations.join"):
            return None
        return error if method == "chat.postMessage" else "method_not_supported_for_channel_type"

    async def _record(self, call: Call, taken: bool = False) -> None:
        """A call made; `taken` when it is the one Slack answered with success."""
        async with self._changed:
            self.calls.append(call)
            if taken:
                self.taken.append(call)
            self._changed.notify_all()

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "oauth.v2.access":
            return self._access(args)
        ts = f"1700000000.{next(self._ts):06d}" if method.startswith("chat.post") else ""
        channel = str(args.get("channel", ""))
        if method == "chat.postMessage":
            self.messages.append(
                {
                    "channel": channel,
                    "ts": ts,
                    "thread_ts": args.get("thread_ts"),
                    "text": args.get("text"),
                    "metadata": _json(args.get("metadata")),
                }
            )
        answers: dict[str, dict[str, Any]] = {
            "auth.test": {
                "url": "https://kaizen-test.slack.com/",
                "team": "Kaizen Test",
                "user": "kaizen",
                "team_id": "T0KAIZEN",
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
            },
            "chat.postMessage": {
                "channel": channel,
                "ts": ts,
                "message": {"text": args.get("text"), "ts": ts},
            },
            "chat.postEphemeral": {"message_ts": ts},
            "chat.update": {"channel": channel, "ts": args.get("ts"), "text": args.get("text")},
            "views.open": {"view": {"id": "V1", **(_json(args.get("view")) or {})}},
            "views.publish": {"view": {"id": "VHOME", **(_json(args.get("view")) or {})}},
            "users.info": {"user": self._user(str(args.get("user")), args.get("include_locale"))},
            "conversations.open": {"channel": {"id": "D" + str(args.get("users", ""))}},
            "chat.delete": {"channel": channel, "ts": args.get("ts")},
            "chat.getPermalink": {
                "channel": channel,
                "permalink": f"https://kaizen-test.slack.com/archives/{channel}/p"
                + str(args.get("message_ts", "")).replace(".", ""),
            },
            "conversations.join": {"channel": {"id": channel}},
            "apps.connections.open": {"url": f"ws://127.0.0.1:{self.port}/socket"},
            "conversations.members": self._page(self.members.get(channel, []), args),
            "conversations.history": self._history(channel, args),
            "conversations.replies": self._replies(channel, str(args.get("ts"))),
            "users.list": self._users_page(args),
        }
        if method not in answers:
            return {"ok": False, "error": "unknown_method"}
        return {"ok": True, **answers[method]}

    def _access(self, args: dict[str, Any]) -> dict[str, Any]:
        """oauth.v2.access as Slack documents it for a bot install (no user token asked),
        and for refreshing a rotating token (grant_type=refresh_token)."""
        if args.get("grant_type") == "refresh_token":
            team = self._refreshable.pop(str(args.get("refresh_token")), None)
            if team is None:
                return {"ok": False, "error": "invalid_refresh_token"}
        else:
            team = self.installs.pop(str(args.get("code")), None)
            if team is None:
                return {"ok": False, "error": "invalid_code"}
        answer = {
            "ok": True,
            "access_token": team_token(team),
            "token_type": "bot",
            "scope": "commands,chat:write",
            "bot_user_id": BOT_USER,
            "app_id": "A0KAIZEN",
            "team": {"name": f"Team {team}", "id": team},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": "U0INSTALLER"},
        }
        if self.rotating_seconds is not None:
            turn = next(self._rotations)
            refresh = f"xoxe-1-{team}-{turn}"
            self._refreshable[refresh] = team
            answer.update(
                access_token=f"xoxe.xoxb-{team}-{turn}",
                refresh_token=refresh,
                expires_in=self.rotating_seconds,
            )
        return answer

    def _history(self, channel: str, args: dict[str, Any]) -> dict[str, Any]:
        """Top-level messages, newest first; metadata only when asked for, as Slack does."""
        found = [m for m in self.messages if m["channel"] == channel and not m["thread_ts"]]
        limit = int(args.get("limit") or 100)
        keep = str(args.get("include_all_metadata")).lower() in ("1", "true")
        return {"messages": [_shown(m, keep) for m in reversed(found)][:limit]}

    def _replies(self, channel: str, root: str) -> dict[str, Any]:
        found = [
            m
            for m in self.messages
            if m["channel"] == channel and root in (m["ts"], m["thread_ts"])
        ]
        return {"messages": [_shown(m, True) for m in found]}

    @staticmethod
    def _page(items: list[Any], args: dict[str, Any], size: int = 2) -> dict[str, Any]:
        start = int(args.get("cursor") or 0)
        rest = start + size < len(items)
        return {
            "members": items[start : start + size],
            "response_metadata": {"next_cursor": str(start + size) if rest else ""},
        }

    def _users_page(self, args: dict[str, Any]) -> dict[str, Any]:
        everyone = sorted({BOT_USER, *self.names, *(m for ms in self.members.values() for m in ms)})
        return self._page([self._user(user) for user in everyone], args, size=3)

    def _user(self, user_id: str, include_locale: Any = None) -> dict[str, Any]:
        name = self.names.get(user_id, user_id.removeprefix("U0").lower())
        user = {
            "id": user_id,
            "name": name,
            "is_bot": user_id == BOT_USER,
            "tz": self.zones.get(user_id, "Europe/Berlin"),
            "profile": {"display_name": name, "real_name": name},
        }
        if str(include_locale).lower() in ("true", "1"):
            user["locale"] = self.locales.get(user_id, "en-US")
        return user

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode: hand envelopes to the bot, collect its acknowledgements."""
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0KAIZEN"}}
        )

        async def send() -> None:
            while True:
                await socket.send_json(await self.socket_envelopes.get())

        sender = asyncio.create_task(send())
        try:
            async for frame in socket:
                if frame.type == WSMsgType.TEXT:
                    await self.socket_acks.put(json.loads(frame.data))
        finally:
            sender.cancel()
        return socket


def team_token(team: str) -> str:
    """The bot token oauth.v2.access gives for a workspace."""
    return f"xoxb-{team}-token"


async def _arguments(request: web.Request) -> dict[str, Any]:
    """Arguments from the query string and the body, whichever way the client sent them."""
    args: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        args.update(body if isinstance(body, dict) else {})
    elif request.content_type == "application/x-www-form-urlencoded":
        args.update(parse_qsl(await request.text()))
    return args


def _shown(message: dict[str, Any], metadata: bool) -> dict[str, Any]:
    shown = {k: v for k, v in message.items() if k != "metadata" and v is not None}
    if metadata and message.get("metadata"):
        shown["metadata"] = message["metadata"]
    return shown


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _short(args: dict[str, Any]) -> str:
    return str(args.get("text") or args.get("channel") or "")[:60]
