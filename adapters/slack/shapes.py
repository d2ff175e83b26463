"""The shapes of the Slack payloads the bot and Bolt read, checked before either sees them.

A signed request with a user that is `false` or an event that is a list is answered 400,
so no listener trips over it after the request was acknowledged.
"""

from __future__ import annotations

from typing import Any

from adapters.shapes import FLAG, ID, LONGEST_WORKSPACE, NUMBER, TEXT, WORKSPACE, Field, check
from bot.people import LONGEST_ID

NAME = Field(str, nullable=False)
"""A name Bolt matches listeners by: text, never null."""
TS = Field(str, longest=64)
"""A message's timestamp, its id in Slack ("1712345678.123456"); kept by the database."""

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
    inner={
        "id": Field(str, True, longest=LONGEST_ID),
        "name": TEXT,
        "username": TEXT,
        "team_id": WORKSPACE,
    },
)
_TEAM = Field(dict, inner={"id": WORKSPACE, "domain": TEXT})
_CHANNEL = Field(dict, inner={"id": ID, "name": TEXT})
_MESSAGE = Field(dict, inner={"text": TEXT, "ts": TS, "thread_ts": TS, "user": TEXT})
_VIEW = Field(
    dict,
    inner={
        "id": TEXT,
        "type": Field(str, True),
        "callback_id": NAME,
        "private_metadata": TEXT,
        "team_id": TEXT,
        "app_installed_team_id": TEXT,
        "enterprise_id": TEXT,
        "state": Field(dict, inner={"values": Field(dict, every=Field(dict, every=_INPUT))}),
    },
)
_ITEM = Field(dict, inner={"type": TEXT, "channel": ID, "ts": TS})
_EVENT = Field(
    dict,
    required=True,
    inner={
        "type": Field(str, True),
        **{
            key: TEXT
            for key in ("subtype", "text", "bot_id", "channel_type", "tab", "client_msg_id")
        },
        **{key: TS for key in ("ts", "thread_ts", "event_ts")},
        "reaction": Field(str, longest=100),
        "user": ID,
        "channel": ID,
        "item_user": ID,
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
    "container": Field(dict, inner={"channel_id": ID, "message_ts": TS, "thread_ts": TS}),
    "message": _MESSAGE,
    "trigger_id": TEXT,
    "response_url": TEXT,
    "callback_id": NAME,
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
        "is_bot": FLAG,
        "is_enterprise_install": FLAG,
    },
)
COMMAND = {
    "team_id": Field(str, longest=LONGEST_WORKSPACE),
    "user_id": ID,
    "channel_id": ID,
    "enterprise_id": ID,
}
"""A slash command's form fields (all text) that must fit the database."""
_COMMON = {
    # What Bolt itself reads from every payload to build its context.
    "token": TEXT,
    "api_app_id": TEXT,
    "enterprise_id": TEXT,
    "enterprise": Field(dict, inner={"id": TEXT}),
    "is_enterprise_install": FLAG,
    "is_ext_shared_channel": FLAG,
    "authorizations": Field(list, every=_AUTHORIZATION),
    "response_url": TEXT,
    "response_urls": Field(list, nullable=False, every=Field(dict, inner={"response_url": TEXT})),
    "previous_message": _MESSAGE,
    "assistant_thread": Field(dict, inner={"channel_id": TEXT}),
    "function_data": Field(dict),
    "bot_access_token": TEXT,
}
SHAPES: dict[str, dict[str, Field]] = {
    "event_callback": {
        "team_id": Field(str, True, longest=LONGEST_WORKSPACE),
        "api_app_id": TEXT,
        "event_id": Field(str, longest=200),
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
    return check(body, _COMMON, "") or check(body, shape, "")
