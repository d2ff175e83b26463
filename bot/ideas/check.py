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
from bot.content import Button, Card, Choice, Form, FormField, Text
from bot.errors import UserError
from bot.events import ButtonPress, Command, Event, FormSubmit, ScheduleTick
from bot.ideas import in_private
from bot.ideas.cards import actor, idea_card, plan_fields
from bot.ideas.lifecycle import enter
from bot.ideas.lookup import find_idea, idea_number
from bot.ideas.rights import check_plan
from bot.ideas.standards import act_prompt
from bot.language import frames
from bot.language.labels import stage_name
from bot.language.phrases import N_, Phrase
from bot.language.wording import listing
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
_RESULT_NAMES = {
    Result.HELD: N_("held"),
    Result.PARTLY: N_("partly held"),
    Result.NOT_HELD: N_("did not hold"),
}
"""What a check found, as said in a sentence: "it held", "it partly held"."""
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
        title=Text.of(Phrase(frames.CHECK_TITLE, n=idea.number)),
        body=(Text.of(idea.text), Text.of(Phrase(frames.CHECK_BODY, n=idea.number))),
        fields=tuple(f for f in plan_fields(idea) if f.label != "Check on"),
        buttons=(
            Button(Phrase(frames.HELD), CHECK_BUTTON, f"{value}:{Result.HELD}", "primary"),
            Button(Phrase(frames.PARTLY), CHECK_BUTTON, f"{value}:{Result.PARTLY}"),
            Button(Phrase(frames.NOT_HELD), CHECK_BUTTON, f"{value}:{Result.NOT_HELD}"),
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
        raise UserError(Phrase("Did it hold, partly, or not? Pick one."))
    return await record(submit, idea, result, values.get("observed"), values.get("learning"), turn)


async def check_command(command: Command, match: re.Match[str], turn: Turn) -> list[Action]:
    """`kaizen check N held|partly|not <what we saw>; learned <what we learned>`."""
    idea = await find_idea(turn, command.workspace, int(match["number"]))
    result = _RESULTS.get(match["result"].lower())
    if result is None:
        raise UserError(
            Phrase(
                "Did it hold? `kaizen check {number} held|partly|not <what you saw>`.",
                number=idea.number,
            )
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
            Phrase(
                "Idea #{number} is at {stage}; an experiment is checked in Do. "
                "`kaizen move {number} do` once the change is being tried.",
                number=idea.number,
                stage=stage_name(idea.stage),
            )
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
        told = Phrase(
            frames.CHECK_TOLD,
            who=event.person.name,
            n=idea.number,
            result=Phrase(_RESULT_NAMES[result]),
            stage=stage_name(idea.stage),
        )
        actions.append(PrivateReply(idea.author, Place(idea.channel), Text.of(told)))
    if held:
        actions.append(act_prompt(idea))
    elif not learning:
        ask = Phrase(frames.ASK_LEARNING, n=idea.number, result=result.value)
        actions.append(PrivateReply(event.person, event.place, Text.of(ask)))
    return actions


def _thanks(idea: Idea, check: Check, by: Person) -> Text:
    seen: str = ""
    if check.observed and check.prediction:
        # English continues the sentence in lower case; other languages keep what was typed.
        seen = Phrase.in_english(
            Phrase(
                frames.CHECK_SEEN,
                prediction=check.prediction,
                observed=lower_first(check.observed),
            ),
            Phrase(frames.CHECK_SEEN, prediction=check.prediction, observed=check.observed),
        )
    elif check.observed:
        seen = Phrase(frames.CHECK_SEEN_ONLY, observed=check.observed)
    people = [actor(idea, by)]
    if idea.owner is not None and idea.owner.id != by.id:
        people.append(actor(idea, idea.owner))
    who = Text.of(*listing(people))
    if check.result is Result.HELD:
        words = Phrase(frames.CHECKED_HELD, n=idea.number, seen=seen, who=who)
    else:
        learned = Phrase(frames.CHECK_LEARNED, learning=check.learning) if check.learning else ""
        words = Phrase(
            frames.CHECKED_NOT,
            n=idea.number,
            result=Phrase(_RESULT_NAMES[check.result]),
            seen=seen,
            learned=learned,
            who=who,
        )
    return Text.of(words)


def _form(idea: Idea, result: Result) -> Form:
    return Form(
        id=CHECK_FORM,
        title=Phrase("Check idea #{number}", number=idea.number),
        intro=(
            Phrase("We expected: {prediction}", prediction=idea.prediction)
            if idea.prediction
            else Phrase("What happened?")
        ),
        fields=(
            FormField(
                "result",
                Phrase("Did it hold?"),
                "choice",
                (
                    Choice(Result.HELD, Phrase("It held")),
                    Choice(Result.PARTLY, Phrase("Partly")),
                    Choice(Result.NOT_HELD, Phrase("It did not hold")),
                ),
                initial=result.value,
            ),
            FormField(
                "observed",
                Phrase("What did you see?"),
                "long_text",
                hint=idea.measure or Phrase("The number, or what you saw at the work"),
                max_length=500,
            ),
            FormField(
                "learning",
                Phrase("What did we learn?"),
                "long_text",
                required=False,
                max_length=500,
            ),
        ),
        submit_label=Phrase("Record the check"),
        state=str(idea.number),
    )


def register(router: Router) -> None:
    router.command(
        "kaizen",
        r"check\s+#?(?P<number>\d+)\s+(?P<result>\w+)(?:\s+(?P<text>.+))?",
        usage="kaizen check N held|partly|not <what you saw>; learned <what we learned>",
        summary=Phrase(
            "records the check of idea #N's experiment: held goes on to Act, partly or "
            "not back to Plan with the learning"
        ),
        hint=Phrase("Check which idea? `kaizen check N held|partly|not <what you saw>`."),
        group="Ideas",
    )(check_command)
    router.button(CHECK_BUTTON)(check_button)
    router.form(CHECK_FORM)(check_submitted)
    router.tick(ask_when_due)
