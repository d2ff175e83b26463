"""Actions as JSON, so the outbox can keep what the engine asked for until it is delivered."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from bot.actions import Delete, Deliverable, Post, PrivateReply, Reply, ShowHome, Update
from bot.content import Button, Card, ChannelLink, Choice, Field, Link, Mention, Text
from bot.people import Person, Place

_TYPES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        Post,
        Reply,
        PrivateReply,
        Update,
        Delete,
        ShowHome,
        Text,
        Mention,
        ChannelLink,
        Link,
        Card,
        Field,
        Button,
        Choice,
        Person,
        Place,
    )
}


def dumps(action: Deliverable) -> str:
    return json.dumps(_encode(action), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Deliverable:
    action = _decode(json.loads(text))
    if not isinstance(action, Post | Reply | PrivateReply | Update | Delete | ShowHome):
        raise ValueError(f"not a storable action: {type(action).__name__}")
    return action


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if name not in _TYPES:
            raise TypeError(f"{name} cannot be stored in the outbox")
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$": name, **fields}
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        cls = _TYPES[value["$"]]
        return cls(**{k: _decode(v) for k, v in value.items() if k != "$"})
    if isinstance(value, list):
        return tuple(_decode(item) for item in value)
    return value
