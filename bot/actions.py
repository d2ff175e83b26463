"""The one family of outbound actions. Handlers return these; the runtime delivers them.

Messages the bot may come back to (to reply in their thread or update them) carry a `key`,
a name of our own such as "idea:12"; the runtime remembers which platform message it became.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.content import Card, Content, Form
from bot.events import Event
from bot.people import Person, Place


@dataclass(frozen=True)
class Post:
    """A new top-level message in a channel; or, with `thread` (a platform message id), a
    message in the reply chain of a post that is not ours (a person's new Teams post)."""

    channel: str
    content: Content
    key: str | None = None
    thread: str | None = None


@dataclass(frozen=True)
class PrivateReply:
    """A message only `person` sees, where they are (`place`)."""

    person: Person
    place: Place
    content: Content


@dataclass(frozen=True)
class Reply:
    """A message in the thread of the message posted under `thread` (a key)."""

    thread: str
    content: Content
    key: str | None = None
    fallback: PrivateReply | None = None
    """What to send instead when `thread` was never posted (its channel turned the card
    away): the conversation goes on in private rather than waiting for a thread."""


@dataclass(frozen=True)
class Update:
    """Replace the content of the message posted under `key`."""

    key: str
    content: Content


@dataclass(frozen=True)
class Delete:
    """Take back the message posted under `key` (a kudos withdrawn, say)."""

    key: str


@dataclass(frozen=True)
class ShowHome:
    """The person's own page of the app (Slack's App Home), replaced as a whole."""

    person: Person
    content: Card


@dataclass(frozen=True)
class OpenForm:
    """Ask `person` to fill in `form`; `trigger` is the event that asked for it."""

    form: Form
    person: Person
    place: Place
    trigger: Event = field(compare=False, repr=False)


@dataclass(frozen=True)
class ListMembers:
    """Ask the platform who is in `channel`; the answer comes back as a `Members` event."""

    channel: str
    purpose: str
    whole: bool = False
    """The channel's whole membership is wanted (who could take part), not only the people
    a surface happens to have seen (who to remind)."""


Action = Post | Reply | PrivateReply | Update | Delete | ShowHome | OpenForm | ListMembers
Deliverable = Post | Reply | PrivateReply | Update | Delete | ShowHome
"""Actions kept in the outbox until the platform takes them. A form is shown at once or not at
all (the platform's permission to open it expires within seconds), and a member list is
asked for at once (it is a question, and the answer comes back as an event)."""
