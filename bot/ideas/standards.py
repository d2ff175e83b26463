"""The Act prompt, said to the owner when an idea reaches Act (from a check that held or a
move): make it the standard, and think of where else it could help."""

from __future__ import annotations

from bot.actions import PrivateReply
from bot.content import Text
from bot.language import frames
from bot.model.ideas import Idea
from bot.people import Place


def act_prompt(idea: Idea) -> PrivateReply:
    asked = idea.owner or idea.author
    return PrivateReply(
        asked, Place(idea.channel), Text.of(frames.ACT_PROMPT.format(n=idea.number))
    )
