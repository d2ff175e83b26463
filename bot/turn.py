"""What a handler gets besides its event: the store of this turn, the settings, the time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.language.advice import Advice
from bot.links import BoardLinks, NoBoardLinks
from bot.settings import Settings
from bot.store import Store


@dataclass(frozen=True)
class Turn:
    """One event's handling. `now` is read once from the clock, so a turn has one time."""

    store: Store
    settings: Settings
    now: datetime
    links: BoardLinks = field(default_factory=NoBoardLinks)
    advice: Advice | None = None
    """The advisor model's checked reading of the answer this event gives, asked before the
    turn's transaction began; None when there is no advisor, no answer, or no reading."""
