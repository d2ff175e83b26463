"""SQLite's one writer, taken in turn inside the process, with acks first.

SQLite lets one transaction write at a time; a second one that asks meanwhile is made to
poll, sleeping up to 100 ms between tries. Inside one process the writers queue here
instead and each starts the moment the one before commits; the writes that requests wait
on before they can be acked go ahead of the rest (turns, deliveries), so an ack waits for
at most the one transaction under way.
"""

from __future__ import annotations

import asyncio
from collections import deque


class Writers:
    def __init__(self) -> None:
        self._busy = False
        self._first: deque[asyncio.Future[None]] = deque()
        self._rest: deque[asyncio.Future[None]] = deque()

    async def take(self, first: bool = False) -> None:
        """Wait for the write lock (ahead of the others when `first`)."""
        if not self._busy:
            self._busy = True
            return
        waiting: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._first if first else self._rest).append(waiting)
        try:
            await waiting
        except asyncio.CancelledError:
            if waiting.done() and not waiting.cancelled():
                self.give()  # it was handed over just as the waiter gave up
            raise

    def give(self) -> None:
        """Hand the write lock to the next in line, or let it go."""
        for line in (self._first, self._rest):
            while line:
                waiting = line.popleft()
                if not waiting.done():
                    waiting.set_result(None)
                    return
        self._busy = False
