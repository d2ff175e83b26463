"""People's words in the board's HTML: escaped, and in the order their characters are stored."""

from __future__ import annotations

import html

from bot.content import shown


def escape(text: str) -> str:
    """HTML-escaped, without bidi controls (a typed U+202E would show "live" as "evil")."""
    return html.escape(shown(text))
