"""Answers that stop at a person are told apart from answers about the system."""

from __future__ import annotations

import pytest

from bot.language.coaching import blame_remark, blames_a_person, is_unsure

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
        "I forgot",
        "The night shift never cleans",
        "Somebody was careless",
        "Mike should have checked",
        "The new guy did it wrong",
        "my mistake",
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


def test_coaching_names_the_open_why_and_varies() -> None:
    remarks = {blame_remark(2, n) for n in range(3)}
    assert len(remarks) == 3
    assert all("Why #2" in remark for remark in remarks)


@pytest.mark.parametrize(
    "answer", ["I don't know", "dunno", "Not sure", "no idea", "?", "I'm not sure yet", "idk"]
)
def test_unsure(answer: str) -> None:
    assert is_unsure(answer)


@pytest.mark.parametrize(
    "answer", ["Nobody knows who orders the rollers", "Not enough rollers in stock", "No schedule"]
)
def test_not_unsure(answer: str) -> None:
    assert not is_unsure(answer)
