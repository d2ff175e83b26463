"""What the store counts for a period, for the numbers leaders look at and the charts.

The store does the counting in SQL; `bot/metrics` makes medians and shares from these, so
both databases give the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.model.ideas import Path, Stage


@dataclass(frozen=True)
class Given:
    """Ideas given in a period, by where they stand now. `joined` were the same problem as
    an earlier idea and went on in its thread: neither set aside nor open."""

    submitted: int = 0
    done: int = 0
    dropped: int = 0
    still_open: int = 0
    joined: int = 0

    def __add__(self, other: Given) -> Given:
        return Given(
            self.submitted + other.submitted,
            self.done + other.done,
            self.dropped + other.dropped,
            self.still_open + other.still_open,
            self.joined + other.joined,
        )


@dataclass(frozen=True)
class Turnout:
    """Who could have taken part in a period, and who did."""

    people: int
    participants: int
    """Those who gave an idea or answered a stand-up."""
    listed: bool = False
    """True when `people` are members as the platform lists them; False when no list is
    known and they are the people seen taking part in anything (ideas, whys, kudos)."""


@dataclass(frozen=True)
class Tally:
    """What the store counted for one period, per path and channel."""

    first_given: datetime | None
    """When the first idea (of the channel and path asked for) was given, ever."""
    given: dict[tuple[Path, str], Given]
    authors: frozenset[tuple[Path, str]]
    """(path, person) for everyone who gave an idea in the period."""
    leads: Sequence[tuple[Path, str, float]]
    """(path, channel, seconds from given to done) of each idea done in the period."""
    stays: Mapping[tuple[Path | None, Stage], float]
    """Median seconds in each stage, per path (None: both paths), of the stays in a stage
    that ended in the period."""
    recent: Mapping[Path, int] = field(default_factory=dict)
    """Ideas given in the month up to the end of the period, per path: the rate per person
    of a period shorter than a month is read from these, not extrapolated from a few days."""


@dataclass(frozen=True)
class SpanTally:
    """What the store counted for one span of time (a week, for the charts)."""

    given: int
    done_of_given: int
    """Of the ideas given in the span, how many are done by now."""
    leads: Sequence[float]
    """Seconds from given to done, of each idea done in the span."""
