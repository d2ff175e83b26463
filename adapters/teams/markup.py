"""Text for Teams: nothing a person typed renders as HTML or Markdown; real @mentions.

A mention in Teams is `<at>Name</at>` in the text plus an entity naming the person. Words
have `&`, `<` and `>` escaped, so `<b>` or `<at>` typed by someone stays visible text, and
the Markdown Teams reads in messages and Adaptive Card TextBlocks (`[label](url)` links,
`*`, `_` and `~` emphasis, `#` headings) is backslash-escaped, so a typed
`[Reset your password](https://evil.example)` shows as those characters, not as a link
under the bot's name. Only the bot's own `Link` spans become links. Back-ticks stay: a code
span shows its characters as they are, which is what escaping is for.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from bot.clean import MAX_TEXT, bounded
from bot.content import ChannelLink, Link, Mention, Span, Text, shown

Entity = dict[str, Any]
MARKUP_LIMIT = 4 * MAX_TEXT
"""Teams' HTML is longer than the words it shows; past this, no message Teams sends goes."""
_TAG = re.compile(r"<[^<>]+>")
"""A tag ends at the first `>`, and cannot hold a `<`: with `[^>]+` a text of many `<` was
read to its end once for every one of them."""


_MARKDOWN = re.compile(r"([\\\[\]()*_~])|^([ \t]*)([#>+-]|\d+\.)", re.MULTILINE)
"""The characters Markdown reads anywhere, and those it reads at a line's start."""


def escape(text: str) -> str:
    """Words as Teams shows them: HTML- and Markdown-escaped, without bidi controls."""
    return html.escape(_MARKDOWN.sub(_backslashed, shown(text)), quote=False)


def _backslashed(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    indent, mark = match.group(2), match.group(3)
    return f"{indent}{mark[:-1]}\\." if mark.endswith(".") else f"{indent}\\{mark}"


def render(text: Text) -> tuple[str, list[Entity]]:
    """The text with its mentions, and the entities Teams needs to make them live."""
    parts: list[str] = []
    entities: list[Entity] = []
    for span in text.spans:
        parts.append(_span(span, entities))
    return "".join(parts), entities


def _span(span: Span, entities: list[Entity]) -> str:
    if isinstance(span, Mention):
        tag = f"<at>{escape(span.person.name)}</at>"
        entities.append(
            {
                "type": "mention",
                "text": tag,
                "mentioned": {"id": span.person.id, "name": span.person.name},
            }
        )
        return tag
    if isinstance(span, ChannelLink):
        return escape(f"#{span.channel}")
    if isinstance(span, Link):
        return f"[{escape(span.label)}]({_address(span.url)})" if span.url else escape(span.label)
    return escape(span)


def _address(url: str) -> str:
    """The bot's own link target, with the characters that would end it early encoded."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def plain(text: str) -> str:
    """What a person typed, without Teams' markup: tags gone, entities decoded."""
    return html.unescape(_TAG.sub("", bounded(text, MARKUP_LIMIT))).replace("\xa0", " ").strip()
