"""The board's HTML, rendered on the server. Every word that came from a person is escaped.

The page is in the language its request chose (`adapters/board/language.py`): its own words
are Phrases, put into that language here; people's words are shown as they wrote them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel.lists import format_list

from adapters.board.charts import bar_chart, count_ceiling, line_chart
from adapters.board.escape import escape
from adapters.board.language import (
    LANG,
    NAMES,
    clock,
    day_month,
    duration,
    full_day,
    html,
    number,
    path_name,
    percent,
    said,
    stage_name,
    switch,
    tenths,
    weekday,
)
from adapters.board.style import STYLE
from bot.language.formats import locale_of
from bot.language.phrases import ENGLISH, N_, Phrase
from bot.metrics.periods import LAST_30_DAYS
from bot.metrics.stats import Stats
from bot.metrics.trends import WeekPoint
from bot.model.ideas import Path, Stage
from bot.model.views import BoardIdea, Kanban, KudosLine

COLUMNS = (Stage.NEW, Stage.CLARIFYING, Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT, Stage.DONE)
SHOWN = {stage: 10 if stage is Stage.DONE else 30 for stage in COLUMNS}
"""Cards shown per column and lane: those waiting longest (in Done, the latest); the rest
are counted, and the CSV has every idea."""
REFRESH_SECONDS = 60
PERIODS = {
    LAST_30_DAYS: N_("Last 30 days"),
    "week": N_("This week"),
    "month": N_("This month"),
    "quarter": N_("This quarter"),
    "year": N_("This year"),
    "all": N_("All time"),
}
"""What the numbers on the board cover; the Kanban always shows every open idea."""
NUMBERS = {
    LAST_30_DAYS: N_("Numbers in the last 30 days"),
    "week": N_("Numbers this week (since {day})"),
    "month": N_("Numbers this month (since {day})"),
    "quarter": N_("Numbers this quarter (since {day})"),
    "year": N_("Numbers this year (since {day})"),
    "all": N_("Numbers of all time"),
}
"""The heading of the numbers for each period."""
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
    since: datetime
    """Where the period began (its heading says so for a week, month, quarter or year)."""
    weeks: Sequence[WeekPoint]
    kudos: Sequence[KudosLine]
    now: datetime
    zone: str
    signed_in: bool
    downloads: bool = True
    impact: str | None = None
    """What the ideas done in the period changed, added up (categories, savings)."""
    language: str = ENGLISH
    kept: str | None = None
    """The language the address asked for (`?lang=`), kept in the board's own links."""

    def query(self, **changes: str) -> dict[str, str]:
        """The board's filters as a query (empty ones left out), with `changes`."""
        chosen = {
            "workspace": self.workspace,
            "channel": self.channel or "",
            "path": self.path.value if self.path else "",
            "period": self.period if self.period != LAST_30_DAYS else "",
            LANG: self.kept or "",
            **changes,
        }
        return {k: v for k, v in chosen.items() if v}


def board_page(view: BoardView) -> str:
    language = view.language
    lanes = [view.path] if view.path else list(Path)
    body = [
        _header(view),
        _filters(view),
        _numbers(view),
        _charts(view.weeks, language),
        f'<section class="kanban" aria-label="{html(Phrase("Ideas by stage"), language)}">',
        _column_heads(language),
        *(_lane(view, lane) for lane in lanes),
        "</section>",
        _recognition(view),
    ]
    title = Phrase("Kaizen board \u00b7 {workspace}", workspace=view.workspace)
    return _document(said(title, language), "".join(body), language, refresh=True)


def login_page(problem: str | None, next_path: str, language: str = ENGLISH) -> str:
    said_problem = (
        f'<p class="problem" role="alert">{html(problem, language)}</p>' if problem else ""
    )
    enter = Phrase(
        "Enter the board token ({name}) once; this browser remembers it.",
        name="KAIZEN_BOARD_TOKEN",
    )
    form = (
        f'<main class="login"><h1>{html(Phrase("Kaizen board"), language)}</h1>'
        f"<p>{html(enter, language)}</p>"
        f'{said_problem}<form method="post" action="/login">'
        f'<input type="hidden" name="next" value="{escape(next_path)}">'
        f'<label>{html(Phrase("Token"), language)} <input type="password" name="token" '
        'autocomplete="current-password" required autofocus></label>'
        f'<button type="submit">{html(Phrase("Sign in"), language)}</button></form></main>'
    )
    title = said(Phrase("Kaizen board \u00b7 sign in"), language)
    return _document(title, form, language, refresh=False)


def empty_page(language: str = ENGLISH) -> str:
    """Before the first idea there is nothing to show but how to begin."""
    command = f"<code>kaizen &lt;{html(Phrase('what could be better'), language)}&gt;</code>"
    begin = Phrase("No ideas yet. Give the first one in chat with {command}.", command="")
    return _document(
        said(Phrase("Kaizen board"), language),
        f'<main class="login"><h1>{html(Phrase("Kaizen board"), language)}</h1>'
        f"<p>{html(begin, language, command=command)}</p></main>",
        language,
        refresh=True,
    )


def _document(title: str, body: str, language: str, refresh: bool) -> str:
    meta = f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">' if refresh else ""
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'{meta}<link rel="icon" href="/favicon.svg" type="image/svg+xml">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def _header(view: BoardView) -> str:
    language = view.language
    local = view.now.astimezone(ZoneInfo(view.zone))
    out = (
        '<form method="post" action="/logout"><button class="quiet">'
        f"{html(Phrase('Sign out'), language)}</button></form>"
        if view.signed_in
        else ""
    )
    updated = Phrase(
        "updated {day}, {time} ({zone})",
        day=weekday(local, language),
        time=clock(local, language),
        zone=view.zone,
    )
    links = {code: "/?" + urlencode(view.query(**{LANG: code})) for code in NAMES}
    return (
        f"<header><h1>{html(Phrase('Kaizen board'), language)}</h1>"
        f'<p class="muted">{escape(view.workspace)} \u00b7 {html(updated, language)}</p>'
        f"{switch(links, language)}{out}</header>"
    )


def _filters(view: BoardView) -> str:
    language = view.language
    workspaces = (
        _select(
            "workspace",
            Phrase("Workspace"),
            [(w, w) for w in view.workspaces],
            view.workspace,
            language,
        )
        if len(view.workspaces) > 1
        else f'<input type="hidden" name="workspace" value="{escape(view.workspace)}">'
    )
    channels: list[tuple[str, str]] = [("", Phrase("All channels"))]
    channels += [(c, f"#{c}") for c in view.channels]
    paths: list[tuple[str, str]] = [("", Phrase("Both paths"))]
    paths += [(p.value, path_name(p)) for p in Path]
    periods = [(name, Phrase(label)) for name, label in PERIODS.items()]
    kept = f'<input type="hidden" name="{LANG}" value="{escape(view.kept)}">' if view.kept else ""
    download = {k: v for k, v in view.query(period="").items() if k != LANG}
    path = view.path.value if view.path else ""
    return (
        f'<form class="filters" method="get" action="/" '
        f'aria-label="{html(Phrase("Filters"), language)}">{kept}{workspaces}'
        + _select("channel", Phrase("Channel"), channels, view.channel or "", language)
        + _select("path", Phrase("Path"), paths, path, language)
        + _select("period", Phrase("Numbers for"), periods, view.period, language)
        + f'<button type="submit">{html(Phrase("Apply"), language)}</button>'
        + (
            f'<a class="download" href="/ideas.csv?{escape(urlencode(download))}">'
            f"{html(Phrase('Download CSV'), language)}</a>"
            if view.downloads
            else ""
        )
        + "</form>"
    )


def _select(
    name: str, label: str, options: Sequence[tuple[str, str]], chosen: str, language: str
) -> str:
    """A drop-down; its label and option names are words in `language` (a channel's or a
    workspace's name as it is)."""
    items = "".join(
        f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>'
        f"{html(text, language)}</option>"
        for value, text in options
    )
    return f'<label>{html(label, language)} <select name="{name}">{items}</select></label>'


def _numbers(view: BoardView) -> str:
    language = view.language
    both = view.stats.paths[None]
    tiles = [
        (Phrase("Ideas given"), number(both.submitted, language)),
        (Phrase("Implemented"), number(both.implemented, language)),
        (Phrase("Share implemented"), percent(both.share_implemented, language)),
        (Phrase("Lead time (median)"), duration(both.lead_median, language)),
        (Phrase("Participation"), percent(view.stats.participation, language)),
    ]
    cells = "".join(
        f'<div class="tile"><span class="value">{escape(value)}</span>'
        f'<span class="label">{html(label, language)}</span></div>'
        for label, value in tiles
    )
    impact = f'<p class="impact">{html(view.impact, language)}</p>' if view.impact else ""
    since = full_day(view.since, language)
    heading = html(Phrase(NUMBERS.get(view.period, NUMBERS[LAST_30_DAYS]), day=since), language)
    return (
        f'<section class="numbers" aria-label="{heading}">'
        f'<h2>{heading}</h2><div class="tiles">{cells}</div>'
        f"{impact}</section>"
    )


def _charts(weeks: Sequence[WeekPoint], language: str) -> str:
    labels = [day_month(w.monday, language) for w in weeks]
    counts = [float(w.given) for w in weeks]
    given = bar_chart(
        said(Phrase("Ideas given per week"), language),
        labels,
        counts,
        lambda v: number(v, language),
        ceiling=count_ceiling(counts),
    )
    lead = line_chart(
        said(Phrase("Lead time of ideas done (days, median)"), language),
        labels,
        [w.lead_median_days for w in weeks],
        lambda v: tenths(v, language),
        language=language,
    )
    share = bar_chart(
        said(Phrase("Share of each week's ideas implemented"), language),
        labels,
        [w.share_implemented for w in weeks],
        lambda v: percent(v, language),
        ceiling=1.0,
    )
    trends = Phrase.counted(
        "Trends, week by week ({n} week)", "Trends, week by week ({n} weeks)", len(weeks)
    )
    return (
        f'<h2 class="trends">{html(trends, language)}</h2>'
        f'<section class="charts" aria-label="{html(Phrase("Trends"), language)}">'
        f"{given}{lead}{share}</section>"
    )


def _column_heads(language: str) -> str:
    heads = "".join(
        f'<div class="head">{html(stage_name(stage), language)}</div>' for stage in COLUMNS
    )
    return f'<div class="row heads"><div class="lane-name"></div>{heads}</div>'


def _lane(view: BoardView, lane: Path) -> str:
    language = view.language
    columns = []
    for stage in COLUMNS:
        shown = view.kanban.cards.get((lane, stage), ())
        cards = "".join(_card(i, view) for i in shown)
        rest = view.kanban.counts.get((lane, stage), 0) - len(shown)
        if rest > 0:
            more = (
                Phrase.counted("and {n} more done", "and {n} more done", rest)
                if stage is Stage.DONE
                else Phrase.counted(
                    "and {n} more in {stage}",
                    "and {n} more in {stage}",
                    rest,
                    stage=stage_name(stage),
                )
            )
            cards += f'<p class="muted">{html(more, language)}</p>'
        columns.append(
            f'<div class="column" data-stage="{stage.value}" '
            f'aria-label="{html(stage_name(stage), language)}">{cards}</div>'
        )
    joined = view.kanban.joined.get(lane, 0)
    dropped = view.kanban.counts.get((lane, Stage.DROPPED), 0) - joined
    notes = [Phrase.counted("{n} set aside", "{n} set aside", dropped)] if dropped else []
    if joined:
        notes.append(
            Phrase.counted(
                "{n} joined with an earlier idea", "{n} joined with earlier ideas", joined
            )
        )
    aside = (
        f'<span class="muted">{", ".join(html(note, language) for note in notes)}</span>'
        if notes
        else ""
    )
    return (
        f'<div class="row lane" data-path="{lane.value}">'
        f'<div class="lane-name"><h2>{html(path_name(lane), language)}</h2>{aside}</div>'
        f"{''.join(columns)}</div>"
    )


def _card(idea: BoardIdea, view: BoardView) -> str:
    language = view.language
    owner = f"<br>{html(Phrase('owner {name}', name=idea.owner), language)}" if idea.owner else ""
    goal = (
        f'<p class="goal">{html(Phrase("supports {goal}", goal=idea.goal), language)}</p>'
        if idea.goal
        else ""
    )
    waited = Phrase(
        "{stage} for {waited}",
        stage=stage_name(idea.stage),
        waited=duration(max(view.now - idea.stage_at, timedelta(0)), language),
    )
    link = (
        f'<a href="{escape(idea.link)}" target="_blank" rel="noopener noreferrer">'
        f"{html(Phrase('Open thread'), language)}</a>"
        if idea.link and idea.link.startswith(("https://", "http://"))
        else ""
    )
    a3 = urlencode({"workspace": view.workspace, **({LANG: view.kept} if view.kept else {})})
    by = (
        Phrase("by {author}", author=idea.author)
        if idea.author
        else Phrase("by a teammate (anonymous)")
    )
    return (
        f'<article class="card" data-number="{idea.number}" data-channel="{escape(idea.channel)}">'
        f'<p class="number"><a href="/ideas/{idea.number}?{escape(a3)}">#{idea.number}</a> '
        f'<span class="muted">#{escape(idea.channel)}</span></p>'
        f'<p class="text">{escape(idea.text)}</p>{goal}'
        f'<p class="meta">{html(by, language)}{owner}<br>{html(waited, language)}</p>'
        f"{link}</article>"
    )


def _recognition(view: BoardView) -> str:
    language = view.language
    if not view.kudos:
        none = Phrase("No kudos yet. Thank someone with {command}.", command="")
        command = f"/kudos @name {html(Phrase('what they did'), language)}"
        items = f'<li class="muted">{html(none, language, command=command)}</li>'
    else:
        items = "".join(_kudos_item(line, view.zone, language) for line in view.kudos)
    title = html(Phrase("Recognition"), language)
    return (
        f'<section class="recognition" aria-label="{title}"><h2>{title}</h2>'
        f"<ul>{items}</ul></section>"
    )


def _kudos_item(line: KudosLine, zone: str, language: str) -> str:
    value = f' <span class="value-tag">#{escape(line.value)}</span>' if line.value else ""
    when = day_month(line.given_at.astimezone(ZoneInfo(zone)), language)
    receivers = format_list(list(line.receivers), locale=locale_of(language))
    thanked = Phrase(
        "{giver} thanked {receivers}: {reason}",
        giver=line.giver,
        receivers=receivers,
        reason=line.reason,
    )
    shown = html(
        thanked,
        language,
        giver=f"<strong>{escape(line.giver)}</strong>",
        receivers=f"<strong>{escape(receivers)}</strong>",
    )
    return f'<li><span class="muted">{escape(when)}</span> {shown}{value}</li>'
