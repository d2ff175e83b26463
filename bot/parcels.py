"""Parcels in the outbox as an admin reads them: what each is, in the domain's words, and
which parked ones wait on another (an update of a card that was never posted)."""

from __future__ import annotations

import re

from bot.actions import Delete, Deliverable, Post, PrivateReply, Reply, ShowHome, Update
from bot.content import Content, Text
from bot.model.keys import IdeaKey, KudosKey, StandupKey, parse_key
from bot.model.queues import Stuck

_WHY = re.compile(r"^Why #(\d{1,3}):", re.MULTILINE)
SHOWN = 40
"""How much of a message's text a description quotes."""


def describe(action: Deliverable | None) -> str:
    """What it is: "idea #9 card", "why #1 of idea #9", "private answer to U123"."""
    match action:
        case Post(key=str(key)):
            return _keyed(key)
        case Post(content=content):
            return f"post: {_quote(content)}"
        case Reply(thread=thread, content=content):
            why = _WHY.search(_text(content).plain())
            name = _keyed(thread).removesuffix(" card").removesuffix(" prompt")
            if why is not None:
                return f"why #{why[1]} of {name}"
            return f"reply to {_keyed(thread)}: {_quote(content)}"
        case PrivateReply(person=person):
            return f"private answer to {person.id}"
        case Update(key=key):
            return f"update of {_keyed(key)}"
        case Delete(key=key):
            return f"removal of {_keyed(key)}"
        case ShowHome(person=person):
            return f"home page of {person.id}"
    return "(an older kind of post that can no longer be read)"


def conversation(action: Deliverable | None) -> str:
    """Where it goes: a channel, a card's thread, a person."""
    match action:
        case Post(channel=channel):
            return channel
        case Reply(thread=thread):
            return f"thread of {thread}"
        case PrivateReply(person=person, place=place):
            return place.channel if place.channel and not place.direct else f"DM {person.id}"
        case Update(key=key) | Delete(key=key):
            return key
        case ShowHome(person=person):
            return f"home {person.id}"
    return "?"


def waiting_on(posts: list[Stuck], parked: list[Stuck]) -> list[Stuck]:
    """The parked parcels (of `parked`) that only failed because one of `posts` was never
    posted: replies in its thread, updates and removals of it, stored after it."""
    made: dict[tuple[str, str | None], int] = {
        (p.workspace, p.action.key): p.id
        for p in posts
        if isinstance(p.action, Post) and p.action.key
    }
    chosen = {p.id for p in posts}
    found = []
    for parcel in parked:
        card = made.get((parcel.workspace, _needs(parcel.action)))
        if card is not None and parcel.id > card and parcel.id not in chosen:
            found.append(parcel)
    return found


def _needs(action: Deliverable | None) -> str | None:
    """The key of the message this one needs posted first."""
    match action:
        case Reply(thread=thread):
            return thread
        case Update(key=key) | Delete(key=key):
            return key
    return None


def _keyed(key: str) -> str:
    """The key "idea:9" as "idea #9 card"; a key of another kind as it is."""
    match parse_key(key):
        case IdeaKey(number):
            return f"idea #{number} card"
        case StandupKey(run):
            return f"stand-up #{run} prompt"
        case KudosKey(kudos):
            return f"kudos #{kudos} card"
    return key


def _text(content: Content) -> Text:
    return content if isinstance(content, Text) else content.title


def _first_line(content: Content) -> str:
    return _text(content).plain().split("\n", 1)[0]


def _quote(content: Content) -> str:
    line = " ".join(_first_line(content).split())
    return f"\u201c{line[:SHOWN]}\u2026\u201d" if len(line) > SHOWN else f"\u201c{line}\u201d"
