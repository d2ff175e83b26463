"""Finding an idea by its number, with an answer for the person when there is none; and a
stage's name as people read it, in their language."""

from __future__ import annotations

from bot.errors import UserError
from bot.language.phrases import N_, Phrase
from bot.model.ideas import Idea, Stage
from bot.turn import Turn

LARGEST_NUMBER = 2**31 - 1

_STAGE_NAMES = {
    Stage.NEW: N_("New"),
    Stage.CLARIFYING: N_("Clarifying"),
    Stage.PLAN: N_("Plan"),
    Stage.DO: N_("Do"),
    Stage.CHECK: N_("Check"),
    Stage.ACT: N_("Act"),
    Stage.DONE: N_("Done"),
    Stage.DROPPED: N_("Dropped"),
}


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


def stage_name(stage: Stage) -> Phrase:
    """A stage as people read it ("Plan", "Done"), in the reader's language."""
    return Phrase(_STAGE_NAMES[stage])
