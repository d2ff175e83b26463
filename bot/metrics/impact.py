"""What the ideas done in a period changed, added up: impact categories and savings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.model.views import BoardIdea


def impact_totals(done: Sequence[BoardIdea], currency: str) -> str | None:
    """ "Impact of ideas done: quality 2, safety 1; together they save 200 EUR and 5 hours a
    month." None when no idea done in the period said its impact."""
    counted = Counter(idea.impact for idea in done if idea.impact)
    money = sum(idea.saves_money or 0 for idea in done)
    hours = sum(idea.saves_hours or 0 for idea in done)
    if not counted and not money and not hours:
        return None
    parts = []
    if counted:
        parts.append(", ".join(f"{name} {n}" for name, n in counted.most_common()))
    saved = [f"{money:,.0f} {currency}" if money else "", f"{hours:,.0f} hours" if hours else ""]
    savings = " and ".join(s for s in saved if s)
    if savings:
        parts.append(f"together they save {savings} a month")
    return "Impact of ideas done: " + "; ".join(parts) + "."
