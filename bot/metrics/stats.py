"""The numbers leaders look at, made from what the store counted for a period.

- lead time: from an idea given to it done (for ideas done in the period);
- cycle time: how long ideas stayed in each stage (for stays that ended in the period);
- share implemented: of the ideas given in the period, how many are done by now;
- ideas per person per month, and participation: the share of the members (as the platform
  lists each channel's people; those seen taking part where no list is known) who gave an
  idea or answered a stand-up.
Each is kept per path, operational and strategic, which run at different rhythms. The store
does the counting in SQL (it scales with the period, not with every idea ever given); the
medians and shares are made here, so both databases give the same figures.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.model.ideas import Path, Stage
from bot.model.tallies import Given, Tally, Turnout

MONTH = timedelta(days=30.44)
WORK_STAGES = (Stage.CLARIFYING, Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT)
"""The stages time in stage is told for: New lasts a moment, and Done or Dropped end the road."""


@dataclass(frozen=True)
class PathStats:
    submitted: int = 0
    implemented: int = 0
    dropped: int = 0
    still_open: int = 0
    joined: int = 0
    authors: int = 0
    lead_median: timedelta | None = None
    lead_mean: timedelta | None = None
    cycle: dict[Stage, timedelta] = field(default_factory=dict)
    share_implemented: float | None = None
    """Of the ideas given (less those joined with an earlier one), the share done by now."""
    per_person_month: float | None = None
    """Ideas a month for each of the people who could give one."""


@dataclass(frozen=True)
class Stats:
    since: datetime
    until: datetime
    paths: dict[Path | None, PathStats]
    """Per path; `None` holds both together."""
    turnout: Turnout

    @property
    def people(self) -> int:
        return self.turnout.people

    @property
    def participants(self) -> int:
        return self.turnout.participants

    @property
    def participation(self) -> float | None:
        return self.participants / self.people if self.people else None


@dataclass(frozen=True)
class ChannelStats:
    channel: str
    submitted: int
    implemented: int
    lead_median: timedelta | None


def compute(tally: Tally, since: datetime, until: datetime, turnout: Turnout) -> Stats:
    # "All time" starts with the first idea, or ideas per month would be diluted by years.
    if tally.first_given is not None:
        since = max(since, tally.first_given)
    paths: dict[Path | None, PathStats] = {
        chosen: _path_stats(tally, chosen, since, until, turnout.people) for chosen in (None, *Path)
    }
    return Stats(since, until, paths, turnout)


def by_channel(tally: Tally) -> list[ChannelStats]:
    """Per channel, both paths together: ideas given and done, and the median lead time."""
    given: dict[str, Given] = defaultdict(Given)
    for (_, channel), counts in tally.given.items():
        given[channel] += counts
    leads: dict[str, list[float]] = defaultdict(list)
    for _, channel, seconds in tally.leads:
        leads[channel].append(seconds)
    return [
        ChannelStats(
            channel,
            given[channel].submitted,
            len(leads[channel]),
            median(leads[channel]),
        )
        for channel in sorted(set(given) | set(leads))
    ]


def median(seconds: Iterable[float]) -> timedelta | None:
    values = list(seconds)
    return timedelta(seconds=statistics.median(values)) if values else None


def _path_stats(
    tally: Tally, path: Path | None, since: datetime, until: datetime, people: int
) -> PathStats:
    def mine(of: Path) -> bool:
        return path is None or of is path

    given = sum((g for (p, _), g in tally.given.items() if mine(p)), Given())
    leads = [seconds for p, _, seconds in tally.leads if mine(p)]
    authors = {person for p, person in tally.authors if mine(p)}
    counted = given.submitted - given.joined
    return PathStats(
        submitted=given.submitted,
        implemented=len(leads),
        dropped=given.dropped,
        still_open=given.still_open,
        joined=given.joined,
        authors=len(authors),
        lead_median=median(leads),
        lead_mean=timedelta(seconds=statistics.fmean(leads)) if leads else None,
        cycle={
            stage: timedelta(seconds=tally.stays[path, stage])
            for stage in WORK_STAGES
            if (path, stage) in tally.stays
        },
        share_implemented=given.done / counted if counted else None,
        per_person_month=_rate(tally, mine, given.submitted, since, until, people),
    )


def _rate(
    tally: Tally,
    mine: Callable[[Path], bool],
    submitted: int,
    since: datetime,
    until: datetime,
    people: int,
) -> float | None:
    """Ideas per person per month: over the period when it is a month or longer, else over
    the month up to its end (a Monday's two ideas are not sixty a month)."""
    if not people:
        return None
    months = (until - since) / MONTH
    if months >= 1:
        return submitted / people / months
    return sum(n for p, n in tally.recent.items() if mine(p)) / people
