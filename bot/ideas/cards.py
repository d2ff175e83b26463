"""How an idea looks: its card in the channel, its line in a list, its full story on request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.content import Button, Card, ChannelLink, Field, Mention, Span, Text
from bot.ideas.asking import as_said, mid_sentence, question_of
from bot.language import frames
from bot.language.labels import result_name, stage_name
from bot.language.phrases import N_, Phrase, When
from bot.model.ideas import Check, Idea, Path, Result, Stage, StageChange
from bot.model.whys import Why
from bot.people import Person

ROOT_CAUSE_BUTTON = "why.root_cause"
MOVE_BUTTON = "idea.move"


_PATHS = {Path.OPERATIONAL: N_("operational"), Path.STRATEGIC: N_("strategic")}
_FIX_KINDS = {"containment": N_("containment"), "permanent": N_("permanent")}


def anonymous() -> Phrase:
    """Who an anonymous author is to everyone else."""
    return Phrase("a teammate (anonymous)")  # bot.model.ideas.ANONYMOUS, to be said


def author(idea: Idea, viewer: Person | None = None) -> Span:
    """The author as others may see them: an anonymous idea names nobody but to its author."""
    if idea.anonymous and (viewer is None or viewer.id != idea.author.id):
        return anonymous()
    return Mention(idea.author)


def where_it_stands(idea: Idea) -> str:
    """Its stage, or, for an idea joined with an earlier one, which one it went on in."""
    if idea.stage is Stage.DROPPED and idea.duplicate_of is not None:
        return Phrase("Joined with #{number}", number=idea.duplicate_of)
    return stage_name(idea.stage)


def actor(idea: Idea, person: Person) -> Span:
    """Who did something to the idea, as its thread shows them: its anonymous author stays
    anonymous whatever they do to it (move it, take it, join it to another)."""
    if idea.anonymous and person.id == idea.author.id:
        return anonymous()
    return Mention(person)


def idea_card(idea: Idea) -> Card:
    """The card posted in the channel; updated in place whenever the idea moves."""
    path = Phrase(_PATHS[idea.path])
    if idea.goal and idea.path is Path.STRATEGIC:
        path = Phrase("{path} \u00b7 supports {goal}", path=path, goal=idea.goal)
    fields = [
        Field(Phrase("From"), Text.of(author(idea))),
        Field(Phrase("Path"), Text.of(path)),
    ]
    if idea.category:
        fields.append(Field(Phrase("Category"), Text.of(idea.category)))
    if idea.owner:
        fields.append(Field(Phrase("Owner"), Text.of(actor(idea, idea.owner))))
    if idea.root_cause:
        root = as_said(mid_sentence(idea.root_cause))
        fields.append(Field(Phrase("Root cause"), Text.of(root)))
    fields += [f for f in plan_fields(idea) if f.label != "Owner"]
    body = [Text.of(idea.text)]
    if idea.proposal:
        body.append(Text.of(Phrase("Proposal: {proposal}", proposal=idea.proposal)))
    title = Phrase(
        "Kaizen idea #{number} \u00b7 {stage}", number=idea.number, stage=where_it_stands(idea)
    )
    return Card(
        title=Text.of(title),
        body=tuple(body),
        fields=tuple(fields),
        buttons=_buttons(idea),
        footer=Text.of(_footer(idea), f"  kaizen show {idea.number}"),
    )


def plan_fields(idea: Idea) -> list[Field]:
    """The parts of the plan given so far, for the card, the thread and `kaizen show`."""
    fields: list[Field] = []
    if idea.countermeasure:
        shown: str = idea.countermeasure
        if idea.fix_kind:
            kind = _FIX_KINDS.get(idea.fix_kind)
            kind_name = Phrase(kind) if kind else idea.fix_kind
            shown = Phrase("{countermeasure} ({kind})", countermeasure=shown, kind=kind_name)
        fields.append(Field(Phrase("Countermeasure"), Text.of(shown)))
    if idea.owner is not None:
        fields.append(Field(Phrase("Owner"), Text.of(actor(idea, idea.owner))))
    if idea.prediction:
        fields.append(Field(Phrase("We expect"), Text.of(idea.prediction)))
    if idea.measure:
        fields.append(Field(Phrase("Measured by"), Text.of(idea.measure)))
    if idea.check_at is not None:
        day = _day(idea.check_at, f"{idea.check_at:%a %d %b %Y}")
        fields.append(Field(Phrase("Check on"), Text.of(day)))
    if idea.checked:
        fields.append(Field(Phrase("Last check"), Text.of(result_name(Result(idea.checked)))))
    if idea.learning:
        fields.append(Field(Phrase("Learned"), Text.of(idea.learning)))
    if idea.standard:
        fields.append(Field(Phrase("Standard"), Text.of(idea.standard)))
    if idea.spread_from is not None:
        spread = Phrase("idea #{number}", number=idea.spread_from)
        fields.append(Field(Phrase("Spread from"), Text.of(spread)))
    if idea.impact or idea.saves_hours:
        parts: list[Span] = [idea.impact] if idea.impact else []
        if idea.saves_hours:
            hours = Phrase("saves {hours} hours a month", hours=idea.saves_hours)
            parts += [", ", hours] if parts else [hours]
        fields.append(Field(Phrase("Impact"), Text.of(*parts)))
    return fields


def _day(at: datetime, english: str) -> str:
    """A day as the card shows it: in English as it always was ("Mon 09 Mar 2026"), in any
    other language as its readers write a date."""
    return Phrase.in_english(english, elsewhere=Phrase("{date}", date=When(at.date())))


def _buttons(idea: Idea) -> tuple[Button, ...]:
    if not idea.stage.is_open:
        return ()
    buttons = []
    if idea.stage in (Stage.NEW, Stage.CLARIFYING):
        buttons.append(Button(Phrase("That's the root cause"), ROOT_CAUSE_BUTTON, str(idea.number)))
    following = idea.stage.next()
    if following is Stage.CLARIFYING:
        following = Stage.PLAN
    if following is not None:
        label = (
            Phrase("Mark done")
            if following is Stage.DONE
            else Phrase("Move to {stage}", stage=stage_name(following))
        )
        buttons.append(Button(label, MOVE_BUTTON, f"{idea.number}:{following}", "primary"))
    drop = Button(Phrase("Drop"), MOVE_BUTTON, f"{idea.number}:{Stage.DROPPED}", "danger")
    buttons.append(drop)
    return tuple(buttons)


_HINTS = {
    Stage.NEW: N_("Reply in the thread to find the root cause together."),
    Stage.CLARIFYING: N_("Reply in the thread to answer the whys."),
    Stage.PLAN: N_("Plan the countermeasure, then move it to Do."),
    Stage.DO: N_("Try the change, then check whether it held."),
    Stage.CHECK: N_("Did the change hold? Then make it the standard in Act."),
    Stage.ACT: N_("Make it the new standard, then mark it done."),
    Stage.DONE: N_("Implemented. Thank you!"),
    Stage.DROPPED: N_("Not pursued for now."),
}


def _footer(idea: Idea) -> str:
    if idea.stage is Stage.DROPPED and idea.duplicate_of is not None:
        return Phrase(
            "The same problem as idea #{number}: its thread carries on.",
            number=idea.duplicate_of,
        )
    return Phrase(_HINTS[idea.stage])


def idea_line(idea: Idea, viewer: Person) -> Text:
    """One line of `kaizen list`."""
    text = idea.text if len(idea.text) <= 80 else idea.text[:79].rstrip() + "\u2026"
    return Text.of(
        Phrase(
            "#{number} \u00b7 {stage} \u00b7 {text} \u2014 {author}",
            number=idea.number,
            stage=where_it_stands(idea),
            text=text,
            author=author(idea, viewer),
        )
    )


@dataclass(frozen=True)
class Record:
    """What `kaizen show` reads besides the idea: its whys, checks, copies and history."""

    whys: list[Why]
    history: list[StageChange]
    checks: list[Check] = field(default_factory=list)
    spread_to: list[tuple[int, str]] = field(default_factory=list)


def idea_story(idea: Idea, record: Record, viewer: Person, zone: str) -> Card:
    """`kaizen show N`: the whole Kaizen record: the idea, its why-chain and root cause, the
    plan and each check against it, where it spread, and its way through the stages."""
    card = idea_card(idea)
    body = list(card.body)
    answered = [why for why in record.whys if why.answer]
    whys = sorted(record.whys, key=lambda why: why.position)
    if answered:
        body.append(Text.of(Phrase("The whys:")))
        body += [
            Text.of(
                Phrase(
                    frames.CHAIN_LINK,
                    n=w.position,
                    question=question_of(whys, w.position, idea.text, frozenset()),
                    answer=w.answer or "",
                )
            )
            for w in answered
        ]
    waiting = [why for why in record.whys if not why.answer]
    if waiting and idea.stage is Stage.CLARIFYING:
        position = waiting[-1].position
        question = question_of(whys, position, idea.text, frozenset())
        body.append(
            Text.of(Phrase("Waiting for Why #{n}: {question}", n=position, question=question))
        )
    for check in record.checks:
        said: list[Span] = [
            Phrase(
                "Checked {when}, {result}",
                when=_when(check.at, zone),
                result=result_name(check.result),
            )
        ]
        if check.observed:
            said.append(Phrase(": saw {observed}", observed=check.observed))
        if check.learning:
            said.append(Phrase("; learned {learning}", learning=check.learning))
        body.append(Text.of(*said))
    for number, channel in record.spread_to:
        spread = Phrase(
            "Spread to idea #{number} in {channel}", number=number, channel=ChannelLink(channel)
        )
        body.append(Text.of(spread))
    steps: list[Span] = []
    for change in record.history:
        if steps:
            steps.append(" \u2192 ")
        step = Phrase("{stage} {when}", stage=stage_name(change.stage), when=_when(change.at, zone))
        steps.append(step)
    fields = [f for f in card.fields if f.label != "From"]
    return Card(
        title=card.title,
        body=tuple(body),
        fields=(
            Field(Phrase("From"), Text.of(author(idea, viewer))),
            *fields,
            Field(Phrase("Stages"), Text.of(*steps)),
        ),
    )


def _when(at: datetime, zone: str) -> str:
    """A moment as the story shows it: in English as it always was ("Mon 09 Mar 14:05"), in
    any other language as its readers write one, in the team's timezone."""
    english = at.astimezone(ZoneInfo(zone)).strftime("%a %d %b %H:%M")
    return Phrase.in_english(english, elsewhere=Phrase("{moment}", moment=When(at, zone, "moment")))
