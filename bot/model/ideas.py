"""An improvement idea and the stages it moves through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal, Protocol

from bot.model.keys import IdeaKey
from bot.people import Person

ANONYMOUS = "a teammate (anonymous)"
"""How an anonymous author is shown to anyone but themselves: the rule belongs to the idea,
and every place that shows one (cards, the board, reports, exports) applies it from here."""


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
    fix_kind: str | None = None
    """ "containment" (holds the problem now) or "permanent" (removes its cause)."""
    prediction: str | None = None
    """What we expect to see if the countermeasure works: the experiment's hypothesis."""
    measure: str | None = None
    """How we will see it: a number and unit, or an observation."""
    check_at: datetime | None = None
    """When the owner is asked whether the prediction held."""
    checked: str | None = None
    """What the latest check found ("held", "partly", "not"); its story is in `checks`."""
    learning: str | None = None
    """What the latest check that did not hold taught: the next plan starts from it."""
    standard: str | None = None
    """The standard that changed in Act (a checklist, a work instruction, a setting)."""
    spread_from: int | None = None
    """The idea this one is a linked copy of (yokoten: where else could it help?)."""
    impact: str | None = None
    """The impact category once done (safety, quality, delivery, cost, people)."""
    saves_money: float | None = None
    """Hard savings a month, in `pdca.currency`."""
    saves_hours: float | None = None
    """Hours saved a month."""
    impact_note: str | None = None
    """The soft side: what got better that no number shows."""
    owner: Person | None = None
    heard_at: datetime | None = None
    """When someone other than the author first acted on it: no idea goes unanswered."""
    duplicate_of: int | None = None
    """The earlier idea this one was joined with: the same problem gets one thread."""

    @property
    def key(self) -> str:
        """The name of the idea's card, whose thread holds its conversation."""
        return str(IdeaKey(self.number))

    def may_be_answered_by(self, person: Person, guests: frozenset[str]) -> bool:
        return person.id == self.author.id or person.id in guests


@dataclass(frozen=True)
class StageChange:
    """One step in an idea's history: the data behind lead time and cycle time."""

    stage: Stage
    at: datetime
    by: Person | None
    note: str | None = None


class Result(StrEnum):
    """What a check found against the prediction."""

    HELD = "held"
    PARTLY = "partly"
    NOT_HELD = "not"

    @property
    def label(self) -> str:
        return {"held": "held", "partly": "partly held", "not": "did not hold"}[self.value]


@dataclass(frozen=True)
class Check:
    """One look at an experiment: what we expected, what we saw, what we learned."""

    at: datetime
    by: Person
    result: Result
    observed: str | None = None
    learning: str | None = None
    countermeasure: str | None = None
    prediction: str | None = None


IdeaFilter = Literal["mine", "open", "all"]


class IdeaStore(Protocol):
    async def add(self, idea: Idea) -> Idea:
        """Store a new idea and give it the workspace's next number."""
        ...

    async def get(self, workspace: str, number: int) -> Idea | None: ...

    async def find(
        self, workspace: str, which: IdeaFilter, person: Person, limit: int
    ) -> tuple[list[Idea], int]:
        """Ideas by `which` (newest first, at most `limit`) and how many match in all."""
        ...

    async def open_texts(self, workspace: str, limit: int) -> list[tuple[int, str]]:
        """(number, text and root cause) of the newest open ideas, at most `limit`: what
        the duplicate hint compares, without loading whole ideas."""
        ...

    async def save(self, idea: Idea, at: datetime) -> None: ...

    async def waiting(
        self, workspace: str, since: datetime, before: datetime, stage: Stage | None = None
    ) -> list[Idea]:
        """Open ideas that entered `stage` between `since` and `before`; with no stage, ideas
        given between them that nobody but their author has acted on yet and that are still
        new or being clarified."""
        ...

    async def due_checks(self, workspace: str, since: datetime, before: datetime) -> list[Idea]:
        """Ideas in Do whose check date fell between `since` and `before`."""
        ...

    async def add_check(self, idea: Idea, check: Check) -> None: ...

    async def checks(self, workspace: str, number: int) -> list[Check]:
        """The idea's checks, oldest first."""
        ...

    async def withdraw(self, workspace: str, number: int) -> None:
        """Forget the idea and everything hung on it; its number is never given again."""
        ...

    async def spread_of(self, workspace: str, number: int) -> list[tuple[int, str]]:
        """(number, channel) of the linked copies made of idea `number`."""
        ...

    async def count_by_stage(self, workspace: str) -> dict[Stage, int]: ...

    async def log_stage(self, idea: Idea, change: StageChange) -> None: ...

    async def history(self, workspace: str, number: int) -> list[StageChange]: ...
