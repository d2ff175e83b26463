"""Who carries an idea through Plan-Do-Check-Act: `kaizen take N`, `kaizen assign N @person`."""

from __future__ import annotations

import re

from bot.actions import Action, PrivateReply, Reply, Update
from bot.content import Text
from bot.errors import UserError
from bot.events import Command, Event
from bot.ideas.cards import actor, idea_card
from bot.ideas.lookup import find_idea
from bot.ideas.rights import check_owner_change
from bot.language.labels import stage_name
from bot.language.phrases import Phrase
from bot.model.ideas import Idea
from bot.people import Person, Place
from bot.router import Router
from bot.turn import Turn


def answered(idea: Idea, by: Person, turn: Turn) -> None:
    """Note the first time someone other than the author acts on the idea."""
    if idea.heard_at is None and by.id != idea.author.id:
        idea.heard_at = turn.now


async def give_owner(event: Event, number: int, owner: Person, turn: Turn) -> list[Action]:
    idea = await find_idea(turn, event.workspace, number)
    if not idea.stage.is_open:
        raise UserError(
            Phrase(
                "Idea #{number} is {stage}; it needs no owner any more.",
                number=number,
                stage=stage_name(idea.stage),
            )
        )
    check_owner_change(idea, owner, event.person, turn.settings)
    if idea.owner is not None and idea.owner.id == owner.id:
        raise UserError(
            Phrase("You already own idea #{number}.", number=number)
            if owner.id == event.person.id
            else Phrase("{owner} already owns idea #{number}.", owner=owner.name, number=number)
        )
    previous, idea.owner = idea.owner, owner
    answered(idea, event.person, turn)
    await turn.store.ideas.save(idea, turn.now)
    if owner.id == event.person.id:
        notice = Text.of(
            Phrase(
                "{owner} is taking idea #{number} forward.", owner=actor(idea, owner), number=number
            )
        )
    else:
        notice = Text.of(
            Phrase(
                "{person} asked {owner} to own idea #{number}.",
                person=actor(idea, event.person),
                owner=actor(idea, owner),
                number=number,
            )
        )
    actions: list[Action] = [Update(idea.key, idea_card(idea)), Reply(idea.key, notice)]
    here = Place(idea.channel)
    if owner.id != event.person.id:
        actions.append(
            PrivateReply(
                owner,
                here,
                Text.of(
                    Phrase(
                        "{person} asked you to own idea #{number}: {idea} Its thread has the "
                        "story so far; `kaizen move {number} <stage>` moves it.",
                        person=event.person.name,
                        number=number,
                        idea=idea.text,
                    )
                ),
            )
        )
    if previous is not None and previous.id != event.person.id:
        actions.append(
            PrivateReply(
                previous,
                here,
                Text.of(
                    Phrase(
                        "{person} handed idea #{number} on to {owner}. "
                        "Thank you for carrying it this far.",
                        person=event.person.name,
                        number=number,
                        owner=owner.name,
                    )
                ),
            )
        )
    if idea.author.id not in (owner.id, event.person.id):
        actions.append(
            PrivateReply(
                idea.author,
                here,
                Text.of(
                    Phrase(
                        "{owner} is taking your idea #{number} forward. Thank you for it!",
                        owner=owner.name,
                        number=number,
                    )
                    if owner.id == event.person.id
                    else Phrase(
                        "{person} asked {owner} to take your idea #{number} forward. "
                        "Thank you for it!",
                        person=event.person.name,
                        owner=owner.name,
                        number=number,
                    )
                ),
            )
        )
    return actions


async def take(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    return await give_owner(command, int(match["number"]), command.person, turn)


async def assign(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    people = [p for p in command.mentions if not p.is_bot]
    if len(people) != 1:
        raise UserError(
            Phrase(
                "Whom should idea #{number} go to? Mention one person: "
                "`kaizen assign {number} @name`.",
                number=int(match["number"]),
            )
        )
    return await give_owner(command, int(match["number"]), people[0], turn)


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"take\s+#?(?P<number>\d+)",
        usage="kaizen take N",
        summary=Phrase("you own idea #N and carry it through Plan-Do-Check-Act"),
        hint=Phrase("Take which idea? `kaizen take N`."),
        group="Ideas",
    )(take)
    router.command(
        "kaizen",
        r"assign\s+#?(?P<number>\d+)(?:\s+(?P<who>.*))?",
        usage="kaizen assign N @person",
        summary=Phrase("gives idea #N an owner, who carries it through Plan-Do-Check-Act"),
        hint=Phrase("Assign which idea to whom? `kaizen assign N @person`."),
        group="Ideas",
    )(assign)
