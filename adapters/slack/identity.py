"""Who the bot is in its workspace: auth.test, asked until Slack answers, then kept.

Bolt's single-team authorization calls auth.test on the first request and answers the
person with an error when that one call fails, losing their command. Here a failure is
tried again briefly (the ack must leave within 3 s), and the start of `kaizen run` warms
the answer up in the background, so a Slack hiccup costs nobody their idea.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.retry import retry_after

log = logging.getLogger(__name__)

_FAILURES = (SlackApiError, SlackRequestError, aiohttp.ClientError, TimeoutError, OSError)
_FINAL = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
)


class BotIdentity:
    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client
        self._answer: dict[str, Any] | None = None
        self._lock = asyncio.Lock()

    @property
    def known(self) -> dict[str, Any] | None:
        return self._answer

    async def get(self, attempts: int = 4, first_wait: float = 0.2) -> dict[str, Any]:
        """auth.test's answer; raises the last failure when every attempt failed."""
        async with self._lock:
            wait = first_wait
            for attempt in range(1, attempts + 1):
                if self._answer is not None:
                    return self._answer
                try:
                    self._answer = dict((await self._client.auth_test()).data)  # type: ignore[arg-type]
                except _FAILURES as error:
                    if attempt == attempts or _final(error):
                        raise
                    log.info("auth.test failed (%s); asking again in %.1fs", error, wait)
                    await asyncio.sleep(_retry_after(error) or wait)
                    wait *= 2
            assert self._answer is not None
            return self._answer

    async def warm(self) -> None:
        """Ask in the background until Slack answers (or says the token is no good)."""
        wait = 1.0
        while self._answer is None:
            try:
                await self.get(attempts=1)
            except _FAILURES as error:
                if _final(error):
                    log.error("Slack refused the bot token: %s", error)
                    return
                await asyncio.sleep(_retry_after(error) or wait)
                wait = min(wait * 2, 60.0)

    def authorizer(self) -> Callable[..., Awaitable[AuthorizeResult]]:
        """Bolt's `authorize` (Bolt passes arguments by the names a function declares)."""

        async def authorize(team_id: str | None = None) -> AuthorizeResult:
            answer = await self.get()
            return AuthorizeResult.from_auth_test_response(
                bot_token=self._client.token, auth_test_response=_Response(answer)
            )

        return authorize


class _Response(dict[str, Any]):
    """auth.test's answer in the shape `from_auth_test_response` reads (`.get`)."""


def _final(error: Exception) -> bool:
    response = getattr(error, "response", None)
    return response is not None and str(response.get("error")) in _FINAL


def _retry_after(error: Exception) -> float | None:
    """How long a 429 asked to wait; None for any other failure (then the backoff)."""
    response = getattr(error, "response", None)
    if response is None or getattr(response, "status_code", 0) != 429:
        return None
    return retry_after(response.headers)
