"""An improvement idea and the stages it moves through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.people import Person


class Stage(StrEnum):
    """Where an idea is: clarified with 5 Whys, then Plan-Do-Check-Act, then done (or dropped)."""

    NEW = "new"
    CLARIFYING = "clarifying"
    PLAN = "plan"
    DO = "do"
    CHECK = "check"
    ACT = "act"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_open(self) -> bool:
        return self not in (Stage.DONE, Stage.DROPPED)

    def next(self) -> Stage | None:
        """The stage after this one on the way to done; None at the end of the road."""
        order = list(Stage)[: list(Stage).index(Stage.DONE) + 1]
        if self not in order or self is Stage.DONE:
            return None
        return order[order.index(self) + 1]


class Path(StrEnum):
    """Operational improvements and strategic initiatives run at different rhythms."""

    OPERATIONAL = "operational"
    STRATEGIC = "strategic"


@dataclass
class Idea:
    """One idea. `number` is per workspace and never reused; 0 until the store assigns it."""

    workspace: str
    text: str
    author: Person
    channel: str
    created_at: datetime
    stage_at: datetime
    number: int = 0
    stage: Stage = Stage.NEW
    proposal: str | None = None
    category: str | None = None
    path: Path = Path.OPERATIONAL
    goal: str | None = None
    anonymous: bool = False
    credit_author: bool = False
    """An anonymous author's wish to be named when the idea is done and thanked."""
    root_cause: str | None = None
    countermeasure: str | None = None
    owner: Person | None = None
    heard_at: datetime | None = None
    """When someone other than the author first acted on it: no idea goes unanswered."""
    duplicate_of: int | None = None
    """The earlier idea this one was joined with: the same problem gets one thread."""

    @property
    def key(self) -> str:
        """The name of the idea's card, whose thread holds its conversation."""
        return f"idea:{self.number}"

    def may_be_answered_by(self, person: Person, guests: frozenset[str]) -> bool:
        return person.id == self.author.id or person.id in guests


@dataclass(frozen=True)
class StageChange:
    """One step in an idea's history: the data behind lead time and cycle time."""

    stage: Stage
    at: datetime
    by: Person | None
    note: str | None = None
