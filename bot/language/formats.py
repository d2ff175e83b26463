"""Numbers and dates as a reader of a language writes them, by Babel's CLDR data."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal

Style = Literal["date", "day", "time", "moment"]


def locale_of(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def number(value: float, language: str) -> str:
    return format_decimal(value, locale=locale_of(language))


def moment(at: datetime | date, style: Style, language: str) -> str:
    """`at` (already in the reader's zone) as the language writes it."""
    locale = locale_of(language)
    if style == "time" and isinstance(at, datetime):
        return format_time(at, "short", locale=locale)
    if style == "moment" and isinstance(at, datetime):  # the date and the hour, no seconds
        pattern = str(locale.datetime_formats["medium"])
        hour = format_time(at, "short", locale=locale)
        return pattern.replace("{1}", format_date(at, "medium", locale=locale)).replace("{0}", hour)
    if style == "day":  # the weekday and the date, as the language orders them
        return format_skeleton("MMMEEEEd", at, locale=locale)
    return format_date(at, "medium", locale=locale)
