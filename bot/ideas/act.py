"""Act: the standard that changed, and yokoten, spreading what worked to where else it
could help as a linked copy that starts at Plan with the plan that worked."""

from __future__ import annotations

import re

from bot.actions import Action, OpenForm, Post, Reply, Update
from bot.content import ChannelLink, Choice, Form, FormField, Text
from bot.errors import UserError
from bot.events import ButtonPress, Command, Event, FormSubmit
from bot.ideas import in_private
from bot.ideas.asking import known_names
from bot.ideas.cards import idea_card
from bot.ideas.lookup import find_idea, idea_number
from bot.ideas.rights import check_plan
from bot.ideas.standards import SPREAD_BUTTON
from bot.language import frames
from bot.language.names import neutral
from bot.language.phrases import Phrase
from bot.model.ideas import Idea, Stage, StageChange
from bot.router import Router
from bot.turn import Turn

SPREAD_FORM = "idea.spread"


async def standard_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    """`kaizen standard N <what changed>`: the standard that keeps the improvement."""
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    check_plan(idea, command.person, turn.settings)
    if not match["text"]:
        raise UserError(
            Phrase(
                "Which standard changed? `kaizen standard {number} <what changed>`.",
                number=idea.number,
            )
        )
    idea.standard = neutral(" ".join(match["text"].split()), await known_names(turn, idea))
    await turn.store.ideas.save(idea, turn.now)
    said = Text.of(Phrase(frames.STANDARD_SET, n=idea.number, standard=idea.standard))
    return [in_private.in_thread(idea, said), Update(idea.key, idea_card(idea))]


async def spread_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    """`kaizen spread N` in another channel: a linked copy of idea #N starts there; in a
    direct chat (the terminal's too), the form asks which channel."""
    original = await find_idea(turn, command.workspace, int(match["number"]))
    if command.place.direct or not command.place.channel:
        return [_ask_where(original, command, await _channels(original, turn))]
    return await spread(command, original, command.place.channel, turn)


async def spread_button(press: ButtonPress, turn: Turn) -> list[Action]:
    """The Act prompt's button: which channel? (Slack's picker, else the channels known.)"""
    idea = await find_idea(turn, press.workspace, idea_number(press.value))
    return [_ask_where(idea, press, await _channels(idea, turn))]


async def _channels(idea: Idea, turn: Turn) -> list[str]:
    return [c for c in await turn.store.metrics.channels(idea.workspace) if c != idea.channel]


def _ask_where(idea: Idea, event: Event, known: list[str]) -> OpenForm:
    """The form that asks where a copy should go (said in a direct chat, or the button)."""
    form = Form(
        id=SPREAD_FORM,
        title=Phrase(frames.SPREAD_FORM_TITLE, n=idea.number),
        intro=Phrase(frames.SPREAD_FORM_INTRO),
        fields=(
            FormField(
                "channel",
                Phrase(frames.SPREAD_FORM_FIELD),
                "channel",
                tuple(Choice(c, f"#{c}") for c in known),
            ),
        ),
        submit_label=Phrase("Spread it"),
        state=str(idea.number),
    )
    return OpenForm(form, event.person, event.place, event)


async def spread_submitted(submit: FormSubmit, turn: Turn) -> list[Action]:
    original = await find_idea(turn, submit.workspace, idea_number(submit.state))
    channel = " ".join(str(submit.values.get("channel", "")).split()).lstrip("#")
    if not channel:
        raise UserError(Phrase(frames.SPREAD_WHERE, n=original.number))
    return await spread(submit, original, channel, turn)


async def spread(event: Event, original: Idea, here: str, turn: Turn) -> list[Action]:
    """A linked copy of `original` in channel `here`, at Plan with the plan that worked."""
    for number, channel in await turn.store.ideas.spread_of(original.workspace, original.number):
        if channel == here:
            raise UserError(Phrase(frames.SPREAD_ALREADY, n=original.number, m=number))
    if here == original.channel:
        raise UserError(Phrase(frames.SPREAD_WHERE, n=original.number))
    copy = await turn.store.ideas.add(_copy_of(original, event, here, turn))
    await turn.store.ideas.log_stage(copy, StageChange(Stage.NEW, turn.now, event.person))
    copy.stage = Stage.PLAN
    await turn.store.ideas.save(copy, turn.now)
    note = f"from idea #{original.number}"
    await turn.store.ideas.log_stage(copy, StageChange(Stage.PLAN, turn.now, event.person, note))
    thread = Phrase(
        frames.SPREAD_THREAD,
        n=original.number,
        m=copy.number,
        countermeasure=original.countermeasure or original.text,
    )
    spreading = Text.of(
        Phrase(frames.SPREADING, n=original.number, m=copy.number), ChannelLink(here), "."
    )
    return [
        Post(here, idea_card(copy), key=copy.key),
        Reply(copy.key, Text.of(thread)),
        Reply(original.key, spreading),
    ]


def _copy_of(original: Idea, event: Event, here: str, turn: Turn) -> Idea:
    return Idea(
        workspace=original.workspace,
        text=original.text,
        author=event.person,
        channel=here,
        created_at=turn.now,
        stage_at=turn.now,
        category=original.category,
        path=original.path,
        goal=original.goal,
        root_cause=original.root_cause,
        countermeasure=original.countermeasure,
        prediction=original.prediction,
        measure=original.measure,
        spread_from=original.number,
        owner=event.person,
        check_at=turn.now + turn.settings.pdca.check_after,
    )


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"standard\s+#?(?P<number>\d+)(?:\s+(?P<text>.+))?",
        usage="kaizen standard N <what changed>",
        summary=Phrase(
            "the standard that keeps idea #N's improvement (a checklist, an instruction, "
            "a setting, training)"
        ),
        hint=Phrase("Which idea's standard? `kaizen standard N <what changed>`."),
        group="Ideas",
    )(standard_command)
    router.command(
        "kaizen",
        r"spread\s+#?(?P<number>\d+)(?:\s+here)?",
        usage="kaizen spread N",
        summary=Phrase(
            "said in another channel: a linked copy of idea #N starts there with its plan (yokoten)"
        ),
        hint=Phrase("Spread which idea? Say `kaizen spread N` in the channel where it could help."),
        group="Ideas",
    )(spread_command)
    router.button(SPREAD_BUTTON)(spread_button)
    router.form(SPREAD_FORM)(spread_submitted)
