"""An advisor model's server on 127.0.0.1, speaking OpenAI's chat-completions wire format.

Tests point `five_whys.advisor.url` here (`settings_for`), then read what the bot sent
(`requests`, `answers`) and tell the stand-in how to answer the next requests: well, with a
reading of their choice; slowly (past the advisor's timeout); with HTTP 500; with content
that is not JSON; or with JSON outside the reading's schema. No code of ours is patched.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from datetime import timedelta
from typing import Any, Literal

from aiohttp import web

from bot.settings import Advisor, Settings
from tests.local_server import LocalServer

Manner = Literal["well", "slowly", "broken", "malformed", "off_schema"]
GOOD_READING: dict[str, Any] = {
    "kind": "step",
    "follows": True,
    "repeat_of": None,
    "branches": [],
    "question": "What makes the labels curl in the heat?",
}
LONGEST_STALL = 30.0
"""Seconds a slow answer waits at most (it is let go at once when the stand-in stops)."""


class AdvisorStandIn:
    """Answers `POST /v1/chat/completions` as told, and keeps every request body."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.keys: list[str] = []
        """The Authorization header of each request."""
        self.manner: Manner = "well"
        self.reading: dict[str, Any] = dict(GOOD_READING)
        self._ids = itertools.count(1)
        self._released = asyncio.Event()
        self._changed = asyncio.Condition()
        self._server = LocalServer()
        self.port = 0

    @property
    def url(self) -> str:
        """The base address, as app.yaml gives it: the client adds /chat/completions."""
        return f"http://127.0.0.1:{self.port}/v1"

    def answer(self, manner: Manner, reading: dict[str, Any] | None = None) -> AdvisorStandIn:
        """How to answer from now on; "slowly" holds each answer until `release` (or stop)."""
        self.manner = manner
        if reading is not None:
            self.reading = reading
        return self

    def release(self) -> None:
        """Let the held answers go, well (with the reading) from now on."""
        self.manner = "well"
        self._released.set()

    async def asked(self, count: int = 1, within: float = 10.0) -> None:
        """Wait until `count` requests have come in."""
        async with asyncio.timeout(within), self._changed:
            await self._changed.wait_for(lambda: len(self.requests) >= count)

    def sent(self) -> list[str]:
        """The text of every message the bot sent, all requests together."""
        return [m["content"] for body in self.requests for m in body.get("messages", [])]

    def cases(self) -> list[dict[str, Any]]:
        """The case each request asked about: its user message, read back from JSON."""
        return [
            json.loads(m["content"])
            for body in self.requests
            for m in body.get("messages", [])
            if m.get("role") == "user"
        ]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._complete)
        self.port = await self._server.serve(app)

    async def stop(self) -> None:
        self._released.set()
        await self._server.close()

    async def _complete(self, request: web.Request) -> web.Response:
        body = await request.json()
        async with self._changed:
            self.requests.append(body)
            self.keys.append(request.headers.get("Authorization", ""))
            self._changed.notify_all()
        if self.manner == "slowly":
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._released.wait(), LONGEST_STALL)
        if self.manner == "broken":
            error = {"error": {"message": "the model crashed", "type": "server_error"}}
            return web.json_response(error, status=500)
        content = {
            "malformed": '{"kind": "step", "follows": tru',
            "off_schema": json.dumps({"kind": "a banana", "follows": "perhaps"}),
        }.get(self.manner, json.dumps(self.reading, ensure_ascii=False))
        return web.json_response(self._completion(str(body.get("model", "")), content))

    def _completion(self, model: str, content: str) -> dict[str, Any]:
        return {
            "id": f"chatcmpl-{next(self._ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 200, "completion_tokens": 40, "total_tokens": 240},
        }


def advisor_settings(
    stand_in: AdvisorStandIn, *, seconds: float = 1.0, send_names: bool = False
) -> Advisor:
    return Advisor(
        kind="openai",
        url=stand_in.url,
        model="stand-in",
        timeout=timedelta(seconds=seconds),
        send_names=send_names,
    )


def settings_for(
    stand_in: AdvisorStandIn,
    *,
    seconds: float = 1.0,
    send_names: bool = False,
    settings: Settings | None = None,
) -> Settings:
    """`settings` (the defaults if None) with five_whys.advisor pointing at the stand-in."""
    base = settings or Settings()
    advisor = advisor_settings(stand_in, seconds=seconds, send_names=send_names)
    return base.model_copy(
        update={"five_whys": base.five_whys.model_copy(update={"advisor": advisor})}
    )
