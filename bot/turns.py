"""Running turns from the inbox, as many at a time as the database allows.

An instance takes the oldest waiting entries, each the oldest of its conversation (so a
thread's answers are read in the order they came), and runs their turns; each turn claims
its entry's key in its own transaction, so it is done once, whichever instance ran it and
however often, and the entry is taken out after. A turn cut off by a crash runs again at
the next start (or on another instance, once its short lease has run out). A turn that
fails on our side (the database away) is tried again later, never dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.leases import Leases
from bot.model.queues import Entry, Waiting
from bot.store import Database

log = logging.getLogger(__name__)
RunEntry = Callable[[Entry], Awaitable[None]]


class TurnRunner:
    LEASE = timedelta(seconds=15)
    POLL = 1.0
    """Seconds between looks for work nobody announced (a dead instance's, a retry due)."""
    FIRST_RETRY = 0.5
    LONGEST_RETRY = 10.0
    """An acked request waits at most this long once the fault that held it has passed."""
    COUNT_EVERY = 0.5
    """Seconds between counts of what waits (for /healthz and for shedding load)."""

    def __init__(
        self,
        database: Database,
        surface: str,
        clock: Clock,
        worker: str,
        run_entry: RunEntry,
        workers: int,
    ) -> None:
        self._database = database
        self._surface = surface
        self._clock = clock
        self.worker = worker
        self._run_entry = run_entry
        self.workers = workers
        self.leases = Leases(self.LEASE, self._renew, clock, "inbox")
        self._running: dict[int, asyncio.Task[None]] = {}
        self._kick = asyncio.Event()
        self._stopping = False
        self.waiting = Waiting(0, None)
        """The inbox of this surface as the last count found it."""
        self._counted_at = float("-inf")

    def kick(self) -> None:
        """New work was stored: look now rather than at the next poll."""
        self._kick.set()

    async def run(self) -> None:
        """Take and run entries until `stop`."""
        while not self._stopping:
            self._kick.clear()
            try:
                await self._take()
            except Exception as error:
                log.warning("could not take requests from the inbox: %s", error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._kick.wait(), timeout=self.POLL)

    async def _take(self) -> None:
        free = self.workers - len(self._running)
        if free <= 0:
            return
        async with self._database.inbox() as inbox:
            now = self._clock.now()
            entries = await inbox.claim(self._surface, self.worker, now, self.leases.until(), free)
        for entry in entries:
            self.leases.hold([entry.id])
            task = asyncio.create_task(self._turn(entry), name=f"kaizen-turn-{entry.id}")
            self._running[entry.id] = task
        if len(entries) == free:
            self._kick.set()  # there may be more: look again as soon as a worker is free
        loop = asyncio.get_running_loop()
        if loop.time() >= self._counted_at + self.COUNT_EVERY:
            self._counted_at = loop.time()
            async with self._database.inbox() as inbox:
                self.waiting = await inbox.waiting(self._surface)

    async def _turn(self, entry: Entry) -> None:
        try:
            await self._run_entry(entry)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            await self._put_off(entry, error)
        else:
            await self._done(entry)
        finally:
            self.leases.drop([entry.id])
            self._running.pop(entry.id, None)
            self._kick.set()

    async def _done(self, entry: Entry) -> None:
        """Take the entry out. Should that fail, it runs again once its lease is out, and
        its turn, claimed by its key, changes nothing the second time."""
        try:
            async with self._database.inbox() as inbox:
                await inbox.done(entry.id)
        except Exception as error:
            log.warning("could not take request %s out of the inbox: %s", entry.id, error)

    async def _put_off(self, entry: Entry, error: Exception) -> None:
        """The turn failed on our side: try it again later (the fault may pass)."""
        wait = min(self.FIRST_RETRY * 2**entry.attempts, self.LONGEST_RETRY)
        log.warning(
            "request %s put off for %gs after %d attempt(s): %s",
            entry.id,
            wait,
            entry.attempts + 1,
            error,
        )
        try:
            async with self._database.inbox() as inbox:
                at = self._clock.now() + timedelta(seconds=wait)
                await inbox.retry(entry.id, at, f"{type(error).__name__}: {error}")
        except Exception as failure:  # then its lease runs out, and it is taken again
            log.warning("could not put request %s off: %s", entry.id, failure)

    async def _renew(self, ids: list[int], until: datetime) -> list[int]:
        async with self._database.inbox() as inbox:
            return await inbox.renew(ids, self.worker, until)

    async def stop(self, within: float) -> None:
        """Use `within` seconds to do what is waiting (a stop at a quiet moment leaves
        nothing behind), then take no more and cut short the turns still running: their
        entries stay in the inbox, given back for any instance to run."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while loop.time() < deadline and not self._stopping:
            try:
                async with self._database.inbox() as inbox:
                    left = (await inbox.waiting(self._surface)).count
            except Exception:  # the database is away: what waits, waits for the next start
                break
            if left == 0:
                break
            self._kick.set()
            await asyncio.sleep(0.05)
        self._stopping = True
        self._kick.set()
        running = list(self._running.values())
        if running:
            _, late = await asyncio.wait(running, timeout=max(deadline - loop.time(), 0.5))
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=2.0)
        with contextlib.suppress(Exception):
            async with self._database.inbox() as inbox:
                left = (await inbox.waiting(self._surface)).count
            if left:
                log.warning("stopping: %d request(s) left in the inbox for the next start", left)
        self.leases.stop()
        try:
            async with self._database.inbox() as inbox:
                await inbox.release_all(self.worker)
        except Exception as error:
            log.warning("could not give back this instance's requests: %s", error)
