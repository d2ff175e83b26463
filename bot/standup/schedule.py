"""When a stand-up happens: cron triggers in the stand-up's own timezone, minus holidays.

APScheduler's CronTrigger does the calendar arithmetic, daylight-saving changes included:
a 09:15 stand-up in Europe/Berlin is at 09:15 on both sides of the change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.clock import local_day
from bot.settings import Settings, Standup

if TYPE_CHECKING:
    import holidays


def trigger(standup: Standup, settings: Settings) -> CronTrigger:
    hour, minute = standup.time.split(":")
    return CronTrigger(
        day_of_week=",".join(standup.days),
        hour=int(hour),
        minute=int(minute),
        timezone=ZoneInfo(settings.standup_zone(standup)),
    )


def occurrences(
    standup: Standup, settings: Settings, since: datetime, until: datetime
) -> Iterator[datetime]:
    """Every scheduled moment in [since, until], holidays included (see `holiday`)."""
    cron = trigger(standup, settings)
    moment = cron.get_next_fire_time(None, since)
    while moment is not None and moment <= until:
        yield moment
        moment = cron.get_next_fire_time(moment, moment + timedelta(seconds=1))


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
