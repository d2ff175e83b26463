"""The shapes of the Slack payloads the bot reads, checked before Bolt or a translator sees them.

A signed request whose fields have the wrong types (a user that is `false`, an event that
is a list, a channel id that is an object) is answered 400 here, so no listener ever trips
over it after the request was acknowledged. Only the fields the bot reads are described;
Slack adds fields freely and those pass untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Field:
    kinds: type | tuple[type, ...]
    required: bool = False
    inner: dict[str, Field] | None = None
    """For an object: the fields it must have right."""
    every: Field | None = None
    """For a list, or an object keyed by ids: what each of its values must be."""


TEXT = Field(str)
NUMBER = Field((int, float))
_OPTION = Field(dict, inner={"value": TEXT})
_INPUT = Field(
    dict,
    inner={
        "type": TEXT,
        "value": Field((str, type(None))),
        "selected_option": Field((dict, type(None)), inner={"value": TEXT}),
    },
)
_USER = Field(
    dict,
    required=True,
    inner={"id": Field(str, True), "name": TEXT, "username": TEXT, "team_id": TEXT},
)
_TEAM = Field(dict, inner={"id": TEXT, "domain": TEXT})
_CHANNEL = Field(dict, inner={"id": TEXT, "name": TEXT})
_MESSAGE = Field(dict, inner={"text": TEXT, "ts": TEXT, "thread_ts": TEXT, "user": TEXT})
_VIEW = Field(
    dict,
    inner={
        "id": TEXT,
        "type": Field(str, True),
        "callback_id": TEXT,
        "private_metadata": TEXT,
        "team_id": TEXT,
        "app_installed_team_id": TEXT,
        "enterprise_id": TEXT,
        "state": Field(dict, inner={"values": Field(dict, every=Field(dict, every=_INPUT))}),
    },
)
_ITEM = Field(dict, inner={"type": TEXT, "channel": TEXT, "ts": TEXT})
_EVENT = Field(
    dict,
    required=True,
    inner={
        "type": Field(str, True),
        **{
            key: TEXT
            for key in (
                "subtype",
                "user",
                "channel",
                "text",
                "ts",
                "thread_ts",
                "bot_id",
                "channel_type",
                "tab",
                "reaction",
                "item_user",
                "event_ts",
                "client_msg_id",
            )
        },
        "item": _ITEM,
        "message": _MESSAGE,
        "previous_message": _MESSAGE,
        "team": TEXT,
        "user_team": TEXT,
        "source_team": TEXT,
    },
)
_INTERACTION = {
    "user": _USER,
    "team": _TEAM,
    "channel": _CHANNEL,
    "container": Field(dict, inner={"channel_id": TEXT, "message_ts": TEXT, "thread_ts": TEXT}),
    "message": _MESSAGE,
    "trigger_id": TEXT,
    "response_url": TEXT,
    "callback_id": TEXT,
    "view": _VIEW,
    "actions": Field(
        list,
        every=Field(
            dict,
            inner={
                "action_id": Field(str, True),
                "block_id": TEXT,
                "type": TEXT,
                "value": TEXT,
                "selected_option": _OPTION,
            },
        ),
    ),
}
_AUTHORIZATION = Field(
    dict,
    inner={
        "enterprise_id": TEXT,
        "team_id": TEXT,
        "user_id": TEXT,
        "is_bot": Field(bool),
        "is_enterprise_install": Field(bool),
    },
)
_COMMON = {
    # What Bolt itself reads from every payload to build its context.
    "token": TEXT,
    "api_app_id": TEXT,
    "enterprise_id": TEXT,
    "enterprise": Field(dict, inner={"id": TEXT}),
    "is_enterprise_install": Field(bool),
    "is_ext_shared_channel": Field(bool),
    "authorizations": Field(list, every=_AUTHORIZATION),
    "response_url": TEXT,
    "response_urls": Field(list, every=Field(dict, inner={"response_url": TEXT})),
    "previous_message": _MESSAGE,
    "assistant_thread": Field(dict, inner={"channel_id": TEXT}),
    "function_data": Field(dict),
    "bot_access_token": TEXT,
}
SHAPES: dict[str, dict[str, Field]] = {
    "event_callback": {
        "team_id": Field(str, True),
        "api_app_id": TEXT,
        "event_id": TEXT,
        "event_time": NUMBER,
        "event": _EVENT,
        "authorizations": Field(list, every=Field(dict, inner={"team_id": TEXT, "user_id": TEXT})),
    },
    "url_verification": {"challenge": Field(str, True)},
    "app_rate_limited": {"team_id": TEXT, "minute_rate_limited": NUMBER},
    "block_actions": {
        **_INTERACTION,
        "actions": Field(list, True, every=_INTERACTION["actions"].every),
    },
    "view_submission": {**_INTERACTION, "view": Field(dict, True, inner=_VIEW.inner)},
    "view_closed": _INTERACTION,
    "message_action": {**_INTERACTION, "callback_id": Field(str, True), "message": _MESSAGE},
    "shortcut": _INTERACTION,
}


def problem(body: dict[str, Any]) -> str | None:
    """What is wrong with the shape of a typed payload (events, interactions); None if fine."""
    kind = body.get("type")
    if not isinstance(kind, str):
        return "type is not a string"
    shape = SHAPES.get(kind)
    if shape is None:
        return f"unknown payload type {kind[:40]!r}"
    return _check_object(body, _COMMON, "") or _check_object(body, shape, "")


def _check(value: Any, field: Field, where: str) -> str | None:
    if value is None or (field.required and value == ""):
        return f"{where} is missing" if field.required else None
    if isinstance(value, bool) and bool not in _as_tuple(field.kinds):
        return f"{where} is not a {_names(field.kinds)}"
    if not isinstance(value, field.kinds):
        return f"{where} is not a {_names(field.kinds)}"
    if isinstance(value, dict):
        if field.inner:
            found = _check_object(value, field.inner, where + ".")
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


def _check_object(value: dict[str, Any], shape: dict[str, Field], prefix: str) -> str | None:
    for key, field in shape.items():
        found = _check(value.get(key), field, prefix + key)
        if found:
            return found
    return None


def _as_tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _names(kinds: type | tuple[type, ...]) -> str:
    return " or ".join("object" if k is dict else k.__name__ for k in _as_tuple(kinds))
