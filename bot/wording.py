"""Small rules of English the bot's sentences share.

These are English words (for what is built by English grammar, and for English-only
places); `bot/language/wording.py` says lists, lengths of time and savings in the reader's
language, as Phrases.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TypeVar

T = TypeVar("T")


def lower_first(text: str) -> str:
    """Lower-case the first word so a sentence can continue after a colon or inside a question.

    "I", acronyms ("SOP"), mixed case ("iPhone") and possessives ("Maria's") keep their
    capitals; a possessive is most often a name.
    """
    first, space, rest = text.partition(" ")
    plain_capital = first[:1].isupper() and (first[1:].islower() or first == "A")
    if first == "I" or not plain_capital or first.lower().endswith(("'s", "\u2019s")):
        return text
    return first.lower() + space + rest


def listing(items: Sequence[T]) -> list[T | str]:
    """a, b and c: the parts with their commas and "and", for Text.of(*listing(people))."""
    parts: list[T | str] = []
    for index, item in enumerate(items):
        if index:
            parts.append(" and " if index == len(items) - 1 else ", ")
        parts.append(item)
    return parts


def duration(span: timedelta) -> str:
    """A length of time as people say it: "3 days 4 hours", "25 minutes", "under a minute"."""
    minutes = int(span.total_seconds() // 60)
    days, hours, minutes = minutes // 1440, minutes % 1440 // 60, minutes % 60
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    return " ".join(words) or "under a minute"


def savings(money: float | None, hours: float | None, currency: str) -> str:
    """ "200 EUR and 3 hours" (whole numbers without decimals); "" when nothing is saved."""
    saved = [
        f"{_amount(money)} {currency}" if money else "",
        f"{_amount(hours)} hours" if hours else "",
    ]
    return " and ".join(part for part in saved if part)


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
