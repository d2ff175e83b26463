"""Reading blockers out of stand-up answers, and telling a recurring one."""

from __future__ import annotations

import pytest

from bot.settings import DEFAULT_QUESTIONS
from bot.standup.answers import blocker_in, same_blocker

pytestmark = pytest.mark.both_databases


@pytest.mark.parametrize(
    ("answer", "blocker"),
    [
        (
            "1. Relabelled aisle 4\n2. Scanners\n3. Waiting for the label stock\n4. no",
            "Waiting for the label stock",
        ),
        (
            "Relabelled aisle 4\nScanners\nThe forklift charger is broken",
            "The forklift charger is broken",
        ),
        ("done\ndoing\nnone", None),
        ("done\ndoing\n-\nidea", None),
        ("1) a\n2) b\n3) nothing blocking me", None),
        ("All good today. Blocker: IT has not set up my account", "IT has not set up my account"),
        (
            "Yesterday stock count, today returns\nblocked by: missing pallet labels",
            "missing pallet labels",
        ),
        ("Just one line about my day", None),
        ("1. a\n2. b", None),
        ("1. relabelled 2. scanners 3. waiting for the label stock", "waiting for the label stock"),
    ],
)
def test_the_blocker_of_an_answer(answer: str, blocker: str | None) -> None:
    assert blocker_in(answer, DEFAULT_QUESTIONS) == blocker


def test_without_a_blocker_question_only_labelled_blockers_count() -> None:
    questions = ("What did you do?", "What will you do?")
    assert blocker_in("this\nthat", questions) is None
    assert blocker_in("this\nblocker: the VPN", questions) == "the VPN"


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Still waiting for the label stock", "waiting on label stock from the supplier", True),
        ("Label stock still not delivered", "the label stock is late", True),
        ("The forklift charger is broken", "Waiting for the label stock", False),
        ("VPN down", "", False),
    ],
)
def test_recurring_blockers_are_told_apart_by_their_words(one: str, other: str, same: bool) -> None:
    assert same_blocker(one, other) is same
