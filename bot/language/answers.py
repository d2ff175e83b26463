"""Reading an answer to a why before replying to it, as a good coach listens first.

Rules, in the order a facilitator would notice things: a correction, a fear, a question to
the coach, "not sure", an honest admission, a blame, an emotion, a hypothesis, several
causes at once, a repeat of an earlier answer, the problem said again, a label, and then
what is left: a cause in the system the team can change, or a step on the way to one.
Only those two become whys. A blame or an admission followed by "because ..." keeps the
part after it, which is so often the real cause ("Maintenance never checks the oil
because there is no PM schedule").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.language import lexicon as lx
from bot.language.advice import AnswerKind
from bot.language.names import names_in
from bot.language.overlap import likeness, words

REPEAT_LIKENESS = 0.6
SYMPTOM_LIKENESS = 0.7
_TOKEN = re.compile(r"[\w'+\-]+")
_GAPS = lx._phrases(
    "no|not|nobody|no one|noone|never|missing|lack|lacks|lacking|without|isn't|aren't|"
    "wasn't|doesn't|don't|didn't|can't|cannot|won't|wrong|unclear|out of date|outdated|"
    "too|only|before we had|nothing|none|old|same|doesn't fit|too far|years ago|fewer|"
    "never updated|not updated|hasn't been updated|hasn't changed|never changed|still the old|"
    "kein|keine|nicht|"
    "fehlt|ohne|niemand|keinen|keinem|keiner|không|chưa|thiếu"
)
_LEADING_BECAUSE = re.compile(r"^(?:because|since|cause|coz|weil|vì|bởi vì|tại vì)\b[\s,]*", re.I)
_SOMEONES_FAULT = re.compile(r"\w['\u2019]s (?:fault|mistake|error)\b", re.IGNORECASE)
_ENUMERATION = re.compile(r"(?:^|\s)(?:\d[.)]|[-\u2022*])\s")
_SEPARATORS = re.compile(
    r";|\s(?:\d[.)]|[-\u2022*])\s|,?\s+(?:and also|also|plus|on top of that|another thing is|"
    r"and another thing|and then also)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """What an answer is, and the words of it worth keeping as a why's answer."""

    kind: AnswerKind
    kept: str
    """The answer as it would stand in the chain; a blame's "because" part; a correction's
    new answer; a hypothesis without its "maybe"; empty when nothing is worth keeping."""
    cause: str | None = None
    """For a cause in the system: what kind ("a standard", "training", ...)."""
    branches: tuple[str, ...] = ()
    repeat_of: int | None = None
    felt: bool = False
    """Frustration or another feeling came with the words worth keeping."""
    safety: bool = False
    """Someone was hurt or nearly hurt."""
    lead: AnswerKind | None = None
    """What came before the kept part: a blame or an admission whose "because" we keep."""

    @property
    def becomes_a_why(self) -> bool:
        return self.kind in (AnswerKind.CAUSE, AnswerKind.STEP)


def padded(text: str) -> str:
    """Lower-cased words between single spaces, for whole-word phrase look-ups."""
    return " " + " ".join(_TOKEN.findall(text.casefold().replace("\u2019", "'"))) + " "


def has(text: str, phrases: Sequence[str]) -> bool:
    """True when `text` (as `padded` made it) holds one of the phrases as whole words."""
    return any(f" {phrase} " in text for phrase in phrases)


def is_one_of(text: str, phrases: Sequence[str]) -> bool:
    """True when the whole answer, give or take punctuation, is one of the phrases."""
    bare = " ".join(text.casefold().replace("\u2019", "'").strip(" .!?,;:\u2026").split())
    return bare in phrases


def read(
    answer: str,
    *,
    problem: str = "",
    earlier: Sequence[str] = (),
    known: frozenset[str] = frozenset(),
) -> Reading:
    """What `answer` is; `earlier` are the answers in the chain so far, oldest first."""
    text = _LEADING_BECAUSE.sub("", " ".join(answer.split())) or " ".join(answer.split())
    low = padded(text)
    safety = has(low, lx.SAFETY)
    reading = _first_reading(text, low, problem, earlier, known)
    return replace(reading, safety=safety) if safety else reading


def _first_reading(
    text: str, low: str, problem: str, earlier: Sequence[str], known: frozenset[str]
) -> Reading:
    if not low.strip() or not any(ch.isalnum() for ch in text):
        kind = AnswerKind.UNSURE if "?" in text else AnswerKind.JUNK
        return Reading(kind, "")
    correction = _correction(text)
    if correction is not None:
        return Reading(AnswerKind.CORRECTION, correction)
    if has(low, lx.FEAR):
        return Reading(AnswerKind.FEAR, "")
    if has(low, lx.TO_THE_COACH):
        return Reading(AnswerKind.QUESTION, "")
    if is_one_of(text, lx.UNSURE) or (len(low.split()) <= 6 and has(low, lx.UNSURE)):
        return Reading(AnswerKind.UNSURE, "")
    if is_one_of(text, lx.JUNK):
        return Reading(AnswerKind.JUNK, "")
    for kind, found in ((AnswerKind.ADMISSION, _admits), (AnswerKind.BLAME, _blames)):
        if found(text, low, known):
            cause = _because(text)
            if cause:
                behind = _content(cause, padded(cause), problem, earlier, known)
                if behind.becomes_a_why:
                    return replace(behind, lead=kind)
            return Reading(kind, "")
    if has(low, lx.EMOTION):
        rest = _without(low, lx.EMOTION)
        if len([w for w in rest.split() if w not in lx.FUNCTION_WORDS]) < 3:
            return Reading(AnswerKind.EMOTION, "")
        rest_text = _after_feeling(text)
        reading = _content(rest_text, padded(rest_text), problem, earlier, known)
        return replace(reading, felt=True)
    return _content(text, low, problem, earlier, known)


def _content(
    text: str, low: str, problem: str, earlier: Sequence[str], known: frozenset[str]
) -> Reading:
    """An answer with something to say: which kind of something."""
    hypothesis = _hypothesis(text, low)
    if hypothesis is not None:
        return Reading(AnswerKind.HYPOTHESIS, hypothesis)
    branches = several(text)
    if branches:
        return Reading(AnswerKind.SEVERAL, "", branches=branches)
    repeat = repeats(text, earlier)
    if repeat is not None:
        return Reading(AnswerKind.REPEAT, "", repeat_of=repeat)
    if problem and likeness(words(text), words(problem), 2) >= SYMPTOM_LIKENESS:
        return Reading(AnswerKind.SYMPTOM, "")
    if is_one_of(_bare_label(text), lx.LABELS):
        return Reading(AnswerKind.LABEL, _bare_label(text))
    kept = text.rstrip(" .!")
    cause = cause_kind(low)
    if cause is not None:
        return Reading(AnswerKind.CAUSE, kept, cause=cause)
    return Reading(AnswerKind.STEP, kept)


def cause_kind(low: str) -> str | None:
    """The kind of cause in the system an answer names, when it names a gap in one."""
    for kind, phrases in lx.SYSTEM_CAUSES.items():
        if has(low, phrases) and (has(low, _GAPS) or _gap_in_phrase(low, phrases)):
            return kind
    return None


def _gap_in_phrase(low: str, phrases: Sequence[str]) -> bool:
    """Phrases such as "nobody owns" or "untrained" carry their own gap."""
    return any(f" {p} " in low and has(f" {p} ", _GAPS) for p in phrases) or has(
        low, ("untrained", "undefined", "never defined", "not defined")
    )


def several(text: str) -> tuple[str, ...]:
    """Separate causes named in one answer (a list, semicolons, "also"): two or more."""
    if not (_ENUMERATION.search(" " + text) or _SEPARATORS.search(text)):
        return ()
    parts = [p.strip(" ,.;-\u2022*") for p in _SEPARATORS.split(" " + text)]
    parts = [re.sub(r"^\d[.)]\s*", "", p).strip() for p in parts]
    parts = [p for p in parts if len(p.split()) >= 3]
    return tuple(parts[:5]) if len(parts) >= 2 else ()


def repeats(text: str, earlier: Sequence[str]) -> int | None:
    """The position (1-based) of an earlier answer this one says again: alike, or all of
    its words (three or more) already said in one earlier answer."""
    mine = words(text)
    for position, before in enumerate(earlier, 1):
        theirs = words(before)
        if before and likeness(mine, theirs, 2) >= REPEAT_LIKENESS:
            return position
        if len(mine) >= 3 and mine <= theirs:
            return position
    return None


def _correction(text: str) -> str | None:
    """The new answer after "scratch that", or "" for a bare take-back; None otherwise."""
    low = padded(text)
    head = " " + " ".join(low.split()[:4]) + " "
    for phrase in lx.CORRECTIONS:
        if head.startswith(f" {phrase} "):
            rest = _after_phrase(text, phrase)
            return _strip_lead(rest)
    return None


def _after_phrase(text: str, phrase: str) -> str:
    tokens = text.split()
    count = len(phrase.split())
    return " ".join(tokens[count:])


def _strip_lead(rest: str) -> str:
    rest = rest.strip(" ,.;:!-\u2013\u2014")
    again = _correction(rest) if rest else None
    if again is not None:
        return again
    rest = re.sub(r"^(?:it'?s|it is|i meant|the answer is|instead)\b[\s,:]*", "", rest, flags=re.I)
    return rest.strip()


def _hypothesis(text: str, low: str) -> str | None:
    """ "maybe the glue gun?", "is it the sensor?": a guess worth checking, without its lead."""
    lead = next((p for p in lx.HYPOTHESIS_LEADS if low.startswith(f" {p} ")), None)
    asked = text.rstrip().endswith("?")
    if lead is None and not asked:
        return None
    guess = _after_phrase(text, lead) if lead else text
    guess = guess.strip(" ,.?!").strip()
    return guess if len(guess.split()) >= 1 and any(c.isalnum() for c in guess) else None


def _admits(text: str, low: str, known: frozenset[str]) -> bool:
    head = _before_because(low)
    return has(head, lx.ADMISSION) and cause_kind(head) is None


def _blames(text: str, low: str, known: frozenset[str]) -> bool:
    """A person, a role or a name as the subject of a failing, or a judgement of character."""
    head = _before_because(low)
    if has(head, lx.CHARACTER) or _SOMEONES_FAULT.search(text):
        return True
    tokens = head.split()
    for index, token in enumerate(tokens):
        if not any(f" {p} ".startswith(f" {token} ") for p in lx.FAILINGS):
            continue
        if not has(" " + " ".join(tokens[index:]) + " ", lx.FAILINGS):
            continue
        before = tokens[max(0, index - 3) : index]
        if any(w in lx.PEOPLE or w in lx.DEPARTMENTS for w in before):
            return True
    plain = _before_because_text(text)
    if any(_fails_after(plain, name) for name in names_in(plain, known)):
        return True
    return _capital_before_failing(plain)


def _capital_before_failing(text: str) -> bool:
    """ "Minh hat vergessen ...": a capitalised word just before a failing is a person."""
    tokens = _TOKEN.findall(text)
    for index in range(1, len(tokens)):
        word = tokens[index - 1]
        if not word[:1].isupper() or word.isupper() or word.casefold() in lx.FUNCTION_WORDS:
            continue
        following = padded(" ".join(tokens[index : index + 4]))
        if following.startswith(tuple(f" {phrase} " for phrase in lx.FAILINGS)):
            return True
    return False


def _fails_after(text: str, name: str) -> bool:
    at = text.find(name)
    after = padded(text[at + len(name) : at + len(name) + 60])
    return has(after[: len(after)], lx.FAILINGS) or has(after, lx.CHARACTER)


def _because(text: str) -> str | None:
    low = padded(text)
    for word in lx.SOFTENERS:
        at = low.find(f" {word} ")
        if at >= 0:
            rest = low[at + len(word) + 2 :].strip()
            original = _tail_of(text, rest)
            return original or None
    return None


def _tail_of(text: str, low_tail: str) -> str:
    """The original-case words of `text` that `low_tail` (its padded ending) stands for."""
    count = len(low_tail.split())
    tokens = _TOKEN.findall(text.replace("\u2019", "'"))
    return " ".join(tokens[-count:]) if count else ""


def _before_because(low: str) -> str:
    for word in lx.SOFTENERS:
        at = low.find(f" {word} ")
        if at >= 0:
            return low[: at + 1]
    return low


def _before_because_text(text: str) -> str:
    match = re.search(r"\b(?:because|since|weil|vì)\b", text, re.IGNORECASE)
    return text[: match.start()] if match else text


def _after_feeling(text: str) -> str:
    """ "ugh, so annoying, the roll is the wrong size" -> "the roll is the wrong size"."""
    parts = re.split(r"[,.!:;\u2013\u2014]\s*", text)
    while len(parts) > 1 and has(padded(parts[0]), lx.EMOTION):
        parts = parts[1:]
    return ", ".join(p for p in parts if p).strip() or text


def _without(low: str, phrases: Sequence[str]) -> str:
    for phrase in phrases:
        low = low.replace(f" {phrase} ", " ")
    return low


def _bare_label(text: str) -> str:
    """ "Bad communication, I guess." -> "bad communication"."""
    low = padded(text)
    for filler in ("i guess", "i think", "probably", "just", "the", "a", "it's", "its", "it is"):
        low = low.replace(f" {filler} ", " ")
    return low.strip()
