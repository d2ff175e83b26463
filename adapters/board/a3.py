"""The A3 page of one idea (`/ideas/N`): the whole Kaizen record on one sheet.

The A3 practice puts a problem's story on one page, left to right: the problem, what was
found (the whys and the root cause), the countermeasure as an experiment, what the checks
showed, and what became the standard. Printed, it fits one A4 or A3 sheet. An anonymous
idea stays anonymous here; the whys show what was asked and answered, not who answered.
The sheet's own words are in the page's language; what people wrote is shown as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from adapters.board.escape import escape
from adapters.board.language import (
    RESULTS,
    full_day,
    html,
    path_name,
    result_name,
    said,
    stage_name,
    switch,
)
from adapters.board.style import STYLE
from bot.ideas.impact import impact_line
from bot.language.phrases import ENGLISH, N_, Phrase
from bot.model.ideas import Check, Idea, Path, Stage, StageChange
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
header .languages { margin-left: auto; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { background: #fff; padding: 0; font-size: 11px; }
  .back, header form, .languages { display: none; }
  .a3 section { break-inside: avoid; border-color: #999; }
}
"""


_FOUND = {str(words): result for result, words in RESULTS.items()}
FIX_KINDS = {"containment": N_("containment"), "permanent": N_("permanent")}
"""A countermeasure that holds the problem for now, or one that removes its cause."""


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
    language: str = ENGLISH
    languages: Mapping[str, str] = field(default_factory=dict)
    """This sheet's address in each language, for the switch at the top."""


def a3_page(sheet: A3) -> str:
    idea, language = sheet.idea, sheet.language
    title = said(
        Phrase(
            "Kaizen idea #{number} \u00b7 {stage}", number=idea.number, stage=stage_name(idea.stage)
        ),
        language,
    )
    languages = switch(dict(sheet.languages), language) if sheet.languages else ""
    body = (
        f'<header><h1>{escape(title)}</h1><a class="back" href="{escape(sheet.back)}">'
        f"{html(Phrase('Back to the board'), language)}</a>{languages}</header>"
        f'<p class="text">{escape(idea.text)}</p>'
        '<div class="a3">'
        f"{_problem(sheet)}{_whys(sheet)}{_plan(sheet)}{_checks(sheet)}"
        f"{_act(sheet)}{_timeline(sheet)}</div>"
    )
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="/favicon.svg" type="image/svg+xml">'
        f"<style>{STYLE}{A3_STYLE}</style></head><body>{body}</body></html>"
    )


Row = tuple[str, str]
"""A label and its value, either of them a Phrase or people's words."""


def _problem(sheet: A3) -> str:
    idea = sheet.idea
    author = Phrase("a teammate (anonymous)") if idea.anonymous else idea.author.name
    rows: list[Row] = [(Phrase("Problem"), idea.text), (Phrase("Raised by"), author)]
    if idea.proposal:
        rows.append((Phrase("Proposal"), idea.proposal))
    if idea.category:
        rows.append((Phrase("Category"), idea.category))
    path: str = path_name(idea.path)
    if idea.path is Path.STRATEGIC and idea.goal:
        path = Phrase("{path}, supports {goal}", path=path, goal=idea.goal)
    rows.append((Phrase("Path"), path))
    return _section(Phrase("Problem"), "story", _list(rows, sheet.language), sheet.language)


def _whys(sheet: A3) -> str:
    language = sheet.language
    answered = [why for why in sheet.whys if why.answer]
    items = "".join(
        f'<li>{escape(why.question)}<br><span class="answer">{escape(why.answer or "")}</span></li>'
        for why in answered
    )
    chain = (
        f"<ol>{items}</ol>"
        if items
        else f'<p class="muted">{html(Phrase("No whys answered yet."), language)}</p>'
    )
    root = sheet.idea.root_cause
    # "Root cause: nobody owns the checklist" reads on in English; in German a noun
    # keeps its capital, so the words stay as written there.
    cause = lower_first(root) if root and language == ENGLISH else root
    found = (
        f'<p class="root">{html(Phrase("Root cause: {cause}", cause=cause), language)}</p>'
        if cause
        else ""
    )
    return _section(Phrase("Why it happens"), "whys", chain + found, language)


def _plan(sheet: A3) -> str:
    idea, language = sheet.idea, sheet.language
    rows: list[Row] = []
    if idea.countermeasure:
        shown: str = idea.countermeasure
        if idea.fix_kind:
            kind = FIX_KINDS.get(idea.fix_kind)
            shown = Phrase(
                "{countermeasure} ({kind})",
                countermeasure=idea.countermeasure,
                kind=Phrase(kind) if kind else idea.fix_kind,
            )
        rows.append((Phrase("Countermeasure"), shown))
    if idea.owner is not None:
        owner: str = idea.owner.name
        if idea.anonymous and idea.owner.id == idea.author.id:
            owner = Phrase("a teammate (anonymous)")
        rows.append((Phrase("Owner"), owner))
    if idea.prediction:
        rows.append((Phrase("We expect"), idea.prediction))
    if idea.measure:
        rows.append((Phrase("Measured by"), idea.measure))
    if idea.check_at is not None:
        rows.append((Phrase("Check on"), _day(idea.check_at, sheet.zone, language)))
    shown_rows = (
        _list(rows, language)
        if rows
        else f'<p class="muted">{html(Phrase("No plan yet."), language)}</p>'
    )
    return _section(Phrase("Plan: the experiment"), "plan", shown_rows, language)


def _checks(sheet: A3) -> str:
    language = sheet.language
    items = []
    for check in sheet.checks:
        found = _check(check, sheet.zone, language)
        learned = (
            "<br>" + html(Phrase("Learned: {learning}", learning=check.learning), language)
            if check.learning
            else ""
        )
        items.append(f"<li>{html(found, language)}{learned}</li>")
    shown = (
        f"<ol>{''.join(items)}</ol>"
        if items
        else f'<p class="muted">{html(Phrase("Not checked yet."), language)}</p>'
    )
    return _section(Phrase("Check: what happened"), "checks", shown, language)


def _check(check: Check, zone: str, language: str) -> Phrase:
    """What one check found: its day, whether the prediction held, what was seen against
    what was expected."""
    day = _day(check.at, zone, language)
    result = result_name(check.result)
    if check.observed and check.prediction:
        return Phrase(
            "{day}, {result}: we saw {observed} (we expected {prediction})",
            day=day,
            result=result,
            observed=check.observed,
            prediction=check.prediction,
        )
    if check.observed:
        return Phrase(
            "{day}, {result}: we saw {observed}", day=day, result=result, observed=check.observed
        )
    if check.prediction:
        return Phrase(
            "{day}, {result} (we expected {prediction})",
            day=day,
            result=result,
            prediction=check.prediction,
        )
    return Phrase("{day}, {result}", day=day, result=result)


def _act(sheet: A3) -> str:
    idea, language = sheet.idea, sheet.language
    rows: list[Row] = []
    if idea.standard:
        rows.append((Phrase("Standard"), idea.standard))
    if idea.spread_from is not None:
        rows.append((Phrase("Spread from"), Phrase("idea #{number}", number=idea.spread_from)))
    for number, channel in sheet.spread_to:
        spread = Phrase("idea #{number} in #{channel}", number=number, channel=channel)
        rows.append((Phrase("Spread to"), spread))
    impact = impact_line(idea, sheet.currency)
    if impact:
        rows.append((Phrase("Impact"), impact))
    shown = (
        _list(rows, language)
        if rows
        else f'<p class="muted">{html(Phrase("No standard changed yet."), language)}</p>'
    )
    return _section(Phrase("Act: the standard, and where else"), "act", shown, language)


def _timeline(sheet: A3) -> str:
    language = sheet.language
    steps = "".join(
        "<li>" + html(_step(change, sheet.zone, language), language) + "</li>"
        for change in sheet.history
    )
    return _section(Phrase("Timeline"), "timeline", f"<ol>{steps}</ol>", language)


def _step(change: StageChange, zone: str, language: str) -> Phrase:
    """A stage and the day the idea reached it; a check's note with it."""
    stage, day = stage_name(change.stage), _day(change.at, zone, language)
    if change.note and change.stage is Stage.CHECK:
        found = _FOUND.get(change.note)  # a check's note is what it found, kept in English
        note = result_name(found) if found is not None else change.note
        return Phrase("{stage}, {day}: {note}", stage=stage, day=day, note=note)
    return Phrase("{stage}, {day}", stage=stage, day=day)


def _section(title: str, name: str, inner: str, language: str) -> str:
    label = html(title, language)
    return f'<section class="{name}" aria-label="{label}"><h2>{label}</h2>{inner}</section>'


def _list(rows: Sequence[Row], language: str) -> str:
    return (
        "<dl>"
        + "".join(f"<dt>{html(k, language)}</dt><dd>{html(v, language)}</dd>" for k, v in rows)
        + "</dl>"
    )


def _day(at: datetime, zone: str, language: str) -> str:
    return full_day(at.astimezone(ZoneInfo(zone)), language)
