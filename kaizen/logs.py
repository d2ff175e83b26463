"""How the `kaizen` command logs: plain lines for a person, or with KAIZEN_LOG_FORMAT=json one
JSON object a line for a log collector, carrying the running turn's workspace, surface and
event id (bot/turn_scope.py) so one request's lines can be found together."""

from __future__ import annotations

import logging
import os
import sys

from pythonjsonlogger.json import JsonFormatter

from bot.errors import ConfigError
from bot.turn_scope import current

PLAIN = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FORMATS = ("text", "json")


class TurnFields(logging.Filter):
    """Adds the running turn's ids to a record (None outside a turn)."""

    def filter(self, record: logging.LogRecord) -> bool:
        scope = current.get()
        record.workspace = scope.workspace if scope else None
        record.surface = scope.surface if scope else None
        record.event = scope.event if scope else None
        return True


def configure() -> None:
    """Log to stderr at KAIZEN_LOG_LEVEL (WARNING unless set) in KAIZEN_LOG_FORMAT."""
    chosen = (os.environ.get("KAIZEN_LOG_FORMAT") or "text").strip().lower()
    if chosen not in FORMATS:
        raise ConfigError(
            f"KAIZEN_LOG_FORMAT is {chosen!r}. Fix: set it to text or json, or leave it unset."
        )
    handler = logging.StreamHandler(sys.stderr)
    if chosen == "json":
        handler.addFilter(TurnFields())
        handler.setFormatter(
            JsonFormatter(
                "{levelname}{name}{message}{workspace}{surface}{event}",
                style="{",
                rename_fields={"levelname": "level", "name": "logger"},
                timestamp="time",  # ISO 8601 in UTC
            )
        )
    else:
        handler.setFormatter(logging.Formatter(PLAIN))
    logging.basicConfig(
        level=os.environ.get("KAIZEN_LOG_LEVEL", "WARNING").upper(), handlers=[handler]
    )
