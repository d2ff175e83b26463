"""Reading `/kudos @bob @carol for fixing the labeller #teamwork`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.errors import UserError
from bot.language.phrases import Phrase
from bot.people import Person

_BROADCASTS = frozenset({"here", "channel", "everyone"})
_JOINERS = frozenset({"and", "&", ",", "+"})


@dataclass(frozen=True)
class Request:
    receivers: tuple[Person, ...]
    reason: str
    value: str | None
    """The `#value` the giver wrote, as written (checked against app.yaml later)."""


def read_request(text: str, mentions: tuple[Person, ...]) -> Request:
    """Receivers are the @mentions the text starts with; a last `#word` is the value."""
    rest = text.strip()
    receivers: list[Person] = []
    while rest:
        first, _, after = rest.partition(" ")
        if first.lower() in _JOINERS:
            rest = after.strip()
            continue
        if not first.startswith("@"):
            break
        person, rest = _mentioned(rest, mentions)
        receivers.append(person)
    words = rest.split()
    if not receivers:
        raise UserError(
            Phrase("Who are the kudos for? Mention them: `/kudos @person what they did #value`.")
        )
    value = None
    if words and words[-1].startswith("#") and len(words[-1]) > 1:
        value = words.pop()[1:]
    return Request(tuple(dict.fromkeys(receivers)), " ".join(words), value)


def normal_value(value: str) -> str:
    """ "#customer-first", "Customer_First" and "customer first" are the same value."""
    return re.sub(r"[\s_-]+", " ", value.strip().lower())


def _mentioned(text: str, mentions: tuple[Person, ...]) -> tuple[Person, str]:
    """The person mentioned at the start of `text` ("@Bob Brown thanks"), and the rest.

    Names may have spaces (Teams); the longest mentioned name that fits wins.
    """
    name = text.split()[0].lstrip("@").rstrip(",.;:!")
    if name.lower() in _BROADCASTS:
        raise UserError(
            Phrase(
                "Kudos are for people by name, not for @{name}: mention the ones you mean, like "
                "`/kudos @person what they did #value`.",
                name=name,
            )
        )
    after_at = text[1:]
    for person in sorted(mentions, key=lambda p: -len(p.name)):
        for label in (person.name, person.id):
            if after_at.lower().startswith(label.lower()):
                rest = after_at[len(label) :]
                if not rest or not rest[0].isalnum():
                    return person, rest.lstrip(",.;:! ").strip()
    raise UserError(
        Phrase(
            "I could not find @{name}. Pick them from the mention list so they are "
            "highlighted, then send it again.",
            name=name,
        )
    )
