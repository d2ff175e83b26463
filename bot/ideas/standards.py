"""The Act prompt, said to the owner when an idea reaches Act (from a check that held or a
move): make it the standard, and think of where else it could help."""

from __future__ import annotations

from bot.actions import PrivateReply
from bot.content import Button, Card, Text
from bot.language import frames
from bot.language.phrases import Phrase
from bot.model.ideas import Idea
from bot.people import Place

SPREAD_BUTTON = "idea.spread"
"""Yokoten in one click: opens a form that asks which channel the copy goes to."""


def act_prompt(idea: Idea) -> PrivateReply:
    asked = idea.owner or idea.author
    spread = Button(Phrase(frames.SPREAD_BUTTON), SPREAD_BUTTON, str(idea.number), "primary")
    where = Phrase(frames.ACT_SPREAD, n=idea.number)
    title = (
        Text.of(where)
        if idea.standard
        else Text.of(Phrase(frames.ACT_PROMPT, n=idea.number), where)
    )
    card = Card(title, buttons=(spread,))
    return PrivateReply(asked, Place(idea.channel), card)
