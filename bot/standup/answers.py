"""Reading a stand-up answer: which part is the blocker, and whether a blocker recurs.

People answer in one reply, one line per question ("1. ...", or just lines in order), or
write "blocker: ..." anywhere. "None", "no", "-" mean no blocker (in German and Vietnamese
too: "keine", "nichts", "không", "không có").
"""

from __future__ import annotations

import re

from bot.clean import bounded
from bot.language.overlap import likeness, words

MAX_ANSWER = 3000
"""Characters in one stand-up answer: the summary shows every answer in full."""
_INLINE = re.compile(r"(?<!\s)\s+(?=\d++[.)]\s)")
"""One line that numbers its answers: "1. this 2. that 3. a blocker". A run of white space
is tried from its start only (the look-behind): from every space of a long run it was
quadratic."""
_NUMBERED = re.compile(r"^\s*(\d+)\s*[.):-]\s*(.*)$")
_LABELLED = re.compile(
    r"(?:^\s*|[.;!]\s+)(?:blockers?|blocked(?: by)?|blocking(?: me)?|impediments?"
    r"|hindernis(?:se)?|blockiert(?: durch)?|vướng mắc|trở ngại)\s*"
    r"[:\-\u2013]\s*(.+)$",
    re.IGNORECASE,
)
_NOTHING = re.compile(
    r"(?:none|no(?:thing)?(?: blockers?)?|nope|n/?a|-+|\u2014|all good|not really|"
    r"no blockers?|nothing blocking(?: me)?"
    r"|kein(?:e|s)?(?: hindernis(?:se)?)?|nichts|nein|alles gut"
    r"|không(?: có(?: gì)?)?(?: vướng mắc)?|không có gì|ổn)",
    re.IGNORECASE,
)
"""Matched in full against the answer stripped of white space and closing `.` and `!`."""


_ASKS_BLOCKERS = (
    r"\bblock|\bimpediment|\bstuck\b|\bin your way\b|\bhindernis|\bblockier|\bim weg\b"
    r"|vướng|trở ngại|cản trở"
)


def blocker_question(questions: tuple[str, ...]) -> int | None:
    """Which question asks about blockers (by its wording), counted from 0."""
    for index, question in enumerate(questions):
        if re.search(_ASKS_BLOCKERS, question, re.I):
            return index
    return None


def blocker_in(answer: str, questions: tuple[str, ...]) -> str | None:
    """The blocker named in an answer, or None when there is none."""
    answer = bounded(answer)
    lines = [part.strip() for line in answer.splitlines() for part in _INLINE.split(line)]
    lines = [line for line in lines if line]
    for line in lines:
        labelled = _LABELLED.search(line)
        if labelled:
            return _real(labelled.group(1))
    index = blocker_question(questions)
    if index is None:
        return None
    numbered = {int(m.group(1)) - 1: m.group(2) for m in map(_NUMBERED.match, lines) if m}
    if numbered:
        return _real(numbered.get(index, ""))
    if index < len(lines) <= len(questions):  # one line per question, the last ones may be left out
        return _real(lines[index])
    return None


SAME_BLOCKER = 0.5
"""Share of their meaning words two blockers must have in common to be the same one."""


def same_blocker(one: str, other: str) -> bool:
    """Word overlap, enough to tell "waiting for the label stock" recurs."""
    return likeness(words(one), words(other)) >= SAME_BLOCKER


def _real(text: str) -> str | None:
    text = text.strip()
    return None if not text or _NOTHING.fullmatch(text.rstrip(".! \t")) else text
