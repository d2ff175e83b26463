"""Bidirectional controls never reorder what a surface shows (issue 15).

U+202E (right-to-left override) in "\u202elive" makes a screen show "evil"; the isolates
and embeddings do the like. Every surface, the board and both exports drop them, so the
characters show in the order they are stored.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from adapters.board.escape import escape as board_escape
from adapters.slack.mrkdwn import render as slack_render
from adapters.teams.markup import render as teams_render
from bot.content import Text
from bot.metrics.export import rows, to_csv, to_json
from bot.model.ideas import Path, Stage
from bot.model.views import BoardIdea

CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
TEXT = "Reset at \u202elive\u202c and \u2067note\u2069 here"


def test_the_controls_are_the_nine_unicode_names() -> None:
    assert len(CONTROLS) == 9


@pytest.mark.parametrize(
    "surface",
    [
        lambda t: teams_render(Text.of(t))[0],
        lambda t: slack_render(Text.of(t)),
        board_escape,
    ],
    ids=["teams", "slack", "board"],
)
def test_no_surface_shows_a_bidi_control(surface: object) -> None:
    assert callable(surface)
    shown = surface(TEXT)
    assert not any(control in shown for control in CONTROLS)
    assert "live" in shown and "note" in shown


def test_the_exports_drop_them_too() -> None:
    at = datetime(2026, 3, 2, tzinfo=UTC)
    idea = BoardIdea(1, TEXT, "C1", Path.OPERATIONAL, Stage.NEW, "\u202eAnn", None, at, at, None)
    table = rows([idea], {})
    for export in (to_csv(table), json.dumps(json.loads(to_json(table)), ensure_ascii=False)):
        assert not any(control in export for control in CONTROLS)
        assert "Reset at live and note here" in export
