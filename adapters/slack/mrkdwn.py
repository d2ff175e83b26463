"""Text in and out of Slack's markup.

Out: everything a person typed is escaped, so `<!channel>` typed in an idea stays text;
only `Mention` and `ChannelLink` spans become Slack's live `<@U123>` and `<#C123>`.
In: Slack's `<@U123|bob>`, `<#C1|general>`, `<!here>` and links become plain words again.
"""

from __future__ import annotations

import html
import re

from bot.content import ChannelLink, Link, Mention, Span, Text, shown
from bot.people import Person

_REFERENCE = re.compile(r"<([^<>]+)>")


def escape(text: str) -> str:
    """Words for Slack: `&`, `<`, `>` escaped (so no typed `<!channel>` goes live) and no
    bidi controls."""
    return shown(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(text: Text) -> str:
    return "".join(_span(span) for span in text.spans)


def _span(span: Span) -> str:
    if isinstance(span, Mention):
        return f"<@{span.person.id}>"
    if isinstance(span, ChannelLink):
        return f"<#{span.channel}>"
    if isinstance(span, Link):
        label = escape(span.label).replace("|", "\u2223")  # a bar would end the label
        return f"<{escape(span.url)}|{label}>"
    return escape(span)


def read(text: str) -> tuple[str, tuple[Person, ...]]:
    """Slack's markup as plain words, and the people it mentions."""
    people: list[Person] = []

    def plain(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            person = Person(target[1:], label or target[1:])
            people.append(person)
            return f"@{person.name}"
        if target.startswith("#"):
            return f"#{label or target[1:]}"
        if target.startswith("!"):
            special = target[1:].split("^")[0]
            return label or f"@{special}"
        return label or target

    words = _REFERENCE.sub(plain, text)
    return html.unescape(words), tuple(dict.fromkeys(people))
