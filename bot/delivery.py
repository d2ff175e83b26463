"""Delivering actions to a chat surface, and remembering where keyed messages landed."""

from __future__ import annotations

import logging
from typing import Protocol

from bot.actions import Action, OpenForm, Post, PrivateReply, Reply, Update
from bot.content import Content
from bot.people import Person, Place
from bot.store import Database, Posted

log = logging.getLogger(__name__)


class Outlet(Protocol):
    """The sending side of a chat surface; adapters implement it."""

    async def post(
        self, workspace: str, channel: str, content: Content, thread: Posted | None
    ) -> Posted:
        """Post in a channel, or in the thread of `thread` when given."""
        ...

    async def private(
        self, workspace: str, person: Person, place: Place, content: Content
    ) -> None: ...

    async def update(self, workspace: str, posted: Posted, content: Content) -> None: ...

    async def open_form(self, workspace: str, action: OpenForm) -> None: ...


class Courier:
    """Hands actions to an outlet in order, resolving keys to the platform's messages."""

    def __init__(self, database: Database, outlet: Outlet) -> None:
        self._database = database
        self._outlet = outlet

    async def deliver(self, workspace: str, actions: list[Action]) -> None:
        for action in actions:
            await self._deliver_one(workspace, action)

    async def _deliver_one(self, workspace: str, action: Action) -> None:
        match action:
            case Post(channel=channel, content=content, key=key):
                posted = await self._outlet.post(workspace, channel, content, None)
                await self._remember(workspace, key, posted)
            case Reply(thread=thread, content=content, key=key):
                parent = await self._find(workspace, thread)
                if parent is None:
                    log.warning("no message %r in %s to reply to; reply dropped", thread, workspace)
                    return
                posted = await self._outlet.post(workspace, parent.channel, content, parent)
                await self._remember(workspace, key, posted)
            case PrivateReply(person=person, place=place, content=content):
                await self._outlet.private(workspace, person, place, content)
            case Update(key=key, content=content):
                target = await self._find(workspace, key)
                if target is None:
                    log.warning("no message %r in %s to update", key, workspace)
                    return
                await self._outlet.update(workspace, target, content)
            case OpenForm():
                await self._outlet.open_form(workspace, action)

    async def _find(self, workspace: str, key: str) -> Posted | None:
        async with self._database.transaction() as store:
            return await store.messages.find(workspace, key)

    async def _remember(self, workspace: str, key: str | None, posted: Posted) -> None:
        if key is None:
            return
        async with self._database.transaction() as store:
            await store.messages.remember(workspace, key, posted)
