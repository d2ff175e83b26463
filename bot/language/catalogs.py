"""The message catalogs: one gettext .po file per part of the product and language, read
with Babel when first needed. English is the source (a Phrase's id), so it has no catalog;
an id a catalog lacks is said in English (a test keeps the shipped ones complete)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from bot.spoken import ENGLISH, SHIPPED, language_of

__all__ = ["ENGLISH", "SHIPPED", "catalog", "language_of", "plural"]

LOCALES = Path(__file__).resolve().parent.parent / "locales"


@cache
def catalog(language: str) -> dict[str, str | tuple[str, ...]]:
    """Every translation of `language`: id to text (or to its plural forms)."""
    found: dict[str, str | tuple[str, ...]] = {}
    folder = LOCALES / language / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        with path.open("rb") as po:
            for message in read_po(po, locale=language):
                if not message.id or message.fuzzy:
                    continue
                key = message.id[0] if isinstance(message.id, tuple | list) else message.id
                text = message.string
                if isinstance(text, tuple | list):
                    if all(text):
                        found[str(key)] = tuple(str(t) for t in text)
                elif text:
                    found[str(key)] = str(text)
    return found


def plural(forms: tuple[str, ...], language: str, n: int) -> str:
    """The form for `n`: gettext orders them "one" first, then the rest (German), or has
    just one (Vietnamese); Babel's CLDR rules say which category `n` is."""
    from bot.language.formats import locale_of

    if len(forms) == 1:
        return forms[0]
    return forms[0] if locale_of(language).plural_form(n) == "one" else forms[1]
