"""Text for Teams: escaped so nothing a person typed renders as HTML, with real @mentions.

A mention in Teams is `<at>Name</at>` in the text plus an entity naming the person; typed
text has `&`, `<` and `>` escaped, so `<b>` or `<at>` typed by someone stays visible text.
"""

from __future__ import annotations

import html
import re
from typing import Any

from bot.clean import MAX_TEXT, bounded
from bot.content import ChannelLink, Link, Mention, Span, Text

Entity = dict[str, Any]
MARKUP_LIMIT = 4 * MAX_TEXT
"""Teams' HTML is longer than the words it shows; past this, no message Teams sends goes."""
_TAG = re.compile(r"<[^<>]+>")
"""A tag ends at the first `>`, and cannot hold a `<`: with `[^>]+` a text of many `<` was
read to its end once for every one of them."""


def escape(text: str) -> str:
    return html.escape(text, quote=False)


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
        return f"[{escape(span.label)}]({span.url})" if span.url else escape(span.label)
    return escape(span)


def plain(text: str) -> str:
    """What a person typed, without Teams' markup: tags gone, entities decoded."""
    return html.unescape(_TAG.sub("", bounded(text, MARKUP_LIMIT))).replace("\xa0", " ").strip()
