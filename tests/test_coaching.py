"""Answers that stop at a person are told apart from answers about the system."""

from __future__ import annotations

import pytest

from bot.language import frames
from bot.language.advice import AnswerKind
from bot.language.answers import read
from bot.language.coaching import blames_a_person, is_unsure

pytestmark = pytest.mark.both_databases


@pytest.mark.parametrize(
    "answer",
    [
        "operator error",
        "Human error",
        "John forgot",
        "John forgot to clean them",
        "Because Maria missed the step",
        "The operator forgot",
        "they didn't follow the SOP",
        "The new guy didn't check",
        "@bob forgot",
        "It's Peter's fault",
        "people are lazy",
        "The night shift never cleans",
        "Somebody was careless",
        "Mike should have checked",
        "The new guy did it wrong",
        "nurse Kelly is always slow though",
        "they should be more careful",
        "IT messed up the update",
        "anh Minh quên",
        "Minh hat vergessen die Maschine zu reinigen",
    ],
)
def test_blame(answer: str) -> None:
    assert blames_a_person(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "Nobody cleans them",
        "Nobody owns the checklist",
        "The rollers are dusty",
        "Cleaning is not on the checklist",
        "They don't have time",
        "It didn't get cleaned",
        "The sensor missed the label",
        "Cleaning is skipped on busy days",
        "The scanner doesn't read faded labels",
        "People don't read the safety emails",
        "Nobody forgot anything, the sensor failed",
        "The checklist was written before we had this printer",
    ],
)
def test_not_blame(answer: str) -> None:
    assert not blames_a_person(answer)


def test_blame_coaching_names_the_open_why_and_varies() -> None:
    remarks = {remark.format(position=2, question="Why?", n=1) for remark in frames.BLAME}
    assert len(remarks) == 3
    assert all("Why #2" in remark for remark in remarks)


@pytest.mark.parametrize(
    "answer",
    ["I forgot", "my mistake", "I forgot to order the filters, honestly that one is on me"],
)
def test_an_honest_admission_is_not_blame(answer: str) -> None:
    assert not blames_a_person(answer)
    assert read(answer).kind is AnswerKind.ADMISSION


def test_a_blame_keeps_the_system_cause_after_because() -> None:
    reading = read("Maintenance never checks the oil because there is no PM schedule")
    assert reading.kind is AnswerKind.CAUSE and reading.lead is AnswerKind.BLAME
    assert reading.kept == "there is no PM schedule"


@pytest.mark.parametrize(
    "answer",
    [
        "I don't know",
        "dunno",
        "Not sure",
        "no idea",
        "?",
        "I'm not sure yet",
        "idk",
        "tôi không biết",
        "Keine Ahnung",
    ],
)
def test_unsure(answer: str) -> None:
    assert is_unsure(answer)


@pytest.mark.parametrize(
    "answer", ["Nobody knows who orders the rollers", "Not enough rollers in stock", "No schedule"]
)
def test_not_unsure(answer: str) -> None:
    assert not is_unsure(answer)
