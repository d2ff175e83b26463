"""Finding an idea by its number, with an answer for the person when there is none."""

from __future__ import annotations

from bot.errors import UserError
from bot.language.phrases import Phrase
from bot.model.ideas import Idea
from bot.turn import Turn

LARGEST_NUMBER = 2**31 - 1


def idea_number(text: str) -> int:
    """An idea number from text a person or a button sent; a private answer if it is none."""
    digits = text.strip().lstrip("#")
    if not digits.isdecimal() or not digits.isascii():
        raise UserError(
            Phrase(
                "'{text}' is not an idea number. `kaizen list` shows the open ones.",
                text=text[:20],
            )
        )
    return int(digits)


async def find_idea(turn: Turn, workspace: str, number: int) -> Idea:
    """The idea, or a private answer saying it does not exist here."""
    found = 0 < number <= LARGEST_NUMBER
    idea = await turn.store.ideas.get(workspace, number) if found else None
    if idea is None:
        raise UserError(
            Phrase(
                "There is no idea #{number} here. `kaizen list` shows the open ones.", number=number
            )
        )
    return idea
