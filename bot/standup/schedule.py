"""When a stand-up happens: its days at its local time in its own timezone, minus holidays.

Each moment is the stand-up's wall-clock time on a local date, made an instant by the
timezone database, so a 09:15 stand-up in Europe/Berlin is at 09:15 on both sides of a
daylight-saving change. (A time that does not exist on the day the clocks go forward is
read with the offset before the change, an hour later on the wall.) The process's wake-ups
are APScheduler's, in kaizen/scheduler.py; the engine only does the arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.clock import local_day
from bot.settings import Settings, Standup

if TYPE_CHECKING:
    import holidays


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def occurrences(
    standup: Standup, settings: Settings, since: datetime, until: datetime
) -> Iterator[datetime]:
    """Every scheduled moment in [since, until], holidays included (see `holiday`), in the
    stand-up's timezone."""
    zone = ZoneInfo(settings.standup_zone(standup))
    hour, minute = (int(part) for part in standup.time.split(":"))
    days = {WEEKDAYS.index(day) for day in standup.days}
    day = since.astimezone(zone).date()
    while True:
        if day.weekday() in days:
            wall = datetime.combine(day, time(hour, minute), tzinfo=zone)
            moment = wall.astimezone(UTC).astimezone(zone)  # a wall time in a gap moves on
            if moment > until:
                return
            if moment >= since:
                yield moment
        elif datetime.combine(day, time(0, 0), tzinfo=zone) > until:
            return
        day += timedelta(days=1)


def latest(
    standup: Standup, settings: Settings, now: datetime, within: timedelta = timedelta(days=1)
) -> datetime | None:
    """The last scheduled moment at or before `now`, if there was one in `within`."""
    last = None
    for moment in occurrences(standup, settings, now - within, now):
        last = moment
    return last


def next_run(standup: Standup, settings: Settings, after: datetime) -> datetime | None:
    """The next moment the prompt will really be posted: holidays are skipped."""
    for moment in occurrences(standup, settings, after, after + timedelta(days=400)):
        if holiday(standup, moment.date()) is None:
            return moment
    return None


def holiday(standup: Standup, day: date) -> str | None:
    """The name of the holiday on `day` for this stand-up, or None on a working day."""
    if day in standup.holidays.dates:
        return "a day off in app.yaml"
    country = standup.holidays.country
    if country is None:
        return None
    calendar = _calendar(country.upper(), standup.holidays.region, day.year)
    name = calendar.get(day)
    return None if name is None else str(name)


def local_date(standup: Standup, settings: Settings, moment: datetime) -> str:
    return local_day(moment, settings.standup_zone(standup))


@cache
def _calendar(country: str, region: str | None, year: int) -> holidays.HolidayBase:
    import holidays  # a large package; loaded only when a stand-up names a country

    return holidays.country_holidays(country, subdiv=region, years=year)
