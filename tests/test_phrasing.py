"""Each why is phrased from what the person just said."""

from __future__ import annotations

import pytest

from bot.language.phrasing import first_why, next_why
from bot.wording import lower_first


@pytest.mark.parametrize(
    ("idea", "question"),
    [
        ("The label printer jams every morning", "Why does the label printer jam every morning?"),
        (
            "Add a second label printer",
            "What happens today that makes us want to add a second label printer?",
        ),
        (
            "We should move the printer closer to packing",
            "What happens today that makes us want to move the printer closer to packing?",
        ),
        (
            "Can we label the shelves?",
            "What happens today that makes us want to label the shelves?",
        ),
        ("Why do we print every label twice?", "Why do we print every label twice?"),
        ("", "Why does this happen?"),
    ],
)
def test_the_first_why_comes_from_the_idea(idea: str, question: str) -> None:
    assert first_why(idea) == question


@pytest.mark.parametrize(
    ("answer", "question"),
    [
        ("The rollers are dusty", "Why are the rollers dusty?"),
        ("Nobody cleans them", "Why does nobody clean them?"),
        ("Cleaning is not on the checklist", "Why is cleaning not on the checklist?"),
        (
            "The checklist was written before we had this printer",
            "Why was the checklist written before we had this printer?",
        ),
        ("Because we have no spare rollers", "Why do we have no spare rollers?"),
        ("The printer has a bad sensor", "Why does the printer have a bad sensor?"),
        ("We stopped cleaning them in March", "Why did we stop cleaning them in March?"),
        ("We always did it this way", "Why did we always do it this way?"),
        ("It jammed", "Why did it jam?"),
        ("They don't have time", "Why don't they have time?"),
        ("the scanner can't read faded labels", "Why can't the scanner read faded labels?"),
        ("It's not in the budget.", "Why is it not in the budget?"),
        ("There is no owner", "Why is there no owner?"),
        ("Our SOP doesn't mention it", "Why doesn't our SOP mention it?"),
        ("Maria's team uses a different form", "Why does Maria's team use a different form?"),
        ("The parts bins overflow", "Why do the parts bins overflow?"),
        ("The supplier delivered the wrong parts", "Why did the supplier deliver the wrong parts?"),
        ("We did not have time", "Why did we not have time?"),
        (
            "You cannot see the gauge from the operator seat",
            "Why can't you see the gauge from the operator seat?",
        ),
        ("Rain gets in through the roof", "Why does rain get in through the roof?"),
        ("Maintenance only happens once a year", "Why does maintenance only happen once a year?"),
        (
            "Staff have no access to the shared drive",
            "Why do staff have no access to the shared drive?",
        ),
        ("Labels jam", "Why do labels jam?"),
        ("dust", "What causes dust?"),
        ("Too much paperwork", "Why is there too much paperwork?"),
        ("No schedule", "Why is there no schedule?"),
        ("Not enough rollers in stock", "Why are there not enough rollers in stock?"),
        ("Nobody forgot anything, the sensor failed", "Why did the sensor fail?"),
        ("Printing labels takes too long", "Why does printing labels take too long?"),
        ("Customer orders arrive late", "Why do customer orders arrive late?"),
        (
            "The new printer arrived without a manual",
            "Why did the new printer arrive without a manual?",
        ),
        ("The labels jam because the rollers are dusty", "Why are the rollers dusty?"),
        ("The rollers are dusty, so the labels jam", "Why are the rollers dusty?"),
        ("IT hasn't given us permissions", "Why hasn't IT given us permissions?"),
        ("Everyone uses their own spreadsheet", "Why does everyone use their own spreadsheet?"),
        ("The rollers are dusty. Paper dust sticks to them.", "Why are the rollers dusty?"),
    ],
)
def test_each_next_why_comes_from_the_last_answer(answer: str, question: str) -> None:
    assert next_why(answer) == question


def test_a_very_long_answer_is_shortened_in_the_question() -> None:
    answer = " ".join(["word"] * 40)
    question = next_why(answer)
    assert question.startswith("Why is it that word word") and question.endswith("\u2026?")
    assert len(question.split()) < 30


@pytest.mark.parametrize(
    ("text", "lowered"),
    [
        ("Nobody owns it", "nobody owns it"),
        ("I forgot", "I forgot"),
        ("SOP is old", "SOP is old"),
        ("Maria's team", "Maria's team"),
        ("iPhone apps", "iPhone apps"),
        ("", ""),
    ],
)
def test_lower_first_keeps_names_acronyms_and_i(text: str, lowered: str) -> None:
    assert lower_first(text) == lowered
