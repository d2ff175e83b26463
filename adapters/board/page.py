"""The board's HTML, rendered on the server. Every word that came from a person is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from adapters.board.charts import bar_chart, count_ceiling, line_chart
from adapters.board.escape import escape
from adapters.board.style import STYLE
from bot.metrics.periods import LAST_30_DAYS
from bot.metrics.report import percent, span
from bot.metrics.stats import Stats
from bot.metrics.trends import WeekPoint
from bot.model.ideas import ANONYMOUS, Path, Stage
from bot.model.views import BoardIdea, Kanban, KudosLine
from bot.wording import duration

COLUMNS = (Stage.NEW, Stage.CLARIFYING, Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT, Stage.DONE)
SHOWN = {stage: 10 if stage is Stage.DONE else 30 for stage in COLUMNS}
"""Cards shown per column and lane: those waiting longest (in Done, the latest); the rest
are counted, and the CSV has every idea."""
REFRESH_SECONDS = 60
PERIODS = {
    LAST_30_DAYS: "Last 30 days",
    "week": "This week",
    "month": "This month",
    "quarter": "This quarter",
    "year": "This year",
    "all": "All time",
}
"""What the numbers on the board cover; the Kanban always shows every open idea."""
ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="7" fill="#1f6f50"/>'
    '<path d="M9 23 L9 9 M9 16 L20 9 M12.5 14 L21 23" stroke="#fff" stroke-width="3.2" '
    'stroke-linecap="round" fill="none"/></svg>'
)
"""A K on green, the board's tab icon."""


@dataclass(frozen=True)
class BoardView:
    workspace: str
    workspaces: Sequence[str]
    channel: str | None
    path: Path | None
    channels: Sequence[str]
    kanban: Kanban
    stats: Stats
    period: str
    period_label: str
    weeks: Sequence[WeekPoint]
    kudos: Sequence[KudosLine]
    now: datetime
    zone: str
    signed_in: bool
    downloads: bool = True
    impact: str | None = None
    """What the ideas done in the period changed, added up (categories, savings)."""


def board_page(view: BoardView) -> str:
    lanes = [view.path] if view.path else list(Path)
    body = [
        _header(view),
        _filters(view),
        _numbers(view),
        _charts(view.weeks),
        '<section class="kanban" aria-label="Ideas by stage">',
        _column_heads(),
        *(_lane(view, lane) for lane in lanes),
        "</section>",
        _recognition(view),
    ]
    return _document(f"Kaizen board \u00b7 {view.workspace}", "".join(body), refresh=True)


def login_page(problem: str | None, next_path: str) -> str:
    said = f'<p class="problem" role="alert">{escape(problem)}</p>' if problem else ""
    form = (
        '<main class="login"><h1>Kaizen board</h1>'
        "<p>Enter the board token (KAIZEN_BOARD_TOKEN) once; this browser remembers it.</p>"
        f'{said}<form method="post" action="/login">'
        f'<input type="hidden" name="next" value="{escape(next_path)}">'
        '<label>Token <input type="password" name="token" autocomplete="current-password" '
        'required autofocus></label><button type="submit">Sign in</button></form></main>'
    )
    return _document("Kaizen board \u00b7 sign in", form, refresh=False)


def empty_page() -> str:
    """Before the first idea there is nothing to show but how to begin."""
    return _document(
        "Kaizen board",
        '<main class="login"><h1>Kaizen board</h1><p>No ideas yet. Give the first one in '
        "chat with <code>kaizen &lt;what could be better&gt;</code>.</p></main>",
        refresh=True,
    )


def _document(title: str, body: str, refresh: bool) -> str:
    meta = f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">' if refresh else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'{meta}<link rel="icon" href="/favicon.svg" type="image/svg+xml">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def _header(view: BoardView) -> str:
    local = view.now.astimezone(ZoneInfo(view.zone))
    out = (
        '<form method="post" action="/logout"><button class="quiet">Sign out</button></form>'
        if view.signed_in
        else ""
    )
    return (
        f'<header><h1>Kaizen board</h1><p class="muted">{escape(view.workspace)} \u00b7 '
        f"updated {local:%a %d %b %H:%M} ({escape(view.zone)})</p>{out}</header>"
    )


def _filters(view: BoardView) -> str:
    workspaces = (
        _select("workspace", "Workspace", [(w, w) for w in view.workspaces], view.workspace)
        if len(view.workspaces) > 1
        else f'<input type="hidden" name="workspace" value="{escape(view.workspace)}">'
    )
    channels = [("", "All channels"), *((c, f"#{c}") for c in view.channels)]
    paths = [("", "Both paths"), *((p.value, p.value.capitalize()) for p in Path)]
    query = {"workspace": view.workspace, "channel": view.channel or "", "path": view.path or ""}
    periods = list(PERIODS.items())
    return (
        '<form class="filters" method="get" action="/" aria-label="Filters">'
        f"{workspaces}{_select('channel', 'Channel', channels, view.channel or '')}"
        f"{_select('path', 'Path', paths, view.path.value if view.path else '')}"
        f"{_select('period', 'Numbers for', periods, view.period)}"
        '<button type="submit">Apply</button>'
        + (
            f'<a class="download" href="/ideas.csv?{escape(urlencode(query))}">Download CSV</a>'
            if view.downloads
            else ""
        )
        + "</form>"
    )


def _select(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> str:
    items = "".join(
        f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>'
        f"{escape(text)}</option>"
        for value, text in options
    )
    return f'<label>{escape(label)} <select name="{name}">{items}</select></label>'


def _numbers(view: BoardView) -> str:
    both = view.stats.paths[None]
    tiles = [
        ("Ideas given", str(both.submitted)),
        ("Implemented", str(both.implemented)),
        ("Share implemented", percent(both.share_implemented)),
        ("Lead time (median)", span(both.lead_median)),
        ("Participation", percent(view.stats.participation)),
    ]
    cells = "".join(
        f'<div class="tile"><span class="value">{escape(value)}</span>'
        f'<span class="label">{escape(label)}</span></div>'
        for label, value in tiles
    )
    impact = f'<p class="impact">{escape(view.impact)}</p>' if view.impact else ""
    return (
        f'<section class="numbers" aria-label="Numbers {escape(view.period_label)}">'
        f'<h2>Numbers {escape(view.period_label)}</h2><div class="tiles">{cells}</div>'
        f"{impact}</section>"
    )


def _charts(weeks: Sequence[WeekPoint]) -> str:
    labels = [f"{w.monday:%d %b}" for w in weeks]
    counts = [float(w.given) for w in weeks]
    given = bar_chart("Ideas given per week", labels, counts, ceiling=count_ceiling(counts))
    lead = line_chart(
        "Lead time of ideas done (days, median)",
        labels,
        [w.lead_median_days for w in weeks],
        lambda v: f"{v:.1f}",
    )
    share = bar_chart(
        "Share of each week's ideas implemented",
        labels,
        [w.share_implemented for w in weeks],
        lambda v: f"{v:.0%}",
        ceiling=1.0,
    )
    return (
        f'<h2 class="trends">Trends, week by week ({len(weeks)} weeks)</h2>'
        f'<section class="charts" aria-label="Trends">{given}{lead}{share}</section>'
    )


def _column_heads() -> str:
    heads = "".join(f'<div class="head">{stage.label}</div>' for stage in COLUMNS)
    return f'<div class="row heads"><div class="lane-name"></div>{heads}</div>'


def _lane(view: BoardView, lane: Path) -> str:
    columns = []
    for stage in COLUMNS:
        shown = view.kanban.cards.get((lane, stage), ())
        cards = "".join(_card(i, view) for i in shown)
        rest = view.kanban.counts.get((lane, stage), 0) - len(shown)
        if rest > 0:
            more = "more done" if stage is Stage.DONE else f"more in {stage.label}"
            cards += f'<p class="muted">and {rest:,} {more}</p>'
        columns.append(
            f'<div class="column" data-stage="{stage.value}" aria-label="{stage.label}">'
            f"{cards}</div>"
        )
    joined = view.kanban.joined.get(lane, 0)
    dropped = view.kanban.counts.get((lane, Stage.DROPPED), 0) - joined
    notes = [f"{dropped:,} set aside"] if dropped else []
    notes += [f"{joined:,} joined with an earlier idea"] if joined else []
    aside = f'<span class="muted">{", ".join(notes)}</span>' if notes else ""
    return (
        f'<div class="row lane" data-path="{lane.value}">'
        f'<div class="lane-name"><h2>{lane.value.capitalize()}</h2>{aside}</div>'
        f"{''.join(columns)}</div>"
    )


def _card(idea: BoardIdea, view: BoardView) -> str:
    author = idea.author or ANONYMOUS
    owner = f"<br>owner {escape(idea.owner)}" if idea.owner else ""
    goal = f'<p class="goal">supports {escape(idea.goal)}</p>' if idea.goal else ""
    waited = duration(max(view.now - idea.stage_at, timedelta(0)))
    link = (
        f'<a href="{escape(idea.link)}" target="_blank" rel="noopener noreferrer">Open thread</a>'
        if idea.link and idea.link.startswith(("https://", "http://"))
        else ""
    )
    a3 = urlencode({"workspace": view.workspace})
    return (
        f'<article class="card" data-number="{idea.number}" data-channel="{escape(idea.channel)}">'
        f'<p class="number"><a href="/ideas/{idea.number}?{escape(a3)}">#{idea.number}</a> '
        f'<span class="muted">#{escape(idea.channel)}</span></p>'
        f'<p class="text">{escape(idea.text)}</p>{goal}'
        f'<p class="meta">by {escape(author)}{owner}<br>{idea.stage.label} for {waited}</p>'
        f"{link}</article>"
    )


def _recognition(view: BoardView) -> str:
    if not view.kudos:
        items = (
            '<li class="muted">No kudos yet. Thank someone with /kudos @name what they did.</li>'
        )
    else:
        items = "".join(_kudos_item(line, view.zone) for line in view.kudos)
    return (
        '<section class="recognition" aria-label="Recognition"><h2>Recognition</h2>'
        f"<ul>{items}</ul></section>"
    )


def _kudos_item(line: KudosLine, zone: str) -> str:
    value = f' <span class="value-tag">#{escape(line.value)}</span>' if line.value else ""
    when = line.given_at.astimezone(ZoneInfo(zone))
    return (
        f'<li><span class="muted">{when:%d %b}</span> <strong>{escape(line.giver)}</strong> '
        f"thanked <strong>{escape(', '.join(line.receivers))}</strong>: "
        f"{escape(line.reason)}{value}</li>"
    )
