"""Moving an idea through its stages, with the history that lead and cycle times come from."""

from __future__ import annotations

import re

from bot.actions import Action, OpenForm, PrivateReply, Reply, Update
from bot.content import Form, FormField, Span, Text
from bot.errors import UserError
from bot.events import ButtonPress, Command, Event, FormSubmit
from bot.ideas.cards import MOVE_BUTTON, actor, idea_card
from bot.ideas.done import thank_for
from bot.ideas.impact import ask_impact
from bot.ideas.lookup import find_idea, idea_number
from bot.ideas.owner import answered
from bot.ideas.rights import check_move
from bot.ideas.standards import act_prompt
from bot.language import frames
from bot.language.labels import stage_name
from bot.language.phrases import Phrase
from bot.model.ideas import Idea, Stage, StageChange
from bot.model.whys import DialogueState
from bot.people import Person, Place
from bot.router import Router
from bot.turn import Turn

DROP_FORM = "idea.drop"
DONE_FORM = "idea.done"
_MOVABLE = (Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT, Stage.DONE, Stage.DROPPED)
_ALIASES = {"drop": Stage.DROPPED, "implemented": Stage.DONE, "finished": Stage.DONE}


async def enter(
    idea: Idea, stage: Stage, by: Person | None, turn: Turn, note: str | None = None
) -> bool:
    """Put the idea in `stage` and log it; an idea past clarifying asks no more whys.

    True when this cut short whys that were still being asked.
    """
    idea.stage, idea.stage_at = stage, turn.now
    await turn.store.ideas.save(idea, turn.now)
    await turn.store.ideas.log_stage(idea, StageChange(stage, turn.now, by, note))
    dialogue = await turn.store.dialogues.get(idea.workspace, idea.number)
    if dialogue is None or not dialogue.is_open:
        return False
    asking_too_late = dialogue.state is DialogueState.ASKING and stage is not Stage.CLARIFYING
    if asking_too_late or stage not in (Stage.CLARIFYING, Stage.PLAN):
        dialogue.state = DialogueState.CLOSED
        await turn.store.dialogues.save(dialogue)
    return asking_too_late


def parse_stage(name: str) -> Stage:
    word = name.strip().lower()
    stage = _ALIASES.get(word) or next((s for s in _MOVABLE if s.value == word), None)
    if stage is None:
        allowed = ", ".join(s.value for s in _MOVABLE)
        raise UserError(
            Phrase(
                "'{name}' is not a stage I can move an idea to. Use one of: {allowed}.",
                name=name,
                allowed=allowed,
            )
        )
    return stage


async def move(
    event: Event, number: int, stage: Stage, reason: str | None, turn: Turn
) -> list[Action]:
    """Move idea `number` to `stage`: update its card, note it in its thread, tell its author."""
    idea = await find_idea(turn, event.workspace, number)
    check_move(idea, stage, event.person, turn.settings)
    if stage is idea.stage:
        raise UserError(
            Phrase("Idea #{number} is already at {stage}.", number=number, stage=stage_name(stage))
        )
    if stage is Stage.DROPPED and reason is None and event.person.id != idea.author.id:
        raise UserError(
            Phrase(
                "Say why, kindly: `kaizen move {number} dropped <reason>`. "
                "Only its author hears the reason, privately.",
                number=number,
            )
            if idea.anonymous
            else Phrase(
                "Say why, kindly: `kaizen move {number} dropped <reason>`. "
                "Only {author} hears the reason, privately.",
                number=number,
                author=idea.author.name,
            )
        )
    if stage is Stage.DONE and not idea.countermeasure:
        if reason is None:
            raise UserError(Phrase(frames.DONE_ASKS, n=number))
        idea.countermeasure = reason  # what changed: the thanks say it, not the problem
    was = idea.stage
    answered(idea, event.person, turn)
    cut_short = await enter(idea, stage, event.person, turn, reason)
    joined = idea.duplicate_of if stage is Stage.DROPPED else None
    who = actor(idea, event.person)
    notice = (
        Text.of(
            Phrase(
                "{person} joined idea #{number} with #{joined}: the same problem, one thread.",
                person=who,
                number=number,
                joined=joined,
            )
        )
        if joined
        else _notice(who, number, was, stage, cut_short)
    )
    actions: list[Action] = [Update(idea.key, idea_card(idea)), Reply(idea.key, notice)]
    if event.person.id != idea.author.id:
        name = event.person.name
        if joined:
            told = Text.of(
                Phrase(
                    "{person} joined your idea #{number} with #{joined}, which raises the same "
                    "problem: #{joined}'s thread is the place to add to it.",
                    person=name,
                    number=number,
                    joined=joined,
                )
            )
        else:
            moved = Phrase(
                "{person} moved your idea #{number} to {stage}.",
                person=name,
                number=number,
                stage=stage_name(stage),
            )
            told = Text.of(moved)
            if reason:
                why = (
                    Phrase("What changed: {reason}", reason=reason)
                    if stage is Stage.DONE
                    else Phrase("Their reason: {reason}", reason=reason)
                )
                told = Text.of(moved, " ", why)
        actions.append(PrivateReply(idea.author, Place(idea.channel), told))
    if stage is Stage.ACT:
        actions.append(act_prompt(idea))
    # Thanks are said once: an idea reopened and done again is not a second achievement.
    if stage is Stage.DONE and await turn.store.claim_once(
        idea.workspace, f"thanked:{idea.number}", turn.now
    ):
        actions += await thank_for(idea, turn)
        if idea.impact is None:
            actions.append(ask_impact(idea, event, turn.settings))
    return actions


def _notice(who: Span, number: int, was: Stage, stage: Stage, cut_short: bool) -> Text:
    if stage is Stage.DROPPED:
        return Text.of(
            Phrase("{person} set idea #{number} aside for now.", person=who, number=number)
        )
    words = (
        Phrase(
            "{person} reopened idea #{number} at {stage}.",
            person=who,
            number=number,
            stage=stage_name(stage),
        )
        if not was.is_open
        else Phrase(
            "{person} moved idea #{number} to {stage}.",
            person=who,
            number=number,
            stage=stage_name(stage),
        )
    )
    if cut_short:
        return Text.of(words, " ", Phrase("Its whys stop here, before a root cause was named."))
    return Text.of(words)


async def move_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    if not match["stage"]:
        allowed = ", ".join(s.value for s in _MOVABLE)
        raise UserError(
            Phrase(
                "Move it where? `kaizen move {number} <stage>`, one of: {allowed}.",
                number=int(match["number"]),
                allowed=allowed,
            )
        )
    reason = (match["reason"] or "").strip() or None
    return await move(command, int(match["number"]), parse_stage(match["stage"]), reason, turn)


async def move_button(press: ButtonPress, turn: Turn) -> list[Action]:
    number, _, stage = press.value.partition(":")
    if parse_stage(stage) is Stage.DONE:
        idea = await find_idea(turn, press.workspace, idea_number(number))
        if not idea.countermeasure:
            check_move(idea, Stage.DONE, press.person, turn.settings)
            return [OpenForm(_done_form(idea.number), press.person, press.place, press)]
    if parse_stage(stage) is Stage.DROPPED:
        idea = await find_idea(turn, press.workspace, idea_number(number))
        check_move(idea, Stage.DROPPED, press.person, turn.settings)
        form = _drop_form(idea.number, reason_needed=press.person.id != idea.author.id)
        return [OpenForm(form, press.person, press.place, press)]
    return await move(press, idea_number(number), parse_stage(stage), None, turn)


async def done_submitted(submit: FormSubmit, turn: Turn) -> list[Action]:
    changed = " ".join(submit.values.get("changed", "").split()) or None
    return await move(submit, idea_number(submit.state), Stage.DONE, changed, turn)


def _done_form(number: int) -> Form:
    """Done is earned: what changed is said before the thanks go out."""
    return Form(
        id=DONE_FORM,
        title=Phrase("Mark idea #{number} done", number=number),
        intro=Phrase(
            "The thanks say what changed, so the team sees the improvement, not the problem."
        ),
        fields=(FormField("changed", Phrase("What changed?"), "long_text", max_length=500),),
        submit_label=Phrase("Mark done"),
        state=str(number),
    )


async def drop_submitted(submit: FormSubmit, turn: Turn) -> list[Action]:
    reason = submit.values.get("reason", "").strip() or None
    return await move(submit, idea_number(submit.state), Stage.DROPPED, reason, turn)


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"move\s+#?(?P<number>\d+)(?:\s+(?P<stage>\S+)(?:\s+(?P<reason>.+))?)?",
        usage="kaizen move N plan|do|check|act|done|dropped [reason]",
        summary=Phrase("moves idea #N along PDCA; the card's buttons do the same"),
        hint=Phrase(
            "Move which idea where? `kaizen move N <stage>`, for example `kaizen move 1 do`."
        ),
        group="Ideas",
    )(move_command)
    router.button(MOVE_BUTTON)(move_button)
    router.form(DROP_FORM)(drop_submitted)
    router.form(DONE_FORM)(done_submitted)


def _drop_form(number: int, reason_needed: bool) -> Form:
    """Someone else's idea is set aside with a reason its author hears; your own needs none."""
    return Form(
        id=DROP_FORM,
        title=Phrase("Set idea #{number} aside", number=number),
        intro=Phrase(
            "The author hears the reason privately; the channel only sees that it was set aside."
        ),
        fields=(
            FormField(
                "reason",
                Phrase("Why not now?"),
                "long_text",
                required=reason_needed,
                max_length=500,
            ),
        ),
        submit_label=Phrase("Set aside"),
        state=str(number),
    )
