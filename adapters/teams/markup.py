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

import bisect
import html
import itertools
import json
import re
from collections.abc import Callable
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


_AT = "<at>"
_ATOM = re.compile(r"<at>.*?</at>|\[(?:\\.|[^\\\]])*\]\([^)\s]*\)|&#?\w+;|\\.", re.DOTALL)
"""What a cut must not go through: a mention, a link, a character reference, an escape."""
ELLIPSIS = "\u2026"

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
    return "".join(parts), distinct(entities)


def distinct(entities: list[Entity]) -> list[Entity]:
    """Each mention entity once, in order. Teams matches an entity to the text by its
    `<at>Name</at>`, so one entity serves every place a person is mentioned; a copy per
    place only counts against the message's size and its mentions."""
    unique: dict[str, Entity] = {}
    for entity in entities:
        unique.setdefault(json.dumps(entity, sort_keys=True), entity)
    return list(unique.values())


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


def cut(text: str, ok: Callable[[str], bool], then: str = "") -> str:
    """The longest beginning of a markup text, ended with "…" and `then`, that `ok` takes;
    never ending inside a mention, a link, a character reference or an escape."""
    fails = bisect.bisect_left(
        range(1, len(text) + 1), True, key=lambda n: not ok(_ending(text, n, then))
    )
    return _ending(text, fails, then)


def _ending(text: str, n: int, then: str) -> str:
    end = _unbroken(text, n)
    space = text.rfind(" ", max(0, end - 30), end)
    if space > 0 and _unbroken(text, space) == space:
        end = space
    return text[:end].rstrip() + ELLIPSIS + then


def _unbroken(text: str, n: int) -> int:
    """n, or the start of the mention, link or escape that n falls inside."""
    for atom in _ATOM.finditer(text):
        if atom.start() >= n:
            break
        if atom.end() > n:
            return atom.start()
    return n


def by_mentions(text: str, mentions: int) -> list[str]:
    """A markup text in parts of at most `mentions` mentions each, a new part at a mention."""
    starts = [at.start() for at in re.finditer(_AT, text)][mentions::mentions]
    return [text[start:end] for start, end in itertools.pairwise([0, *starts, len(text)])]
