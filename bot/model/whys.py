"""The stored state of a 5-Whys dialogue, so a restart between two answers loses nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from bot.people import Person


class DialogueState(StrEnum):
    ASKING = "asking"
    """Waiting for the answer to the current why."""
    COUNTERMEASURE = "countermeasure"
    """Root cause found; waiting for the countermeasure."""
    CLOSED = "closed"


@dataclass
class Dialogue:
    """The dialogue of one idea: which why is open, when it was asked, what coaching it had."""

    workspace: str
    idea_number: int
    depth: int
    asked_at: datetime
    state: DialogueState = DialogueState.ASKING
    position: int = 1
    reminded: bool = False
    coached: int = 0
    offered: bool = False
    """The last answer was offered as the root cause: a "yes" now takes it."""
    private: bool = False
    """Moved out of the thread (a fear was said): every question goes to the author alone."""
    pending: tuple[str, ...] = ()
    """What waits on the person's next reply: ("hypothesis", guess) to be checked, or
    ("branches", cause, cause, ...) to pick one from."""
    remind_at: datetime | None = None
    """Paused until then (the person went to see); one reminder then."""

    @property
    def is_open(self) -> bool:
        return self.state is not DialogueState.CLOSED


@dataclass
class Why:
    """Why #position: the question asked and, once given, its answer."""

    position: int
    question: str
    asked_at: datetime
    answer: str | None = None
    answered_by: Person | None = None
    answered_at: datetime | None = None


class DialogueStore(Protocol):
    async def add(self, dialogue: Dialogue) -> None: ...

    async def get(self, workspace: str, number: int) -> Dialogue | None: ...

    async def save(self, dialogue: Dialogue) -> None: ...

    async def latest_open(self, workspace: str, person: Person) -> Dialogue | None:
        """The open dialogue `person` may answer that asked its question last."""
        ...

    async def waiting_since(
        self, workspace: str, before: datetime, now: datetime | None = None
    ) -> list[Dialogue]:
        """Dialogues whose question was asked before `before` (or whose pause ended by
        `now`), unanswered and not reminded."""
        ...

    async def whys(self, workspace: str, number: int) -> list[Why]: ...

    async def save_why(self, workspace: str, number: int, why: Why) -> None: ...

    async def drop_whys_after(self, workspace: str, number: int, position: int) -> None:
        """Forget the whys asked after `position` (an answer was taken back)."""
        ...

    async def add_guests(self, workspace: str, number: int, people: list[Person]) -> None: ...

    async def guests(self, workspace: str, number: int) -> frozenset[str]: ...
