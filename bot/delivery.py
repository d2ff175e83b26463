"""Delivering the outbox to a chat surface: in order, with retries, never twice, and
promptly whichever instance stored the post.

Order is kept within a conversation (a channel, a card's thread, a person's private
answers): the pending parcels fall into chains of parcels that share one, each chain goes
out oldest first, and chains go out side by side. So a channel the platform paces (about a
post a second) or one that refuses posts holds up its own chain only; a rate limit (429)
holds up the whole workspace for as long as the platform asks.

A parcel is claimed with a short lease before it is sent, so two workers never send the
same one and what a dead worker held is taken over within seconds; claims are renewed
while their chain is being sent, and a worker sends only on claims it knows are still its
own. A claim marks the parcel in doubt until its outcome is known, so whoever sends it
next first looks for it on the platform.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from datetime import datetime, timedelta

from bot.actions import Delete, Deliverable, OpenForm, Post, PrivateReply, Reply, ShowHome, Update
from bot.clock import Clock
from bot.leases import Leases
from bot.model.queues import Claim, Parcel
from bot.outlet import DeliveryError, Outlet
from bot.people import Person
from bot.sending import Sender
from bot.settings import Delivery as DeliveryPolicy
from bot.store import Database

log = logging.getLogger(__name__)


class Courier:
    """Takes parcels from the outbox to one surface's outlet."""

    BATCH = 500
    CLAIM_AHEAD = 10
    """Parcels of one chain claimed at a time."""
    SENDERS = 32
    """Chains sent to at once."""
    ROUNDS = 10
    ELSEWHERE = timedelta(seconds=1)
    """How soon to look again at parcels another worker had claimed when this one came."""

    def __init__(
        self,
        database: Database,
        outlet: Outlet,
        surface: str,
        clock: Clock,
        idle: float = 1.0,
        policy: DeliveryPolicy | None = None,
        worker: str | None = None,
    ) -> None:
        policy = policy or DeliveryPolicy()
        self.surface = surface
        self.idle = idle
        self.worker = worker or f"{surface}-{uuid.uuid4().hex[:12]}"
        self.lease = policy.lease
        # A send must end well inside the part of the lease that is surely ours: renewals
        # come every third of it, so at least two thirds are left when a send starts.
        self.send_budget = policy.lease.total_seconds() * 0.6
        self.leases = Leases(policy.lease, self._renew, clock, "outbox")
        self.sender = Sender(database, outlet, clock, policy)
        self._database = database
        self._outlet = outlet
        self._clock = clock
        self._lock = asyncio.Lock()
        self._next_round: datetime | None = None
        """When the next retry or end of a wait falls due, as the last round found."""
        self._kick = asyncio.Event()
        self._stop_at: float | None = None
        """Loop time after which no send starts: set by `stop`."""

    @property
    def max_attempts(self) -> int:
        return self.sender.max_attempts

    @property
    def first_backoff(self) -> timedelta:
        return self.sender.first_backoff

    @first_backoff.setter
    def first_backoff(self, value: timedelta) -> None:
        self.sender.first_backoff = value

    async def open_form(self, workspace: str, action: OpenForm) -> None:
        """Forms are shown at once or not at all; a failure is logged, nothing else is lost."""
        try:
            await self._outlet.open_form(workspace, action)
        except DeliveryError as error:
            log.warning("could not open form %s for %s: %s", action.form.id, action.person, error)

    @property
    def knows_every_member(self) -> bool:
        return self._outlet.knows_every_member

    async def members(
        self, workspace: str, channel: str, whole: bool = False
    ) -> list[Person] | None:
        """Who is in the channel; None when the platform cannot say (logged): a question is
        not kept in the outbox, and whoever asked will ask again later. Asked once here:
        the outlet asks each page again in place (adapters/retry.py), one policy per call."""
        if whole and not self.knows_every_member:
            return None  # a partial list would pass for the whole channel
        try:
            return await self._outlet.members(workspace, channel)
        except DeliveryError as error:
            log.warning("could not list the members of %s: %s", channel, error)
            return None

    async def take_back(self) -> None:
        """At start: claims this worker held before a restart are its own to take back,
        at once, rather than waiting out their leases; then listen for new posts."""
        async with self._database.transaction() as store:
            taken = await store.outbox.release_all(self.worker)
        if taken:
            log.info("took back %d post(s) this instance held before it stopped", taken)
        await self._database.watch("outbox", self.surface, self.kick)

    async def flush(self) -> None:
        """Deliver every parcel that is due now; leave the rest for later.

        A round that sent something is followed by another (up to ROUNDS): parcels stored
        meanwhile behind the ones just sent were held back from any other worker while
        these went out, and would otherwise wait for the next idle round.
        """
        async with self._lock:
            for _ in range(self.ROUNDS):
                if not await self._round():
                    return

    async def _round(self) -> bool:
        """One pass over the pending parcels; True when it sent (or parked) any."""
        async with self._database.reading() as store:
            parcels = await store.outbox.pending(self.surface, self.BATCH)
        now = self._clock.now()
        chains = [c for c in _chains(parcels) if not self.sender.quiet(c[0].workspace, now)]
        heads = [p.id for chain in chains for p in _due(chain, now)[: self.CLAIM_AHEAD]]
        claims = await self._claim(heads)
        gate = asyncio.Semaphore(1 if self._outlet.one_stream else self.SENDERS)

        async def deliver(chain: list[Parcel]) -> tuple[bool, bool]:
            async with gate:
                return await self._deliver_chain(chain, claims)

        results = await asyncio.gather(*(deliver(c) for c in chains), return_exceptions=True)
        outcomes: list[tuple[bool, bool]] = []
        for result in results:
            if isinstance(result, BaseException):
                log.warning("delivery of a conversation broke off: %s", result)
                outcomes.append((False, True))  # look again soon
            else:
                outcomes.append(result)
        later = [p.next_try_at for p in parcels if p.next_try_at > now]
        later += self.sender.waits(now)
        if any(elsewhere for _, elsewhere in outcomes):
            later.append(self._clock.now() + self.ELSEWHERE)
        self._next_round = min(later, default=None)
        return any(done for done, _ in outcomes)

    async def _claim(self, ids: list[int]) -> dict[int, Claim]:
        if not ids:
            return {}
        async with self._database.transaction() as store:
            now = self._clock.now()
            claims = await store.outbox.claim(ids, now, self.leases.until(), self.worker)
        self.leases.hold(claims)
        return claims

    async def _deliver_chain(
        self, chain: list[Parcel], claims: dict[int, Claim]
    ) -> tuple[bool, bool]:
        """Send the chain in order, claiming further parcels as it goes, until one must wait
        (not due, held elsewhere, failed, the workspace asked to wait, or a stop). Says
        whether any parcel was settled and whether one was held by another worker."""
        done = elsewhere = False
        position = 0
        try:
            while position < len(chain) and not self._past_stop():
                parcel, now = chain[position], self._clock.now()
                if parcel.next_try_at > now or self.sender.quiet(parcel.workspace, now):
                    break
                if parcel.id not in claims:
                    if position == 0:
                        elsewhere = True  # it was due, and another worker has it
                        break
                    ahead = [p.id for p in _due(chain[position:], now)[: self.CLAIM_AHEAD]]
                    claims.update(await self._claim(ahead))
                    if parcel.id not in claims:
                        elsewhere = True
                        break
                if not self.leases.fresh(parcel.id, self.send_budget):
                    break  # no longer surely ours: give it back rather than risk a double
                try:
                    settled = await self.sender.attempt(parcel, claims[parcel.id], self.send_budget)
                finally:
                    self.leases.drop([parcel.id])
                    claims.pop(parcel.id, None)
                if not settled:
                    break
                done = True
                position += 1
        finally:
            await self._release([p for p in chain[position:] if p.id in claims], claims)
        return done, elsewhere

    async def _release(self, parcels: list[Parcel], claims: dict[int, Claim]) -> None:
        """Give back the claims of these parcels: they were not tried."""
        held = {p.id: claims.pop(p.id) for p in parcels if p.id in claims}
        if not held:
            return
        self.leases.drop(held)
        with contextlib.suppress(Exception):  # else their leases run out
            async with self._database.transaction() as store:
                await store.outbox.release(held)

    async def _renew(self, ids: list[int], until: datetime) -> list[int]:
        async with self._database.transaction() as store:
            return await store.outbox.renew(ids, self.worker, until)

    def _wait(self) -> float:
        """Seconds until the next round: at the latest after `idle`, sooner when a retry or
        the end of a platform's "wait" falls due before that."""
        if self._next_round is None:
            return self.idle
        due = (self._next_round - self._clock.now()).total_seconds()
        return min(self.idle, max(due, 0.05))

    def kick(self) -> None:
        """Ask the running loop to flush now rather than at its next round."""
        self._kick.set()

    async def run(self) -> None:
        """Flush on every kick and every second or so, so retries, other instances' posts
        and restarts deliver. After `stop`, one last round (within its time) and the end."""
        renewing = asyncio.create_task(self.leases.run(), name=f"{self.surface}-outbox-leases")
        try:
            while True:
                self._kick.clear()
                last = self._stop_at is not None
                try:
                    await self.flush()
                except Exception:
                    log.exception("outbox round failed; trying again shortly")
                if last:
                    return
                if self._stop_at is not None:
                    continue  # the stop came during that round: one more, the last
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._kick.wait(), timeout=self._wait())
        finally:
            self.leases.stop()
            await renewing

    def stop(self, within: float = 5.0) -> None:
        """Make a last round, starting no send after `within` seconds from now."""
        self._stop_at = asyncio.get_running_loop().time() + within
        self._kick.set()

    def _past_stop(self) -> bool:
        return self._stop_at is not None and asyncio.get_running_loop().time() >= self._stop_at

    async def give_back(self) -> None:
        """At the end of a stop: what this worker still holds goes back for others, marked
        in doubt where a send had begun."""
        try:
            async with self._database.transaction() as store:
                await store.outbox.release_all(self.worker)
        except Exception as error:
            log.warning("could not give back this instance's posts: %s", error)


def conversation(action: Deliverable) -> frozenset[str]:
    """What a parcel must keep its place in: its channel, the card or thread it belongs to,
    the person it is for. Parcels sharing any of these go out in the order they were made."""
    match action:
        case Post(channel=channel, key=key):
            return frozenset({f"channel:{channel}", *([f"key:{key}"] if key else [])})
        case Reply(thread=thread, key=key):
            return frozenset({f"key:{thread}", *([f"key:{key}"] if key else [])})
        case Update(key=key) | Delete(key=key):
            return frozenset({f"key:{key}"})
        case PrivateReply(person=person):
            return frozenset({f"person:{person.id}"})
        case ShowHome(person=person):
            return frozenset({f"home:{person.id}"})


def _chains(parcels: list[Parcel]) -> list[list[Parcel]]:
    """The parcels (oldest first) in chains of those sharing a conversation, directly or
    through others; each chain oldest first. Chains of different workspaces never join."""
    owner: dict[tuple[str, str], int] = {}
    chains: dict[int, list[Parcel]] = {}
    for n, parcel in enumerate(parcels):
        keys = _keys(parcel)
        joined = sorted({owner[key] for key in keys if key in owner})
        into = joined[0] if joined else n
        chain = chains.setdefault(into, [])
        for other in joined[1:]:
            for moved in chains.pop(other):
                chain.append(moved)
                owner.update(dict.fromkeys(_keys(moved), into))
        chain.append(parcel)
        owner.update(dict.fromkeys(keys, into))
    return [sorted(chain, key=lambda p: p.id) for _, chain in sorted(chains.items())]


def _keys(parcel: Parcel) -> list[tuple[str, str]]:
    return [(parcel.workspace, key) for key in conversation(parcel.action)]


def _due(chain: list[Parcel], now: datetime) -> list[Parcel]:
    """The chain's parcels up to the first that is not due yet."""
    due = []
    for parcel in chain:
        if parcel.next_try_at > now:
            break
        due.append(parcel)
    return due
