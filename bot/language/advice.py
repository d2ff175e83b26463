"""What an optional advisor model may say about one answer, and the port it is asked through.

The rules read every answer; a model can read what rules cannot (does the answer follow
from the why, a ramble holding several causes, blame in new words, a question in any
language). It only advises: the rules check what it says and keep deciding privacy,
safety and when to stop. The engine knows no model server; an adapter fills this port.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Protocol

from bot.language.names import names_in, neutral


class AnswerKind(StrEnum):
    """What an answer to a why is, as a coach would hear it."""

    CAUSE = "cause"
    """A cause in the system the team can change: a process, standard, tool, training, design."""
    STEP = "step"
    """A fact on the way down: true, worth asking why about, not yet in the system."""
    SYMPTOM = "symptom"
    """The problem said again, or what is seen rather than what makes it happen."""
    BLAME = "blame"
    LABEL = "label"
    """A word that names a area, not a fact: "communication", "time", "bad planning"."""
    UNSURE = "unsure"
    HYPOTHESIS = "hypothesis"
    QUESTION = "question"
    """A question to the coach: "why do you ask?"."""
    CORRECTION = "correction"
    FEAR = "fear"
    EMOTION = "emotion"
    ADMISSION = "admission"
    REPEAT = "repeat"
    SEVERAL = "several"
    SAFETY = "safety"
    """Someone was hurt or nearly hurt: people and containment come before the whys."""
    JUNK = "junk"


@dataclass(frozen=True)
class AdviceRequest:
    """What the advisor is shown: the problem, the chain so far, the open why, the answer.
    Names are already replaced by roles unless the settings allow sending them."""

    problem: str
    chain: tuple[tuple[str, str], ...]
    """(question, answer) of each why answered so far, oldest first."""
    question: str
    answer: str
    names: frozenset[str] = frozenset()
    """The words of people's names known in the workspace (`names.name_words`): what must
    not leave the process, and what a suggested question must not hold. Never sent."""


@dataclass(frozen=True)
class Advice:
    """The advisor's reading of one answer; every field may be missing."""

    kind: AnswerKind | None = None
    follows: bool | None = None
    """Does the answer explain the why it answers?"""
    repeat_of: int | None = None
    """The position of an earlier why whose answer this one repeats."""
    branches: tuple[str, ...] = field(default_factory=tuple)
    """Separate causes named in one answer."""
    question: str | None = None
    """The next why, as the advisor would ask it."""


class Advisor(Protocol):
    """Reads an answer; None when it cannot (off, slow, broken): the rules go on alone."""

    async def advise(self, request: AdviceRequest) -> Advice | None: ...


class NoAdvisor:
    """The default: no model, the rules alone."""

    async def advise(self, request: AdviceRequest) -> Advice | None:
        return None


LONGEST_QUESTION = 200
"""Characters; a coach's question is one short sentence."""
MOST_WORDS = 25
MOST_BRANCHES = 5
_QUESTION_MARKS = ("?", "\uff1f", "\u061f")
"""The question mark, its full-width form (Chinese, Japanese) and the Arabic one."""
_VERDICTS = frozenset(
    "wrong fault faults blame blamed blaming lazy laziness careless carelessness stupid idiot "
    "incompetent sloppy negligent negligence useless dumb "
    "schuld schuldig faul dumm schlampig nachlässig unfähig "
    "lười ngu".split()
)
"""Words of a verdict on someone: a coach's question asks about the work, never these."""
_VERDICT_PHRASES = (
    "should have",
    "should've",
    "shouldn't have",
    "more careful",
    "human error",
    "operator error",
    "cẩu thả",
    "đổ lỗi",
)
_WORD = re.compile(r"\w+(?:['\u2019]\w+)?")


def checked(advice: Advice, request: AdviceRequest) -> Advice | None:
    """What the rules let through of the advisor's reading of `request`; None when nothing.

    A suggested question goes unless it is one short question, in the answer's script,
    naming nobody and passing no verdict; a branch loses its names; a repeat must point at
    a why answered before."""
    question = advice.question if _fit_to_ask(advice.question, request) else None
    repeat_of = advice.repeat_of
    if repeat_of is not None and not 1 <= repeat_of <= len(request.chain):
        repeat_of = None
    branches = tuple(
        kept
        for branch in advice.branches[:MOST_BRANCHES]
        if (kept := neutral(" ".join(branch.split()), request.names)[:LONGEST_QUESTION])
    )
    kept_advice = replace(advice, question=question, repeat_of=repeat_of, branches=branches)
    return None if kept_advice == Advice() else kept_advice


def _fit_to_ask(question: str | None, request: AdviceRequest) -> bool:
    if question is None:
        return False
    text = " ".join(question.split())
    return (
        text.endswith(_QUESTION_MARKS)
        and len(text) <= LONGEST_QUESTION
        and len(text.split()) <= MOST_WORDS
        and not names_in(text, request.names)
        and not has_verdict(text)
        and script(text) in (script(request.answer), None)
    )


def has_verdict(text: str) -> bool:
    """Whether `text` passes a verdict on someone ("careless", "should have", "schuld")."""
    words = [word.casefold() for word in _WORD.findall(text)]
    if _VERDICTS.intersection(words):
        return True
    joined = f" {' '.join(words)} "
    return any(f" {phrase} " in joined for phrase in _VERDICT_PHRASES)


def script(text: str) -> str | None:
    """The writing system most of the letters of `text` are in (LATIN, CYRILLIC, CJK ...);
    None without letters. Chinese, Japanese and Korean count as one: they mix."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            first = name.split(" ", 1)[0]
            counts["CJK" if first in _CJK else first] += 1
    return counts.most_common(1)[0][0] if counts else None


_CJK = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "IDEOGRAPHIC"})
