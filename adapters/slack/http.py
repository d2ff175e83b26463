"""The Events API route: signature first (401), then shape (400), then Bolt.

Bolt checks signatures too, but it reads a body's fields before any middleware of ours runs,
so a signed body with a string where Slack sends an object would end as a 500. Both checks
run here, in that order: a forged request learns nothing about what shape we expect.
"""

from __future__ import annotations

import logging

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_bolt.request.internals import parse_body
from slack_sdk.signature import SignatureVerifier

from adapters.slack.inbound import malformed

log = logging.getLogger(__name__)


class EventsRoute:
    def __init__(self, bolt: AsyncApp, signing_secret: str) -> None:
        self._bolt = bolt
        self._verifier = SignatureVerifier(signing_secret)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.text()
        timestamp = request.headers.get("X-Slack-Request-Timestamp")
        signature = request.headers.get("X-Slack-Signature")
        if not self._verifier.is_valid(body, timestamp, signature):
            log.warning("refused a Slack request with a bad or stale signature")
            return web.Response(status=401, text="invalid signature")
        try:
            fields = parse_body(body, request.content_type)
        except ValueError:
            fields = None
        problem = "not a Slack payload" if not isinstance(fields, dict) else malformed(fields)
        if problem:
            log.warning("refused a malformed Slack request: %s", problem)
            return web.Response(status=400, text=f"malformed request: {problem}")
        bolt_request = AsyncBoltRequest(
            body=body, query=request.query_string, headers=dict(request.headers)
        )
        return await to_aiohttp_response(await self._bolt.async_dispatch(bolt_request))
