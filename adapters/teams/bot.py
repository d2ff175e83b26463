"""The Teams side of `/api/messages`: check the token, translate, store, answer.

The HTTP answer waits for the activity to be stored in the inbox, not for its turn: replies
go out proactively through the outbox (on the Agents SDK's adapter), so a slow turn never
makes Teams retry, and an activity that cannot be stored is answered 503, so Teams sends it
again. Accepting a message needs no outgoing token either: an Entra outage delays the bot's
answers but loses none of what people said.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from aiohttp import web
from microsoft_agents.activity import AdaptiveCardInvokeResponse

from adapters.busy import busy
from adapters.teams import shapes
from adapters.teams.activities import (
    Activity,
    ActivityError,
    place_of,
    reference_of,
    to_event,
    workspace_of,
)
from adapters.teams.outlet import SERVICE, conversation_key, person_key
from adapters.teams.tokens import Refused, TokenChecker
from bot.clock import Clock
from bot.errors import NotStored, StorageError
from bot.events import FormSubmit
from bot.language.phrases import N_, Phrase
from bot.language.translate import words
from bot.people import Place
from bot.runtime import Runtime
from bot.spoken import ENGLISH, language_of
from bot.store import Database

log = logging.getLogger(__name__)

MESSAGE_ANSWER = "application/vnd.microsoft.activity.message"
GOT_IT = N_("Got it.")
"""What an Action.Execute gets back: a short message Teams shows on the card."""


class TeamsBot:
    """Remember how to reach the conversation, then hand the event to the engine."""

    def __init__(
        self, runtime: Runtime, database: Database, clock: Clock, language: str = ENGLISH
    ) -> None:
        self._runtime = runtime
        self._database = database
        self._clock = clock
        self._language = language
        """The language of people whose Teams names none of ours."""

    async def receive(self, activity: Activity) -> web.Response:
        """Store what the activity says; `StorageError` when it could not be stored."""
        try:
            event = to_event(activity)
        except ActivityError as error:
            return web.Response(status=400, text=f"malformed activity: {error}")
        await self._remember(activity)
        if event is not None:
            if isinstance(event, FormSubmit):
                event = _back_to_origin(event, activity)
            await self._runtime.accept(event)  # stored before Teams hears back
        if activity.get("type") == "invoke":  # Action.Execute wants an answer in the body
            language = language_of(activity.get("locale")) or self._language
            answer = AdaptiveCardInvokeResponse(
                status_code=200, type=MESSAGE_ANSWER, value=words(Phrase(GOT_IT), language)
            )
            body = answer.model_dump(mode="json", by_alias=True, exclude_none=True)
            return web.json_response(body, status=200)
        return web.Response(status=200)

    async def _remember(self, activity: Activity) -> None:
        """Every activity refreshes the reference of its conversation (and of a personal chat)."""
        if not activity.get("serviceUrl") or not (activity.get("conversation") or {}).get("id"):
            return
        workspace, place = workspace_of(activity), place_of(activity)
        reference = reference_of(activity)
        reference["conversation"] = {**reference["conversation"], "id": place.channel}
        async with self._database.transaction(first=True) as store:  # before the ack
            await store.ensure_workspace(workspace, "teams", self._clock.now())
            now = self._clock.now()
            await store.references.remember(
                workspace, conversation_key(place.channel), reference, now
            )
            await store.references.remember(workspace, SERVICE, reference, now)
            personal = (activity.get("conversation") or {}).get("conversationType") == "personal"
            sender = (activity.get("from") or {}).get("id")
            if personal and sender:
                await store.references.remember(
                    workspace, person_key(str(sender)), reference, self._clock.now()
                )


class MessagesRoute:
    """`POST /api/messages`: 401 before anything else without a valid token (when an app id
    is configured), 415/400 for what is not an activity, 503 when it could not be stored."""

    def __init__(
        self,
        bot: TeamsBot,
        tokens: TokenChecker | None,
        overloaded: Callable[[], bool] = lambda: False,
    ) -> None:
        self._bot = bot
        self._tokens = tokens
        self._overloaded = overloaded

    async def handle(self, request: web.Request) -> web.StreamResponse:
        header = request.headers.get("Authorization", "").strip()
        if self._tokens is not None and not header:
            return web.Response(status=401, text="a Bot Framework token is required")
        is_json = "application/json" in request.headers.get("Content-Type", "")
        body: Any = None
        # Not UTF-8, not JSON, or nested past all reason: no body.
        with contextlib.suppress(ValueError, RecursionError):
            body = await request.json() if is_json else None
        # The token is checked before the body's shape, so a caller without a valid one
        # learns nothing about what we expect.
        if self._tokens is not None:
            try:
                await self._tokens.claims(header, body if isinstance(body, dict) else {})
            except Refused as why:
                log.warning("refused a Teams request: %s", why)
                return web.Response(status=401, text="invalid token")
        if not is_json:
            return web.Response(status=415, text="send the activity as application/json")
        if body is None:
            return web.Response(status=400, text="the body is not JSON")
        if not isinstance(body, dict) or not body.get("type"):
            return web.Response(status=400, text="not a Bot Framework activity")
        wrong = shapes.problem(body)
        if wrong:
            log.warning("refused a malformed Teams activity: %s", wrong)
            return web.Response(status=400, text=f"malformed activity: {wrong}")
        if self._overloaded():
            return busy("Teams")
        try:
            return await self._bot.receive(body)
        except (StorageError, NotStored) as error:  # Bot Framework sends it again after a 503
            log.warning("asked Teams to send an activity again: %s", error)
            return web.Response(status=503, text="try again", headers={"Retry-After": "1"})


def _back_to_origin(submit: FormSubmit, activity: Activity) -> FormSubmit:
    """A form filled in the personal chat acts where it was asked for."""
    data = activity.get("value") or {}
    origin = str(data.get("origin") or "")
    if not origin:
        return submit
    values = {k: v for k, v in submit.values.items() if k not in ("origin", "origin_thread")}
    place = Place(origin, str(data.get("origin_thread") or "") or None)
    return replace(submit, place=place, values=values)
