"""The README's command tables are the router's grammar, row for row."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.features import build_router
from bot.grammar import Grammar, Syntax

README = Path(__file__).resolve().parent.parent / "README.md"
TABLES = {"Ideas": "## Talking to the bot", "Kudos": "## Recognition", "Stand-ups": "## Stand-ups"}
"""Each group of commands, and the README heading whose first table lists it."""


def table_under(heading: str, text: str) -> list[str]:
    """The rows of the first table after `heading`, without its header and separator."""
    lines = text.splitlines()
    start = lines.index(heading)
    rows: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            break
    return rows[2:]


@pytest.mark.parametrize("group", TABLES)
def test_the_readme_table_of_each_group_is_the_registry(group: str) -> None:
    grammar = build_router().grammar
    readme = README.read_text(encoding="utf-8")
    assert table_under(TABLES[group], readme) == grammar.markdown(group), (
        f"README's table under {TABLES[group]!r} drifted from the registered commands; "
        f"paste these rows:\n" + "\n".join(grammar.markdown(group))
    )


def test_every_group_has_its_table() -> None:
    assert build_router().grammar.groups() == ["Ideas", "Stand-ups", "Kudos"]
    assert sorted(TABLES) == sorted(build_router().grammar.groups())


def test_the_check_sees_a_drifted_row() -> None:
    text = "## Talking\n\n| you type | what happens |\n|---|---|\n| `kaizen x` | does x |\n"
    grammar = Grammar()
    grammar.add(Syntax("kaizen", "kaizen x", "does x, now", group="Ideas"))
    assert table_under("## Talking", text) == ["| `kaizen x` | does x |"]
    assert table_under("## Talking", text) != grammar.markdown("Ideas")


def test_pipes_inside_a_cell_are_escaped() -> None:
    syntax = Syntax("kaizen", "kaizen list [mine|all]", "lists a|b", group="Ideas")
    assert syntax.markdown() == "| `kaizen list [mine\\|all]` | lists a\\|b |"


def test_a_hint_needs_a_verb_and_a_shown_command_needs_its_words() -> None:
    grammar = Grammar()
    grammar.add(Syntax("kaizen", None))
    with pytest.raises(ValueError, match="needs a summary"):
        grammar.add(Syntax("kaizen", "kaizen show N", group="Ideas"))
    grammar.add(Syntax("kaizen", "kaizen show N", "shows", "Which idea?", "Ideas"))
    with pytest.raises(ValueError, match="one hint per command verb"):
        grammar.add(Syntax("kaizen", "kaizen show N again", "shows", "Which?", "Ideas"))
    assert grammar.misused("kaizen", "show") == "Which idea?"
    assert grammar.misused("kaizen", "shows #1") == (
        "Which idea? If you meant it as an idea, say `kaizen idea: shows #1`."
    )
    assert grammar.misused("kaizen", "show the visitors where the exit is") is None
    assert grammar.misused("kudos", "show") is None


def test_help_names_every_feature() -> None:
    lines = [syntax.line() for syntax in build_router().grammar.listed()]
    for word in ("idea", "kudos", "stand-up", "credit-me", "board", "export", "stats"):
        assert any(word in line for line in lines), word
    for word in ("invite", "answer", "strategic"):
        assert any(line.startswith(f"kaizen {word} ") for line in lines), word
