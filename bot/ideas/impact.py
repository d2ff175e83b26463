"""Impact when done: a category, what it saves a month (money, hours), and the soft note.

Asked once when an idea is done, never blocking the thanks; `kaizen impact N ...` records
or corrects it at any time. The stats, the board, the digest and the exports add it up.
"""

from __future__ import annotations

import re

from bot.actions import Action, PrivateReply, Update
from bot.content import Text
from bot.errors import UserError
from bot.events import Command, Event
from bot.ideas import in_private
from bot.ideas.asking import known_names
from bot.ideas.cards import idea_card
from bot.ideas.lookup import find_idea
from bot.ideas.rights import check_plan
from bot.language import frames
from bot.language.impact import read_impact
from bot.language.names import neutral
from bot.language.phrases import Phrase
from bot.language.wording import savings
from bot.model.ideas import Idea
from bot.router import Router
from bot.settings import Settings
from bot.turn import Turn


def ask_impact(idea: Idea, event: Event, settings: Settings) -> PrivateReply:
    """Once, as the idea is done: what did it change, and what does it save?"""
    words = Phrase(
        frames.ASK_IMPACT,
        n=idea.number,
        categories=", ".join(settings.ideas.categories),
        currency=settings.pdca.currency,
    )
    return PrivateReply(event.person, event.place, Text.of(words))


def impact_line(idea: Idea, currency: str) -> str | None:
    """ "quality · saves 200 EUR and 3 hours a month · fewer reprints", or None: what it
    saves in the reader's language, its category and note as they were given."""
    saved = savings(idea.saves_money, idea.saves_hours, currency)
    impact, note = idea.impact, idea.impact_note
    if saved is None:
        return " \u00b7 ".join(part for part in (impact, note) if part) or None
    if impact and note:
        return Phrase(
            "{impact} \u00b7 saves {saved} a month \u00b7 {note}",
            impact=impact,
            saved=saved,
            note=note,
        )
    if impact:
        return Phrase("{impact} \u00b7 saves {saved} a month", impact=impact, saved=saved)
    if note:
        return Phrase("saves {saved} a month \u00b7 {note}", saved=saved, note=note)
    return Phrase("saves {saved} a month", saved=saved)


async def impact_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    check_plan(idea, command.person, turn.settings)
    categories = turn.settings.ideas.categories
    reading = read_impact(match["text"] or "", categories, turn.settings.pdca.currency)
    if reading.category is None and idea.impact is None and categories:
        listed = ", ".join(categories)
        raise UserError(Phrase(frames.IMPACT_UNKNOWN, categories=listed, n=idea.number))
    idea.impact = reading.category or idea.impact
    idea.saves_money = reading.money if reading.money is not None else idea.saves_money
    idea.saves_hours = reading.hours if reading.hours is not None else idea.saves_hours
    if reading.note:
        idea.impact_note = neutral(reading.note, await known_names(turn, idea))
    await turn.store.ideas.save(idea, turn.now)
    line = impact_line(idea, turn.settings.pdca.currency) or ""
    said = Text.of(Phrase(frames.IMPACT_SET, n=idea.number, impact=line))
    return [in_private.in_thread(idea, said), Update(idea.key, idea_card(idea))]


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"impact\s+#?(?P<number>\d+)(?:\s+(?P<text>.+))?",
        usage="kaizen impact N <category>, saves <money> and <hours> a month, <note>",
        summary=Phrase(
            "the impact of idea #N: its category, what it saves a month, what else got better"
        ),
        hint=Phrase("The impact of which idea? `kaizen impact N quality, saves 3 hours a month`."),
        group="Ideas",
    )(impact_command)
