"""Claims kept alive while their work runs.

Work (an inbox entry, an outbox parcel) is claimed for a short lease, so that what a dead
instance held is taken over within seconds. A claim whose work is still running is renewed
every third of its lease. If renewing fails, the lease runs out and another worker may take
the work over; the holder stops starting work on claims it can no longer vouch for
(`fresh`), and the work is built to survive the rest (a turn is done once, a send in doubt
is looked for before it is sent again).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection, Iterable
from datetime import datetime, timedelta

from bot.clock import Clock

log = logging.getLogger(__name__)
Renew = Callable[[list[int], datetime], Awaitable[Collection[int]]]
"""Extends claims to a time; gives back the ids that were still held."""


class Leases:
    def __init__(self, length: timedelta, renew: Renew, clock: Clock, what: str) -> None:
        self.length = length
        self._renew = renew
        self._clock = clock
        self._what = what
        self._good_until: dict[int, float] = {}
        """Each held claim, and until when (loop time) it is known to be ours."""
        self._stopping = asyncio.Event()

    def until(self) -> datetime:
        """When a claim made now runs out."""
        return self._clock.now() + self.length

    def hold(self, ids: Iterable[int]) -> None:
        """These claims were just made."""
        good_until = self._now() + self.length.total_seconds()
        self._good_until.update(dict.fromkeys(ids, good_until))

    def drop(self, ids: Iterable[int]) -> None:
        for claim in ids:
            self._good_until.pop(claim, None)

    def fresh(self, claim: int, for_seconds: float) -> bool:
        """Whether the claim is surely still ours for the next `for_seconds`."""
        return self._good_until.get(claim, float("-inf")) - self._now() > for_seconds

    async def run(self) -> None:
        """Renew what is held, every third of the lease, until `stop`."""
        every = max(self.length.total_seconds() / 3, 0.05)
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=every)
            held = list(self._good_until)
            if not held or self._stopping.is_set():
                continue
            began = self._now()
            try:
                kept = set(await self._renew(held, self.until()))
            except Exception as error:
                log.warning("could not renew %d %s claim(s): %s", len(held), self._what, error)
                continue
            good_until = began + self.length.total_seconds()
            for claim in held:
                if claim not in self._good_until:
                    continue  # its work ended meanwhile
                if claim in kept:
                    self._good_until[claim] = good_until
                else:
                    log.info("%s claim %s is no longer this worker's", self._what, claim)
                    self._good_until[claim] = float("-inf")

    def stop(self) -> None:
        self._stopping.set()

    @staticmethod
    def _now() -> float:
        return asyncio.get_running_loop().time()
