"""The periods people ask numbers for: this week, month, quarter, year, or all time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.errors import UserError
from bot.language.phrases import Phrase, When

NAMES = ("week", "month", "quarter", "year", "all")
LAST_30_DAYS = "30d"
"""A rolling month: what a board on the wall shows, never empty on the first of the month."""
BEGINNING = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Period:
    since: datetime
    until: datetime
    label: str
    """How the numbers' title names it: "this month (since Sun 01 Mar 2026)", "of all time"."""


def period(name: str, now: datetime, zone: str) -> Period:
    """The period called `name` that contains `now`, in the team's timezone."""
    word = name.strip().lower() or "month"
    local = now.astimezone(ZoneInfo(zone))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if word == "week":
        since = midnight - timedelta(days=local.weekday())
    elif word == "month":
        since = midnight.replace(day=1)
    elif word == "quarter":
        since = midnight.replace(month=(local.month - 1) // 3 * 3 + 1, day=1)
    elif word == "year":
        since = midnight.replace(month=1, day=1)
    elif word == "all":
        return Period(BEGINNING, now, Phrase("of all time"))
    elif word == LAST_30_DAYS:
        return Period(now - timedelta(days=30), now, Phrase("in the last 30 days"))
    else:
        raise UserError(
            Phrase("Numbers for which period? Say one of: {names}.", names=", ".join(NAMES))
        )
    return Period(since, now, _since(word, since, zone))


def _since(word: str, since: datetime, zone: str) -> Phrase:
    """ "this month (since Sun 01 Mar 2026)": in English as it always read; in another
    language with the date as its readers write it."""
    day = When(since, zone, "date")
    elsewhere = {
        "week": Phrase("this week (since {day})", day=day),
        "month": Phrase("this month (since {day})", day=day),
        "quarter": Phrase("this quarter (since {day})", day=day),
    }.get(word) or Phrase("this year (since {day})", day=day)
    return Phrase.in_english(f"this {word} (since {since:%a %d %b %Y})", elsewhere)
