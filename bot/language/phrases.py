"""Words the bot says that have translations: a `Phrase` is its English, and knows its id.

A Phrase is a `str` (its English, arguments filled in), so everything that shows text keeps
working untouched; `bot/language/translate.py` puts it into the reader's language at the end
of the turn. The id is the English with `{name}` placeholders: the key of the message
catalogs (bot/locales/*/LC_MESSAGES/*.po), extracted from the code by Babel.

Arguments are words (a str, itself perhaps a Phrase), numbers (formatted for the locale),
`When` (a moment shown in a timezone), or spans (a mention, a channel link, a link), which
stay live in a `Text`.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.content import ChannelLink, Link, Mention, Text
from bot.language.formats import Style, moment, number
from bot.spoken import ENGLISH as ENGLISH

_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class When:
    """A date or a moment, shown in `zone` in the reader's language."""

    at: datetime | date
    zone: str = "UTC"
    style: Style = "date"
    """date: Dec 2, 2026; day: Wed, Dec 2; time: 9:30 AM; moment: Dec 2, 2026, 9:30 AM (in
    English; each language in its own order and words)."""

    def local(self) -> datetime | date:
        if isinstance(self.at, datetime):
            return self.at.astimezone(ZoneInfo(self.zone))
        return self.at


Arg = str | int | float | When | Mention | ChannelLink | Link | Text


class Phrase(str):
    """English words with an id in the catalogs; `args` fill the id's `{placeholders}`.

    `Phrase("Why #{n}: {question}", n=2, question=q)` is the str "Why #2: …"; in German
    it becomes the catalog's "Warum #{n}: {question}" with the same arguments."""

    id: str
    args: Mapping[str, Arg]
    plural: tuple[str, int] | None
    elsewhere: Phrase | None
    """What to say in other languages, for words built by English grammar (`in_english`)."""

    def __new__(cls, id: str, /, **args: Arg) -> Phrase:
        words = super().__new__(cls, fill(id, args, ENGLISH))
        words.id, words.args, words.plural, words.elsewhere = id, args, None, None
        return words

    @classmethod
    def in_english(cls, words: str, elsewhere: Phrase) -> Phrase:
        """Words made by English grammar (the coach's question rewritten from an answer):
        as they are in English, and `elsewhere` (say, the answer quoted) in any other."""
        phrase = cls("{words}", words=words)
        phrase.elsewhere = elsewhere
        return phrase

    @classmethod
    def counted(cls, one: str, many: str, n: int, /, **args: Arg) -> Phrase:
        """One of two forms by `n` ("1 idea", "3 ideas"); `{n}` is the number."""
        words = cls(one if n == 1 else many, n=n, **args)
        words.id, words.plural = one, (many, n)
        return words

    def __reduce__(self) -> tuple[object, ...]:  # copies keep their id and arguments
        return (_rebuilt, (self.id, dict(self.args), self.plural, self.elsewhere))


def N_(id: str) -> str:
    """Marks an id for the catalogs where its Phrase is made elsewhere (a frame kept in a
    constant, filled in later with `Phrase(FRAME, ...)`)."""
    return id


KEYWORDS = {"Phrase": None, "counted": (1, 2), "N_": None}
"""How Babel finds the ids in the code (`pybabel extract -k Phrase -k counted:1,2 -k N_`)."""


def _rebuilt(
    id: str, args: dict[str, Arg], plural: tuple[str, int] | None, elsewhere: Phrase | None
) -> Phrase:
    if plural is not None:
        rest = {k: v for k, v in args.items() if k != "n"}
        return Phrase.counted(id, plural[0], plural[1], **rest)
    if elsewhere is not None:
        return Phrase.in_english(str(args["words"]), elsewhere)
    return Phrase(id, **args)


def placeholders(text: str) -> frozenset[str]:
    """The `{names}` a catalog text uses (a translation must use the same ones)."""
    try:
        return frozenset(name for _, name, _, _ in _FORMATTER.parse(text) if name)
    except ValueError:
        return frozenset({"<broken braces>"})


def pieces(text: str) -> list[tuple[str, str | None]]:
    """The text as (literal, placeholder) pairs; a text with broken braces is all literal."""
    try:
        return [(literal, name) for literal, name, _, _ in _FORMATTER.parse(text)]
    except ValueError:
        return [(text, None)]


def fill(text: str, args: Mapping[str, Arg], language: str) -> str:
    """The text with its arguments as plain words (mentions as @name); a Phrase among
    them as it is (its English): translate.py fills texts for other languages."""
    out: list[str] = []
    for literal, name in pieces(text):
        out.append(literal)
        if name is not None:
            value = args.get(name)
            out.append("{" + name + "}" if value is None else shown(value, language, str))
    return "".join(out)


def shown(value: Arg, language: str, said: Callable[[Phrase], str]) -> str:
    """An argument as plain words in `language`; `said` gives a Phrase among them."""
    if isinstance(value, Phrase):
        return said(value)
    if isinstance(value, int):  # idea numbers and counts: no grouping ("#1234")
        return str(value)
    if isinstance(value, float):
        return number(value, language)
    if isinstance(value, When):
        return moment(value.local(), value.style, language)
    if isinstance(value, Mention):
        return f"@{value.person.name}"
    if isinstance(value, ChannelLink):
        return f"#{value.channel}"
    if isinstance(value, Link):
        return value.label
    if isinstance(value, Text):
        return value.plain()
    return str(value)
