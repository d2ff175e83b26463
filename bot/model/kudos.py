"""Kudos: who thanked whom, for what, and which of the team's values it showed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

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
        return f"kudos:{self.id}"


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
