"""Sending one parcel: post it (unless an earlier send in doubt did arrive), record where it
landed, or count the failure and say when to try again."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.actions import Delete, Post, PrivateReply, Reply, ShowHome, Update
from bot.clock import Clock
from bot.content import Content
from bot.meter import Meter, Unmetered
from bot.model.messages import Posted
from bot.model.queues import Claim, Parcel
from bot.outlet import DeliveryError, LookupFailed, Outlet
from bot.settings import Delivery as DeliveryPolicy
from bot.store import Database

log = logging.getLogger(__name__)


class Sender:
    """Takes one claimed parcel to the outlet and settles it in the outbox."""

    def __init__(
        self, database: Database, outlet: Outlet, clock: Clock, policy: DeliveryPolicy
    ) -> None:
        self.max_attempts = policy.attempts
        self.first_backoff = policy.first_retry
        self.longest_backoff = policy.longest_retry
        self._database = database
        self._outlet = outlet
        self._clock = clock
        self._quiet_until: dict[str, datetime] = {}
        """Workspaces the platform asked to wait (a 429's Retry-After), until when."""
        self.meter: Meter = Unmetered()

    def quiet(self, workspace: str, now: datetime) -> bool:
        """Whether the platform asked this workspace to wait, as of `now`."""
        return self._quiet_until.get(workspace, now) > now

    def waits(self, now: datetime) -> list[datetime]:
        """When the platform's waits still running end."""
        return [until for until in self._quiet_until.values() if until > now]

    async def attempt(self, parcel: Parcel, claim: Claim, budget: float) -> bool:
        """Send one parcel within `budget` seconds; True when its conversation may go on
        (sent, or given up on)."""
        try:
            return await self._attempt(parcel, claim, budget)
        except Exception:  # the outbox could not be settled: the lease runs out, it goes again
            self.meter.delivery("failed")
            raise

    async def _attempt(self, parcel: Parcel, claim: Claim, budget: float) -> bool:
        attempts = claim.attempts + 1
        try:
            async with asyncio.timeout(budget):
                outcome = await self._send(parcel, claim.in_doubt)
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
            posted = outcome.posted
            message_id = posted.message_id if posted else None
            now = self._clock.now()
            await store.outbox.sent(parcel.id, now, message_id, outcome.maybe_twice)
            key = getattr(parcel.action, "key", None)
            if posted is not None and key is not None and not isinstance(parcel.action, Update):
                await store.messages.remember(parcel.workspace, key, posted)
        self.meter.delivery("sent")
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
                await store.outbox.park(parcel.id, str(error), in_doubt)
                self.meter.delivery("parked")
                return True
            wait = self._backoff(attempts, error.retry_after)
            if error.retry_after is not None:
                # A rate limit is the workspace's, as far as we can tell: the whole
                # workspace waits, or the next posts would only run into it too.
                self._quiet_until[parcel.workspace] = self._clock.now() + wait
            log.warning(
                "parcel %s for %s failed (%s); next try in %s",
                parcel.id,
                parcel.workspace,
                error,
                wait,
            )
            await store.outbox.retry(parcel.id, self._clock.now() + wait, str(error), in_doubt)
        self.meter.delivery("retried")
        if error.retry_after is not None:
            self.meter.rate_limited()
        return False

    def _backoff(self, attempts: int, retry_after: float | None) -> timedelta:
        if retry_after is not None:
            return timedelta(seconds=retry_after)
        doubled: timedelta = self.first_backoff * 2 ** (attempts - 1)
        return min(self.longest_backoff, doubled)

    async def _send(self, parcel: Parcel, in_doubt: bool) -> Outcome:
        workspace, action = parcel.workspace, parcel.action
        tag = f"kaizen-parcel-{parcel.id}"
        match action:
            case Post(channel=channel, content=content, thread=thread):
                chain = Posted(channel, thread, thread) if thread else None
                return Outcome(await self._post(workspace, channel, content, chain, tag, in_doubt))
            case Reply(thread=thread, content=content, fallback=fallback):
                parent = await self._posted(workspace, thread)
                if parent is None and fallback is not None:
                    log.info("%s: %r was never posted; its reply goes privately", tag, thread)
                    return await self._private(workspace, fallback, tag, in_doubt)
                parent = _required(parent, thread)
                posted = await self._post(workspace, parent.channel, content, parent, tag, in_doubt)
                return Outcome(posted)
            case PrivateReply():
                return await self._private(workspace, action, tag, in_doubt)
            case Update(key=key, content=content):
                posted = _required(await self._posted(workspace, key), key)
                await self._outlet.update(workspace, posted, content)
            case Delete(key=key):
                posted = _required(await self._posted(workspace, key), key)
                await self._outlet.delete(workspace, posted)
            case ShowHome(person=person, content=content):
                await self._outlet.show_home(workspace, person, content)
        return Outcome()

    async def _private(
        self, workspace: str, action: PrivateReply, tag: str, in_doubt: bool
    ) -> Outcome:
        """Send a private answer, unless an earlier send in doubt is found to have arrived;
        where the platform cannot be asked, send it again and say it may show twice: a
        claim marks a post in doubt before it is tried, so not sending could lose it."""
        person, place = action.person, action.place
        twice = False
        if in_doubt:
            try:
                arrived = await self._outlet.find_private(workspace, person, place, tag)
            except DeliveryError as error:
                raise LookupFailed(str(error), retry_after=error.retry_after) from error
            if arrived:
                log.info("%s had arrived before all; not sending it again", tag)
                return Outcome()
            twice = arrived is None
            if twice:
                log.warning(
                    "%s: an earlier send to %s may have arrived and cannot be looked up; "
                    "sending it again (it may show twice)",
                    tag,
                    person.id,
                )
        await self._outlet.private(workspace, person, place, action.content, tag)
        return Outcome(maybe_twice=twice)

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

    async def _posted(self, workspace: str, key: str) -> Posted | None:
        async with self._database.reading() as store:
            return await store.messages.find(workspace, key)


@dataclass(frozen=True)
class Outcome:
    """How a send ended: where it landed (for posts), and whether it may show twice."""

    posted: Posted | None = None
    maybe_twice: bool = False


def _required(posted: Posted | None, key: str) -> Posted:
    if posted is None:
        raise DeliveryError(f"message {key!r} was never posted", permanent=True)
    return posted
