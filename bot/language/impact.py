"""Reading an idea's impact in one line: "quality, saves 200 EUR and 3 hours a month,
fewer reprints". A category (one of app.yaml's), hard savings a month (money in the
team's currency, hours), and whatever else was said as the soft note."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_NUMBER = r"(?P<amount>\d{1,9}(?:[.,]\d{1,2})?)\s*(?P<k>k\b)?"
_HOURS = re.compile(rf"{_NUMBER}\s*(?:h|hrs?|hours?|stunden|giờ)\b", re.IGNORECASE)
_SAVES = re.compile(
    r"\b(?:saves?|saving|savings|spart|tiết kiệm)\b[:\s]*|\b(?:a|per|each|every|/)\s*month\b|"
    r"\bmonthly\b|\bim monat\b|\bpro monat\b|\bmỗi tháng\b|\band\b|\bund\b|\bvà\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ImpactReading:
    category: str | None = None
    money: float | None = None
    hours: float | None = None
    note: str | None = None


def read_impact(text: str, categories: Sequence[str], currency: str) -> ImpactReading:
    """The impact in `text`; money is a number next to `currency` (or a currency sign)."""
    text = " ".join(text.split())
    low = text.lower()
    category = next((c for c in categories if re.search(rf"\b{re.escape(c)}\b", low)), None)
    rest = (
        re.sub(rf"\b{re.escape(category)}\b", " ", text, count=1, flags=re.I) if category else text
    )
    hours_match = _HOURS.search(rest)
    hours = _amount(hours_match) if hours_match else None
    if hours_match:
        rest = rest[: hours_match.start()] + " " + rest[hours_match.end() :]
    money_match = next(
        (m for m in _money(currency).finditer(rest) if m.group(0).strip() != m.group("amount")),
        None,
    )
    money = _amount(money_match) if money_match else None
    if money_match:
        rest = rest[: money_match.start()] + " " + rest[money_match.end() :]
    note = _SAVES.sub(" ", rest) if (money or hours) else rest
    note = " ".join(note.split()).strip(" ,;.:-")
    return ImpactReading(category, money, hours, note or None)


def _money(currency: str) -> re.Pattern[str]:
    """A number with the currency after it ("200 EUR") or its sign before it ("€200")."""
    unit = re.escape(currency)
    return re.compile(rf"(?:{unit}|[$€£¥₫])?\s*{_NUMBER}\s*(?:{unit}|[$€£¥₫])?", re.IGNORECASE)


def _amount(match: re.Match[str]) -> float:
    amount = float(match.group("amount").replace(",", "."))
    return amount * 1000 if match.group("k") else amount
