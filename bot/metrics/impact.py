"""What the ideas done in a period changed, added up: impact categories and savings."""

from __future__ import annotations

from bot.language.phrases import Phrase
from bot.language.wording import savings
from bot.model.views import ImpactTally


def impact_totals(tally: ImpactTally, currency: str, lead: str | None = None) -> Phrase | None:
    """ "Impact of ideas done: quality 2, safety 1; together they save 200 EUR and 5 hours a
    month." None when no idea done in the period said its impact. The categories are the
    operator's words (app.yaml), shown as they are."""
    if not tally.categories and not tally.money and not tally.hours:
        return None
    lead = lead or Phrase("Impact of ideas done")
    ranked = sorted(tally.categories.items(), key=lambda item: (-item[1], item[0]))
    categories = ", ".join(f"{name} {n}" for name, n in ranked)
    saved = savings(tally.money, tally.hours, currency)
    if categories and saved:
        return Phrase(
            "{lead}: {categories}; together they save {saved} a month.",
            lead=lead,
            categories=categories,
            saved=saved,
        )
    if saved:
        return Phrase("{lead}: together they save {saved} a month.", lead=lead, saved=saved)
    return Phrase("{lead}: {categories}.", lead=lead, categories=categories)
