"""The Teams side of `/api/messages`: botbuilder authenticates, we translate and store.

The HTTP answer waits for the activity to be stored in the inbox, not for its turn: replies
go out proactively through the outbox, so a slow turn never makes Teams retry, and an
activity that cannot be stored is answered 503, so Teams sends it again.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes, InvokeResponse
from msrest.serialization import Model

from adapters.busy import busy
from adapters.teams import shapes
from adapters.teams.activities import (
    Activity as ActivityJson,
)
from adapters.teams.activities import (
    ActivityError,
    place_of,
    reference_of,
    to_event,
    workspace_of,
)
from adapters.teams.outlet import SERVICE, conversation_key, person_key
from bot.clock import Clock
from bot.errors import NotStored, StorageError
from bot.events import FormSubmit
from bot.people import Place
from bot.runtime import Runtime
from bot.store import Database

log = logging.getLogger(__name__)


class TeamsBot:
    """botbuilder's `Bot`: remember how to reach the conversation, then let the engine work."""

    def __init__(self, runtime: Runtime, database: Database, clock: Clock) -> None:
        self._runtime = runtime
        self._database = database
        self._clock = clock

    async def on_turn(self, turn: TurnContext, activity: ActivityJson) -> None:
        """Handle an authenticated activity; `activity` is its JSON as it arrived (botbuilder's
        model drops fields Teams sends, such as the mentions in `entities`)."""
        try:
            event = to_event(activity)
        except ActivityError as error:
            raise web.HTTPBadRequest(text=f"malformed activity: {error}") from None
        try:
            await self._remember(activity)
            if event is not None:
                if isinstance(event, FormSubmit):
                    event = _back_to_origin(event, activity)
                await self._runtime.accept(event)  # stored before Teams hears back
        except StorageError as error:
            raise NotStored(f"the activity could not be stored: {error}") from error
        if activity.get("type") == ActivityTypes.invoke:  # Action.Execute wants an answer
            answer = _ExecuteAnswer(status_code=200, type=MESSAGE_ANSWER, value="Got it.")
            await turn.send_activity(
                Activity(
                    type=ActivityTypes.invoke_response,
                    value=InvokeResponse(status=200, body=answer),
                )
            )

    async def _remember(self, activity: ActivityJson) -> None:
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


MESSAGE_ANSWER = "application/vnd.microsoft.activity.message"


class _ExecuteAnswer(Model):
    """The body Teams expects back for an Action.Execute: a short message."""

    _attribute_map = {  # noqa: RUF012 (msrest's declaration)
        "status_code": {"key": "statusCode", "type": "int"},
        "type": {"key": "type", "type": "str"},
        "value": {"key": "value", "type": "str"},
    }

    def __init__(self, *, status_code: int, type: str, value: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.status_code, self.type, self.value = status_code, type, value


class MessagesRoute:
    """`POST /api/messages`: JSON or 400; a bad token is botbuilder's 401."""

    def __init__(
        self,
        adapter: CloudAdapter,
        bot: TeamsBot,
        checks_tokens: bool,
        overloaded: Callable[[], bool] = lambda: False,
    ) -> None:
        self._adapter = adapter
        self._bot = bot
        self._checks_tokens = checks_tokens
        self._overloaded = overloaded

    async def handle(self, request: web.Request) -> web.StreamResponse:
        header = request.headers.get("Authorization", "").strip()
        if self._checks_tokens and not header:
            return web.Response(status=401, text="a Bot Framework token is required")
        is_json = "application/json" in request.headers.get("Content-Type", "")
        body: Any = None
        # Not UTF-8, not JSON, or nested past all reason: no body.
        with contextlib.suppress(ValueError, RecursionError):
            body = await request.json() if is_json else None
        # The token is checked before the body's shape, so a caller without a valid one
        # learns nothing about what we expect.
        if self._checks_tokens and not await self._authentic(header, body):
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
        turn = _Turn(self._bot, body)
        try:
            response = await self._adapter.process(request, turn)
        except web.HTTPException:
            raise
        except NotStored as error:  # Bot Framework sends it again after a 503
            log.warning("asked Teams to send an activity again: %s", error)
            return web.Response(status=503, text="try again", headers={"Retry-After": "1"})
        except Exception as error:
            if turn.started:
                raise
            # botbuilder lets some bad tokens through as decode errors, not PermissionError
            log.warning("refused a Teams request: its token does not check out (%s)", error)
            return web.Response(status=401, text="invalid token")
        return response if response is not None else web.Response(status=200)

    async def _authentic(self, header: str, body: Any) -> bool:
        """Whether the token is Microsoft's, for this bot and this activity's service URL.
        botbuilder checks it again for a well-formed activity; this is the check for all."""
        fields = body if isinstance(body, dict) else {}
        claimed = Activity(
            channel_id=_text_or_none(fields.get("channelId")),
            service_url=_text_or_none(fields.get("serviceUrl")),
        )
        try:
            await self._adapter.bot_framework_authentication.authenticate_request(claimed, header)
        except Exception as error:
            log.warning("refused a Teams request: its token does not check out (%s)", error)
            return False
        return True


class _Turn:
    """The `Bot` botbuilder calls for one request, carrying the request's own JSON."""

    def __init__(self, bot: TeamsBot, activity: ActivityJson) -> None:
        self._bot = bot
        self._activity = activity
        self.started = False
        """Set once authentication passed and the turn began."""

    async def on_turn(self, turn: TurnContext) -> None:
        self.started = True
        await self._bot.on_turn(turn, self._activity)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _back_to_origin(submit: FormSubmit, activity: ActivityJson) -> FormSubmit:
    """A form filled in the personal chat acts where it was asked for."""
    data = activity.get("value") or {}
    origin = str(data.get("origin") or "")
    if not origin:
        return submit
    values = {k: v for k, v in submit.values.items() if k not in ("origin", "origin_thread")}
    place = Place(origin, str(data.get("origin_thread") or "") or None)
    return replace(submit, place=place, values=values)
