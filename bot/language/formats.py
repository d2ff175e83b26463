"""Numbers and dates as a reader of a language writes them, by Babel's CLDR data."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal

from bot.content import ChannelLink, Link, Mention, Text

if TYPE_CHECKING:
    from bot.language.phrases import Arg, When

_DATE = {"date": "medium", "day": "EEEE d MMM"}


def locale_of(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def number(value: float, language: str) -> str:
    return format_decimal(value, locale=locale_of(language))


def moment(when: When, language: str) -> str:
    at, locale = when.local(), locale_of(language)
    if when.style == "time" and isinstance(at, datetime):
        return format_time(at, "short", locale=locale)
    if when.style == "moment" and isinstance(at, datetime):
        return format_datetime(at, "medium", locale=locale).rsplit(":", 1)[0]
    day = at.date() if isinstance(at, datetime) else at
    return format_date(day, _DATE.get(when.style, "medium"), locale=locale)


def shown_arg(value: Arg, language: str) -> str:
    """An argument as plain words in `language` (a Phrase inside is translated)."""
    from bot.language.phrases import Phrase, When
    from bot.language.translate import words

    if isinstance(value, Phrase):
        return words(value, language)
    if isinstance(value, int):  # idea numbers and counts: no grouping ("#1234")
        return str(value)
    if isinstance(value, float):
        return number(value, language)
    if isinstance(value, When):
        return moment(value, language)
    if isinstance(value, date):
        return format_date(value, "medium", locale=locale_of(language))
    if isinstance(value, Mention):
        return f"@{value.person.name}"
    if isinstance(value, ChannelLink):
        return f"#{value.channel}"
    if isinstance(value, Link):
        return value.label
    if isinstance(value, Text):
        return value.plain()
    return str(value)
