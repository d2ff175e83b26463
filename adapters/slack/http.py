"""The Events API route: signature first (401), then shape (400), then Bolt.

Only Slack's certificate check (`ssl_check=1`) comes before the signature: it does no work,
and Bolt answers it 200 ahead of its own verification too (its `SslCheck` middleware).

Bolt checks signatures too, but it reads a body's fields before any middleware of ours runs,
so a signed body with a string where Slack sends an object would end as a 500. Both checks
run here, in that order: a forged request learns nothing about what shape we expect.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from collections.abc import Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_bolt.request.internals import parse_body

from adapters.busy import busy
from adapters.slack import shapes

log = logging.getLogger(__name__)
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
STALE = 5 * 60
"""Seconds a signed request stays good: older ones may be replays."""


class EventsRoute:
    def __init__(
        self, bolt: AsyncApp, signing_secret: str, overloaded: Callable[[], bool] = lambda: False
    ) -> None:
        self._bolt = bolt
        self._secret = signing_secret.encode()
        self._overloaded = overloaded

    async def handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        if _ssl_check(raw, request.content_type):
            return web.Response(status=200, text="")
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not self._signed(raw, timestamp, signature):
            log.warning("refused a Slack request with a bad or stale signature")
            return web.Response(status=401, text="invalid signature")
        try:
            body = raw.decode("utf-8")
            fields = parse_body(body, request.content_type)
        except (ValueError, RecursionError):  # not UTF-8, not JSON, nested past all reason
            body, fields = "", None
        problem = "not a Slack payload" if not isinstance(fields, dict) else shapes.problem(fields)
        if problem:
            log.warning("refused a malformed Slack request: %s", problem)
            return web.Response(status=400, text=f"malformed request: {problem}")
        if self._overloaded():
            return busy("Slack")
        bolt_request = AsyncBoltRequest(
            body=body, query=request.query_string, headers=dict(request.headers)
        )
        return await to_aiohttp_response(await self._bolt.async_dispatch(bolt_request))

    def _signed(self, raw: bytes, timestamp: str, signature: str) -> bool:
        """Slack's v0 signature over the bytes as they came (the SDK's verifier wants text
        and an integer timestamp, and raises on anything else)."""
        if not _TIMESTAMP.fullmatch(timestamp) or abs(time.time() - int(timestamp)) > STALE:
            return False
        base = b"v0:" + timestamp.encode() + b":" + raw
        expected = "v0=" + hmac.new(self._secret, base, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def _ssl_check(raw: bytes, content_type: str) -> bool:
    """Slack checking our certificate (a form with `ssl_check=1`), read as Bolt reads it."""
    if b"ssl_check" not in raw:
        return False
    try:
        fields = parse_body(raw.decode("utf-8"), content_type)
    except (ValueError, RecursionError):
        return False
    return isinstance(fields, dict) and fields.get("ssl_check") == "1"
