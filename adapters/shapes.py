"""Checking the shape of a platform's JSON payload before any code reads it.

A signed or authenticated request whose fields have the wrong types (an id that is `false`,
an object that is a list) gets a 400 from the adapter, so no translator or SDK trips over it
after the request was taken. Only the fields the bot (and its SDK) read are described;
platforms add fields freely and those pass untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bot.people import LONGEST_ID

LONGEST_WORKSPACE = 64


@dataclass(frozen=True)
class Field:
    kinds: type | tuple[type, ...]
    required: bool = False
    inner: dict[str, Field] | None = None
    """For an object: the fields it must have right."""
    longest: int | None = None
    """For text: the most characters it may have (ids the database keeps)."""
    nullable: bool = True
    """Whether an explicit null may stand for it (some SDK code tests `key in payload`)."""
    every: Field | None = None
    """For a list, or an object keyed by ids: what each of its values must be."""


TEXT = Field(str)
ID = Field(str, longest=LONGEST_ID)
"""A person's or a conversation's id."""
WORKSPACE = Field(str, longest=LONGEST_WORKSPACE)
"""A workspace's (Slack team's, Teams tenant's) id."""
NUMBER = Field((int, float))
FLAG = Field(bool)


def check(value: dict[str, Any], shape: dict[str, Field], prefix: str = "") -> str | None:
    """The first field of `value` that does not fit `shape`, said plainly; None if all fit."""
    for key, field in shape.items():
        if key in value and value[key] is None and not field.nullable:
            return f"{prefix}{key} is null"
        found = _check(value.get(key), field, prefix + key)
        if found:
            return found
    return None


def _check(value: Any, field: Field, where: str) -> str | None:
    if value is None or (field.required and value == ""):
        return f"{where} is missing" if field.required else None
    if isinstance(value, bool) and bool not in _as_tuple(field.kinds):
        return f"{where} is not a {_names(field.kinds)}"
    if not isinstance(value, field.kinds):
        return f"{where} is not a {_names(field.kinds)}"
    if isinstance(value, str) and field.longest is not None and len(value) > field.longest:
        return f"{where} is longer than {field.longest} characters"
    if isinstance(value, dict):
        if field.inner:
            found = check(value, field.inner, where + ".")
            if found:
                return found
        if field.every:
            every = replace(field.every, required=True)  # no holes in a collection
            for key, inner in value.items():
                found = _check(inner, every, f"{where}.{key}")
                if found:
                    return found
    if isinstance(value, list) and field.every:
        every = replace(field.every, required=True)
        for index, inner in enumerate(value):
            found = _check(inner, every, f"{where}[{index}]")
            if found:
                return found
    return None


def _as_tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _names(kinds: type | tuple[type, ...]) -> str:
    return " or ".join("object" if k is dict else k.__name__ for k in _as_tuple(kinds))
