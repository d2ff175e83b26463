"""The shape of the Bot Framework activity fields the bot and botbuilder read.

An activity with a `from` that is `true` or entities that are strings is answered 400
before botbuilder deserialises it or a translator reads it.
"""

from __future__ import annotations

from typing import Any

from adapters.shapes import FLAG, ID, TEXT, WORKSPACE, Field, check

_ACCOUNT = Field(dict, inner={"id": ID, "name": TEXT, "aadObjectId": TEXT, "role": TEXT})
_NAMED = Field(dict, inner={"id": TEXT, "name": TEXT})
_ENTITY = Field(
    dict,
    inner={"type": TEXT, "text": TEXT, "timezone": TEXT, "locale": TEXT, "mentioned": _ACCOUNT},
)
_DATA = Field(
    dict,
    inner={
        key: TEXT
        for key in ("kaizen", "action", "value", "form", "state", "origin", "origin_thread")
    },
)
ACTIVITY: dict[str, Field] = {
    "type": Field(str, True),
    "id": TEXT,
    "name": TEXT,
    "text": TEXT,
    "textFormat": TEXT,
    "timestamp": TEXT,
    "localTimestamp": TEXT,
    "localTimezone": TEXT,
    "locale": TEXT,
    "serviceUrl": TEXT,
    "channelId": TEXT,
    "replyToId": TEXT,
    "from": _ACCOUNT,
    "recipient": _ACCOUNT,
    "conversation": Field(
        dict,
        inner={
            "id": ID,
            "name": TEXT,
            "conversationType": TEXT,
            "tenantId": WORKSPACE,
            "isGroup": FLAG,
        },
    ),
    "entities": Field(list, every=_ENTITY),
    "membersAdded": Field(list, every=_ACCOUNT),
    "membersRemoved": Field(list, every=_ACCOUNT),
    "attachments": Field(list, every=Field(dict, inner={"contentType": TEXT})),
    "channelData": Field(
        dict,
        inner={
            "tenant": Field(dict, inner={"id": WORKSPACE}),
            "team": _NAMED,
            "channel": _NAMED,
            "eventType": TEXT,
        },
    ),
}


def problem(activity: dict[str, Any]) -> str | None:
    """What is wrong with the activity's shape; None when it fits."""
    found = check(activity, ACTIVITY)
    if found:
        return found
    value = activity.get("value")
    if activity.get("type") == "invoke" and activity.get("name") == "adaptiveCard/action":
        action = Field(dict, True, inner={"type": TEXT, "verb": TEXT, "data": _DATA})
        return check({"value": value}, {"value": Field(dict, True, inner={"action": action})})
    if activity.get("type") == "message" and value is not None and isinstance(value, dict):
        return check(value, _DATA.inner or {}, "value.")
    return None
