"""Keeping ideas moving: no idea goes unanswered, and every change in Do gets its check.

Both are driven by the clock (schedule ticks) and happen once per occasion, however many
instances tick: `claim_once` lets one of them do it. Each tick looks only at ideas that
crossed a threshold in the last `CATCH_UP` (a bot that was down for a weekend still sends
what fell due), so years of old ideas are not read every minute.
"""

from __future__ import annotations

from datetime import timedelta

from bot.actions import Action, PrivateReply, Reply
from bot.content import Button, Card, ChannelLink, Text
from bot.events import ScheduleTick
from bot.ideas.cards import MOVE_BUTTON
from bot.language.phrases import Phrase
from bot.language.wording import duration
from bot.model.ideas import Idea, Stage
from bot.people import Person, Place
from bot.router import Router
from bot.turn import Turn

CATCH_UP = timedelta(days=3)


def check_nudge(idea: Idea, turn: Turn) -> PrivateReply:
    """Asked of the owner (the author when nobody owns it) once the change had time to work."""
    asked = idea.owner or idea.author
    card = Card(
        title=Text.of(Phrase("Did the change hold? Idea #{number}", number=idea.number)),
        body=(
            Text.of(
                Phrase(
                    "Idea #{number} has been in Do for {time}: {idea}",
                    number=idea.number,
                    time=duration(turn.now - idea.stage_at),
                    idea=idea.text,
                )
            ),
            Text.of(
                Phrase(
                    "Look at the result on the floor, not at the plan: is the problem gone, "
                    "and does the new way stick without extra effort?"
                )
            ),
        ),
        buttons=(
            Button(
                Phrase("It held: move to Check"),
                MOVE_BUTTON,
                f"{idea.number}:{Stage.CHECK}",
                "primary",
            ),
            Button(Phrase("It didn't: back to Plan"), MOVE_BUTTON, f"{idea.number}:{Stage.PLAN}"),
        ),
        footer=Text.of(
            Phrase("Not sure yet? Leave it in Do. kaizen show {number}", number=idea.number)
        ),
    )
    return PrivateReply(asked, Place(idea.channel), card)


def answer_reminder(idea: Idea, turn: Turn, again: bool = False) -> list[Action]:
    """Nobody has answered this idea in time: remind its owner, else the admins, else the
    thread, so it never disappears into a black hole. Still nobody after as long again: the
    admins (when the owner was asked first) and the thread are asked; then it is left be."""
    waited = duration(turn.now - idea.created_at)
    waiting = (
        Phrase(
            "Still waiting: idea #{number} in {channel} has waited {time} for an answer: {idea}",
            number=idea.number,
            channel=ChannelLink(idea.channel),
            time=waited,
            idea=idea.text,
        )
        if again
        else Phrase(
            "Idea #{number} in {channel} has waited {time} for an answer: {idea}",
            number=idea.number,
            channel=ChannelLink(idea.channel),
            time=waited,
            idea=idea.text,
        )
    )
    words = Text.of(
        waiting,
        "\n",
        Phrase(
            "Take it (`kaizen take {number}`), move it on, or set it aside with a reason "
            "for its author. Every idea deserves a reply.",
            number=idea.number,
        ),
    )
    owned = idea.owner is not None and idea.owner.id != idea.author.id
    admins = [a for a in turn.settings.admins if a != idea.author.id]
    to_admins: list[Action] = [
        PrivateReply(Person(a, a), Place("", direct=True), words) for a in admins
    ]
    in_thread = Reply(
        idea.key,
        Text.of(
            Phrase(
                "This idea has waited {time} for an answer. Who can pick it up? "
                "`kaizen take {number}`",
                time=waited,
                number=idea.number,
            )
        ),
    )
    if again:
        return [*(to_admins if owned else []), in_thread]
    if owned and idea.owner is not None:
        return [PrivateReply(idea.owner, Place(idea.channel), words)]
    return to_admins or [in_thread]


async def keep_ideas_moving(tick: ScheduleTick, turn: Turn) -> list[Action]:
    pdca, ideas = turn.settings.pdca, turn.store.ideas
    actions: list[Action] = []
    due = tick.at - pdca.check_after
    for idea in await ideas.waiting(tick.workspace, due - CATCH_UP, due, Stage.DO):
        if idea.check_at is not None:
            continue  # its plan set a check date: asked then (check.py)
        key = f"check:{idea.number}:{int(idea.stage_at.timestamp())}"
        if await turn.store.claim_once(tick.workspace, key, turn.now):
            actions.append(check_nudge(idea, turn))
    for again, key in ((False, "answer"), (True, "answer-again")):
        due = tick.at - pdca.respond_within * (2 if again else 1)
        for idea in await ideas.waiting(tick.workspace, due - CATCH_UP, due):
            if await turn.store.claim_once(tick.workspace, f"{key}:{idea.number}", turn.now):
                actions += answer_reminder(idea, turn, again)
    return actions


def register(router: Router) -> None:
    router.tick(keep_ideas_moving)
