"""What the metrics, the board and the exports read from the store (read-only views)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.model.ideas import ANONYMOUS, Path, Stage
from bot.model.tallies import SpanTally, Tally, Turnout

History = Sequence[tuple[Stage, datetime]]
"""Each stage an idea entered, and when, oldest first."""


@dataclass(frozen=True)
class BoardIdea:
    """An idea as the board, reports and exports show it, by the idea's own anonymity rule:
    `author` is None when anonymous, and an anonymous author who owns the idea is shown as
    ANONYMOUS there too."""

    number: int
    text: str
    channel: str
    path: Path
    stage: Stage
    author_name: str | None
    owner_name: str | None
    created_at: datetime
    stage_at: datetime
    link: str | None
    goal: str | None = None
    category: str | None = None
    joined_with: int | None = None
    """The earlier idea this one was joined with ("same as #N")."""
    anonymous: bool = False
    owned_by_author: bool = False
    proposal: str | None = None
    root_cause: str | None = None
    countermeasure: str | None = None
    fix_kind: str | None = None
    prediction: str | None = None
    measure: str | None = None
    check_at: datetime | None = None
    checked: str | None = None
    learning: str | None = None
    standard: str | None = None
    spread_from: int | None = None
    impact: str | None = None
    saves_money: float | None = None
    saves_hours: float | None = None
    impact_note: str | None = None

    @property
    def author(self) -> str | None:
        return None if self.anonymous else self.author_name

    @property
    def owner(self) -> str | None:
        return ANONYMOUS if self.anonymous and self.owned_by_author else self.owner_name


@dataclass(frozen=True)
class Kanban:
    """How many ideas each (path, stage) holds, and the few cards shown of each."""

    counts: Mapping[tuple[Path, Stage], int]
    cards: Mapping[tuple[Path, Stage], Sequence[BoardIdea]]
    joined: Mapping[Path, int] = field(default_factory=dict)
    """Of the dropped ideas of each path, those joined with an earlier one (not set aside)."""


@dataclass(frozen=True)
class KudosLine:
    given_at: datetime
    giver: str
    receivers: tuple[str, ...]
    reason: str
    value: str | None


@dataclass(frozen=True)
class ImpactTally:
    """The impact of the ideas done in a period: how many per category, savings a month."""

    categories: Mapping[str, int] = field(default_factory=dict)
    money: float = 0.0
    hours: float = 0.0


@dataclass
class RecordParts:
    """The lists of an idea's Kaizen record, as an export carries them: no names, only
    what was asked, answered, seen and learned."""

    whys: list[dict[str, str | int | None]] = field(default_factory=list)
    checks: list[dict[str, str | int | None]] = field(default_factory=list)


class MetricsStore(Protocol):
    """Read-only views for metrics, the board and exports. Each one's cost grows with the
    period or the page asked for, not with every idea ever given (except the exports)."""

    async def tally(
        self,
        workspace: str,
        since: datetime,
        until: datetime,
        channel: str | None = None,
        path: Path | None = None,
        stays: bool = True,
    ) -> Tally:
        """The period's counts; `stays=False` leaves out the time in each stage (the
        costliest part), for views that do not show it."""
        ...

    async def spans(
        self,
        workspace: str,
        bounds: Sequence[datetime],
        channel: str | None = None,
        path: Path | None = None,
    ) -> list[SpanTally]:
        """One tally of ideas given and done per span between consecutive `bounds`."""
        ...

    async def kanban(
        self,
        workspace: str,
        shown: Mapping[Stage, int],
        channel: str | None = None,
        path: Path | None = None,
    ) -> Kanban:
        """Cards of the stages in `shown`, at most that many each: those waiting longest
        first, except in Done, where the latest come first."""
        ...

    async def done_between(
        self, workspace: str, since: datetime, until: datetime
    ) -> list[BoardIdea]:
        """Ideas that reached Done in the period and are still there, earliest first."""
        ...

    async def ideas(
        self, workspace: str, channel: str | None = None, path: Path | None = None
    ) -> list[BoardIdea]:
        """Every idea, newest first (for exports)."""
        ...

    async def histories(
        self, workspace: str, channel: str | None = None, path: Path | None = None
    ) -> dict[int, History]:
        """Every idea's stage history, by idea number (for exports)."""
        ...

    async def impact(
        self,
        workspace: str,
        since: datetime,
        until: datetime,
        channel: str | None = None,
        path: Path | None = None,
    ) -> ImpactTally:
        """The impact of the ideas that reached Done in the period and are still there."""
        ...

    async def records(
        self, workspace: str, channel: str | None = None, path: Path | None = None
    ) -> dict[int, RecordParts]:
        """Every idea's why-chain and checks, by idea number (for the JSON export)."""
        ...

    async def channels(self, workspace: str) -> list[str]: ...

    async def turnout(
        self, workspace: str, since: datetime, until: datetime, channel: str | None = None
    ) -> Turnout:
        """Who could have taken part in the period (in `channel`), and who did."""
        ...

    async def recent_kudos(self, workspace: str, limit: int = 20) -> list[KudosLine]: ...
