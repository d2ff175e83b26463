"""Answers that get a coaching follow-up instead of counting as a why.

"John forgot" ends the inquiry at a person; asking what made forgetting possible leads to
a cause the team can fix. The blame test is deliberately narrow: a person as the subject of
a failing verb, or a stock phrase such as "operator error". "Nobody owns the checklist" is
a fact about the system and passes. "I don't know" is not an answer either, but an honest
place to be: the coach sends the author to look where the work happens.
"""

from __future__ import annotations

import re

_PHRASES = re.compile(
    r"\b(?:operator|human|user|driver|worker|staff|personal) (?:error|mistake|failure)s?\b|"
    r"\b(?:his|her|their|my|your|someone's|somebody's|[A-Z][a-z]+'s) (?:fault|mistake|error)\b|"
    r"\bto blame\b|\bblame (?:him|her|them|[A-Z][a-z]+)\b|"
    r"\b(?:careless(?:ness)?|lazy|laziness|sloppy|incompetent|stupid|idiots?|useless|clueless)\b|"
    r"\b(?:not|wasn't|weren't|isn't|aren't) (?:paying attention|careful)\b|"
    r"\bdidn't pay attention\b|\bno common sense\b|\bcan't be bothered\b|\bbad attitude\b|"
    r"\bdid (?:it|that|this|the \w+) wrong\b",
    re.IGNORECASE,
)
_PEOPLE = (
    r"(?:he|she|they|i|you|someone|somebody|(?:the |our |a |my )?"
    r"(?:operator|worker|driver|picker|packer|technician|tech|intern|temp|"
    r"new (?:guy|girl|hire|person)|colleague|supervisor|manager|lead|team ?lead|shift lead|"
    r"staff|guys|night shift|day shift|maintenance guy|cleaner)s?)"
)
_FAILING = (
    r"(?:forgot|forget|forgets|forgotten|failed to|fails to|fail to|missed|misses|ignored|"
    r"ignores|messed up|screwed up|neglected|neglects|skipped|skips|refused to|refuses to|"
    r"should have|should've|shouldn't have|"
    r"(?:didn't|did not|don't|do not|doesn't|does not|won't|never) "
    r"(?:bother|care|check|clean|follow|read|listen|notice|pay|do|tell|report|think|look|"
    r"remember|learn|train|ask)s?)"
)
_PERSON_FAILED = re.compile(rf"\b{_PEOPLE}\s+(?:\w+ly\s+)?{_FAILING}\b", re.IGNORECASE)
_NAME_FAILED = re.compile(rf"(?:^|[\s,;(])@?(?P<name>[A-Z][a-z]+|@\w+)\s+(?:\w+ly\s+)?{_FAILING}\b")
_NOT_NAMES = frozenset(
    "nobody noone it this that there the everyone everybody something nothing someone "
    "somebody we you people".split()
)
_UNSURE = re.compile(
    r"^(?:i\s+)?(?:(?:really\s+)?(?:don'?t|do not|dont) know|dunno|idk|no idea|not sure|"
    r"i'?m not sure|no clue|unknown|unsure|\?++|no answer|pass|no|"
    r"(?:the )?(?:root )?cause is (?:unclear|unknown|not clear)(?: to me)?)"
    r"(?:\s++(?:yet|really|why|either))?[.!?\s]*+$",
    re.IGNORECASE,
)


def blames_a_person(answer: str) -> bool:
    """True when the answer stops at a person instead of the process around them."""
    if _PHRASES.search(answer) or _PERSON_FAILED.search(answer):
        return True
    return any(
        match.group("name").lstrip("@").lower() not in _NOT_NAMES
        for match in _NAME_FAILED.finditer(answer)
    )


def is_unsure(answer: str) -> bool:
    """ "I don't know", "not sure", "?": honest, but not yet an answer."""
    return bool(_UNSURE.match(answer.strip()))


_BLAME_REMARKS = (
    "Let's look past the person to the process. If someone forgot or missed it, what made "
    "that easy to do? Was there a checklist, a signal or a standard that should have caught "
    "it? Answer Why #{position} with what in the way the work is set up allowed it.",
    "Good people get tripped up by the way the work is set up. What about the tools, the "
    "training, the time or the instructions let this happen? That is the answer to "
    "Why #{position} we can fix together.",
    "Blame ends the learning. Try finishing this sentence for Why #{position}: \u201cIt was "
    "possible because \u2026\u201d, naming something in the process, not a person.",
)
_UNSURE_REMARK = (
    "Not knowing yet is a fine place to start. Could you go and see where it happens, or ask "
    "someone who does that work every day? Answer Why #{position} when you have seen it; "
    "a best guess is welcome too."
)


def blame_remark(position: int, times_coached: int) -> str:
    """The follow-up to a blaming answer; it varies if the author keeps returning to a person."""
    return _BLAME_REMARKS[times_coached % len(_BLAME_REMARKS)].format(position=position)


def unsure_remark(position: int) -> str:
    return _UNSURE_REMARK.format(position=position)
