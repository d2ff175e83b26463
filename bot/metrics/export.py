"""Every idea as one flat row, for spreadsheets (CSV) and other tools (JSON)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.content import shown
from bot.model.ideas import Stage
from bot.model.views import BoardIdea, History, RecordParts
from bot.store import Store

Row = dict[str, str | int | float | None]
COLUMNS = (
    "number",
    "text",
    "channel",
    "path",
    "goal",
    "category",
    "stage",
    "author",
    "owner",
    "proposal",
    "root_cause",
    "countermeasure",
    "fix_kind",
    "prediction",
    "measure",
    "check_at",
    "check_result",
    "learning",
    "standard",
    "spread_from",
    "impact_category",
    "savings_money",
    "savings_hours",
    "impact_note",
    "created_at",
    "done_at",
    "lead_time_days",
    *(f"entered_{stage.value}" for stage in Stage if stage is not Stage.NEW),
    "link",
    "joined_with",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


async def idea_rows(store: Store, workspace: str) -> list[Row]:
    ideas = await store.metrics.ideas(workspace)
    return rows(ideas, await store.metrics.histories(workspace))


async def idea_json(store: Store, workspace: str) -> str:
    """Every idea's whole record as JSON: the row, its why-chain and its checks."""
    table = await idea_rows(store, workspace)
    return to_json(table, await store.metrics.records(workspace))


def rows(ideas: Sequence[BoardIdea], histories: Mapping[int, History]) -> list[Row]:
    """Oldest idea first; times in UTC (ISO 8601); an anonymous author stays anonymous."""
    table = []
    for idea in sorted(ideas, key=lambda i: i.number):
        entered: dict[Stage, datetime] = {}
        for stage, at in histories.get(idea.number, ()):
            entered[stage] = at  # the latest entry, when an idea went round again
        done_at = entered.get(Stage.DONE) if idea.stage is Stage.DONE else None
        row: Row = {
            "number": idea.number,
            "text": idea.text,
            "channel": idea.channel,
            "path": idea.path.value,
            "goal": idea.goal,
            "category": idea.category,
            "stage": idea.stage.value,
            "joined_with": idea.joined_with,
            "author": idea.author,
            "owner": idea.owner,
            "proposal": idea.proposal,
            "root_cause": idea.root_cause,
            "countermeasure": idea.countermeasure,
            "fix_kind": idea.fix_kind,
            "prediction": idea.prediction,
            "measure": idea.measure,
            "check_at": _time(idea.check_at),
            "check_result": idea.checked,
            "learning": idea.learning,
            "standard": idea.standard,
            "spread_from": idea.spread_from,
            "impact_category": idea.impact,
            "savings_money": idea.saves_money,
            "savings_hours": idea.saves_hours,
            "impact_note": idea.impact_note,
            "created_at": _time(idea.created_at),
            "done_at": _time(done_at),
            "lead_time_days": (
                round((done_at - idea.created_at).total_seconds() / 86400, 2) if done_at else None
            ),
        }
        for stage in Stage:
            if stage is not Stage.NEW:
                row[f"entered_{stage.value}"] = _time(entered.get(stage))
        row["link"] = idea.link
        table.append(row)
    return table


def to_csv(table: Sequence[Row]) -> str:
    """CSV with a header; a cell a spreadsheet would run as a formula is quoted to stay text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in table:
        writer.writerow({key: _safe_cell(value) for key, value in row.items()})
    return out.getvalue()


def to_json(table: Sequence[Row], records: Mapping[int, RecordParts] | None = None) -> str:
    """The flat row of each idea, and, with `records`, its why-chain and checks as lists."""
    shown: list[dict[str, object]] = []
    for row in table:
        idea: dict[str, object] = {key: _shown(value) for key, value in row.items()}
        if records is not None:
            parts = records.get(int(row["number"] or 0), RecordParts())
            idea["whys"] = [_shown_all(why) for why in parts.whys]
            idea["checks"] = [_shown_all(check) for check in parts.checks]
        shown.append(idea)
    return json.dumps({"ideas": shown}, ensure_ascii=False, indent=2) + "\n"


def _shown_all(values: Mapping[str, str | int | None]) -> dict[str, object]:
    return {key: _shown(value) for key, value in values.items()}


def _safe_cell(value: str | int | float | None) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, str):
        value = shown(value)
        return "'" + value if value.startswith(_FORMULA_START) else value
    return value


def _shown(value: str | int | float | None) -> str | int | float | None:
    """Words without bidi controls: a spreadsheet or a viewer shows them in stored order."""
    return shown(value) if isinstance(value, str) else value


def _time(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat(timespec="seconds")
