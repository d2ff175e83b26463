"""Kudos: who thanked whom, for what, and which of the team's values it showed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal, Protocol

from bot.model.keys import KudosKey
from bot.people import Person


class Source(StrEnum):
    COMMAND = "command"
    """Given with /kudos."""
    REACTION = "reaction"
    """Given by reacting to someone's message with the kudos emoji."""
    IDEA = "idea"
    """Given by the bot when an idea is done."""


@dataclass
class Kudos:
    """One recognition post. `local_day` is the giver's own date: it is what the limit counts."""

    workspace: str
    giver: Person
    receivers: tuple[Person, ...]
    reason: str
    channel: str
    given_at: datetime
    local_day: str
    source: Source = Source.COMMAND
    value: str | None = None
    idea_number: int | None = None
    reaction: str | None = None
    """For reaction kudos: "channel/message/emoji", to find it again when the emoji is removed."""
    id: int = 0

    @property
    def key(self) -> str:
        return str(KudosKey(self.id))


@dataclass(frozen=True)
class Standing:
    """A line of the leaderboard."""

    person: Person
    count: int


@dataclass(frozen=True)
class Breadth:
    """How widely recognition spread over a period."""

    kudos: int
    givers: int
    receivers: tuple[Person, ...]


class KudosStore(Protocol):
    async def add(self, kudos: Kudos) -> Kudos:
        """Store kudos and give it its id."""
        ...

    async def given_on(self, workspace: str, giver: str, local_day: str) -> int:
        """How many receivers `giver` recognised on their `local_day` (withdrawn ones aside)."""
        ...

    async def by_reaction(self, workspace: str, giver: str, reaction: str) -> Kudos | None: ...

    async def withdraw(self, workspace: str, kudos_id: int, at: datetime) -> None: ...

    async def top(
        self,
        workspace: str,
        since: datetime | None,
        role: Literal["receivers", "givers"],
        hidden: frozenset[str],
        limit: int,
    ) -> list[Standing]: ...

    async def breadth(self, workspace: str, since: datetime, until: datetime) -> Breadth: ...

    async def claim_roundup(self, workspace: str, week: str, at: datetime) -> bool:
        """True for the one caller that may post this week's round-up."""
        ...


class PeopleStore(Protocol):
    async def hidden(self, workspace: str) -> frozenset[str]:
        """People who opted out of leaderboards."""
        ...

    async def set_hidden(self, workspace: str, person: Person, hidden: bool) -> None: ...

    async def names(self, workspace: str) -> frozenset[str]:
        """The display names of the workspace's members as the platform listed them."""
        ...

    async def locales(self, workspace: str, ids: Sequence[str]) -> dict[str, str]:
        """The locales last seen of these people (those known), by id."""
        ...

    async def set_locale(self, workspace: str, person: Person) -> None:
        """Remember `person.locale`, for what the bot sends them when they did not ask."""
        ...

    async def set_members(
        self, workspace: str, channel: str, people: Sequence[Person], at: datetime
    ) -> None:
        """The channel's members as the platform listed them just now (bots left out)."""
        ...
