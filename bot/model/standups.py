"""A stand-up's day (a run) and the answers people gave in its thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from bot.model.keys import StandupKey
from bot.people import Person


class RunState(StrEnum):
    OPEN = "open"
    """The prompt is posted; answers are coming in."""
    REMINDING = "reminding"
    """One instance is asking the platform who to remind."""
    REMINDED = "reminded"
    CLOSED = "closed"
    """The summary is posted."""
    SKIPPED = "skipped"
    """Too late to post (past the grace); kept so no other instance posts it either."""


@dataclass
class StandupRun:
    """One stand-up on one local date: claimed by exactly one instance before posting."""

    workspace: str
    standup: str
    local_date: str
    channel: str
    due_at: datetime
    state: RunState = RunState.OPEN
    id: int = 0

    @property
    def key(self) -> str:
        """The prompt message: its thread holds the answers."""
        return str(StandupKey(self.id))


@dataclass
class Answer:
    person: Person
    text: str
    blocker: str | None
    answered_at: datetime
    idea_number: int | None = None
    id: int = 0


class StandupStore(Protocol):
    async def claim(self, run: StandupRun, at: datetime) -> StandupRun | None:
        """The run with its id if this caller is the one to post it; None if already claimed."""
        ...

    async def get(self, workspace: str, run_id: int) -> StandupRun | None: ...

    async def on(self, workspace: str, standup: str, local_date: str) -> StandupRun | None: ...

    async def unfinished(self, workspace: str) -> list[StandupRun]:
        """Runs posted but not closed (open, reminding or reminded)."""
        ...

    async def previous(
        self, workspace: str, standup: str, before: str, count: int
    ) -> list[StandupRun]:
        """The `count` runs of `standup` posted before local date `before`, newest first."""
        ...

    async def move(
        self,
        run: StandupRun,
        to: RunState,
        from_states: tuple[RunState, ...],
        at: datetime,
        stale_before: datetime | None = None,
    ) -> bool:
        """Move the run on if it is in one of `from_states` (or stuck in REMINDING since
        `stale_before`); False when another instance got there first."""
        ...

    async def revive(self, run: StandupRun, at: datetime) -> bool:
        """Open a run that was skipped (the instance started too late), as if due `at`."""
        ...

    async def answer(self, run: StandupRun, answer: Answer) -> Answer:
        """Store a person's answer, replacing their earlier one."""
        ...

    async def answers(self, run: StandupRun) -> list[Answer]: ...

    async def mark_idea(self, answer_id: int, number: int) -> None: ...

    async def set_away(self, workspace: str, person: Person, until: str | None) -> None: ...

    async def away(self, workspace: str, on: str) -> frozenset[str]:
        """People away on local date `on`."""
        ...
