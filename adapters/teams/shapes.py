"""The shape of the Bot Framework activity fields the bot and botbuilder read.

An activity with a `from` that is `true` or entities that are strings is answered 400
before botbuilder deserialises it or a translator reads it. Fields keep the wire's
camelCase names, so a 400 names the field as Teams sent it.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from adapters import shapes
from adapters.shapes import Flag, Id, Needed, Shape, Text, WorkspaceId


class Account(Shape):
    id: Id | None = None
    name: Text = None
    aadObjectId: Text = None
    role: Text = None


class Named(Shape):
    id: Text = None
    name: Text = None


class Entity(Shape):
    """A mention (with who was mentioned) or the client's clientInfo."""

    type: Text = None
    text: Text = None
    timezone: Text = None
    locale: Text = None
    mentioned: Account | None = None


class Data(Shape):
    """What our cards' buttons and forms send back."""

    kaizen: Text = None
    action: Text = None
    value: Text = None
    form: Text = None
    state: Text = None
    origin: Text = None
    origin_thread: Text = None


class Conversation(Shape):
    id: Id | None = None
    name: Text = None
    conversationType: Text = None
    tenantId: WorkspaceId | None = None
    isGroup: Flag = None


class Attachment(Shape):
    contentType: Text = None


class Tenant(Shape):
    id: WorkspaceId | None = None


class ChannelData(Shape):
    tenant: Tenant | None = None
    team: Named | None = None
    channel: Named | None = None
    eventType: Text = None


class Activity(Shape):
    type: Needed
    id: Text = None
    name: Text = None
    text: Text = None
    textFormat: Text = None
    timestamp: Text = None
    localTimestamp: Text = None
    localTimezone: Text = None
    locale: Text = None
    serviceUrl: Text = None
    channelId: Text = None
    replyToId: Text = None
    from_: Account | None = Field(None, alias="from")
    recipient: Account | None = None
    conversation: Conversation | None = None
    entities: list[Entity] | None = None
    membersAdded: list[Account] | None = None
    membersRemoved: list[Account] | None = None
    attachments: list[Attachment] | None = None
    channelData: ChannelData | None = None


class MessageWithData(Activity):
    """A message whose `value` is an object: a card's button or form (messageBack)."""

    value: Data


class CardAction(Shape):
    type: Text = None
    verb: Text = None
    data: Data | None = None


class CardValue(Shape):
    action: CardAction


class CardInvoke(Activity):
    """An Adaptive Card's Action.Execute."""

    value: CardValue


def problem(activity: dict[str, Any]) -> str | None:
    """What is wrong with the activity's shape; None when it fits."""
    shape: type[Activity] = Activity
    kind, value = activity.get("type"), activity.get("value")
    if kind == "invoke" and activity.get("name") == "adaptiveCard/action":
        shape = CardInvoke
    elif kind == "message" and isinstance(value, dict):
        shape = MessageWithData
    return shapes.problem(shape, activity)
