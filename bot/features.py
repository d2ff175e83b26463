"""The router with every feature registered: the one place that lists what the bot can do."""

from __future__ import annotations

from bot import help as help_feature
from bot import housekeeping
from bot.actions import Action, PrivateReply
from bot.content import Text
from bot.events import Message
from bot.ideas import (
    act,
    browse,
    check,
    done,
    duplicates,
    home,
    impact,
    intake,
    lifecycle,
    nudges,
    owner,
    paths,
    plan,
    whys,
    withdraw,
)
from bot.kudos import board, give
from bot.language.phrases import N_, Phrase
from bot.metrics import members, report, sharing
from bot.router import Router
from bot.standup import handlers as standups
from bot.turn import Turn

_NUDGE = N_(
    "I didn't catch that. Give an idea with `kaizen <what could be better>`, or try `kaizen help`."
)


async def direct_nudge(message: Message, _turn: Turn) -> list[Action] | None:
    """In a one-to-one chat, or when the bot was @mentioned, a line nobody understood still
    gets an answer (privately: it is a hint, not something for the channel)."""
    if not (message.place.direct or message.addressed):
        return None
    return [PrivateReply(message.person, message.place, Text.of(Phrase(_NUDGE)))]


def build_router() -> Router:
    """Order matters: command patterns are tried in the order they register (a fallback only
    takes what none matched), message handlers and ticks run in it, and help and the README
    list each group's commands in it."""
    router = Router()
    intake.register(router)
    standups.register(router)
    browse.register(router)
    lifecycle.register(router)
    owner.register(router)
    paths.register(router)
    duplicates.register(router)
    nudges.register(router)
    report.register(router)
    sharing.register(router)
    members.register(router)
    housekeeping.register(router)
    whys.register(router)
    plan.register(router)
    check.register(router)
    act.register(router)
    impact.register(router)
    withdraw.register(router)
    help_feature.register(router)
    home.register(router)
    give.register(router)
    board.register(router)
    done.register(router)
    router.message(direct_nudge)
    return router
