"""A stand-up's day (a run) and the answers people gave in its thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

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
        return f"standup:{self.id}"


@dataclass
class Answer:
    person: Person
    text: str
    blocker: str | None
    answered_at: datetime
    idea_number: int | None = None
    id: int = 0
