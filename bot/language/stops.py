"""Saying the root cause is reached: a stop word, "we found it", or "root cause: X"."""

from __future__ import annotations

import re

from bot.language import lexicon as lx
from bot.language.phrases import Phrase

_ROOT_CAUSE_LEADS = (
    "root cause:", "root cause is", "the root cause is", "the root cause:", "our root cause is",
    "that's the root cause:", "the real root cause is", "root cause -", "root-cause:",
)  # fmt: skip


def read_stop(text: str, stop_words: tuple[str, ...]) -> tuple[bool, str | None]:
    """(stops the dialogue?, the answer it carries): "root cause: X" stops and answers X.
    German and Vietnamese say it too ("Grundursache", "nguyên nhân gốc: X"), and "done"
    is also "fertig" and "xong"."""
    bare = text.strip().strip(".!\u2019'\"").lower()
    said = " ".join(bare.replace(",", " ").split())
    if bare in stop_words or ("root cause" in bare and _REACHED.match(bare)):
        return True, None
    if said in lx.ROOT_CAUSE_REACHED or ("done" in stop_words and said in lx.DONE):
        return True, None
    low = text.strip().lower()
    for lead in (*_ROOT_CAUSE_LEADS, *lx.ROOT_CAUSE_LEADS):
        if low.startswith(lead):
            rest = text.strip()[len(lead) :].strip(" :-\u2013\u2014")
            return True, rest.removeprefix("that ").strip() or None
    return False, text


_REACHED = re.compile(
    r"^(?:(?:i think|i guess|so|ok|okay|yes|yeah)[\s,]++)*(?:we(?:'ve| have)?|i(?:'ve| have)?)?\s*+"
    r"(?:found|reached|got to|hit|have|got)?\s*+(?:it|that'?s it|the root cause|our root cause|"
    r"(?:that'?s|this is|it'?s|that is) (?:the|our) root cause)[.!\s]*$",
    re.IGNORECASE,
)
""" "I think we found the root cause": a stop, however it is put."""


def stop_word(stop_words: tuple[str, ...]) -> str:
    """The word that ends the whys, as the reader would type it: the usual "root cause" in
    their language (`read_stop` hears it in each), a team's own word as it is."""
    return Phrase("root cause") if stop_words[0] == "root cause" else stop_words[0]
