"""Plan as an experiment: the countermeasure, who carries it, what we expect to see, how
we will see it, and when we look (Rever's Experiment, the A3's plan box, in one line).

The first countermeasure after the summary starts the plan; `kaizen plan N ...` adds to it
or changes it at any time. What is missing is asked for once, privately, and never holds
the idea back. A plan that does not touch the root cause is questioned, privately.
"""

from __future__ import annotations

import re

from bot.actions import Action, PrivateReply, Update
from bot.content import Span, Text
from bot.errors import UserError
from bot.events import Command
from bot.ideas import in_private
from bot.ideas.asking import known_names, to_people
from bot.ideas.cards import idea_card, plan_fields
from bot.ideas.lookup import find_idea
from bot.ideas.rights import check_plan
from bot.language import frames
from bot.language.names import neutral
from bot.language.overlap import likeness, words
from bot.language.phrases import Phrase, When
from bot.language.plans import PlanReading, read_plan
from bot.model.ideas import Idea
from bot.model.whys import Dialogue
from bot.people import Person, Place
from bot.router import Router
from bot.turn import Turn


async def start_plan(
    dialogue: Dialogue,
    idea: Idea,
    person: Person,
    place: Place,
    mentions: tuple[Person, ...],
    text: str,
    turn: Turn,
) -> list[Action]:
    """The countermeasure given after the summary, with whatever plan came with it; the
    owner is the author and the check date `pdca.check_after` away unless it says."""
    reading = read_plan(text, turn.now)
    await _apply(idea, reading, person, mentions, turn)
    idea.check_at = idea.check_at or turn.now + turn.settings.pdca.check_after
    idea.owner = idea.owner or idea.author
    await turn.store.ideas.save(idea, turn.now)
    title = Phrase(frames.COUNTERMEASURE, n=idea.number, text=idea.countermeasure or text)
    note = plan_text(idea, title, skip="Countermeasure")
    next_step = (
        Phrase(
            frames.TRY_IT_PLANNED,
            n=idea.number,
            day=When(idea.check_at, turn.settings.timezone, "day"),
        )
        if idea.prediction and idea.measure and idea.check_at
        else Phrase(frames.TRY_IT, n=idea.number)
    )
    note = Text.of(*note.spans, "\n", next_step)
    public = to_people(dialogue, idea, note)
    return [public, Update(idea.key, idea_card(idea)), *_asks(idea, reading, person, place)]


async def plan_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    """`kaizen plan N <plan>`: add to or change the plan of idea #N."""
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    check_plan(idea, command.person, turn.settings)
    if not match["text"]:
        if not idea.countermeasure:
            raise UserError(
                Phrase(
                    "What's the plan? `kaizen plan {number} <countermeasure>`.", number=idea.number
                )
            )
        plan = plan_text(idea, Phrase(frames.PLAN_TITLE, n=idea.number))
        return [PrivateReply(command.person, command.place, plan)]
    reading = read_plan(match["text"], turn.now)
    if reading.unread and not (reading.countermeasure or reading.owner_named):
        raise UserError(Phrase(frames.PLAN_UNREAD, said=reading.unread[0]))
    await _apply(idea, reading, command.person, command.mentions, turn)
    await turn.store.ideas.save(idea, turn.now)
    notice = plan_text(idea, Phrase(frames.PLAN_TITLE, n=idea.number))
    dialogue = await turn.store.dialogues.get(idea.workspace, idea.number)
    told: Action = (
        PrivateReply(command.person, command.place, notice)
        if dialogue is not None and dialogue.private
        else in_private.in_thread(idea, notice)
    )
    update = Update(idea.key, idea_card(idea))
    return [told, update, *_asks(idea, reading, command.person, command.place)]


async def _apply(
    idea: Idea, reading: PlanReading, person: Person, mentions: tuple[Person, ...], turn: Turn
) -> None:
    known = await known_names(turn, idea)
    if reading.countermeasure:
        idea.countermeasure = neutral(reading.countermeasure, known)
    if reading.owner_named:
        idea.owner = mentions[0] if mentions else person if reading.owner_is_me else idea.owner
    idea.prediction = neutral(reading.prediction, known) if reading.prediction else idea.prediction
    idea.measure = neutral(reading.measure, known) if reading.measure else idea.measure
    idea.check_at = reading.check_at or idea.check_at
    idea.fix_kind = reading.fix_kind or idea.fix_kind


def plan_text(idea: Idea, title: str, skip: str = "") -> Text:
    """The plan as the thread shows it: a title, then one part a line."""
    parts: list[Span] = [title]
    for field in plan_fields(idea):
        if field.label == skip:
            continue
        parts += ["\n", field.label, ": ", *field.value.spans]
    return Text.of(*parts)


def _asks(idea: Idea, reading: PlanReading, person: Person, place: Place) -> list[Action]:
    """Once, privately: what the plan is missing, a date not read, a plan that misses."""
    said: list[Phrase] = []
    if reading.unread:
        said.append(Phrase(frames.PLAN_UNREAD, said=reading.unread[0]))
    missing = [
        Phrase(frames.PLAN_PARTS[part])
        for part, given in (
            ("owner", reading.owner_named or idea.owner not in (None, idea.author)),
            ("prediction", idea.prediction),
            ("measure", idea.measure),
        )
        if not given
    ]
    if missing and reading.countermeasure:
        listed = Text.of(*_between(missing, "; "))
        said.append(Phrase(frames.PLAN_MISSING, n=idea.number, missing=listed))
    if reading.countermeasure and idea.root_cause and _misses(idea):
        said.append(Phrase(frames.PLAN_MISMATCH, root=idea.root_cause))
    return [PrivateReply(person, place, Text.of(*_between(said, "\n")))] if said else []


def _between(parts: list[Phrase], separator: str) -> list[Span]:
    """The parts with `separator` between them, each still a Phrase (said in any language)."""
    spans: list[Span] = []
    for index, part in enumerate(parts):
        spans += [separator, part] if index else [part]
    return spans


def _misses(idea: Idea) -> bool:
    """The countermeasure and the root cause share no word that carries meaning."""
    return likeness(words(idea.countermeasure or ""), words(idea.root_cause or "")) == 0


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"plan\s+#?(?P<number>\d+)(?:\s+(?P<text>.+))?",
        usage="kaizen plan N <plan>",
        summary=Phrase(
            "the plan of idea #N as an experiment: countermeasure, owner @name, "
            "expect ..., measure ..., check in 2 weeks (any part, any order)"
        ),
        hint=Phrase(
            "Plan which idea? `kaizen plan N <countermeasure>, owner @name, check in 2 weeks`."
        ),
        group="Ideas",
    )(plan_command)
