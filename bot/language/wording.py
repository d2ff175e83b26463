"""The small pieces many sentences share, in the reader's language: a list of people ("a, b
and c"), a length of time ("3 days 4 hours"), what an idea saves ("200 EUR and 3 hours").

Each is a Phrase (or spans around one), so it is put into the reader's language with the
sentence it stands in. `bot/wording.py` keeps the rules of English (`lower_first`) and the
English-only forms for what no reader's language applies to.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TypeVar

from bot.language.phrases import Phrase

T = TypeVar("T")


def listing(items: Sequence[T]) -> list[T | str]:
    """a, b and c: the parts with their commas and "and", for Text.of(*listing(people)); each
    item stays a span of its own (a mention stays live, and a platform that divides a long
    message can still name each one)."""
    parts: list[T | str] = []
    for index, item in enumerate(items):
        if index == len(items) - 1 and index:
            parts += [" ", Phrase("and"), " "]
        elif index:
            parts.append(", ")
        parts.append(item)
    return parts


def duration(span: timedelta) -> Phrase:
    """A length of time as people say it: "3 days 4 hours", "25 minutes", "under a minute"."""
    minutes = int(span.total_seconds() // 60)
    days, hours, minutes = minutes // 1440, minutes % 1440 // 60, minutes % 60
    if days:
        larger = Phrase.counted("{n} day", "{n} days", days)
        smaller = Phrase.counted("{n} hour", "{n} hours", hours) if hours else None
    elif hours:
        larger = Phrase.counted("{n} hour", "{n} hours", hours)
        smaller = Phrase.counted("{n} minute", "{n} minutes", minutes) if minutes else None
    elif minutes:
        return Phrase.counted("{n} minute", "{n} minutes", minutes)
    else:
        return Phrase("under a minute")
    if smaller is None:
        return larger
    return Phrase("{larger} {smaller}", larger=larger, smaller=smaller)


def savings(money: float | None, hours: float | None, currency: str) -> Phrase | None:
    """ "200 EUR and 3 hours" (numbers as the reader writes them: "1,200" or "1.200"); None
    when nothing is saved. `currency` is the operator's word for it, as app.yaml says it."""
    amount = Phrase("{amount} {currency}", amount=_amount(money), currency=currency)
    time = Phrase("{hours} hours", hours=_amount(hours))
    if money and hours:
        return Phrase("{amount} and {time}", amount=amount, time=time)
    return amount if money else time if hours else None


def _amount(value: float | None) -> float:
    """Rounded to cents; shown grouped, a whole number without decimals ("1,200", "2.5")."""
    return round(float(value or 0), 2)
