"""Praise in public, criticise in private: reasons that would read as a dig are caught.

A kudos post is public. "Finally on time" or "not bad for a newbie" praises with one hand
and criticises with the other, so it is not posted; the giver is told why, privately.
"""

from __future__ import annotations

import re

from bot.language.coaching import blames_a_person

_BACKHANDED = re.compile(
    r"\b(?:finally|for once|for a change|at (?:long )?last|not bad(?: for)?|even though|"
    r"despite (?:being|you|him|her|them|his|her|their)|for someone (?:who|like)|who knew|"
    r"surprisingly|should(?:n't)? have|should'?ve|could(?:n't)? have|next time|"
    r"thanks for nothing|not good enough|could do better|about time|took (?:you|him|her|them) "
    r"long enough|late again|always late)\b",
    re.IGNORECASE,
)
_HARSH = re.compile(
    r"\b(?:lazy|sloppy|careless|useless|incompetent|stupid|idiot(?:ic)?|dumb|annoying|rude|"
    r"pathetic|hopeless|worst|terrible|awful|disappointing|disappointed|bad job|poor job|"
    r"sucks?|clueless)\b",
    re.IGNORECASE,
)


def criticism_in(reason: str) -> str | None:
    """The words that make a reason read as criticism, or None for plain praise."""
    for pattern in (_BACKHANDED, _HARSH):
        match = pattern.search(reason)
        if match:
            return match.group(0)
    if blames_a_person(reason):
        return "blame"
    return None
