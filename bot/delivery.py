"""Delivering the outbox to a chat surface: in order, with retries, never twice.

Each workspace is a lane: its parcels go out oldest first, so a thread reply never
overtakes the card it belongs to; lanes of different workspaces go out side by side. Order
is kept within a conversation (a channel, a card's thread, a person's private answers): a
parcel that must wait (backing off, or held by another worker) holds up the later parcels
of its conversation only, so one channel that refuses posts does not stall the others; a
rate limit (429) holds up the whole workspace for as long as the platform asks. A parcel
is claimed with a lease before sending, so two workers never send the same one; a
send that is not done well within its lease is abandoned (and looked for before the next
try), so a worker that stalls cannot send what another worker has taken over since.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from datetime import datetime, timedelta

from bot.actions import (
    Delete,
    Deliverable,
    OpenForm,
    Post,
    PrivateReply,
    Reply,
    ShowHome,
    Update,
)
from bot.clock import Clock
from bot.content import Content
from bot.outlet import DeliveryError, LookupFailed, Outlet
from bot.people import Person
from bot.settings import Delivery as DeliveryPolicy
from bot.store import Claim, Database, Parcel, Posted

log = logging.getLogger(__name__)


class Courier:
    """Takes parcels from the outbox to one surface's outlet."""

    BATCH = 500
    CLAIM_BATCH = 25

    def __init__(
        self,
        database: Database,
        outlet: Outlet,
        surface: str,
        clock: Clock,
        idle: float = 5.0,
        policy: DeliveryPolicy | None = None,
    ) -> None:
        policy = policy or DeliveryPolicy()
        self.lease = policy.lease
        # The rest of the lease is a margin for a request on the wire to land before the
        # lease runs out and another worker may look for it.
        self.send_budget = policy.lease.total_seconds() * 0.75
        self.max_attempts = policy.attempts
        self.first_backoff = policy.first_retry
        self.longest_backoff = policy.longest_retry
        self.surface = surface
        self.idle = idle
        self._database = database
        self._outlet = outlet
        self._clock = clock
        self._lock = asyncio.Lock()
        self._quiet_until: dict[str, datetime] = {}
        """Workspaces the platform asked to wait (a 429's Retry-After), until when."""
        self._next_round: datetime | None = None
        """When the next retry or end of a wait falls due, as the last round found."""
        self._kick = asyncio.Event()
        self._stopping = False

    async def open_form(self, workspace: str, action: OpenForm) -> None:
        """Forms are shown at once or not at all; a failure is logged, nothing else is lost."""
        try:
            await self._outlet.open_form(workspace, action)
        except DeliveryError as error:
            log.warning("could not open form %s for %s: %s", action.form.id, action.person, error)

    MEMBER_TRIES = 3

    @property
    def knows_every_member(self) -> bool:
        return self._outlet.knows_every_member

    async def members(
        self, workspace: str, channel: str, whole: bool = False
    ) -> list[Person] | None:
        """Who is in the channel, asked a few times over a minute or so (waiting as long as
        the platform says); None when it cannot say (logged): a question is not kept in the
        outbox, and whoever asked will ask again later."""
        if whole and not self.knows_every_member:
            return None  # a partial list would pass for the whole channel
        for attempt in range(1, self.MEMBER_TRIES + 1):
            try:
                return await self._outlet.members(workspace, channel)
            except DeliveryError as error:
                if error.permanent or attempt == self.MEMBER_TRIES:
                    log.warning("could not list the members of %s: %s", channel, error)
                    return None
                wait = min(error.retry_after or 2.0 ** (attempt - 1), 30.0)
                log.info(
                    "listing the members of %s failed (%s); again in %gs", channel, error, wait
                )
                await asyncio.sleep(wait)
        return None

    ROUNDS = 10
    ELSEWHERE = timedelta(seconds=1)
    """How soon to look again at parcels another worker had claimed when this one came."""

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
        async with self._database.transaction() as store:
            parcels = await store.outbox.pending(self.surface, self.BATCH)
        now = self._clock.now()
        lanes: dict[str, list[Parcel]] = defaultdict(list)
        for parcel in parcels:
            if self._quiet_until.get(parcel.workspace, now) <= now:
                lanes[parcel.workspace].append(parcel)
        outcomes = await asyncio.gather(*(self._deliver_lane(lane) for lane in lanes.values()))
        later = [p.next_try_at for p in parcels if p.next_try_at > now]
        later += [until for until in self._quiet_until.values() if until > now]
        if any(elsewhere for _, elsewhere in outcomes):
            later.append(self._clock.now() + self.ELSEWHERE)
        self._next_round = min(later, default=None)
        return any(done for done, _ in outcomes)

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
        """Flush on every kick and every few seconds, so retries and restarts deliver.

        Ends after one last round once `stop` is called; it is never cancelled in the middle
        of a transaction.
        """
        while True:
            try:
                await self.flush()
            except Exception:
                log.exception("outbox round failed; trying again shortly")
            if self._stopping:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._kick.wait(), timeout=self._wait())
            self._kick.clear()

    def stop(self) -> None:
        self._stopping = True
        self._kick.set()

    async def _deliver_lane(self, lane: list[Parcel]) -> tuple[bool, bool]:
        """Claim the lane's due parcels a batch at a time (one transaction for many), then
        send them in order; a parcel whose conversation is held up waits, and what a stop
        leaves untried is given back at once. Says whether any parcel was settled (sent or
        parked) and whether any was held by another worker."""
        now = self._clock.now()
        held: set[str] = set()
        due = _free(lane, held, now)
        loop = asyncio.get_running_loop()
        done = elsewhere = False
        while due:
            batch, due = due[: self.CLAIM_BATCH], due[self.CLAIM_BATCH :]
            deadline = loop.time() + self.send_budget
            async with self._database.transaction() as store:
                now = self._clock.now()  # after waiting for the turn's lock, not before
                claims = await store.outbox.claim([p.id for p in batch], now, now + self.lease)
            for n, parcel in enumerate(batch):
                if loop.time() >= deadline:  # another worker may take over: give the rest back
                    await self._release(batch[n:], claims)
                    return done, elsewhere
                claim = claims.get(parcel.id)
                if claim is None or held & conversation(parcel.action):
                    elsewhere = elsewhere or claim is None
                    held |= conversation(parcel.action)  # held elsewhere, or behind one that is
                    await self._release([parcel], claims)
                elif await self._attempt(parcel, claim, deadline):
                    done = True
                else:
                    held |= conversation(parcel.action)
                    if self._quiet_until.get(parcel.workspace, now) > self._clock.now():
                        await self._release(batch[n + 1 :], claims)  # the platform said wait
                        return done, elsewhere
            due = _free(due, held)  # what waits now is not claimed, let alone sent
        return done, elsewhere

    async def _release(self, parcels: list[Parcel], claims: dict[int, Claim]) -> None:
        """Give back the claims of these parcels: they were not tried."""
        held = {p.id: claims[p.id] for p in parcels if p.id in claims}
        if held:
            async with self._database.transaction() as store:
                await store.outbox.release(held)

    async def _attempt(self, parcel: Parcel, claim: Claim, deadline: float) -> bool:
        """Send one parcel before `deadline` (loop time); True when the lane may go on
        (sent, or given up on)."""
        attempts = claim.attempts + 1
        try:
            async with asyncio.timeout_at(deadline):
                posted = await self._send(parcel, claim.in_doubt)
        except TimeoutError:
            failure = DeliveryError("not sent within its lease; it may have arrived", unsure=True)
            return await self._failed(parcel, attempts, failure, claim.in_doubt)
        except DeliveryError as error:
            return await self._failed(parcel, attempts, error, claim.in_doubt)
        except Exception as error:
            log.exception("outlet failed on parcel %s", parcel.id)
            failure = DeliveryError(repr(error), unsure=True)
            return await self._failed(parcel, attempts, failure, claim.in_doubt)
        async with self._database.transaction() as store:
            message_id = posted.message_id if posted else None
            await store.outbox.sent(parcel.id, self._clock.now(), message_id)
            key = getattr(parcel.action, "key", None)
            if posted is not None and key is not None and not isinstance(parcel.action, Update):
                await store.messages.remember(parcel.workspace, key, posted)
        return True

    async def _failed(
        self, parcel: Parcel, attempts: int, error: DeliveryError, was_in_doubt: bool
    ) -> bool:
        # A failed look-up settles nothing; a refused send settles an earlier doubt.
        in_doubt = error.unsure or (was_in_doubt and isinstance(error, LookupFailed))
        async with self._database.transaction() as store:
            # Waiting when the platform says so is no failure: it never uses up attempts.
            used_up = attempts >= self.max_attempts and error.retry_after is None
            if error.permanent or used_up:
                log.error(
                    "parked parcel %s for %s after %d attempt(s): %s",
                    parcel.id,
                    parcel.workspace,
                    attempts,
                    error,
                )
                await store.outbox.park(parcel.id, str(error))
                return True
            wait = self._backoff(attempts, error.retry_after)
            if error.retry_after is not None:
                # A rate limit is the workspace's, as far as we can tell: the whole lane
                # waits, or the next posts would only run into it too.
                self._quiet_until[parcel.workspace] = self._clock.now() + wait
            log.warning(
                "parcel %s for %s failed (%s); next try in %s",
                parcel.id,
                parcel.workspace,
                error,
                wait,
            )
            await store.outbox.retry(parcel.id, self._clock.now() + wait, str(error), in_doubt)
        return False

    def _backoff(self, attempts: int, retry_after: float | None) -> timedelta:
        if retry_after is not None:
            return timedelta(seconds=retry_after)
        doubled: timedelta = self.first_backoff * 2 ** (attempts - 1)
        return min(self.longest_backoff, doubled)

    async def _send(self, parcel: Parcel, in_doubt: bool) -> Posted | None:
        workspace, action = parcel.workspace, parcel.action
        tag = f"kaizen-parcel-{parcel.id}"
        match action:
            case Post(channel=channel, content=content):
                return await self._post(workspace, channel, content, None, tag, in_doubt)
            case Reply(thread=thread, content=content):
                parent = await self._find(workspace, thread)
                return await self._post(workspace, parent.channel, content, parent, tag, in_doubt)
            case PrivateReply(person=person, place=place, content=content):
                await self._outlet.private(workspace, person, place, content)
            case Update(key=key, content=content):
                await self._outlet.update(workspace, await self._find(workspace, key), content)
            case Delete(key=key):
                await self._outlet.delete(workspace, await self._find(workspace, key))
            case ShowHome(person=person, content=content):
                await self._outlet.show_home(workspace, person, content)
        return None

    async def _post(
        self,
        workspace: str,
        channel: str,
        content: Content,
        thread: Posted | None,
        tag: str,
        in_doubt: bool,
    ) -> Posted:
        """Post, unless an earlier send whose outcome we never learned did arrive."""
        if in_doubt:
            try:
                found = await self._outlet.find_post(workspace, channel, thread, tag)
            except DeliveryError as error:
                raise LookupFailed(str(error), retry_after=error.retry_after) from error
            if found is not None:
                log.info("%s had arrived before all; not sending it again", tag)
                return found
        return await self._outlet.post(workspace, channel, content, thread, tag)

    async def _find(self, workspace: str, key: str) -> Posted:
        async with self._database.transaction() as store:
            posted = await store.messages.find(workspace, key)
        if posted is None:
            raise DeliveryError(f"message {key!r} was never posted", permanent=True)
        return posted


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


def _free(parcels: list[Parcel], held: set[str], now: datetime | None = None) -> list[Parcel]:
    """The parcels free to go, in order. One not due yet (at `now`) or in a conversation
    already held up holds up its conversation for the parcels after it."""
    free = []
    for parcel in parcels:
        waiting = now is not None and parcel.next_try_at > now
        if waiting or held & conversation(parcel.action):
            held |= conversation(parcel.action)
        else:
            free.append(parcel)
    return free
