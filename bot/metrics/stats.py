"""The numbers leaders look at, computed from what happened to each idea.

- lead time: from an idea given to it done (for ideas done in the period);
- cycle time: how long ideas stayed in each stage (for stays that ended in the period);
- share implemented: of the ideas given in the period, how many are done by now;
- ideas per person per month, and participation: the share of the people seen who gave an
  idea or answered a stand-up.
Each is kept per path, operational and strategic, which run at different rhythms.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.ideas.model import Path, Stage

MONTH = timedelta(days=30.44)


@dataclass(frozen=True)
class IdeaFacts:
    """What metrics need of an idea: when it was given, and each stage it entered, when."""

    number: int
    channel: str
    path: Path
    author: str
    created_at: datetime
    stage: Stage
    history: tuple[tuple[Stage, datetime], ...]

    @property
    def done_at(self) -> datetime | None:
        return next((at for stage, at in reversed(self.history) if stage is Stage.DONE), None)


@dataclass(frozen=True)
class PathStats:
    submitted: int = 0
    implemented: int = 0
    dropped: int = 0
    still_open: int = 0
    lead_median: timedelta | None = None
    lead_mean: timedelta | None = None
    cycle: dict[Stage, timedelta] = field(default_factory=dict)
    share_implemented: float | None = None
    per_person_month: float | None = None


@dataclass(frozen=True)
class Stats:
    since: datetime
    until: datetime
    paths: dict[Path | None, PathStats]
    """Per path; `None` holds both together."""
    people: int
    participants: int

    @property
    def participation(self) -> float | None:
        return self.participants / self.people if self.people else None


def compute(
    facts: Iterable[IdeaFacts], since: datetime, until: datetime, people: int, participants: int
) -> Stats:
    ideas = list(facts)
    # "All time" starts with the first idea, or ideas per month would be diluted by years.
    if ideas:
        since = max(since, min(i.created_at for i in ideas))
    paths: dict[Path | None, PathStats] = {None: _path_stats(ideas, since, until)}
    for path in Path:
        paths[path] = _path_stats([i for i in ideas if i.path is path], since, until)
    return Stats(since, until, paths, people, participants)


def _path_stats(ideas: list[IdeaFacts], since: datetime, until: datetime) -> PathStats:
    given = [i for i in ideas if since <= i.created_at < until]
    done_in = [i for i in ideas if (d := i.done_at) is not None and since <= d < until]
    leads = [i.done_at - i.created_at for i in done_in if i.done_at is not None]
    authors = {i.author for i in given}
    months = max((until - since) / MONTH, 1 / 30.44)
    implemented_of_given = sum(1 for i in given if i.stage is Stage.DONE)
    return PathStats(
        submitted=len(given),
        implemented=len(done_in),
        dropped=sum(1 for i in given if i.stage is Stage.DROPPED),
        still_open=sum(1 for i in given if i.stage.is_open),
        lead_median=_median(leads),
        lead_mean=sum(leads, timedelta()) / len(leads) if leads else None,
        cycle=_cycle(ideas, since, until),
        share_implemented=implemented_of_given / len(given) if given else None,
        per_person_month=len(given) / len(authors) / months if authors else None,
    )


def _cycle(ideas: list[IdeaFacts], since: datetime, until: datetime) -> dict[Stage, timedelta]:
    """Median time in each stage, over the stays that ended in the period."""
    stays: dict[Stage, list[timedelta]] = defaultdict(list)
    for idea in ideas:
        for (stage, entered), (_, left) in zip(idea.history, idea.history[1:], strict=False):
            if since <= left < until:
                stays[stage].append(left - entered)
    return {stage: m for stage in Stage if (m := _median(stays.get(stage, []))) is not None}


def _median(spans: list[timedelta]) -> timedelta | None:
    if not spans:
        return None
    return timedelta(seconds=statistics.median(s.total_seconds() for s in spans))
