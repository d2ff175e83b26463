"""Act: the standard that changed, and yokoten, spreading what worked to where else it
could help as a linked copy that starts at Plan with the plan that worked."""

from __future__ import annotations

import re

from bot.actions import Action, Post, Reply, Update
from bot.content import ChannelLink, Text
from bot.errors import UserError
from bot.events import Command
from bot.ideas import in_private
from bot.ideas.asking import known_names
from bot.ideas.cards import idea_card
from bot.ideas.lookup import find_idea
from bot.ideas.rights import check_plan
from bot.language import frames
from bot.language.names import neutral
from bot.model.ideas import Idea, Stage, StageChange
from bot.router import Router
from bot.turn import Turn


async def standard_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    """`kaizen standard N <what changed>`: the standard that keeps the improvement."""
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    check_plan(idea, command.person, turn.settings)
    if not match["text"]:
        raise UserError(f"Which standard changed? `kaizen standard {idea.number} <what changed>`.")
    idea.standard = neutral(" ".join(match["text"].split()), await known_names(turn, idea))
    await turn.store.ideas.save(idea, turn.now)
    said = Text.of(frames.STANDARD_SET.format(n=idea.number, standard=idea.standard))
    return [in_private.in_thread(idea, said), Update(idea.key, idea_card(idea))]


async def spread_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    """`kaizen spread N` in another channel: a linked copy of idea #N starts there."""
    original = await find_idea(turn, command.workspace, int(match["number"]))
    here = command.place.channel
    if command.place.direct or not here:
        raise UserError(frames.SPREAD_WHERE.format(n=original.number))
    for number, channel in await turn.store.ideas.spread_of(original.workspace, original.number):
        if channel == here:
            raise UserError(frames.SPREAD_ALREADY.format(n=original.number, m=number))
    if here == original.channel:
        raise UserError(frames.SPREAD_WHERE.format(n=original.number))
    copy = await turn.store.ideas.add(_copy_of(original, command, turn))
    await turn.store.ideas.log_stage(copy, StageChange(Stage.NEW, turn.now, command.person))
    copy.stage = Stage.PLAN
    await turn.store.ideas.save(copy, turn.now)
    note = f"from idea #{original.number}"
    await turn.store.ideas.log_stage(copy, StageChange(Stage.PLAN, turn.now, command.person, note))
    thread = frames.SPREAD_THREAD.format(
        n=original.number, m=copy.number, countermeasure=original.countermeasure or original.text
    )
    spreading = Text.of(
        frames.SPREADING.format(n=original.number, m=copy.number), ChannelLink(here), "."
    )
    return [
        Post(here, idea_card(copy), key=copy.key),
        Reply(copy.key, Text.of(thread)),
        Reply(original.key, spreading),
    ]


def _copy_of(original: Idea, command: Command, turn: Turn) -> Idea:
    return Idea(
        workspace=original.workspace,
        text=original.text,
        author=command.person,
        channel=command.place.channel,
        created_at=turn.now,
        stage_at=turn.now,
        category=original.category,
        path=original.path,
        goal=original.goal,
        root_cause=original.root_cause,
        countermeasure=original.countermeasure,
        prediction=original.prediction,
        measure=original.measure,
        standard=original.standard,
        spread_from=original.number,
        owner=command.person,
        check_at=turn.now + turn.settings.pdca.check_after,
    )


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"standard\s+#?(?P<number>\d+)(?:\s+(?P<text>.+))?",
        usage="kaizen standard N <what changed>",
        summary="the standard that keeps idea #N's improvement (a checklist, an instruction, "
        "a setting, training)",
        hint="Which idea's standard? `kaizen standard N <what changed>`.",
        group="Ideas",
    )(standard_command)
    router.command(
        "kaizen",
        r"spread\s+#?(?P<number>\d+)(?:\s+here)?",
        usage="kaizen spread N",
        summary="said in another channel: a linked copy of idea #N starts there with its plan "
        "(yokoten)",
        hint="Spread which idea? Say `kaizen spread N` in the channel where it could help.",
        group="Ideas",
    )(spread_command)
