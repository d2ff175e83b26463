"""The board's language, and its words, numbers and dates put into it.

A page is read in the language its address asks for (`?lang=de`), else the first shipped
one the browser accepts (`Accept-Language: de-DE,de;q=0.9,en;q=0.8`), else app.yaml's
`language`. Nothing translates the board at the end of a chat turn, so its Phrases are put
into words here, where the page is built, and HTML-escaped like every other word on it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal
from urllib.parse import parse_qsl, urlsplit

from babel.dates import format_skeleton, format_time, format_timedelta
from babel.numbers import format_decimal, format_percent

from adapters.board.escape import escape
from bot.language.catalogs import language_of
from bot.language.formats import locale_of
from bot.language.labels import RESULTS as RESULTS
from bot.language.labels import STAGES as STAGES
from bot.language.labels import result_name as result_name
from bot.language.labels import stage_name as stage_name
from bot.language.phrases import ENGLISH, N_, Phrase, pieces, shown
from bot.language.translate import source, words
from bot.model.ideas import Path

LANG = "lang"
"""The query parameter that chooses the board's language, kept in the board's own links."""
NAMES = {ENGLISH: "English", "de": "Deutsch", "vi": "Ti\u1ebfng Vi\u1ec7t"}
"""Each shipped language by its own name, for the switch at the top of a page."""

PATHS = {Path.OPERATIONAL: N_("Operational"), Path.STRATEGIC: N_("Strategic")}


def path_name(path: Path) -> Phrase:
    return Phrase(PATHS[path])


def asked(value: str | None) -> str | None:
    """The language an address asks for (`?lang=vi`), if it is one the board speaks."""
    return language_of(value)


def accepted(header: str | None) -> str | None:
    """The first shipped language in an Accept-Language header, by its q-values (a
    language with q=0 is refused; equal q-values keep the browser's order)."""
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate((header or "").split(",")):
        tag, _, rest = item.strip().partition(";")
        quality = 1.0
        for parameter in rest.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        language = language_of(tag.strip()) if tag.strip() != "*" else None
        if language is not None and 0 < quality <= 1:
            ranked.append((-quality, index, language))
    return min(ranked)[2] if ranked else None


def chosen(query: str | None, header: str | None, default: str) -> str:
    """The language of a page: the address's, else the browser's, else app.yaml's."""
    return asked(query) or accepted(header) or default


def asked_in(next_path: str) -> str | None:
    """The language a page's address asks for, read from the address to return to after
    signing in."""
    try:
        query = dict(parse_qsl(urlsplit(next_path).query))
    except ValueError:
        return None
    return asked(query.get(LANG))


def said(value: str, language: str) -> str:
    """Words as plain text in `language`: a Phrase translated, anything else as it is."""
    return words(value, language) if isinstance(value, Phrase) else value


def html(value: str, language: str, **markup: str) -> str:
    """Words as HTML in `language`, escaped; a placeholder named in `markup` is replaced by
    that HTML as it is (a name in bold, a command in code), the others by their words."""
    if not isinstance(value, Phrase) or not markup:
        return escape(said(value, language))
    out: list[str] = []
    for literal, name in pieces(source(value, language)):
        out.append(escape(literal))
        if name is None:
            continue
        if name in markup:
            out.append(markup[name])
        elif name in value.args:
            out.append(escape(shown(value.args[name], language, lambda p: words(p, language))))
        else:
            out.append(escape("{" + name + "}"))
    return "".join(out)


def number(value: float, language: str) -> str:
    return format_decimal(value, locale=locale_of(language))


def tenths(value: float, language: str) -> str:
    """A number with one decimal: 3.5, in German 3,5."""
    return format_decimal(value, "0.0", locale=locale_of(language))


def percent(share: float | None, language: str) -> str:
    if share is None:
        return said(Phrase("n/a"), language)
    return format_percent(share, locale=locale_of(language))


def duration(span: timedelta | None, language: str) -> str:
    """A length of time as people say it: "3 days 4 hours", "25 minutes", "under a minute"
    (CLDR's unit words, so "3 Tage 4 Stunden", "3 ngày 4 tiếng")."""
    if span is None:
        return said(Phrase("n/a"), language)
    minutes = int(span.total_seconds() // 60)
    days, hours, minutes = minutes // 1440, minutes % 1440 // 60, minutes % 60
    parts: list[tuple[int, Unit]] = (
        [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (minutes, "minute")]
    )
    locale = locale_of(language)
    shown = [
        format_timedelta(_UNIT[unit] * n, granularity=unit, threshold=1e9, locale=locale)
        for n, unit in parts
        if n
    ]
    return " ".join(shown) or said(Phrase("under a minute"), language)


Unit = Literal["day", "hour", "minute"]
_UNIT: dict[Unit, timedelta] = {
    "day": timedelta(days=1),
    "hour": timedelta(hours=1),
    "minute": timedelta(minutes=1),
}


def day_month(at: datetime | date, language: str) -> str:
    """Dec 7; 7. Dez.; 7 thg 12."""
    return format_skeleton("MMMd", at, locale=locale_of(language))


def weekday(at: datetime | date, language: str) -> str:
    """Mon, Dec 7; Mo., 7. Dez.; Thứ 2, 7 thg 12."""
    return format_skeleton("MMMEd", at, locale=locale_of(language))


def full_day(at: datetime | date, language: str) -> str:
    """Mon, Dec 7, 2026; Mo., 7. Dez. 2026; Thứ 2, 7 thg 12, 2026."""
    return format_skeleton("yMMMEd", at, locale=locale_of(language))


def clock(at: datetime, language: str) -> str:
    """09:30, or 9:30 AM in English."""
    return format_time(at, "short", locale=locale_of(language))


def switch(links: dict[str, str], language: str) -> str:
    """Links to the same page in each shipped language, named in their own."""
    items = "".join(
        f'<a lang="{code}" href="{escape(links[code])}"'
        + (' aria-current="true"' if code == language else "")
        + f">{escape(name)}</a>"
        for code, name in NAMES.items()
        if code in links
    )
    label = escape(said(Phrase("Language"), language))
    return f'<nav class="languages" aria-label="{label}">{items}</nav>'
