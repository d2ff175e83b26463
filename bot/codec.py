"""Actions and events as JSON: the outbox keeps what the engine asked for until it is
delivered, the inbox keeps what a person sent until its turn is done.

Each stored type has a name of its own in `NAMES`, written into the JSON, never its class
name: a parcel stored before a release must load after it, so renaming a class (or moving
it) changes nothing stored. A name, once used, is never given to another type.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from bot.actions import Delete, Deliverable, Post, PrivateReply, Reply, ShowHome, Update
from bot.content import Button, Card, ChannelLink, Choice, Field, Link, Mention, Text
from bot.events import (
    ButtonPress,
    Command,
    Edit,
    FormSubmit,
    FromPerson,
    HomeOpened,
    Message,
    Reaction,
)
from bot.people import Person, Place

_ACTIONS = (Post, Reply, PrivateReply, Update, Delete, ShowHome)
_EVENTS = (Command, Message, Edit, ButtonPress, FormSubmit, Reaction, HomeOpened)
NAMES: dict[type[Any], str] = {
    Post: "Post",
    Reply: "Reply",
    PrivateReply: "PrivateReply",
    Update: "Update",
    Delete: "Delete",
    ShowHome: "ShowHome",
    Command: "Command",
    Message: "Message",
    Edit: "Edit",
    ButtonPress: "ButtonPress",
    FormSubmit: "FormSubmit",
    Reaction: "Reaction",
    HomeOpened: "HomeOpened",
    Text: "Text",
    Mention: "Mention",
    ChannelLink: "ChannelLink",
    Link: "Link",
    Card: "Card",
    Field: "Field",
    Button: "Button",
    Choice: "Choice",
    Person: "Person",
    Place: "Place",
}
"""The stored name of each type: the names the classes had when parcels were first stored."""
_TYPES: dict[str, type[Any]] = {name: cls for cls, name in NAMES.items()}
_JSON = "$json"
"""A mapping kept as it came (a form's values, a platform's raw payload)."""


def dumps(action: Deliverable) -> str:
    return _dumps(action)


def loads(text: str) -> Deliverable:
    action: Deliverable = _loads(text, _ACTIONS)
    return action


def dump_event(event: FromPerson) -> str:
    """The event with everything on it, its raw payload too (a form opens from it later)."""
    return _dumps(event)


def load_event(text: str) -> FromPerson:
    event: FromPerson = _loads(text, _EVENTS)
    return event


def _dumps(value: Any) -> str:
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"))


def _loads(text: str, kinds: tuple[type[Any], ...]) -> Any:
    value = _decode(json.loads(text))
    if not isinstance(value, kinds):
        raise ValueError(f"{type(value).__name__} is not one of {[k.__name__ for k in kinds]}")
    return value


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = NAMES.get(type(value))
        if name is None:
            raise TypeError(f"{type(value).__name__} cannot be stored")
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$": name, **fields}
    if isinstance(value, Mapping):
        return {_JSON: dict(value)}
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if _JSON in value:
            return value[_JSON]
        cls = _TYPES[value["$"]]
        return cls(**{k: _decode(v) for k, v in value.items() if k != "$"})
    if isinstance(value, list):
        return tuple(_decode(item) for item in value)
    return value
