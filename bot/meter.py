"""What the engine tells an operator's meter as it works: turns, deliveries, rate limits and
time-driven rounds. A port, so the engine counts without knowing Prometheus (kaizen/metrics.py
is the real one); the default counts nothing."""

from __future__ import annotations

from typing import Literal, Protocol

Delivered = Literal["sent", "retried", "parked", "failed"]
"""How one send ended: on the platform; to be tried again; given up on; broken off on our side
(the outbox could not be settled), so its lease runs out and it is tried again."""


class Meter(Protocol):
    """One surface's meter."""

    def turn(self, seconds: float, ok: bool) -> None:
        """A turn ran for `seconds`; `ok` is False when it failed on our side."""

    def delivery(self, result: Delivered) -> None:
        """A parcel's send ended so."""

    def rate_limited(self) -> None:
        """The platform answered a send with a rate limit (429) and a time to wait."""

    def scheduled(self, kind: str, ok: bool) -> None:
        """Time-driven work of this kind ran (a tick, a due stand-up); `ok` False if it failed."""


class Unmetered:
    """Counts nothing: the engine's default, and the terminal chat's."""

    def turn(self, seconds: float, ok: bool) -> None:
        pass

    def delivery(self, result: Delivered) -> None:
        pass

    def rate_limited(self) -> None:
        pass

    def scheduled(self, kind: str, ok: bool) -> None:
        pass
