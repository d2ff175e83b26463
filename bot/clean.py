"""Text as it may be stored: without NUL characters, which no database keeps as text.

A NUL has no meaning in chat; PostgreSQL refuses it outright. Every event is cleaned once,
on its way into the engine, so no handler has to think of it.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def without_nul(value: T) -> T:
    """`value` with every NUL removed from the text inside it (dataclasses, tuples, dicts)."""
    return _clean(value)  # type: ignore[no-any-return]


def _clean(value: Any) -> Any:
    """The cleaned value, or `value` itself when it held no NUL (the usual case: no copy)."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
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
                new = _clean(old)
                if new is not old:
                    changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
