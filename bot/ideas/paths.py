"""Operational improvement or strategic initiative: the two paths an idea can take.

A strategic idea must say how it supports our mission by naming one of the strategic goals
in app.yaml; it is also put before the leadership team in their review channel.
"""

from __future__ import annotations

import re

from bot.actions import Action, Post, PrivateReply, Reply, Update
from bot.content import Card, ChannelLink, Field, Link, Span, Text
from bot.errors import UserError
from bot.events import Command, Event
from bot.ideas.cards import actor, author, idea_card
from bot.ideas.lookup import find_idea
from bot.ideas.owner import answered
from bot.ideas.rights import check_path_change
from bot.language.labels import stage_name
from bot.language.phrases import Phrase
from bot.model.ideas import Idea, Path
from bot.people import Place
from bot.router import Router
from bot.settings import Settings
from bot.turn import Turn


def strategic_goal(settings: Settings, named: str) -> str:
    """The strategic goal `named` refers to (its number, its name or a unique part of it)."""
    goals = settings.strategic_goals
    if not goals:
        raise UserError(
            Phrase(
                "No strategic goals are set yet, so nothing can go on the strategic path. "
                "An admin lists them under `strategic_goals` in app.yaml."
            )
        )
    wanted = _words(named)
    if wanted.isdecimal() and wanted.isascii() and 1 <= int(wanted) <= len(goals):
        return goals[int(wanted) - 1]
    exact = [goal for goal in goals if _words(goal) == wanted]
    close = [goal for goal in goals if wanted and wanted in _words(goal)]
    if exact or len(close) == 1:
        return (exact or close)[0]
    listed = "\n".join(f"{n}. {goal}" for n, goal in enumerate(goals, start=1))
    if wanted:
        raise UserError(
            Phrase(
                "'{named}' is not one of our strategic goals. How does this support our "
                "mission? Name the strategic goal it serves:\n{goals}",
                named=named.strip(),
                goals=listed,
            )
        )
    raise UserError(
        Phrase(
            "How does this support our mission? Name the strategic goal it serves:\n{goals}",
            goals=listed,
        )
    )


def _words(text: str) -> str:
    """Text as words only: "zero lost time" names "Zero lost-time accidents"."""
    return " ".join(re.sub(r"[\W_]+", " ", text).split()).lower()


async def review_post(idea: Idea, turn: Turn) -> list[Action]:
    """The idea, put before the leadership team (when they have a review channel)."""
    channel = turn.settings.channels.leadership
    if channel is None or idea.path is not Path.STRATEGIC:
        return []
    posted = await turn.store.messages.find(idea.workspace, idea.key)
    where: Span = ChannelLink(idea.channel)
    if posted is not None and posted.link:
        where = Phrase(
            "idea {thread}'s thread in {channel}",
            thread=Link(posted.link, f"#{idea.number}"),
            channel=where,
        )
    card = Card(
        title=Text.of(Phrase("Strategic idea #{number} for review", number=idea.number)),
        body=(Text.of(idea.text),),
        fields=(
            Field(Phrase("Supports"), Text.of(idea.goal or "")),
            Field(Phrase("From"), Text.of(author(idea))),
            Field(Phrase("Discussed in"), Text.of(where)),
        ),
        footer=Text.of(
            Phrase(
                "kaizen take {number} to own it, kaizen show {number} for more",
                number=idea.number,
            )
        ),
    )
    return [Post(channel, card)]


async def set_path(
    event: Event, number: int, path: Path, goal: str | None, turn: Turn
) -> list[Action]:
    idea = await find_idea(turn, event.workspace, number)
    if not idea.stage.is_open:
        raise UserError(
            Phrase(
                "Idea #{number} is {stage}; its path can no longer change.",
                number=number,
                stage=stage_name(idea.stage),
            )
        )
    if idea.path is path and idea.goal == goal:
        raise UserError(
            Phrase("Idea #{number} is already on the strategic path.", number=number)
            if path is Path.STRATEGIC
            else Phrase("Idea #{number} is already on the operational path.", number=number)
        )
    check_path_change(idea, event.person, turn.settings)
    newly_strategic = idea.path is not Path.STRATEGIC and path is Path.STRATEGIC
    idea.path, idea.goal = path, goal
    answered(idea, event.person, turn)
    await turn.store.ideas.save(idea, turn.now)
    notice = (
        Phrase(
            "{person} put idea #{number} on the strategic path: it supports {goal}.",
            person=actor(idea, event.person),
            number=number,
            goal=goal or "",
        )
        if path is Path.STRATEGIC
        else Phrase(
            "{person} put idea #{number} on the operational path.",
            person=actor(idea, event.person),
            number=number,
        )
    )
    actions: list[Action] = [
        Update(idea.key, idea_card(idea)),
        Reply(idea.key, Text.of(notice)),
    ]
    if event.person.id != idea.author.id:
        told = (
            Phrase(
                "{person} put your idea #{number} on the strategic path: it supports {goal}.",
                person=event.person.name,
                number=number,
                goal=goal or "",
            )
            if path is Path.STRATEGIC
            else Phrase(
                "{person} put your idea #{number} on the operational path.",
                person=event.person.name,
                number=number,
            )
        )
        review = Phrase("It goes to the leadership team for review.")
        to_review = newly_strategic and turn.settings.channels.leadership
        said = Text.of(told, " ", review) if to_review else Text.of(told)
        actions.append(PrivateReply(idea.author, Place(idea.channel), said))
    if newly_strategic:
        actions += await review_post(idea, turn)
    return actions


async def strategic(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    goal = strategic_goal(turn.settings, match["goal"] or "")
    return await set_path(command, int(match["number"]), Path.STRATEGIC, goal, turn)


async def operational(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    return await set_path(command, int(match["number"]), Path.OPERATIONAL, None, turn)


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"strategic\s+#?(?P<number>\d+)(?:\s+(?P<goal>.*))?",
        usage="kaizen strategic N <goal>",
        summary=Phrase("puts idea #N on the strategic path; the goal is one of `strategic_goals`"),
        hint=Phrase("Which idea, for which goal? `kaizen strategic N <goal>`."),
        group="Ideas",
    )(strategic)
    router.command(
        "kaizen",
        r"operational\s+#?(?P<number>\d+)",
        usage="kaizen operational N",
        summary=Phrase("puts idea #N back on the operational path"),
        hint=Phrase("Which idea? `kaizen operational N`."),
        group="Ideas",
    )(operational)
