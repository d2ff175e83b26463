"""How alike two short texts are, by the words that carry their meaning.

One reader and one measure for every feature that asks: the duplicate hint (is a new idea
the same problem as an open one?) and the stand-up (does a blocker recur?). Short texts
about the same trouble use the same nouns ("label printer", "night shift"), so shared
words, stemmed roughly, are enough; each feature sets its own threshold.
"""

from __future__ import annotations

import functools
import re

from bot.language.words import (
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    DO_FORMS,
    PREPOSITIONS,
    PRONOUNS,
)

_FILLER = (
    ADVERBS
    | AUXILIARIES
    | CONJUNCTIONS
    | DETERMINERS
    | DO_FORMS
    | PREPOSITIONS
    | PRONOUNS
    | frozenset(
        "to be been being not no very too so just really again always often get gets got "
        "still yet wait waiting also then than".split()
    )
)
"""Words every sentence has, whatever it is about ("waiting" too: everyone waits for
something, and what for is the point)."""
_WORD = re.compile(r"[a-z0-9]+")


@functools.lru_cache(maxsize=2048)
def words(text: str) -> frozenset[str]:
    """The words that carry meaning, in a rough stem form ("jamming", "jams" -> "jam").
    Remembered: each new idea is compared with the same few hundred open ones."""
    return frozenset(
        _stem(word) for word in _WORD.findall(text.lower()) if word not in _FILLER and len(word) > 1
    )


def likeness(a: frozenset[str], b: frozenset[str], least_shared: int = 1) -> float:
    """The share of their distinct words two texts have in common (0 to 1); 0 when they
    share fewer than `least_shared`."""
    shared = len(a & b)
    return shared / len(a | b) if shared >= max(least_shared, 1) else 0.0


def _stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word
