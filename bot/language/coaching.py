"""The two readings other features ask of the coach: does a text stop at a person, and is
it an honest "not sure". Kudos use the first to keep a dig out of public praise."""

from __future__ import annotations

from bot.language.advice import AnswerKind
from bot.language.answers import read


def blames_a_person(text: str) -> bool:
    """True when the text stops at a person (or judges one) instead of the work."""
    reading = read(text)
    return reading.kind is AnswerKind.BLAME or reading.lead is AnswerKind.BLAME


def is_unsure(text: str) -> bool:
    """ "I don't know", "not sure", "?", "keine Ahnung", "không biết"."""
    return read(text).kind is AnswerKind.UNSURE
