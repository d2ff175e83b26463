"""What the ideas done in a period changed, added up: impact categories and savings."""

from __future__ import annotations

from bot.model.views import ImpactTally
from bot.wording import savings


def impact_totals(
    tally: ImpactTally, currency: str, lead: str = "Impact of ideas done"
) -> str | None:
    """ "Impact of ideas done: quality 2, safety 1; together they save 200 EUR and 5 hours a
    month." None when no idea done in the period said its impact."""
    if not tally.categories and not tally.money and not tally.hours:
        return None
    parts = []
    if tally.categories:
        ranked = sorted(tally.categories.items(), key=lambda item: (-item[1], item[0]))
        parts.append(", ".join(f"{name} {n}" for name, n in ranked))
    saved = savings(tally.money, tally.hours, currency)
    if saved:
        parts.append(f"together they save {saved} a month")
    return f"{lead}: " + "; ".join(parts) + "."
