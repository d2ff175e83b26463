"""The one family of inbound events. Adapters translate platform payloads into these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.people import Person, Place


@dataclass(frozen=True, kw_only=True)
class Event:
    """What every event shares. `raw` is for the adapter that made it; the engine never reads it.

    `id` is the platform's delivery id when it has one, so a retried delivery is recognised.
    """

    workspace: str
    person: Person
    place: Place
    mentions: tuple[Person, ...] = ()
    id: str | None = None
    raw: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Command(Event):
    """`/kaizen fix the printer`, `kaizen fix the printer`: `name` is "kaizen", `text` the rest."""

    name: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Message(Event):
    """A plain message in a conversation or thread, which is not a command. `addressed`: the
    person @mentioned the bot, so a message nobody understands still gets an answer."""

    text: str
    addressed: bool = False


@dataclass(frozen=True, kw_only=True)
class Edit(Event):
    """A person changed one of their messages: `before` is what it said, `text` what it says
    now. Only the coach listens, where the message was the latest answer to a why."""

    text: str
    before: str


@dataclass(frozen=True, kw_only=True)
class ButtonPress(Event):
    """A button on one of the bot's messages. `action` and `value` come from the `Button`."""

    action: str
    value: str


@dataclass(frozen=True, kw_only=True)
class FormSubmit(Event):
    """A submitted form; `values` maps field names to what the person entered."""

    form: str
    values: Mapping[str, str]
    state: str = ""


@dataclass(frozen=True, kw_only=True)
class Reaction(Event):
    """An emoji added to (or taken off) a message: `person` reacted to `author`'s message."""

    emoji: str
    added: bool
    author: Person
    message_id: str
    link: str = ""


@dataclass(frozen=True, kw_only=True)
class HomeOpened(Event):
    """The person opened the app's own page (Slack's App Home)."""


@dataclass(frozen=True)
class ScheduleTick:
    """Time passed: periodic work (reminders, stand-ups) for one workspace."""

    workspace: str
    at: datetime


@dataclass(frozen=True)
class Due:
    """A scheduled occurrence came due. `job` names it ("standup:daily-ops"); `due` is the
    moment it was meant for, `at` the moment it is being handled (later, after a restart)."""

    workspace: str
    job: str
    due: datetime
    at: datetime


@dataclass(frozen=True)
class Members:
    """Who is in a channel, as the platform lists them: the answer to a `ListMembers`."""

    workspace: str
    channel: str
    purpose: str
    people: tuple[Person, ...]
    whole: bool = True
    """Everyone in the channel, as a platform's directory lists them; False when the surface
    knows only the people it has seen (the terminal)."""


FromPerson = Command | Message | Edit | ButtonPress | FormSubmit | Reaction | HomeOpened
Inbound = FromPerson | ScheduleTick | Due | Members
