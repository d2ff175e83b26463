"""Week by week: ideas given, ideas done, lead time and share implemented, for the charts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.ideas.model import Stage
from bot.metrics.stats import IdeaFacts


@dataclass(frozen=True)
class WeekPoint:
    monday: date
    given: int
    done: int
    lead_median_days: float | None
    """Median lead time of the ideas done that week."""
    share_implemented: float | None
    """Of the ideas given that week, the share done by now."""


def weekly(
    facts: Sequence[IdeaFacts], now: datetime, zone: str, weeks: int = 12
) -> list[WeekPoint]:
    """The last `weeks` weeks (Monday to Sunday, local time), oldest first."""
    tz = ZoneInfo(zone)
    this_monday = now.astimezone(tz).date() - timedelta(days=now.astimezone(tz).weekday())
    points = []
    for back in range(weeks - 1, -1, -1):
        monday = this_monday - timedelta(weeks=back)
        start = datetime.combine(monday, time(), tz)
        end = start + timedelta(days=7)
        given = [f for f in facts if start <= f.created_at < end]
        done = [f for f in facts if (d := f.done_at) is not None and start <= d < end]
        leads = [(f.done_at - f.created_at).total_seconds() / 86400 for f in done if f.done_at]
        implemented = sum(1 for f in given if f.stage is Stage.DONE)
        points.append(
            WeekPoint(
                monday,
                len(given),
                len(done),
                statistics.median(leads) if leads else None,
                implemented / len(given) if given else None,
            )
        )
    return points
