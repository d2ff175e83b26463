"""Slack payloads to engine events. Pure functions: a payload in, an event (or None) out.

None means "not for the engine": the bot's own or other bots' messages, edits and
deletions, and top-level chatter in channels (only thread replies can answer a why).
"""

from __future__ import annotations

import json
from typing import Any

from adapters.slack.blocks import split_action_id
from adapters.slack.mrkdwn import read
from bot.commands import typed_event
from bot.events import ButtonPress, Command, Edit, FormSubmit, HomeOpened, Message, Reaction
from bot.people import Person, Place

Payload = dict[str, Any]
FROM_MESSAGE = "idea.from_message"
SHORTCUT_CALLBACK = "make_kaizen_idea"
_READ_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})


class PayloadError(ValueError):
    """A payload that lacks what Slack always sends: a malformed or forged request."""


def command(body: Payload) -> Command:
    """A slash command (form fields): `/kaizen fix the printer`."""
    text, mentions = read(_text(body, "text", required=False))
    channel = _text(body, "channel_id")
    return Command(
        workspace=_text(body, "team_id"),
        person=Person(_text(body, "user_id"), str(body.get("user_name") or body["user_id"])),
        place=Place(channel, direct=_is_direct(channel, body.get("channel_name"))),
        mentions=mentions,
        name=_text(body, "command").lstrip("/").lower(),
        text=text.strip(),
        raw=body,
    )


def message(body: Payload) -> Command | Message | Edit | None:
    """A message event; its author is only an id until the caller looks them up."""
    event = body.get("event") or {}
    if event.get("subtype") == "message_changed":
        return _edit(body, event)
    if event.get("bot_id") or event.get("subtype") not in _READ_SUBTYPES:
        return None
    channel, thread = event.get("channel"), event.get("thread_ts")
    direct = event.get("channel_type") == "im"
    if not channel or not event.get("user") or not (thread or direct):
        return None
    text, mentions = read(str(event.get("text") or ""))
    place = Place(str(channel), str(thread) if thread else None, direct)
    return typed_event(
        text,
        workspace=_team(body),
        person=Person(str(event["user"]), str(event["user"])),
        place=place,
        mentions=mentions,
        event_id=body.get("event_id"),
        raw=body,
        commands_allowed=direct and not thread,
    )


def _edit(body: Payload, event: Payload) -> Edit | None:
    """message_changed: a person edited a message in a thread or a direct chat (an edit by
    a bot, or one that left the text as it was, such as a link preview, is no edit)."""
    now, before = event.get("message") or {}, event.get("previous_message") or {}
    channel, thread = event.get("channel"), now.get("thread_ts")
    direct = event.get("channel_type") == "im"
    if now.get("bot_id") or not channel or not now.get("user") or not (thread or direct):
        return None
    text, mentions = read(str(now.get("text") or ""))
    earlier, _ = read(str(before.get("text") or ""))
    if text == earlier:
        return None
    return Edit(
        workspace=_team(body),
        person=Person(str(now["user"]), str(now["user"])),
        place=Place(str(channel), str(thread) if thread else None, direct),
        mentions=mentions,
        id=body.get("event_id"),
        raw=body,
        text=text,
        before=earlier,
    )


def button(body: Payload) -> ButtonPress:
    """block_actions: a button on one of our messages."""
    actions = body.get("actions") or []
    if not actions or "action_id" not in actions[0]:
        raise PayloadError("block_actions without an action")
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
    thread = (body.get("message") or {}).get("thread_ts")
    return ButtonPress(
        workspace=_team(body),
        person=_user(body),
        place=Place(channel, thread, direct=_is_direct(channel)),
        action=split_action_id(str(actions[0]["action_id"])),
        value=str(actions[0].get("value") or ""),
        raw=body,
    )


def shortcut(body: Payload) -> ButtonPress:
    """The message shortcut "Make it a Kaizen idea": the message text starts the idea form."""
    text, _ = read(str((body.get("message") or {}).get("text") or ""))
    channel = (body.get("channel") or {}).get("id") or ""
    return ButtonPress(
        workspace=_team(body),
        person=_user(body),
        place=Place(channel, direct=_is_direct(channel)),
        action=FROM_MESSAGE,
        value=text,
        raw=body,
    )


def submission(body: Payload) -> FormSubmit:
    """view_submission: a filled-in modal."""
    view = body.get("view") or {}
    try:
        where = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError as error:
        raise PayloadError("view without our metadata") from error
    values = {
        block_id: _value(field)
        for block_id, fields in ((view.get("state") or {}).get("values") or {}).items()
        for field in [fields.get("value") or {}]
    }
    place = Place(str(where.get("channel") or ""), where.get("thread"), bool(where.get("direct")))
    return FormSubmit(
        workspace=_team(body),
        person=_user(body),
        place=place,
        form=str(view.get("callback_id") or ""),
        values=values,
        state=str(where.get("state") or ""),
        raw=body,
    )


def reaction(body: Payload, link: str) -> Reaction | None:
    """reaction_added / reaction_removed on a person's message; anything else is None."""
    event = body.get("event") or {}
    item = event.get("item") or {}
    author, giver = event.get("item_user"), event.get("user")
    if item.get("type") != "message" or not author or not giver or not item.get("channel"):
        return None
    channel = str(item["channel"])
    return Reaction(
        workspace=_team(body),
        person=Person(str(giver), str(giver)),
        place=Place(channel, direct=_is_direct(channel)),
        id=body.get("event_id"),
        raw=body,
        emoji=str(event.get("reaction") or ""),
        added=event.get("type") == "reaction_added",
        author=Person(str(author), str(author)),
        message_id=str(item.get("ts") or ""),
        link=link,
    )


def home_opened(body: Payload) -> HomeOpened | None:
    event = body.get("event") or {}
    if event.get("tab") not in (None, "home") or not event.get("user"):
        return None
    user = str(event["user"])
    return HomeOpened(
        workspace=_team(body),
        person=Person(user, user),
        place=Place(str(event.get("channel") or ""), direct=True),
        raw=body,
    )


def _value(field: Payload) -> str:
    if field.get("type") == "static_select":
        return str((field.get("selected_option") or {}).get("value") or "")
    if field.get("type") == "conversations_select":
        return str(field.get("selected_conversation") or "")
    return str(field.get("value") or "")


def _team(body: Payload) -> str:
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    team = (
        team or (body.get("user") or {}).get("team_id") or (body.get("view") or {}).get("team_id")
    )
    if not team:
        raise PayloadError("payload without a workspace")
    return str(team)


def _user(body: Payload) -> Person:
    user = body.get("user") or {}
    if not user.get("id"):
        raise PayloadError("payload without a user")
    return Person(str(user["id"]), str(user.get("username") or user.get("name") or user["id"]))


def _text(body: Payload, key: str, required: bool = True) -> str:
    value = body.get(key)
    if value is None and required:
        raise PayloadError(f"slash command without {key}")
    return str(value or "")


def _is_direct(channel: str, name: object = None) -> bool:
    return channel.startswith("D") or name == "directmessage"
