"""Check: the experiment against its prediction, at the date the plan set.

The owner is asked privately when the check date comes (Do), and answers with a button
(held / partly / did not hold), a short form, or `kaizen check N ...`. Held goes on to Act;
partly or not goes back to Plan with what was learned kept, and is thanked all the same:
no experiment is punished for teaching us something.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.actions import Action, OpenForm, PrivateReply, Update
from bot.content import Button, Card, Choice, Form, FormField, Span, Text
from bot.errors import UserError
from bot.events import ButtonPress, Command, Event, FormSubmit, ScheduleTick
from bot.ideas import in_private
from bot.ideas.cards import actor, idea_card, plan_fields
from bot.ideas.lifecycle import enter
from bot.ideas.lookup import find_idea, idea_number
from bot.ideas.rights import check_plan
from bot.ideas.standards import act_prompt
from bot.language import frames
from bot.model.ideas import Check, Idea, Result, Stage
from bot.people import Person, Place
from bot.router import Router
from bot.turn import Turn
from bot.wording import lower_first

CHECK_BUTTON = "idea.check"
CHECK_FORM = "idea.check"
CATCH_UP = timedelta(days=3)
_RESULTS = {
    "held": Result.HELD,
    "yes": Result.HELD,
    "partly": Result.PARTLY,
    "partially": Result.PARTLY,
    "not": Result.NOT_HELD,
    "no": Result.NOT_HELD,
    "failed": Result.NOT_HELD,
}
_LEARNED = re.compile(r"[;,.]?\s*(?:we\s+)?(?:learned|learnt|learning)\s*[:\-]?\s*", re.I)


async def ask_when_due(tick: ScheduleTick, turn: Turn) -> list[Action]:
    """Once per check date: the owner is asked, privately, what happened."""
    actions: list[Action] = []
    due = await turn.store.ideas.due_checks(tick.workspace, tick.at - CATCH_UP, tick.at)
    for idea in due:
        assert idea.check_at is not None
        key = f"check-at:{idea.number}:{int(idea.check_at.timestamp())}"
        if await turn.store.claim_once(tick.workspace, key, turn.now):
            actions.append(_ask(idea))
    return actions


def _ask(idea: Idea) -> PrivateReply:
    asked = idea.owner or idea.author
    value = str(idea.number)
    card = Card(
        title=Text.of(frames.CHECK_TITLE.format(n=idea.number)),
        body=(Text.of(idea.text), Text.of(frames.CHECK_BODY.format(n=idea.number))),
        fields=tuple(f for f in plan_fields(idea) if f.label != "Check on"),
        buttons=(
            Button(frames.HELD, CHECK_BUTTON, f"{value}:{Result.HELD}", "primary"),
            Button(frames.PARTLY, CHECK_BUTTON, f"{value}:{Result.PARTLY}"),
            Button(frames.NOT_HELD, CHECK_BUTTON, f"{value}:{Result.NOT_HELD}"),
        ),
    )
    return PrivateReply(asked, Place(idea.channel), card)


async def check_button(press: ButtonPress, turn: Turn) -> list[Action]:
    number, _, result = press.value.partition(":")
    idea = await find_idea(turn, press.workspace, idea_number(number))
    check_plan(idea, press.person, turn.settings)
    form = _form(idea, Result(result) if result in set(Result) else Result.HELD)
    return [OpenForm(form, press.person, press.place, press)]


async def check_submitted(submit: FormSubmit, turn: Turn) -> list[Action]:
    idea = await find_idea(turn, submit.workspace, idea_number(submit.state))
    values = {k: " ".join(str(v).split()) for k, v in submit.values.items()}
    result = _RESULTS.get(values.get("result", "").lower())
    if result is None:
        raise UserError("Did it hold, partly, or not? Pick one.")
    return await record(submit, idea, result, values.get("observed"), values.get("learning"), turn)


async def check_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    """`kaizen check N held|partly|not <what we saw>; learned <what we learned>`."""
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    result = _RESULTS.get(match["result"].lower())
    if result is None:
        raise UserError(
            f"Did it hold? `kaizen check {idea.number} held|partly|not <what you saw>`."
        )
    said = (match["text"] or "").strip()
    observed, _, learning = _LEARNED.split(said, maxsplit=1)[0], None, None
    parts = _LEARNED.split(said, maxsplit=1)
    observed = parts[0].strip(" ;,.") or None
    learning = parts[1].strip(" ;,.") if len(parts) > 1 else None
    return await record(command, idea, result, observed, learning or None, turn)


async def record(
    event: Event,
    idea: Idea,
    result: Result,
    observed: str | None,
    learning: str | None,
    turn: Turn,
) -> list[Action]:
    """Keep the check, move the idea on (Act, or back to Plan), thank its people."""
    check_plan(idea, event.person, turn.settings)
    if idea.stage not in (Stage.DO, Stage.CHECK):
        raise UserError(
            f"Idea #{idea.number} is at {idea.stage.label}; an experiment is checked in Do. "
            f"`kaizen move {idea.number} do` once the change is being tried."
        )
    check = Check(
        turn.now, event.person, result, observed or None, learning or None,
        idea.countermeasure, idea.prediction,
    )  # fmt: skip
    await turn.store.ideas.add_check(idea, check)
    if idea.stage is Stage.DO:
        await enter(idea, Stage.CHECK, event.person, turn, result.label)
    held = result is Result.HELD
    idea.checked = result.value
    idea.learning = learning or idea.learning
    if not held:
        idea.check_at = None  # the next plan sets its own
    await enter(idea, Stage.ACT if held else Stage.PLAN, event.person, turn, learning)
    said = _thanks(idea, check, event.person)
    actions: list[Action] = [
        Update(idea.key, idea_card(idea)),
        in_private.in_thread(idea, said),
    ]
    if event.person.id != idea.author.id:
        told = frames.CHECK_TOLD.format(
            who=event.person.name, n=idea.number, result=result.label, stage=idea.stage.label
        )
        actions.append(PrivateReply(idea.author, Place(idea.channel), Text.of(told)))
    if held:
        actions.append(act_prompt(idea))
    elif not learning:
        ask = frames.ASK_LEARNING.format(n=idea.number, result=result.value)
        actions.append(PrivateReply(event.person, event.place, Text.of(ask)))
    return actions


def _thanks(idea: Idea, check: Check, by: Person) -> Text:
    seen = ""
    if check.observed and check.prediction:
        observed = lower_first(check.observed)
        seen = frames.CHECK_SEEN.format(prediction=check.prediction, observed=observed)
    elif check.observed:
        seen = frames.CHECK_SEEN_ONLY.format(observed=check.observed)
    people: list[Span] = [actor(idea, by)]
    if idea.owner is not None and idea.owner.id != by.id:
        people += [" and ", actor(idea, idea.owner)]
    if check.result is Result.HELD:
        words = frames.CHECKED_HELD.format(n=idea.number, seen=seen, who=_WHO)
    else:
        learned = frames.CHECK_LEARNED.format(learning=check.learning) if check.learning else ""
        words = frames.CHECKED_NOT.format(
            n=idea.number, result=check.result.label, seen=seen,
            learned=learned, who=_WHO,
        )  # fmt: skip
    before, _, after = words.partition(_WHO)
    return Text.of(before, *people, after)


_WHO = "\x00"
"""Where the people thanked go in a sentence of frames.py."""


def _form(idea: Idea, result: Result) -> Form:
    return Form(
        id=CHECK_FORM,
        title=f"Check idea #{idea.number}",
        intro=f"We expected: {idea.prediction}" if idea.prediction else "What happened?",
        fields=(
            FormField(
                "result",
                "Did it hold?",
                "choice",
                (
                    Choice(Result.HELD, "It held"),
                    Choice(Result.PARTLY, "Partly"),
                    Choice(Result.NOT_HELD, "It did not hold"),
                ),
                initial=result.value,
            ),
            FormField(
                "observed",
                "What did you see?",
                "long_text",
                hint=idea.measure or "The number, or what you saw at the work",
                max_length=500,
            ),
            FormField(
                "learning",
                "What did we learn?",
                "long_text",
                required=False,
                max_length=500,
            ),
        ),
        submit_label="Record the check",
        state=str(idea.number),
    )


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"check\s+#?(?P<number>\d+)\s+(?P<result>\w+)(?:\s+(?P<text>.+))?",
        usage="kaizen check N held|partly|not <what you saw>; learned <what we learned>",
        summary="records the check of idea #N's experiment: held goes on to Act, partly or "
        "not back to Plan with the learning",
        hint="Check which idea? `kaizen check N held|partly|not <what you saw>`.",
        group="Ideas",
    )(check_command)
    router.button(CHECK_BUTTON)(check_button)
    router.form(CHECK_FORM)(check_submitted)
    router.tick(ask_when_due)
