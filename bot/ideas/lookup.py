"""Finding an idea by its number, with an answer for the person when there is none."""

from __future__ import annotations

from bot.errors import UserError
from bot.ideas.model import Idea
from bot.turn import Turn


async def find_idea(turn: Turn, workspace: str, number: int) -> Idea:
    """The idea, or a private answer saying it does not exist here."""
    idea = await turn.store.ideas.get(workspace, number)
    if idea is None:
        raise UserError(f"There is no idea #{number} here. `kaizen list` shows the open ones.")
    return idea
