"""Week by week: ideas given, ideas done, lead time and share implemented, for the charts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.model.tallies import SpanTally


@dataclass(frozen=True)
class WeekPoint:
    monday: date
    given: int
    done: int
    lead_median_days: float | None
    """Median lead time of the ideas done that week."""
    share_implemented: float | None
    """Of the ideas given that week, the share done by now."""


def week_starts(now: datetime, zone: str, weeks: int = 12) -> list[datetime]:
    """The Mondays (local midnight) that start the last `weeks` weeks, and the Monday after
    the last: `weeks + 1` bounds, oldest first."""
    tz = ZoneInfo(zone)
    local = now.astimezone(tz).date()
    this_monday = local - timedelta(days=local.weekday())
    mondays = [this_monday - timedelta(weeks=back) for back in range(weeks - 1, -2, -1)]
    return [datetime.combine(monday, time(), tz) for monday in mondays]


def weekly(starts: Sequence[datetime], tallies: Sequence[SpanTally]) -> list[WeekPoint]:
    """One point per week, from the store's tally of each span between `starts`."""
    return [
        WeekPoint(
            start.date(),
            tally.given,
            len(tally.leads),
            statistics.median(tally.leads) / 86400 if tally.leads else None,
            tally.done_of_given / tally.given if tally.given else None,
        )
        for start, tally in zip(starts, tallies, strict=False)
    ]
