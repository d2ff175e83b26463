"""The stand-up prompt and its summary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.content import Button, Card, Mention, Span, Text
from bot.language.phrases import Phrase, When
from bot.model.standups import Answer, StandupRun
from bot.settings import Standup

BLOCKER_BUTTON = "standup.blocker_idea"


def _question(question: str) -> str:
    """A question as app.yaml words it; the default ones (bot/settings.py) in the reader's
    language, since nobody chose their words."""
    defaults = {
        "What did you get done yesterday?": Phrase("What did you get done yesterday?"),
        "What will you do today?": Phrase("What will you do today?"),
        "Is anything blocking you?": Phrase("Is anything blocking you?"),
        "Any improvement idea?": Phrase("Any improvement idea?"),
    }
    return defaults.get(question, question)


def prompt(standup: Standup, run: StandupRun) -> Card:
    lines: list[str] = []
    for n, question in enumerate(standup.questions, start=1):
        lines += ["\n" if lines else "", f"{n}. ", _question(question)]
    return Card(
        title=Text.of(
            Phrase.in_english(
                f"Stand-up \u00b7 {run.local_date}",
                Phrase("Stand-up \u00b7 {day}", day=_day(run)),
            )
        ),
        body=(
            Text.of(Phrase("Good morning! Reply in this thread, one line per question:")),
            Text.of(*(line for line in lines if line)),  # the operator's words, or ours
        ),
        footer=Text.of(Phrase("Reply again to change your answer. It takes two minutes.")),
    )


def summary(run: StandupRun, answers: list[Answer], recurring: set[int]) -> Card:
    """Who answered, the blockers (each can become an idea), recurring ones flagged.

    The people stay mentions of their own in the card's texts (not words inside a phrase),
    so a platform that divides a long summary can still name each one."""
    title = Text.of(
        Phrase.in_english(
            f"Stand-up summary \u00b7 {run.local_date}",
            Phrase("Stand-up summary \u00b7 {day}", day=_day(run)),
        )
    )
    if not answers:
        return Card(
            title=title, body=(Text.of(Phrase("No answers today. See you at the next one!")),)
        )
    people: list[Span] = [Mention(a.person) for a in answers]
    body = [
        Text.of(
            Phrase.counted("{n} answered:", "{n} answered:", len(answers)),
            " ",
            *together(people),
            ". ",
            Phrase("Thank you!"),
        )
    ]
    blocked = [a for a in answers if a.blocker]
    buttons: list[Button] = []
    if blocked:
        body.append(Text.of(Phrase("Blockers:")))
    for number, answer in enumerate(blocked, start=1):
        line: list[Span] = [f"{number}. ", Mention(answer.person), f": {answer.blocker}"]
        if answer.id in recurring:
            line += ["  ", Phrase("\u2691 third stand-up in a row: a candidate for a Kaizen idea")]
        if answer.idea_number:
            line += ["  ", Phrase("(now idea #{number})", number=answer.idea_number)]
        else:
            buttons.append(
                Button(
                    Phrase("Make {number} a Kaizen idea", number=number),
                    BLOCKER_BUTTON,
                    f"{run.id}:{answer.id}",
                )
            )
        body.append(Text.of(*line))
    if not blocked:
        body.append(Text.of(Phrase("No blockers. Smooth flow today.")))
    return Card(title=title, body=tuple(body), buttons=tuple(buttons[:25]))


def together(items: Sequence[Span]) -> list[Span]:
    """a, b and c, the "and" in the reader's language and each item a span of its own."""
    parts: list[Span] = []
    for index, item in enumerate(items):
        if index == len(items) - 1 and index:
            parts += [" ", Phrase("and"), " "]
        elif index:
            parts.append(", ")
        parts.append(item)
    return parts


def _day(run: StandupRun) -> When:
    """The run's local date (already the stand-up's own day), in the reader's way of dates."""
    return When(date.fromisoformat(run.local_date), style="date")
