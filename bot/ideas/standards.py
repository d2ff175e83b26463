"""The Act prompt, said to the owner when an idea reaches Act (from a check that held or a
move): make it the standard, and think of where else it could help."""

from __future__ import annotations

from bot.actions import PrivateReply
from bot.content import Button, Card, Text
from bot.language import frames
from bot.model.ideas import Idea
from bot.people import Place

SPREAD_BUTTON = "idea.spread"
"""Yokoten in one click: opens a form that asks which channel the copy goes to."""


def act_prompt(idea: Idea) -> PrivateReply:
    asked = idea.owner or idea.author
    spread = Button(frames.SPREAD_BUTTON, SPREAD_BUTTON, str(idea.number), "primary")
    asks = "" if idea.standard else frames.ACT_PROMPT.format(n=idea.number)
    card = Card(Text.of(asks + frames.ACT_SPREAD.format(n=idea.number)), buttons=(spread,))
    return PrivateReply(asked, Place(idea.channel), card)
