"""Charts as inline SVG: drawn by the server, so they need no script and no internet.
Titles, labels and numbers come in the page's language; an empty chart says so in it."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from adapters.board.escape import escape
from adapters.board.language import said
from bot.language.phrases import ENGLISH, Phrase

WIDTH, HEIGHT = 380, 200
LEFT, RIGHT, TOP, BOTTOM = 36, 10, 28, 34


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    shown: Callable[[float], str] = lambda v: f"{v:g}",
    ceiling: float | None = None,
) -> str:
    """Bars, one per label; a missing value leaves a gap (nothing to show that week)."""
    top = ceiling or max([v for v in values if v is not None] + [1.0])
    slot = (WIDTH - LEFT - RIGHT) / max(len(values), 1)
    plot = HEIGHT - TOP - BOTTOM
    parts = [_frame(title, top, shown)]
    for index, value in enumerate(values):
        if value is None:
            continue
        height = plot * value / top if top else 0
        x, y = LEFT + index * slot + slot * 0.15, TOP + plot - height
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{height:.1f}"><title>{escape(labels[index])}: {escape(shown(value))}'
            "</title></rect>"
        )
    parts.append(_labels(labels, slot))
    return _svg(title, parts)


def count_ceiling(values: Sequence[float]) -> float:
    """The top of a chart of counts: even, so the grid line halfway up is a whole number."""
    return float(max(2, math.ceil(max([*values, 0.0]) / 2) * 2))


def line_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    shown: Callable[[float], str] = lambda v: f"{v:g}",
    language: str = ENGLISH,
) -> str:
    """A line through the known values, with a dot on each; gaps are skipped, not zeroed."""
    top = max([v for v in values if v is not None] + [1.0]) * 1.1
    slot = (WIDTH - LEFT - RIGHT) / max(len(values), 1)
    plot = HEIGHT - TOP - BOTTOM
    points = [
        (LEFT + index * slot + slot / 2, TOP + plot - plot * value / top, labels[index], value)
        for index, value in enumerate(values)
        if value is not None
    ]
    parts = [_frame(title, top, shown)]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
        parts.append(f'<polyline class="line" points="{path}"/>')
    for x, y, label, value in points:
        parts.append(
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3.5">'
            f"<title>{escape(label)}: {escape(shown(value))}</title></circle>"
        )
    if not points:
        parts.append(
            f'<text class="empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">'
            f"{escape(said(Phrase('Nothing done yet in these weeks'), language))}</text>"
        )
    parts.append(_labels(labels, slot))
    return _svg(title, parts)


def _frame(title: str, top: float, shown: Callable[[float], str]) -> str:
    plot = HEIGHT - TOP - BOTTOM
    lines = [f'<text class="title" x="{LEFT}" y="16">{escape(title)}</text>']
    for share in (0.0, 0.5, 1.0):
        y = TOP + plot - plot * share
        lines.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(shown(top * share))}</text>"
        )
    return "".join(lines)


def _labels(labels: Sequence[str], slot: float) -> str:
    step = max(1, len(labels) // 6)
    return "".join(
        f'<text class="axis" x="{LEFT + i * slot + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
        f'text-anchor="middle">{escape(label)}</text>'
        for i, label in enumerate(labels)
        if (len(labels) - 1 - i) % step == 0  # counted back from the latest week
    )


def _svg(title: str, parts: list[str]) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        + "".join(parts)
        + "</svg>"
    )
