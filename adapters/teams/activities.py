"""Bot Framework activities and engine events, translated both ways, as plain JSON.

No SDK import here: the transport (adapters/teams/bot.py, outlet.py) hands JSON in and out.
Places: a channel's reply chain is the thread ("19:…@thread.tacv2;messageid=…" is channel and
thread; a new post's own id is its chain's root), and Teams people expect the answer in the
chain they wrote in (`Place.in_chain`); personal and group chats are direct, because in them
the bot only sees messages meant for it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from adapters.teams.cards import CONTENT_TYPE, MARKER, card, form
from adapters.teams.markup import MARKUP_LIMIT, plain, render
from bot.clean import bounded
from bot.commands import typed_event
from bot.content import Card, Content, Form, Text, shown
from bot.events import ButtonPress, Command, FormSubmit, Message
from bot.people import Person, Place

Activity = dict[str, Any]
CHANNEL = "channel"
MENTIONS_READ = 100
"""Mentions read from one message: each is replaced in its text, so their number is capped."""


class ActivityError(ValueError):
    """An activity without what the Bot Framework always sends."""


def workspace_of(activity: Activity) -> str:
    tenant = ((activity.get("channelData") or {}).get("tenant") or {}).get("id")
    tenant = tenant or (activity.get("conversation") or {}).get("tenantId")
    return str(tenant or "teams")


def person_of(activity: Activity) -> Person:
    sender = activity.get("from") or {}
    if not sender.get("id"):
        raise ActivityError("activity without a sender")
    zone = next(
        (
            e.get("timezone")
            for e in activity.get("entities") or []
            if e.get("type") == "clientInfo" and e.get("timezone")
        ),
        None,
    )
    locale = activity.get("locale")
    return Person(
        str(sender["id"]),
        str(sender.get("name") or sender["id"]),
        timezone=zone or activity.get("localTimezone"),
        locale=locale if isinstance(locale, str) and locale else None,
    )


def place_of(activity: Activity) -> Place:
    conversation = activity.get("conversation") or {}
    if not conversation.get("id"):
        raise ActivityError("activity without a conversation")
    channel, _, thread = str(conversation["id"]).partition(";messageid=")
    if conversation.get("conversationType") == CHANNEL:
        return Place(channel, thread or None, in_chain=True)
    return Place(channel, direct=True)


def to_event(activity: Activity) -> Command | Message | ButtonPress | FormSubmit | None:
    """The engine's event for an activity people send; None for everything else."""
    kind = activity.get("type")
    data: Any = None
    if kind == "message" and isinstance(activity.get("value"), dict):
        data = activity["value"]
    elif kind == "invoke" and activity.get("name") == "adaptiveCard/action":
        data = ((activity.get("value") or {}).get("action") or {}).get("data")
    if isinstance(data, dict) and data.get(MARKER):
        return _submitted(activity, data)
    if kind != "message":
        return None
    text, mentions, addressed = _words(activity)
    if not text:
        return None
    return typed_event(
        text,
        workspace=workspace_of(activity),
        person=person_of(activity),
        place=place_of(activity),
        mentions=mentions,
        event_id=delivery_id(activity),
        raw=activity,
        addressed=addressed,
    )


def delivery_id(activity: Activity) -> str | None:
    """What makes a delivery one: Teams numbers activities per conversation, so the same id
    may come from two channels. Long conversation ids are hashed to fit the database."""
    number = activity.get("id")
    if not isinstance(number, str) or not number:
        return None
    conversation = str((activity.get("conversation") or {}).get("id") or "")
    if len(conversation) + len(number) > 160:
        conversation = hashlib.sha256(conversation.encode()).hexdigest()[:32]
    return f"{conversation}/{number}"[:200]


def reference_of(activity: Activity) -> dict[str, Any]:
    """The ConversationReference (as JSON) to reach this conversation again."""
    return {
        "activityId": activity.get("id"),
        "user": activity.get("from"),
        "bot": activity.get("recipient"),
        "conversation": activity.get("conversation"),
        "channelId": activity.get("channelId") or "msteams",
        "serviceUrl": activity.get("serviceUrl"),
        "locale": activity.get("locale"),
    }


def message(content: Content) -> Activity:
    """The message activity for the bot's content: text with mentions, or an Adaptive Card."""
    if isinstance(content, Text):
        text, entities = render(content)
        return {"type": "message", "text": text, "entities": entities}
    # A card's mentions live in its own msteams.entities, once: not repeated at activity level.
    adaptive = card(content)[0] if isinstance(content, Card) else form(content)
    fallback = shown(content.title.plain() if isinstance(content, Card) else content.title)
    return {
        "type": "message",
        "summary": fallback,
        "attachments": [{"contentType": CONTENT_TYPE, "content": adaptive}],
    }


def form_message(content: Form) -> Activity:
    return {
        "type": "message",
        "summary": content.title,
        "attachments": [{"contentType": CONTENT_TYPE, "content": form(content)}],
    }


def _submitted(activity: Activity, data: dict[str, Any]) -> ButtonPress | FormSubmit:
    workspace, person = workspace_of(activity), person_of(activity)
    place, delivery = place_of(activity), activity.get("id")
    if data.get(MARKER) == "button":
        return ButtonPress(
            workspace=workspace,
            person=person,
            place=place,
            id=delivery,
            raw=activity,
            action=str(data.get("action") or ""),
            value=str(data.get("value") or ""),
        )
    values = {k: str(v) for k, v in data.items() if k not in (MARKER, "form", "state")}
    return FormSubmit(
        workspace=workspace,
        person=person,
        place=place,
        id=delivery,
        raw=activity,
        form=str(data.get("form") or ""),
        values=values,
        state=str(data.get("state") or ""),
    )


def _words(activity: Activity) -> tuple[str, tuple[Person, ...], bool]:
    """The text without the bot's @mention; other people's mentions become "@Name"; and
    whether the bot was @mentioned."""
    text = bounded(str(activity.get("text") or ""), MARKUP_LIMIT)
    bot = (activity.get("recipient") or {}).get("id")
    people: list[Person] = []
    addressed = False
    for entity in (activity.get("entities") or [])[:MENTIONS_READ]:
        if not isinstance(entity, dict) or entity.get("type") != "mention":
            continue
        tag, who = str(entity.get("text") or ""), entity.get("mentioned") or {}
        if who.get("id") == bot:
            text, addressed = text.replace(tag, " "), True
        elif who.get("id"):
            person = Person(str(who["id"]), str(who.get("name") or who["id"]))
            people.append(person)
            text = text.replace(tag, f"@{person.name}")
    return " ".join(plain(text).split()), tuple(people), addressed
