"""Things that happen once a week at a local day and time: the kudos round-up, the digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Week:
    label: str
    """ISO week, "2026-W48": the name under which this week's occurrence is claimed once."""
    start: datetime
    """Monday 00:00 local time."""


def due_week(at: datetime, zone: str, weekday: int, clock: str, grace: timedelta) -> Week | None:
    """The week whose occurrence (`weekday` at `clock`, local) is due at `at`.

    None outside the window from the due moment to `grace` after it: an instance that was
    down at the time still catches up a little later, but never a day late.
    """
    tz = ZoneInfo(zone)
    local = at.astimezone(tz)
    monday = (local - timedelta(days=local.weekday())).date()
    due = datetime.combine(monday + timedelta(days=weekday), time.fromisoformat(clock), tz)
    if not due <= local < due + grace:
        return None
    iso = local.isocalendar()
    return Week(f"{iso.year}-W{iso.week:02d}", datetime.combine(monday, time(), tz))
