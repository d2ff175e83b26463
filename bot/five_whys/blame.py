"""Spotting answers that blame a person, so the coach can steer back to the system.

"John forgot" ends the inquiry at a person; asking what made forgetting possible leads to
a cause the team can fix. The test is deliberately narrow: a person as the subject of a
failing verb, or a stock phrase such as "operator error". "Nobody owns the checklist" is a
fact about the system and passes.
"""

from __future__ import annotations

import re

_PHRASES = re.compile(
    r"\b(?:operator|human|user|driver|worker|staff|people|personal) (?:error|mistake|failure)s?\b|"
    r"\b(?:his|her|their|my|your|someone's|somebody's|[A-Z][a-z]+'s) fault\b|"
    r"\bto blame\b|\bblame (?:him|her|them|[A-Z][a-z]+)\b|"
    r"\b(?:careless(?:ness)?|lazy|laziness|sloppy|incompetent|stupid|idiots?|useless|clueless)\b|"
    r"\b(?:not|wasn't|weren't|isn't|aren't) paying attention\b|\bdidn't pay attention\b|"
    r"\bno common sense\b|\bcan't be bothered\b|\bbad attitude\b|\bshould have known\b",
    re.IGNORECASE,
)
_PEOPLE = (
    r"(?:he|she|they|i|you|someone|somebody|(?:the |our |a |my )?"
    r"(?:operator|worker|driver|picker|packer|technician|tech|intern|temp|"
    r"new (?:guy|girl|hire|person)|colleague|supervisor|manager|lead|team ?lead|shift lead|"
    r"staff|people|guys|night shift|"
    r"day shift|maintenance guy|cleaner)s?)"
)
_FAILING = (
    r"(?:forgot|forget|forgets|forgotten|failed to|fails to|fail to|missed|misses|ignored|ignores|"
    r"messed up|screwed up|neglected|neglects|skipped|skips|refused to|refuses to|"
    r"(?:didn't|did not|don't|do not|doesn't|does not|won't|never) "
    r"(?:bother|care|check|clean|follow|read|listen|notice|pay|do|tell|report|think|look|"
    r"remember|learn|train|ask)s?)"
)
_PERSON_FAILED = re.compile(rf"\b{_PEOPLE}\s+(?:\w+ly\s+)?{_FAILING}\b", re.IGNORECASE)
_NAME_FAILED = re.compile(rf"(?:^|[\s,;(])@?(?P<name>[A-Z][a-z]+|@\w+)\s+(?:\w+ly\s+)?{_FAILING}\b")
_NOT_NAMES = frozenset(
    [
        "nobody",
        "noone",
        "it",
        "this",
        "that",
        "there",
        "the",
        "everyone",
        "everybody",
        "something",
        "nothing",
        "someone",
        "somebody",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
    ]
)


def blames_a_person(answer: str) -> bool:
    """True when the answer stops at a person instead of the process around them."""
    if _PHRASES.search(answer) or _PERSON_FAILED.search(answer):
        return True
    return any(
        match.group("name").lstrip("@").lower() not in _NOT_NAMES
        or match.group("name").lower() in ("he", "she", "they")
        for match in _NAME_FAILED.finditer(answer)
    )


_COACHING = (
    "Let's look past the person to the process. If someone forgot or missed it, what made "
    "that easy to do? Was there a checklist, a signal or a standard that should have caught "
    "it? Answer Why #{position} with what in the way the work is set up allowed it.",
    "Good people get tripped up by the way the work is set up. What about the tools, the "
    "training, the time or the instructions let this happen? That is the answer to "
    "Why #{position} we can fix together.",
    "Blame ends the learning. Try finishing this sentence for Why #{position}: \u201cIt was "
    "possible because \u2026\u201d, naming something in the process, not a person.",
)


def coaching(position: int, times_coached: int) -> str:
    """The follow-up to a blaming answer; it varies if the author keeps returning to a person."""
    return _COACHING[times_coached % len(_COACHING)].format(position=position)
