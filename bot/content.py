"""What the bot says, independent of how a platform draws it.

Text keeps mentions apart from words, so an adapter can make `Mention` a real mention
while escaping everything a person typed: typed `<!channel>` stays harmless text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.people import Person


@dataclass(frozen=True)
class Mention:
    """A deliberate mention of a person, rendered as a live mention where the platform has one."""

    person: Person


@dataclass(frozen=True)
class ChannelLink:
    """A reference to a channel, rendered as a link where the platform has them."""

    channel: str


@dataclass(frozen=True)
class Link:
    """A link to a message or page, shown as `label` where the platform can."""

    url: str
    label: str


Span = str | Mention | ChannelLink | Link

_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
"""Embeddings, overrides and isolates: a typed U+202E makes "\u202elive" show as "evil"."""


def shown(text: str) -> str:
    """Text as it may be shown: without bidirectional controls, so it reads in the order its
    characters are stored. Every surface, the board and the exports show text through this."""
    return text.translate(_BIDI_CONTROLS)


@dataclass(frozen=True)
class Text:
    """A run of plain words and mentions; newlines separate lines."""

    spans: tuple[Span, ...]

    @classmethod
    def of(cls, *parts: Span | Text) -> Text:
        spans: list[Span] = []
        for part in parts:
            spans.extend(part.spans if isinstance(part, Text) else (part,))
        return cls(tuple(spans))

    def plain(self) -> str:
        """The text with mentions written as @name: for logs, terminals and fallbacks."""
        return "".join(_plain(span) for span in self.spans)


def _plain(span: Span) -> str:
    if isinstance(span, Mention):
        return f"@{span.person.name}"
    if isinstance(span, ChannelLink):
        return f"#{span.channel}"
    if isinstance(span, Link):
        return f"{span.label} ({span.url})" if span.url else span.label
    return span


@dataclass(frozen=True)
class Button:
    """A button that comes back to the engine as a `ButtonPress(action, value)`."""

    label: str
    action: str
    value: str
    style: Literal["primary", "danger"] | None = None


@dataclass(frozen=True)
class Field:
    label: str
    value: Text


@dataclass(frozen=True)
class Card:
    """A structured message: a title, paragraphs, labelled fields and buttons."""

    title: Text
    body: tuple[Text, ...] = ()
    fields: tuple[Field, ...] = ()
    buttons: tuple[Button, ...] = ()
    footer: Text | None = None

    def plain(self) -> str:
        """A plain-text rendering, used as the notification fallback and in the terminal."""
        lines = [self.title.plain(), *(p.plain() for p in self.body)]
        lines += [f"{f.label}: {f.value.plain()}" for f in self.fields]
        if self.footer is not None:
            lines.append(self.footer.plain())
        return "\n".join(lines)


Content = Text | Card


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FormField:
    """One input of a form. A `choice` field offers `choices`; a `channel` field asks for a
    channel (Slack shows its channel picker; elsewhere `choices` are the channels known);
    the others take free text."""

    name: str
    label: str
    kind: Literal["text", "long_text", "choice", "channel"] = "text"
    choices: tuple[Choice, ...] = ()
    required: bool = True
    hint: str = ""
    initial: str = ""
    min_length: int | None = None
    max_length: int | None = None


@dataclass(frozen=True)
class Form:
    """A form the person fills in; it comes back as `FormSubmit(form=id, values=...)`."""

    id: str
    title: str
    fields: tuple[FormField, ...]
    submit_label: str = "Submit"
    intro: str = ""
    state: str = ""
    """Opaque to the person; comes back on the `FormSubmit` (which idea a form is about)."""
