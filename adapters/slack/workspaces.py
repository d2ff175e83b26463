"""The Slack outlet and look-ups of an app installed in several workspaces.

Each workspace gets its own `SlackOutlet` and `Lookups` over its own client, so what they
remember (direct-message channels, the member list, the workspace's URL, names) stays in
that workspace; the token is the installation's as of each call.
"""

from __future__ import annotations

from adapters.slack.app import Lookups
from adapters.slack.identity import BotIdentity
from adapters.slack.installations import Uninstalled, WorkspaceClients
from adapters.slack.outlet import SlackOutlet
from adapters.slack.pacing import Pacer
from bot.actions import OpenForm
from bot.content import Card, Content
from bot.events import FromPerson
from bot.model.messages import Posted
from bot.people import Person, Place


class WorkspaceOutlet:
    knows_every_member = True
    one_stream = False

    def __init__(self, clients: WorkspaceClients, pacer: Pacer | None = None) -> None:
        self._clients = clients
        self.pacer = pacer or Pacer()
        """One pacer for all: channel ids are Slack-wide, and it paces by channel."""
        self._outlets: dict[str, SlackOutlet] = {}

    async def _of(self, workspace: str) -> SlackOutlet:
        """The workspace's outlet; raises `Uninstalled` (permanent: the post is parked)."""
        try:
            client = await self._clients.client(workspace)
        except Uninstalled:
            self._outlets.pop(workspace, None)
            raise
        outlet = self._outlets.get(workspace)
        if outlet is None:
            outlet = SlackOutlet(client, self.pacer, BotIdentity(client))
            self._outlets[workspace] = outlet
        return outlet

    async def post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str | None = None,
    ) -> Posted:
        return await (await self._of(workspace)).post(workspace, channel, content, thread, tag)

    async def find_post(
        self, workspace: str, channel: str, thread: Posted | None, tag: str
    ) -> Posted | None:
        return await (await self._of(workspace)).find_post(workspace, channel, thread, tag)

    async def private(
        self,
        workspace: str,
        person: Person,
        place: Place,
        content: Content,
        tag: str | None = None,
    ) -> None:
        await (await self._of(workspace)).private(workspace, person, place, content, tag)

    async def find_private(
        self, workspace: str, person: Person, place: Place, tag: str
    ) -> bool | None:
        return await (await self._of(workspace)).find_private(workspace, person, place, tag)

    async def update(self, workspace: str, posted: Posted, content: Content) -> None:
        await (await self._of(workspace)).update(workspace, posted, content)

    async def delete(self, workspace: str, posted: Posted) -> None:
        await (await self._of(workspace)).delete(workspace, posted)

    async def show_home(self, workspace: str, person: Person, content: Card) -> None:
        await (await self._of(workspace)).show_home(workspace, person, content)

    async def open_form(self, workspace: str, action: OpenForm) -> None:
        await (await self._of(workspace)).open_form(workspace, action)

    async def members(self, workspace: str, channel: str) -> list[Person]:
        return await (await self._of(workspace)).members(workspace, channel)


class WorkspaceLookups:
    """`Lookups` (names, timezones, a reaction's link) asked of the event's own workspace."""

    def __init__(self, clients: WorkspaceClients) -> None:
        self._clients = clients
        self._lookups: dict[str, Lookups] = {}

    async def prepare(self, event: FromPerson) -> FromPerson:
        try:
            client = await self._clients.client(event.workspace)
        except Uninstalled:
            return event  # its answers will be parked; the turn still runs on what it says
        lookups = self._lookups.get(event.workspace)
        if lookups is None:
            lookups = self._lookups[event.workspace] = Lookups(client)
        return await lookups.prepare(event)
