"""The stand-up prompt and its summary."""

from __future__ import annotations

from bot.content import Button, Card, Mention, Span, Text
from bot.model.standups import Answer, StandupRun
from bot.settings import Standup
from bot.wording import listing

BLOCKER_BUTTON = "standup.blocker_idea"


def prompt(standup: Standup, run: StandupRun) -> Card:
    numbered = "\n".join(f"{n}. {q}" for n, q in enumerate(standup.questions, start=1))
    return Card(
        title=Text.of(f"Stand-up \u00b7 {run.local_date}"),
        body=(
            Text.of("Good morning! Reply in this thread, one line per question:"),
            Text.of(numbered),
        ),
        footer=Text.of("Reply again to change your answer. It takes two minutes."),
    )


def summary(run: StandupRun, answers: list[Answer], recurring: set[int]) -> Card:
    """Who answered, the blockers (each can become an idea), recurring ones flagged."""
    if not answers:
        return Card(
            title=Text.of(f"Stand-up summary \u00b7 {run.local_date}"),
            body=(Text.of("No answers today. See you at the next one!"),),
        )
    people: list[Span] = [Mention(a.person) for a in answers]
    body = [Text.of(f"{len(answers)} answered: ", *listing(people), ". Thank you!")]
    blocked = [a for a in answers if a.blocker]
    buttons: list[Button] = []
    if blocked:
        body.append(Text.of("Blockers:"))
    for number, answer in enumerate(blocked, start=1):
        line: list[Span] = [f"{number}. ", Mention(answer.person), f": {answer.blocker}"]
        if answer.id in recurring:
            line.append("  \u2691 third stand-up in a row: a candidate for a Kaizen idea")
        if answer.idea_number:
            line.append(f"  (now idea #{answer.idea_number})")
        else:
            buttons.append(
                Button(f"Make {number} a Kaizen idea", BLOCKER_BUTTON, f"{run.id}:{answer.id}")
            )
        body.append(Text.of(*line))
    if not blocked:
        body.append(Text.of("No blockers. Smooth flow today."))
    return Card(
        title=Text.of(f"Stand-up summary \u00b7 {run.local_date}"),
        body=tuple(body),
        buttons=tuple(buttons[:25]),
    )
