"""Taking an idea back: its author may withdraw it within a day of giving it (a slip, a
duplicate, second thoughts). The card says so and the idea is not counted anywhere."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.actions import Action, PrivateReply, Update
from bot.content import Card, Text
from bot.errors import UserError
from bot.events import Command
from bot.ideas.lookup import find_idea
from bot.language import frames
from bot.language.phrases import Phrase
from bot.model.ideas import Stage
from bot.router import Router
from bot.turn import Turn

WITHIN = timedelta(days=1)


async def withdraw(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    if command.person.id != idea.author.id:
        raise UserError(Phrase(frames.WITHDRAW_WHO, n=idea.number))
    if turn.now - idea.created_at > WITHIN or idea.stage is Stage.DONE:
        raise UserError(Phrase(frames.WITHDRAW_LATE, n=idea.number))
    await turn.store.ideas.withdraw(idea.workspace, idea.number)
    card = Card(
        Text.of(Phrase(frames.WITHDRAWN_CARD)), body=(Text.of(Phrase(frames.WITHDRAWN_BODY)),)
    )
    said = Text.of(Phrase(frames.WITHDRAWN, n=idea.number))
    return [Update(idea.key, card), PrivateReply(command.person, command.place, said)]


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"withdraw\s+#?(?P<number>\d+)",
        usage="kaizen withdraw N",
        summary=Phrase(
            "takes back your own idea #N within a day of giving it: not counted anywhere"
        ),
        hint=Phrase("Withdraw which of your ideas? `kaizen withdraw N`."),
        group="Ideas",
    )(withdraw)
