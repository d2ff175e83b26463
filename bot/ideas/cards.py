"""How an idea looks: its card in the channel, its line in a list, its full story on request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.content import Button, Card, ChannelLink, Field, Mention, Span, Text
from bot.model.ideas import ANONYMOUS, Check, Idea, Path, Result, Stage, StageChange
from bot.model.whys import Why
from bot.people import Person
from bot.wording import lower_first

ROOT_CAUSE_BUTTON = "why.root_cause"
MOVE_BUTTON = "idea.move"


def author(idea: Idea, viewer: Person | None = None) -> Span:
    """The author as others may see them: an anonymous idea names nobody but to its author."""
    if idea.anonymous and (viewer is None or viewer.id != idea.author.id):
        return ANONYMOUS
    return Mention(idea.author)


def where_it_stands(idea: Idea) -> str:
    """Its stage, or, for an idea joined with an earlier one, which one it went on in."""
    if idea.stage is Stage.DROPPED and idea.duplicate_of is not None:
        return f"Joined with #{idea.duplicate_of}"
    return idea.stage.label


def actor(idea: Idea, person: Person) -> Span:
    """Who did something to the idea, as its thread shows them: its anonymous author stays
    anonymous whatever they do to it (move it, take it, join it to another)."""
    if idea.anonymous and person.id == idea.author.id:
        return ANONYMOUS
    return Mention(person)


def idea_card(idea: Idea) -> Card:
    """The card posted in the channel; updated in place whenever the idea moves."""
    path = idea.path.value
    if idea.goal and idea.path is Path.STRATEGIC:
        path += f" \u00b7 supports {idea.goal}"
    fields = [Field("From", Text.of(author(idea))), Field("Path", Text.of(path))]
    if idea.category:
        fields.append(Field("Category", Text.of(idea.category)))
    if idea.owner:
        fields.append(Field("Owner", Text.of(actor(idea, idea.owner))))
    if idea.root_cause:
        fields.append(Field("Root cause", Text.of(lower_first(idea.root_cause))))
    fields += [f for f in plan_fields(idea) if f.label != "Owner"]
    body = [Text.of(idea.text)]
    if idea.proposal:
        body.append(Text.of(f"Proposal: {idea.proposal}"))
    return Card(
        title=Text.of(f"Kaizen idea #{idea.number} \u00b7 {where_it_stands(idea)}"),
        body=tuple(body),
        fields=tuple(fields),
        buttons=_buttons(idea),
        footer=Text.of(_footer(idea)),
    )


def plan_fields(idea: Idea) -> list[Field]:
    """The parts of the plan given so far, for the card, the thread and `kaizen show`."""
    fields: list[Field] = []
    if idea.countermeasure:
        kind = f" ({idea.fix_kind})" if idea.fix_kind else ""
        fields.append(Field("Countermeasure", Text.of(idea.countermeasure + kind)))
    if idea.owner is not None:
        fields.append(Field("Owner", Text.of(actor(idea, idea.owner))))
    if idea.prediction:
        fields.append(Field("We expect", Text.of(idea.prediction)))
    if idea.measure:
        fields.append(Field("Measured by", Text.of(idea.measure)))
    if idea.check_at is not None:
        fields.append(Field("Check on", Text.of(idea.check_at.strftime("%a %d %b %Y"))))
    if idea.checked:
        fields.append(Field("Last check", Text.of(Result(idea.checked).label)))
    if idea.learning:
        fields.append(Field("Learned", Text.of(idea.learning)))
    if idea.standard:
        fields.append(Field("Standard", Text.of(idea.standard)))
    if idea.spread_from is not None:
        fields.append(Field("Spread from", Text.of(f"idea #{idea.spread_from}")))
    if idea.impact or idea.saves_hours:
        hours = f"saves {idea.saves_hours:g} hours a month" if idea.saves_hours else ""
        shown = ", ".join(part for part in (idea.impact or "", hours) if part)
        fields.append(Field("Impact", Text.of(shown)))
    return fields


def _buttons(idea: Idea) -> tuple[Button, ...]:
    if not idea.stage.is_open:
        return ()
    buttons = []
    if idea.stage in (Stage.NEW, Stage.CLARIFYING):
        buttons.append(Button("That's the root cause", ROOT_CAUSE_BUTTON, str(idea.number)))
    following = idea.stage.next()
    if following is Stage.CLARIFYING:
        following = Stage.PLAN
    if following is not None:
        label = "Mark done" if following is Stage.DONE else f"Move to {following.label}"
        buttons.append(Button(label, MOVE_BUTTON, f"{idea.number}:{following}", "primary"))
    buttons.append(Button("Drop", MOVE_BUTTON, f"{idea.number}:{Stage.DROPPED}", "danger"))
    return tuple(buttons)


def _footer(idea: Idea) -> str:
    hints = {
        Stage.NEW: "Reply in the thread to find the root cause together.",
        Stage.CLARIFYING: "Reply in the thread to answer the whys.",
        Stage.PLAN: "Plan the countermeasure, then move it to Do.",
        Stage.DO: "Try the change, then check whether it held.",
        Stage.CHECK: "Did the change hold? Then make it the standard in Act.",
        Stage.ACT: "Make it the new standard, then mark it done.",
        Stage.DONE: "Implemented. Thank you!",
        Stage.DROPPED: "Not pursued for now.",
    }
    hint = hints[idea.stage]
    if idea.stage is Stage.DROPPED and idea.duplicate_of is not None:
        hint = f"The same problem as idea #{idea.duplicate_of}: its thread carries on."
    return f"{hint}  kaizen show {idea.number}"


def idea_line(idea: Idea, viewer: Person) -> Text:
    """One line of `kaizen list`."""
    text = idea.text if len(idea.text) <= 80 else idea.text[:79].rstrip() + "\u2026"
    return Text.of(
        f"#{idea.number} \u00b7 {where_it_stands(idea)} \u00b7 {text} \u2014 ",
        author(idea, viewer),
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
    if answered:
        body.append(Text.of("The whys:"))
        body += [Text.of(f"Why #{w.position}: {w.question} \u2192 {w.answer}") for w in answered]
    waiting = [why for why in record.whys if not why.answer]
    if waiting and idea.stage is Stage.CLARIFYING:
        body.append(Text.of(f"Waiting for Why #{waiting[-1].position}: {waiting[-1].question}"))
    for check in record.checks:
        seen = f": saw {check.observed}" if check.observed else ""
        learned = f"; learned {check.learning}" if check.learning else ""
        body.append(
            Text.of(f"Checked {_when(check.at, zone)}, {check.result.label}{seen}{learned}")
        )
    for number, channel in record.spread_to:
        body.append(Text.of(f"Spread to idea #{number} in ", ChannelLink(channel)))
    history = record.history
    steps = " \u2192 ".join(f"{c.stage.label} {_when(c.at, zone)}" for c in history)
    fields = [f for f in card.fields if f.label != "From"]
    return Card(
        title=card.title,
        body=tuple(body),
        fields=(
            Field("From", Text.of(author(idea, viewer))),
            *fields,
            Field("Stages", Text.of(steps)),
        ),
    )


def _when(at: datetime, zone: str) -> str:
    return at.astimezone(ZoneInfo(zone)).strftime("%a %d %b %H:%M")
