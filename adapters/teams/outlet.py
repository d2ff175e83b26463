"""Teams as the engine's outlet: every post is proactive, through a stored reference.

References are captured from every activity (and on install), so stand-up prompts,
reminders and thanks can be posted without a person's message to answer. Private answers go
to the person's personal chat, which the bot opens when it has none yet. Each call goes
through the Agents SDK's adapter (`continue_conversation`), whose connector client carries
the bot's token from MSAL; every activity is first fitted to Teams' limits.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from aiohttp import ClientError, ClientResponseError
from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ConversationParameters,
    ConversationReference,
)
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AuthenticationConstants,
    ClaimsIdentity,
    TurnContext,
)
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from microsoft_agents.hosting.core.connector.conversations_base import ConversationsBase

from adapters.retry import asked, retry_after
from adapters.teams.activities import form_message, message
from adapters.teams.limits import fit, shortened
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


T = TypeVar("T")
Work = Callable[[ConversationsBase], Awaitable[T]]


class TeamsOutlet:
    knows_every_member = True
    one_stream = False

    def __init__(
        self,
        adapter: CloudAdapter,
        database: Database,
        app_id: str,
        clock: Clock,
        more: Callable[[str], str | None] = lambda _workspace: None,
        speaks: Callable[[str, Person | None], str] = lambda _channel, _person: "en",
    ) -> None:
        self._adapter = adapter
        self._database = database
        self._app_id = app_id
        self._clock = clock
        self._more = more
        """Where a message too long for Teams sends people for the rest (the board)."""
        self._speaks = speaks
        """The language of a channel's posts, or of a person: for the words fitting adds."""

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
        first = ""
        language = self._speaks(channel, None)
        for part in fit(message(content), self._more(workspace), language):
            sent = await self._send(reference, conversation, part)
            first = first or sent
        root = thread.thread_root if thread and in_channel else None
        return Posted(channel, first, root, _link(reference, channel, first, root, in_channel))

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
        """An update cannot become two messages: one too long is shortened instead."""
        reference = await self._reference(workspace, conversation_key(posted.channel))
        language = self._speaks(posted.channel, None)
        activity = shortened(message(content), self._more(workspace), language)
        outgoing = _outgoing(reference, {**activity, "id": posted.message_id})

        async def edit(conversations: ConversationsBase) -> None:
            await conversations.update_activity(posted.channel, posted.message_id, outgoing)

        await self._continue(reference, posted.channel, edit)

    async def delete(self, workspace: str, posted: Posted) -> None:
        reference = await self._reference(workspace, conversation_key(posted.channel))

        async def remove(conversations: ConversationsBase) -> None:
            await conversations.delete_activity(posted.channel, posted.message_id)

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

        async def page_through(conversations: ConversationsBase) -> None:
            nonlocal token
            while True:
                page = await conversations.get_conversation_paged_members(channel, 500, token)
                people.extend(Person(m.id, m.name or m.id) for m in page.members or [])
                token = page.continuation_token
                if not token:
                    return

        async def once() -> None:
            await self._continue(reference, channel, page_through)

        await asked(once)
        return people

    async def _to_person(
        self, workspace: str, person: Person, place: Place, activity: dict[str, Any]
    ) -> None:
        key = person_key(person.id)
        reference = await self._find(workspace, key)
        if reference is None:
            reference = await self._open_personal_chat(workspace, person, place)
        conversation = str((reference.get("conversation") or {}).get("id"))
        language = self._speaks(place.channel, person)
        for part in fit(activity, self._more(workspace), language):
            await self._send(reference, conversation, part)

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
            agent=ChannelAccount.model_validate(known.get("bot") or {}),
            members=[ChannelAccount(id=person.id, name=person.name)],
            tenant_id=workspace,
            channel_data={"tenant": {"id": workspace}},
        )

        async def create(conversations: ConversationsBase) -> str:
            opened = await conversations.create_conversation(parameters)
            if not opened.id:
                raise DeliveryError("Teams opened no personal chat", unsure=True)
            return str(opened.id)

        opened = await self._continue(known, str(known["conversation"]["id"]), create)
        reference = {
            **known,
            "activityId": None,
            "user": {"id": person.id, "name": person.name},
            "conversation": {
                "id": opened,
                "conversationType": "personal",
                "tenantId": workspace,
            },
        }
        async with self._database.transaction() as store:
            await store.references.remember(
                workspace, person_key(person.id), reference, self._clock.now()
            )
        return reference

    async def _send(
        self, reference: dict[str, Any], conversation: str, activity: dict[str, Any]
    ) -> str:
        outgoing = _outgoing(reference, activity)

        async def send(conversations: ConversationsBase) -> str:
            response = await conversations.send_to_conversation(conversation, outgoing)
            return str(response.id or "") if response else ""

        return await self._continue(reference, conversation, send)

    async def _continue(self, reference: dict[str, Any], conversation: str, work: Work[T]) -> T:
        """`work` with the connector the SDK's adapter makes for this conversation (its
        token from MSAL, or none in the local, unauthenticated mode)."""
        target = ConversationReference.model_validate(
            {
                **reference,
                "conversation": {**(reference.get("conversation") or {}), "id": conversation},
            }
        )
        done: list[T] = []

        async def turn(context: TurnContext) -> None:
            connector = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]
            if connector is None:
                raise DeliveryError("the Agents SDK made no connector", unsure=True)
            done.append(await work(connector.conversations))

        try:
            await self._adapter.continue_conversation_with_claims(
                self._identity(),
                target.get_continuation_activity(),
                turn,
                AuthenticationConstants.AGENTS_SDK_SCOPE,
            )
        except DeliveryError:
            raise
        except Exception as error:
            raise _failure(error) from None
        return done[0]

    def _identity(self) -> ClaimsIdentity:
        """The bot itself: its app id fetches a token; none is the local mode (no token)."""
        if not self._app_id:
            return ClaimsIdentity({})
        return self._adapter.create_claims_identity(self._app_id)

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


def _outgoing(reference: dict[str, Any], activity: dict[str, Any]) -> Activity:
    """The activity as the connector wants it: from the bot, to the conversation's people,
    a new message (or one in a reply chain), not a reply to the message that began it."""
    outgoing = Activity.model_validate(activity)
    to = ConversationReference.model_validate({**reference, "activityId": None})
    return outgoing.apply_conversation_reference(to)


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


def _failure(error: Exception) -> DeliveryError:
    """A connector failure as the outbox understands it."""
    if isinstance(error, ClientResponseError):
        status = error.status
        if status == 429:
            return DeliveryError("throttled", retry_after=retry_after(error.headers))
        if status in _PERMANENT:
            return DeliveryError(f"Teams answered {status}: {error.message}", permanent=True)
        return DeliveryError(f"Teams answered {status}", unsure=status >= 500)
    if isinstance(error, ClientError | TimeoutError | OSError):
        return DeliveryError(f"network: {error!r}", unsure=True)
    return DeliveryError(f"{type(error).__name__}: {error}", unsure=True)
