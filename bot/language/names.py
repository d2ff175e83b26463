"""People's names in what people type, found so that no public post repeats them.

A name comes from two places: the workspace's members (as the platform listed them, and
the people in the conversation), matched as whole words in any case ("john" is John), and
names people typed that nobody listed: a word after a title or a role ("nurse Kelly",
"anh Minh", "Frau Weber"), a mention, or a capitalised word doing what people do ("Kelly
forgot", "Minh said"). A department ("Maintenance never checks") is a role, not a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.language.lexicon import (
    DEPARTMENTS,
    FUNCTION_WORDS,
    PERSON_PHRASES,
    PERSON_VERBS,
    TITLES,
)

COLLEAGUE = "a colleague"
_WORD = re.compile(r"[@\w][\w'\u2019-]*")
_SENTENCE_END = re.compile(r"[.!?:;\n]\s*$")


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The words of people's display names worth looking for ("Alice Smith" -> alice, smith)."""
    words = set()
    for name in names:
        for word in _WORD.findall(name):
            word = word.lstrip("@").casefold()
            if len(word) >= 3 and word not in FUNCTION_WORDS and word not in DEPARTMENTS:
                words.add(word)
    return frozenset(words)


def names_in(text: str, known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The names in `text`, as written there, each once, in order."""
    return tuple(dict.fromkeys(text[start:end] for start, end in _spans(text, known)))


def neutral(text: str, known: frozenset[str] = frozenset(), instead: str = COLLEAGUE) -> str:
    """`text` with every name (and the title before it) replaced by `instead`."""
    out, last = [], 0
    for start, end in _spans(text, known):
        title = _title_before(text, start)
        out.append(text[last : title if title is not None else start])
        out.append(instead)
        last = end
        if text[end : end + 2] in ("'s", "\u2019s"):
            out.append("'s")
            last = end + 2
    out.append(text[last:])
    return re.sub(r"\b(?:the|a|an) a colleague\b", instead, "".join(out), flags=re.IGNORECASE)


def _spans(text: str, known: frozenset[str]) -> list[tuple[int, int]]:
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    for index, match in enumerate(words):
        word = match.group()
        if word.endswith(("'s", "\u2019s")):
            word = word[:-2]
        end = match.start() + len(word)
        if _is_name(text, words, index, word, known):
            spans.append((match.start(), end))
    return spans


def _is_name(
    text: str, words: list[re.Match[str]], index: int, word: str, known: frozenset[str]
) -> bool:
    low = word.casefold()
    if word.startswith("@") and len(word) > 1:
        return True
    if low in FUNCTION_WORDS or low in DEPARTMENTS or len(word) < 2:
        return False
    if low in known:
        return True
    previous = words[index - 1].group().casefold() if index else ""
    capital = word[0].isupper() and not word.isupper()
    if previous in TITLES and (capital or previous in _LOWER_TITLES):
        return True
    if not capital:
        return False
    after = [w.group().casefold() for w in words[index + 1 : index + 4]]
    following = after[0] if after else ""
    starts_sentence = index == 0 or bool(_SENTENCE_END.search(text[: words[index].start()]))
    if starts_sentence and low in _NOT_PEOPLE:
        return False
    said = (" ".join(after[:count]) for count in (2, 3))
    if following in PERSON_VERBS or any(phrase in PERSON_PHRASES for phrase in said):
        return True
    if low.endswith("ing"):
        return False  # "Cleaning was skipped": an activity, not a person
    doing = len(after) > 1 and following in _BE and after[1].endswith("ing")
    return doing or (not starts_sentence and _past(following))


_BE = frozenset("is was were are".split())


def _past(word: str) -> bool:
    """A verb in the past ("put", "moved", "took"): after a capitalised word inside a
    sentence ("... Dave put the charging room next to the office"), that word is a person."""
    return word in _PAST or (len(word) > 4 and word.endswith("ed"))


_PAST = frozenset(
    "put took made set chose moved placed decided ordered changed asked wanted planned told "
    "said left sent gave kept bought built wrote signed approved removed added".split()
)


_LOWER_TITLES = frozenset("nurse dr doctor mr mrs ms herr frau".split())
"""Titles after which even a lower-cased word is a name ("nurse kelly")."""
_NOT_PEOPLE = frozenset(
    "it this that there everyone everybody nobody someone somebody something nothing "
    "he she they we you i people".split()
)


def _title_before(text: str, start: int) -> int | None:
    """Where the title before a name starts ("nurse Kelly" -> the n), if there is one."""
    before = re.search(r"([\w.]+)\s+$", text[:start])
    if before is None or before.group(1).rstrip(".").casefold() not in TITLES:
        return None
    return before.start(1)
