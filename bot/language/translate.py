"""What the bot says, in one language: every Phrase in an action replaced by its words.

Done once, at the end of a turn, before the actions are stored for delivery: a post in a
channel in the channel's language, a private answer in the person's (`bot/language/choice`).
A translation keeps its id's placeholders; one that does not, or a missing one, is English.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from bot.content import (
    Button,
    Card,
    ChannelLink,
    Choice,
    Field,
    Form,
    FormField,
    Link,
    Mention,
    Span,
    Text,
)
from bot.language.catalogs import catalog, plural
from bot.language.phrases import ENGLISH, Arg, Phrase, pieces, placeholders, shown

T = TypeVar("T")


def words(phrase: Phrase, language: str) -> str:
    """The phrase as plain words in `language`."""
    return "".join(
        part if isinstance(part, str) else _shown(part, language)
        for part in _spans(phrase, language)
    )


def _shown(value: Arg, language: str) -> str:
    return shown(value, language, lambda phrase: words(phrase, language))


def text(value: Text, language: str) -> Text:
    spans: list[Span] = []
    for span in value.spans:
        spans.extend(
            _spans(span, language) if isinstance(span, Phrase) else (_link(span, language),)
        )
    return Text(tuple(spans))


def _link(span: Span, language: str) -> Span:
    """A link's label is words too ("this message")."""
    if isinstance(span, Link) and isinstance(span.label, Phrase):
        return Link(span.url, words(span.label, language))
    return span


def translated(value: T, language: str) -> T:
    """`value` (an action, a card, a form, …) with every Phrase in `language`."""
    return _walk(value, language)  # type: ignore[no-any-return]


def source(phrase: Phrase, language: str) -> str:
    """The catalog's text for the phrase (its id when the catalog has none that fits)."""
    if language == ENGLISH:
        return phrase.plural[0] if phrase.plural and phrase.plural[1] != 1 else phrase.id
    found = catalog(language).get(phrase.id)
    if isinstance(found, tuple):
        n = phrase.plural[1] if phrase.plural else 1
        found = plural(found, language, n)
    wanted = placeholders(phrase.id)
    if phrase.plural:
        wanted = wanted | placeholders(phrase.plural[0])
    if not found or not placeholders(found) <= wanted:
        return source(phrase, ENGLISH)
    return found


def _spans(phrase: Phrase, language: str) -> list[Span]:
    if phrase.elsewhere is not None and language != ENGLISH:
        return _spans(phrase.elsewhere, language)
    out: list[Span] = []
    for literal, name in pieces(source(phrase, language)):
        if literal:
            out.append(literal)
        if name is None:
            continue
        value = phrase.args.get(name)
        if value is None:
            out.append("{" + name + "}")
        elif isinstance(value, Mention | ChannelLink | Link):
            out.append(_link(value, language))
        elif isinstance(value, Text):
            out.extend(text(value, language).spans)
        else:
            out.append(_shown(value, language))
    return out


def _walk(value: Any, language: str) -> Any:
    if isinstance(value, Phrase):
        return words(value, language)
    if isinstance(value, Text):
        return text(value, language)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, tuple):
        return tuple(_walk(item, language) for item in value)
    if isinstance(value, list):
        return [_walk(item, language) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and _says(value):
        changes = {
            f.name: _walk(getattr(value, f.name), language)
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


_SAYING = (Text, Card, Field, Button, Form, FormField, Choice)


def _says(value: object) -> bool:
    """Whether a dataclass may hold words: content and the actions that carry it (not
    people, places, events or ideas, which are left as they are)."""
    from bot import actions

    return isinstance(value, _SAYING) or type(value).__module__ == actions.__name__
