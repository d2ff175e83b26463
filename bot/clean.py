"""Text as the engine reads it: bounded, collapsed, and without NUL characters.

Every event is cleaned once, on its way into the engine, so no handler has to think of it:
- a text is cut to MAX_TEXT characters (Slack's own limit for a message), so no parser
  ever sees more than a message can hold;
- in a message's `text`, runs of spaces and tabs become one space, line ends lose their
  spaces and blank lines come at most one in a row: a 40,000-space reply reads as what
  it says, and the patterns after this never meet a long run of white space;
- NUL goes: it has no meaning in chat, and PostgreSQL refuses it outright.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

T = TypeVar("T")

MAX_TEXT = 40_000
"""Slack cuts a message at 40,000 characters; Teams' limit is lower. Nothing a person can
send through either is longer, so nothing longer needs reading."""

_SPACES = re.compile(r"[^\S\n]+")
"""One or more white-space characters other than a newline (linear: one pass, no backtracking)."""


def tidy(text: str) -> str:
    """A message's text as it is read: cut, collapsed, without NUL; unchanged when tidy."""
    cut = bounded(text)
    lines = _SPACES.sub(" ", cut).split("\n")
    kept: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line or (kept and kept[-1]):
            kept.append(line)
    tidied = "\n".join(kept).strip()
    return text if tidied == text else tidied


def bounded(text: str, limit: int = MAX_TEXT) -> str:
    """At most `limit` characters and no NUL: any other text of an event."""
    if len(text) > limit:
        text = text[:limit]
    return text.replace("\x00", "") if "\x00" in text else text


def cleaned(value: T) -> T:
    """`value` cleaned (dataclasses, tuples, dicts): each `text` field tidied, every other
    string bounded."""
    return _clean(value)  # type: ignore[no-any-return]


def _clean(value: Any, field: str = "") -> Any:
    """The cleaned value, or `value` itself when it needed no change (the usual case: no copy)."""
    if isinstance(value, str):
        return tidy(value) if field == "text" else bounded(value)
    if isinstance(value, tuple | list):
        items = [_clean(item) for item in value]
        same = all(new is old for new, old in zip(items, value, strict=True))
        return value if same else type(value)(items)
    if isinstance(value, dict):
        pairs = [(_clean(key), _clean(item)) for key, item in value.items()]
        same = all(
            k is old_k and v is old_v
            for (k, v), (old_k, old_v) in zip(pairs, value.items(), strict=True)
        )
        return value if same else dict(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.init and f.name != "raw":
                old = getattr(value, f.name)
                new = _clean(old, f.name)
                if new is not old:
                    changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
