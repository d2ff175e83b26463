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
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, tuple):
        return tuple(_clean(item) for item in value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _clean(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init and f.name != "raw"
        }
        return dataclasses.replace(value, **changes)
    return value
