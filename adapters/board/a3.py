"""The A3 page of one idea (`/ideas/N`): the whole Kaizen record on one sheet.

The A3 practice puts a problem's story on one page, left to right: the problem, what was
found (the whys and the root cause), the countermeasure as an experiment, what the checks
showed, and what became the standard. Printed, it fits one A4 or A3 sheet. An anonymous
idea stays anonymous here; the whys show what was asked and answered, not who answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from adapters.board.escape import escape
from adapters.board.style import STYLE
from bot.ideas.impact import impact_line
from bot.model.ideas import ANONYMOUS, Check, Idea, Path, Stage, StageChange
from bot.model.whys import Why
from bot.wording import lower_first

A3_STYLE = """
.a3 { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin-top: 12px; }
.a3 section { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 14px; }
.a3 h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.a3 dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
.a3 dt { color: var(--muted); } .a3 dd { margin: 0; }
.a3 ol { margin: 0; padding-left: 20px; } .a3 li { margin-bottom: 6px; }
.a3 .answer { font-weight: 600; } .a3 .root { font-size: 16px; font-weight: 600; }
.a3 .timeline { grid-column: 1 / -1; }
.back { color: var(--accent); }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { background: #fff; padding: 0; font-size: 11px; }
  .back, header form { display: none; }
  .a3 section { break-inside: avoid; border-color: #999; }
}
"""


@dataclass(frozen=True)
class A3:
    """Everything the sheet shows. A stage change's note is shown for checks only: a reason
    for setting an idea aside is its author's to hear, privately."""

    idea: Idea
    whys: Sequence[Why]
    checks: Sequence[Check]
    history: Sequence[StageChange]
    spread_to: Sequence[tuple[int, str]]
    zone: str
    back: str
    """The board's address with this workspace chosen."""
    currency: str = "EUR"


def a3_page(sheet: A3) -> str:
    idea = sheet.idea
    title = f"Kaizen idea #{idea.number} \u00b7 {idea.stage.label}"
    body = (
        f'<header><h1>{escape(title)}</h1><a class="back" href="{escape(sheet.back)}">'
        "Back to the board</a></header>"
        f'<p class="text">{escape(idea.text)}</p>'
        '<div class="a3">'
        f"{_problem(idea)}{_whys(sheet)}{_plan(idea, sheet.zone)}{_checks(sheet)}"
        f"{_act(sheet)}{_timeline(sheet)}</div>"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="/favicon.svg" type="image/svg+xml">'
        f"<style>{STYLE}{A3_STYLE}</style></head><body>{body}</body></html>"
    )


def _problem(idea: Idea) -> str:
    author = ANONYMOUS if idea.anonymous else idea.author.name
    rows = [("Problem", idea.text), ("Raised by", author)]
    if idea.proposal:
        rows.append(("Proposal", idea.proposal))
    if idea.category:
        rows.append(("Category", idea.category))
    path = idea.path.value
    if idea.path is Path.STRATEGIC and idea.goal:
        path += f", supports {idea.goal}"
    rows.append(("Path", path))
    return _section("Problem", "story", _list(rows))


def _whys(sheet: A3) -> str:
    answered = [why for why in sheet.whys if why.answer]
    items = "".join(
        f'<li>{escape(why.question)}<br><span class="answer">{escape(why.answer or "")}</span></li>'
        for why in answered
    )
    chain = f"<ol>{items}</ol>" if items else '<p class="muted">No whys answered yet.</p>'
    root = sheet.idea.root_cause
    found = f'<p class="root">Root cause: {escape(lower_first(root))}</p>' if root else ""
    return _section("Why it happens", "whys", chain + found)


def _plan(idea: Idea, zone: str) -> str:
    rows: list[tuple[str, str]] = []
    if idea.countermeasure:
        kind = f" ({idea.fix_kind})" if idea.fix_kind else ""
        rows.append(("Countermeasure", idea.countermeasure + kind))
    if idea.owner is not None:
        owner = ANONYMOUS if idea.anonymous and idea.owner.id == idea.author.id else idea.owner.name
        rows.append(("Owner", owner))
    if idea.prediction:
        rows.append(("We expect", idea.prediction))
    if idea.measure:
        rows.append(("Measured by", idea.measure))
    if idea.check_at is not None:
        rows.append(("Check on", _day(idea.check_at, zone)))
    shown = _list(rows) if rows else '<p class="muted">No plan yet.</p>'
    return _section("Plan: the experiment", "plan", shown)


def _checks(sheet: A3) -> str:
    items = []
    for check in sheet.checks:
        seen = f": we saw {escape(check.observed)}" if check.observed else ""
        expected = f" (we expected {escape(check.prediction)})" if check.prediction else ""
        learned = f"<br>Learned: {escape(check.learning)}" if check.learning else ""
        items.append(
            f"<li>{_day(check.at, sheet.zone)}, {check.result.label}{seen}{expected}{learned}</li>"
        )
    shown = f"<ol>{''.join(items)}</ol>" if items else '<p class="muted">Not checked yet.</p>'
    return _section("Check: what happened", "checks", shown)


def _act(sheet: A3) -> str:
    idea = sheet.idea
    rows: list[tuple[str, str]] = []
    if idea.standard:
        rows.append(("Standard", idea.standard))
    if idea.spread_from is not None:
        rows.append(("Spread from", f"idea #{idea.spread_from}"))
    for number, channel in sheet.spread_to:
        rows.append(("Spread to", f"idea #{number} in #{channel}"))
    impact = impact_line(idea, sheet.currency)
    if impact:
        rows.append(("Impact", impact))
    shown = _list(rows) if rows else '<p class="muted">No standard changed yet.</p>'
    return _section("Act: the standard, and where else", "act", shown)


def _timeline(sheet: A3) -> str:
    steps = "".join(
        f"<li>{escape(change.stage.label)}, {_day(change.at, sheet.zone)}"
        + (f": {escape(change.note)}" if change.note and change.stage is Stage.CHECK else "")
        + "</li>"
        for change in sheet.history
    )
    return _section("Timeline", "timeline", f"<ol>{steps}</ol>")


def _section(title: str, name: str, inner: str) -> str:
    label = escape(title)
    return f'<section class="{name}" aria-label="{label}"><h2>{label}</h2>{inner}</section>'


def _list(rows: Sequence[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows) + "</dl>"


def _day(at: datetime, zone: str) -> str:
    return at.astimezone(ZoneInfo(zone)).strftime("%a %d %b %Y")
