"""Recognising a command in typed text, for surfaces without slash commands (Teams, terminal)."""

from __future__ import annotations

import re

COMMAND_NAMES = ("kaizen", "kudos")

_COMMAND = re.compile(
    r"^\s*/?(?P<name>" + "|".join(COMMAND_NAMES) + r")(?:[:,]|\s|$)\s*(?P<text>.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)


def split_command(text: str) -> tuple[str, str] | None:
    """`"/kaizen fix it"`, `"Kaizen: fix it"` -> `("kaizen", "fix it")`; None if not a command."""
    match = _COMMAND.match(text)
    if match is None:
        return None
    return match.group("name").lower(), (match.group("text") or "").strip()
