"""The message catalogs: every id the code says has a translation in each shipped language,
with the same placeholders, so no reader gets English, or a broken {name}, by accident."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from bot.content import Mention, Text
from bot.language.catalogs import SHIPPED, catalog
from bot.language.phrases import ENGLISH, KEYWORDS, Phrase, placeholders
from bot.language.translate import source, translated, words
from bot.people import Person

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = [language for language in SHIPPED if language != ENGLISH]


def said() -> dict[str, tuple[str, ...]]:
    """Every id in the code (bot/ and adapters/), with its plural form if it has one."""
    found: dict[str, tuple[str, ...]] = {}
    for folder in ("bot", "adapters"):
        for _, _, message, _, _ in extract_from_dir(
            REPO / folder, keywords=KEYWORDS, method_map=[("**.py", "python")]
        ):
            forms = message if isinstance(message, tuple) else (message,)
            found[forms[0]] = forms
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_id_has_a_translation_with_the_same_placeholders(language: str) -> None:
    translations = catalog(language)
    missing = sorted(i for i in said() if i not in translations)
    assert not missing, f"{len(missing)} ids lack a {language} translation, first: {missing[:5]}"
    broken = []
    for id, forms in said().items():
        wanted = frozenset().union(*(placeholders(f) for f in forms))
        found = translations[id]
        for text in found if isinstance(found, tuple) else (found,):
            if placeholders(text) != wanted and placeholders(text) != placeholders(id):
                broken.append((id, text))
    assert not broken, f"{language}: a translation drops or adds a placeholder: {broken[:5]}"


def test_a_phrase_is_its_english_and_keeps_mentions_live_in_any_language() -> None:
    ann = Mention(Person("U1", "Ann"))
    moved = Phrase("{person} moved idea #{number} to {stage}", person=ann, number=3, stage="Plan")
    assert moved == "@Ann moved idea #3 to Plan"
    text = translated(Text.of(moved), "de")
    assert ann in text.spans


def test_a_translation_that_breaks_its_placeholders_is_said_in_english() -> None:
    phrase = Phrase("Why #{number}: {question}", number=2, question="?")
    assert placeholders(source(phrase, "xx")) == {"number", "question"}
    assert words(phrase, ENGLISH) == "Why #2: ?"


def test_words_built_by_english_grammar_are_said_otherwise_elsewhere() -> None:
    quoted = Phrase("You said: \u201c{quote}\u201d. What makes that happen?", quote="x")
    question = Phrase.in_english("Why are the rollers dusty?", quoted)
    assert question == "Why are the rollers dusty?"
    assert words(question, ENGLISH) == "Why are the rollers dusty?"
    assert words(question, "de") == words(quoted, "de")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_id_in_two_catalogs_of_a_language_says_the_same_in_both(language: str) -> None:
    """Ids are shared across the product ("Plan", "Category"): one meaning, one translation,
    or which file is read last would decide what people see."""
    from babel.messages.pofile import read_po

    from bot.language.catalogs import LOCALES

    seen: dict[str, tuple[str, object]] = {}
    clashes = []
    for path in sorted((LOCALES / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as po:
            for message in read_po(po, locale=language):
                if not message.id or not message.string:
                    continue
                key = str(message.id[0] if isinstance(message.id, tuple) else message.id)
                if key in seen and seen[key][1] != message.string:
                    clashes.append((key, seen[key][0], path.name))
                seen.setdefault(key, (path.name, message.string))
    assert not clashes, f"{language}: ids translated differently: {clashes[:8]}"
