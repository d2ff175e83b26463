"""The Slack Web API as the engine's outlet: post, reply in thread, ephemeral, update, views.

Failures become `DeliveryError`s the outbox understands: 429 carries Retry-After, 5xx and
network trouble are worth another try, and errors such as `channel_not_found` are not.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.retry import asked, retry_after
from adapters.slack.blocks import home_view, message, modal
from adapters.slack.identity import BotIdentity
from adapters.slack.pacing import Pacer
from bot.actions import OpenForm
from bot.content import Card, Content
from bot.model.messages import Posted
from bot.outlet import DeliveryError
from bot.people import Person, Place

log = logging.getLogger(__name__)

TRANSIENT = frozenset(
    {
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "team_added_to_org",
        "ratelimited",
        "accesslimited",
    }
)
"""Slack errors that may pass if the call is made again. Every other error Slack names (the
channel is gone or archived, posting there is not allowed, the token was revoked, the
blocks are wrong) will come back every time: such a post is parked at once, with its error,
instead of being retried for hours while it holds up its conversation."""
TAG_EVENT = "kaizen_post"
"""Message metadata event type carrying the outbox tag of each post."""
LOOK_BACK = 100
"""How many recent messages are searched for a post whose outcome is in doubt."""
_NOT_THERE = frozenset({"not_in_channel", "channel_not_found", "user_not_in_channel"})
_QUIET: dict[str, Any] = {
    "unfurl_links": False,
    "unfurl_media": False,
    "link_names": False,
    "parse": "none",
}


class SlackOutlet:
    knows_every_member = True
    one_stream = False
    USERS_FRESH = 3600.0

    def __init__(
        self,
        client: AsyncWebClient,
        pacer: Pacer | None = None,
        identity: BotIdentity | None = None,
    ) -> None:
        self._client = client
        self._identity = identity or BotIdentity(client)
        self._direct: dict[str, str] = {}
        self.pacer = pacer or Pacer()
        self._users: dict[str, Person] = {}
        self._users_at = float("-inf")

    async def post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str | None = None,
    ) -> Posted:
        args = {**message(content), **_QUIET}
        if tag is not None:
            args["metadata"] = {"event_type": TAG_EVENT, "event_payload": {"tag": tag}}
        if thread is not None:
            args["thread_ts"] = thread.thread_root
        try:
            async with self.pacer.turn(channel):
                response = await _call(
                    lambda: self._client.chat_postMessage(channel=channel, **args)
                )
        except DeliveryError as error:
            if str(error) != "not_in_channel":
                raise
            await self._join(channel)
            response = await _call(lambda: self._client.chat_postMessage(channel=channel, **args))
        posted_in, ts = str(response["channel"]), str(response["ts"])
        root = thread.thread_root if thread else None
        return Posted(posted_in, ts, root, await self._link(posted_in, ts, root))

    async def _join(self, channel: str) -> None:
        """Join a public channel the bot is not in; a private one must invite it, so the
        error that stays is the one that says what to do (not_in_channel)."""
        try:
            await _call(lambda: self._client.conversations_join(channel=channel))
        except DeliveryError as error:
            raise DeliveryError(
                f"not_in_channel (joining it: {error})",
                retry_after=error.retry_after,
                permanent=error.permanent,
                unsure=False,
            ) from None

    async def find_post(
        self, workspace: str, channel: str, thread: Posted | None, tag: str
    ) -> Posted | None:
        """Look for the tag in the message metadata of the channel's (or thread's) latest
        messages: a post cut off by a crash or a timeout may have arrived all the same."""
        found = await self._tagged(channel, thread, tag)
        if found is None:
            return None
        root = thread.thread_root if thread else None
        return Posted(channel, found, root, await self._link(channel, found, root))

    async def _tagged(self, channel: str, thread: Posted | None, tag: str) -> str | None:
        """The ts of the latest message in the channel (or thread) carrying `tag`."""
        if thread is None:
            call = partial(self._client.conversations_history, channel=channel)
        else:
            call = partial(
                self._client.conversations_replies, channel=channel, ts=thread.thread_root
            )
        page = await _call(partial(call, limit=LOOK_BACK, include_all_metadata=True))
        for found in page.get("messages") or []:
            metadata = found.get("metadata") or {}
            if (metadata.get("event_payload") or {}).get("tag") == tag:
                return str(found["ts"])
        return None

    async def _link(self, channel: str, ts: str, root: str | None) -> str | None:
        """The message's permalink, built from the workspace's URL (asked for once)."""
        try:
            url = str((await self._identity.get(attempts=1)).get("url") or "")
        except (SlackApiError, SlackRequestError, aiohttp.ClientError, TimeoutError) as error:
            log.info("no link for this message: auth.test failed (%s)", error)
            return None
        if not url:
            return None
        link = f"{url.rstrip('/')}/archives/{channel}/p{ts.replace('.', '')}"
        return f"{link}?thread_ts={root}&cid={channel}" if root else link

    async def private(
        self,
        workspace: str,
        person: Person,
        place: Place,
        content: Content,
        tag: str | None = None,
    ) -> None:
        """An ephemeral message where the person is; their DM with the bot when that fails.
        Only the DM carries `tag`: Slack keeps no metadata on ephemeral messages."""
        args = message(content)
        if _ephemeral(place):
            thread: dict[str, Any] = {"thread_ts": place.thread} if place.thread else {}
            try:
                async with self.pacer.turn(place.channel):
                    await _call(
                        lambda: self._client.chat_postEphemeral(
                            channel=place.channel, user=person.id, **args, **thread
                        )
                    )
                return
            except DeliveryError as error:
                if str(error) not in _NOT_THERE:
                    raise
                log.info(
                    "ephemeral to %s in %s failed (%s); sending a DM",
                    person.id,
                    place.channel,
                    error,
                )
        if tag is not None:
            args["metadata"] = {"event_type": TAG_EVENT, "event_payload": {"tag": tag}}
        direct = await self._direct_of(person, place)
        await _call(lambda: self._client.chat_postMessage(channel=direct, **args, **_QUIET))

    async def find_private(
        self, workspace: str, person: Person, place: Place, tag: str
    ) -> bool | None:
        """A DM is looked for in the DM's latest messages; an ephemeral message cannot be
        looked up at all (Slack lists none), so whether it arrived is unknown."""
        if _ephemeral(place):
            return None
        return await self._tagged(await self._direct_of(person, place), None, tag) is not None

    async def _direct_of(self, person: Person, place: Place) -> str:
        if place.direct and place.channel:
            return place.channel
        return await self._direct_channel(person)

    async def update(self, workspace: str, posted: Posted, content: Content) -> None:
        args = {**message(content), "link_names": False, "parse": "none"}
        await _call(
            lambda: self._client.chat_update(channel=posted.channel, ts=posted.message_id, **args)
        )

    async def delete(self, workspace: str, posted: Posted) -> None:
        await _call(lambda: self._client.chat_delete(channel=posted.channel, ts=posted.message_id))

    async def show_home(self, workspace: str, person: Person, content: Card) -> None:
        await _call(lambda: self._client.views_publish(user_id=person.id, view=home_view(content)))

    async def open_form(self, workspace: str, action: OpenForm) -> None:
        raw = action.trigger.raw if isinstance(action.trigger.raw, dict) else {}
        trigger = raw.get("trigger_id")
        if not trigger:
            raise DeliveryError("no trigger_id to open a modal with", permanent=True)
        view = modal(action.form, action.place)
        await _call(lambda: self._client.views_open(trigger_id=trigger, view=view))

    async def members(self, workspace: str, channel: str) -> list[Person]:
        """conversations.members, page by page; bots and deactivated accounts left out.
        Each page is asked again here as `asked` says (a listing of many pages does not
        start over because one page failed once); the courier asks once."""
        ids: list[str] = []
        cursor = ""
        while True:
            page = await _read(
                partial(
                    self._client.conversations_members,
                    channel=channel,
                    limit=500,
                    cursor=cursor or None,
                )
            )
            ids += [str(member) for member in page.get("members") or []]
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or ""
            if not cursor:
                break
        people = await self._people()
        return [people[i] for i in ids if i in people]

    async def _people(self) -> dict[str, Person]:
        """Everyone in the workspace from users.list (a few pages), kept for an hour."""
        if time.monotonic() - self._users_at < self.USERS_FRESH:
            return self._users
        users: dict[str, Person] = {}
        cursor = ""
        while True:
            page = await _read(partial(self._client.users_list, limit=500, cursor=cursor or None))
            for user in page.get("members") or []:
                if user.get("is_bot") or user.get("deleted") or user.get("id") == "USLACKBOT":
                    continue
                profile = user.get("profile") or {}
                name = profile.get("display_name") or user.get("name") or user["id"]
                users[str(user["id"])] = Person(str(user["id"]), str(name), user.get("tz"))
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or ""
            if not cursor:
                break
        self._users, self._users_at = users, time.monotonic()
        return users

    async def _direct_channel(self, person: Person) -> str:
        if person.id not in self._direct:
            response = await _call(lambda: self._client.conversations_open(users=person.id))
            self._direct[person.id] = str(response["channel"]["id"])
        return self._direct[person.id]


def _ephemeral(place: Place) -> bool:
    """A private answer in a channel is ephemeral; one in a DM (or nowhere) is a DM."""
    return bool(place.channel) and not place.direct


async def _read(request: Callable[[], Awaitable[Any]]) -> Any:
    """A read (one page of a listing): asked again in place as `asked` says."""
    return await asked(partial(_call, request))


async def _call(request: Callable[[], Awaitable[Any]]) -> Any:
    """One Web API call, its failure translated for the outbox."""
    try:
        return await request()
    except SlackApiError as error:
        response = error.response
        code = str(response.get("error") or f"http_{response.status_code}")
        if response.status_code == 429:
            wait = retry_after(response.headers)
            raise DeliveryError("ratelimited", retry_after=wait) from None
        if response.status_code >= 500:
            raise DeliveryError(f"slack answered {response.status_code}", unsure=True) from None
        raise DeliveryError(code, permanent=code not in TRANSIENT) from None
    except (TimeoutError, aiohttp.ClientError, SlackRequestError, OSError) as error:
        raise DeliveryError(f"network: {error!r}", unsure=True) from None
