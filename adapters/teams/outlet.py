"""Teams as the engine's outlet: every post is proactive, through a stored reference.

References are captured from every activity (and on install), so stand-up prompts,
reminders and thanks can be posted without a person's message to answer. Private answers go
to the person's personal chat, which the bot opens when it has none yet.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any
from urllib.parse import quote, urlencode

from aiohttp import ClientError
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import (
    Activity,
    ChannelAccount,
    ConversationParameters,
    ConversationReference,
)

from adapters.retry import asked, retry_after
from adapters.teams.activities import form_message, message
from bot.actions import OpenForm
from bot.clock import Clock
from bot.content import Card, Content
from bot.model.keys import ConversationKey, parse_key
from bot.model.messages import Posted
from bot.outlet import DeliveryError
from bot.people import Person, Place
from bot.store import Database

log = logging.getLogger(__name__)
_PERMANENT = (400, 401, 403, 404)


SERVICE = "service"
"""The latest reference of a workspace: its service URL reaches any channel of its teams."""


def conversation_key(channel: str) -> str:
    return str(ConversationKey(channel))


def person_key(person_id: str) -> str:
    return f"person:{person_id}"


class TeamsOutlet:
    knows_every_member = True
    one_stream = False

    def __init__(
        self, adapter: CloudAdapter, database: Database, app_id: str, clock: Clock
    ) -> None:
        self._adapter = adapter
        self._database = database
        self._app_id = app_id
        self._clock = clock

    async def post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str | None = None,
    ) -> Posted:
        reference = await self._reference(workspace, conversation_key(channel))
        in_channel = (reference.get("conversation") or {}).get("conversationType") == "channel"
        conversation = channel
        if thread is not None and in_channel:  # a reply in the card's reply chain
            conversation = f"{channel};messageid={thread.thread_root}"
        sent = await self._send(reference, conversation, message(content))
        root = thread.thread_root if thread and in_channel else None
        return Posted(channel, sent, root, _link(reference, channel, sent, root, in_channel))

    async def find_post(
        self, workspace: str, channel: str, thread: Posted | None, tag: str
    ) -> Posted | None:
        """The Bot Framework connector cannot list a conversation's messages, so a send cut
        off by a crash or a timeout is sent again (rare, and only ever once more)."""
        return None

    async def private(
        self,
        workspace: str,
        person: Person,
        place: Place,
        content: Content,
        tag: str | None = None,
    ) -> None:
        await self._to_person(workspace, person, place, message(content))

    async def find_private(
        self, workspace: str, person: Person, place: Place, tag: str
    ) -> bool | None:
        """The connector lists no messages: whether an earlier send arrived is unknown."""
        return None

    async def update(self, workspace: str, posted: Posted, content: Content) -> None:
        reference = await self._reference(workspace, conversation_key(posted.channel))
        activity = {**message(content), "id": posted.message_id}

        async def edit(turn: TurnContext) -> None:
            await _connector(turn).conversations.update_activity(
                posted.channel, posted.message_id, Activity().deserialize(activity)
            )

        await self._continue(reference, posted.channel, edit)

    async def delete(self, workspace: str, posted: Posted) -> None:
        reference = await self._reference(workspace, conversation_key(posted.channel))

        async def remove(turn: TurnContext) -> None:
            await _connector(turn).conversations.delete_activity(posted.channel, posted.message_id)

        await self._continue(reference, posted.channel, remove)

    async def show_home(self, workspace: str, person: Person, content: Card) -> None:
        await self._to_person(workspace, person, Place(""), message(content))

    async def open_form(self, workspace: str, action: OpenForm) -> None:
        """Forms are Adaptive Cards in the person's personal chat; they remember where they came
        from, so what they create lands where the person asked."""
        activity = form_message(action.form)
        origin = {"origin": action.place.channel, "origin_thread": action.place.thread or ""}
        for attachment in activity["attachments"]:
            for submit in attachment["content"].get("actions", []):
                submit["data"].update(origin)
        await self._to_person(workspace, action.person, action.place, activity)

    async def members(self, workspace: str, channel: str) -> list[Person]:
        """The channel's roster, page by page. A failure is asked again here, as `asked`
        says, from the page that failed (the pages before it are kept); the courier asks
        once."""
        reference = await self._reference(workspace, conversation_key(channel))
        people: list[Person] = []
        token: str | None = None

        async def page_through(turn: TurnContext) -> None:
            nonlocal token
            while True:
                page = await _connector(turn).conversations.get_conversation_paged_members(
                    channel, 500, token
                )
                people.extend(Person(m.id, m.name or m.id) for m in page.members or [])
                token = page.continuation_token
                if not token:
                    return

        await asked(partial(self._continue, reference, channel, page_through))
        return people

    async def _to_person(
        self, workspace: str, person: Person, place: Place, activity: dict[str, Any]
    ) -> None:
        key = person_key(person.id)
        reference = await self._find(workspace, key)
        if reference is None:
            reference = await self._open_personal_chat(workspace, person, place)
        conversation = str((reference.get("conversation") or {}).get("id"))
        await self._send(reference, conversation, activity)

    async def _open_personal_chat(
        self, workspace: str, person: Person, place: Place
    ) -> dict[str, Any]:
        """A 1:1 chat with the person, opened through the service the workspace talks to."""
        known = await self._find(workspace, conversation_key(place.channel))
        known = known or await self._find(workspace, SERVICE)  # any channel of its teams
        if known is None:
            raise DeliveryError(f"no way to reach {person.name} privately yet", permanent=True)
        parameters = ConversationParameters(
            is_group=False,
            bot=ChannelAccount().deserialize(known.get("bot") or {}),
            members=[ChannelAccount(id=person.id, name=person.name)],
            tenant_id=workspace,
            channel_data={"tenant": {"id": workspace}},
        )
        opened: list[dict[str, Any]] = []

        async def capture(turn: TurnContext) -> None:
            opened.append(TurnContext.get_conversation_reference(turn.activity).serialize())

        try:
            await self._adapter.create_conversation(
                self._app_id,
                capture,
                parameters,
                known.get("channelId") or "msteams",
                known.get("serviceUrl"),
            )
        except Exception as error:
            raise _failure(error) from None
        reference = {
            **opened[0],
            "conversation": {**opened[0].get("conversation", {}), "conversationType": "personal"},
        }
        async with self._database.transaction() as store:
            await store.references.remember(
                workspace, person_key(person.id), reference, self._clock.now()
            )
        return reference

    async def _send(
        self, reference: dict[str, Any], conversation: str, activity: dict[str, Any]
    ) -> str:
        sent: list[str] = []

        async def send(turn: TurnContext) -> None:
            outgoing = Activity().deserialize(activity)
            reference = TurnContext.get_conversation_reference(turn.activity)
            outgoing = TurnContext.apply_conversation_reference(outgoing, reference)
            outgoing.reply_to_id = None  # a new message (or one in a reply chain), not a reply
            response = await _connector(turn).conversations.send_to_conversation(
                conversation, outgoing
            )
            sent.append(response.id if response and response.id else "")

        await self._continue(reference, conversation, send)
        return sent[0] if sent else ""

    async def _continue(
        self,
        reference: dict[str, Any],
        conversation: str,
        work: Callable[[TurnContext], Awaitable[None]],
    ) -> None:
        target = ConversationReference().deserialize(
            {
                **reference,
                "conversation": {**(reference.get("conversation") or {}), "id": conversation},
            }
        )
        try:
            await self._adapter.continue_conversation(target, work, self._app_id)
        except DeliveryError:
            raise
        except Exception as error:
            raise _failure(error) from None

    async def _reference(self, workspace: str, key: str) -> dict[str, Any]:
        """The conversation's own reference; for a channel nobody has written in yet, one
        built from the workspace's service (a stand-up channel the bot was installed in)."""
        reference = await self._find(workspace, key)
        if reference is not None:
            return reference
        service = await self._find(workspace, SERVICE)
        named = parse_key(key)
        channel = named.channel if isinstance(named, ConversationKey) else key
        if service is None or named is None or "@thread" not in channel:
            raise DeliveryError(f"the bot has not been added to {channel} yet", permanent=True)
        conversation = {
            "id": channel,
            "conversationType": "channel",
            "isGroup": True,
            "tenantId": workspace,
        }
        return {**service, "conversation": conversation, "activityId": None}

    async def _find(self, workspace: str, key: str) -> dict[str, Any] | None:
        async with self._database.transaction() as store:
            return await store.references.find(workspace, key)


def _link(
    reference: dict[str, Any], channel: str, message_id: str, root: str | None, in_channel: bool
) -> str | None:
    """A Teams deep link that opens the message (in its channel's reply chain, or its chat)."""
    if not message_id:
        return None
    base = f"https://teams.microsoft.com/l/message/{quote(channel, safe='')}/{message_id}"
    if not in_channel:
        return f"{base}?{urlencode({'context': json.dumps({'contextType': 'chat'})})}"
    tenant = (reference.get("conversation") or {}).get("tenantId") or ""
    return f"{base}?{urlencode({'tenantId': tenant, 'parentMessageId': root or message_id})}"


def _connector(turn: TurnContext) -> Any:
    """The connector client botbuilder made for this turn (it carries the outgoing token)."""
    return turn.turn_state[turn.adapter.BOT_CONNECTOR_CLIENT_KEY]


def _failure(error: Exception) -> DeliveryError:
    """A connector failure as the outbox understands it."""
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    if isinstance(status, int):
        if status == 429:
            wait = retry_after(getattr(response, "headers", None))
            return DeliveryError("throttled", retry_after=wait)
        if status in _PERMANENT:
            return DeliveryError(f"Teams answered {status}: {error}", permanent=True)
        return DeliveryError(f"Teams answered {status}", unsure=status >= 500)
    if isinstance(error, ClientError | TimeoutError | OSError):
        return DeliveryError(f"network: {error!r}", unsure=True)
    return DeliveryError(f"{type(error).__name__}: {error}", unsure=True)
