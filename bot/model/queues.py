"""The two work queues in storage, as the engine sees them: the inbox (requests taken in,
waiting for their turns) and the outbox (actions waiting to be delivered)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.actions import Deliverable
from bot.events import FromPerson


@dataclass(frozen=True)
class Parcel:
    """One stored action on its way to the platform."""

    id: int
    workspace: str
    action: Deliverable
    attempts: int
    next_try_at: datetime


@dataclass(frozen=True)
class Claim:
    """A parcel taken for delivery, as the database knew it at that moment."""

    attempts: int
    in_doubt: bool
    """An earlier send may have reached the platform: look for it before sending again."""


@dataclass(frozen=True)
class Backlog:
    pending: int
    parked: int
    oldest_pending: datetime | None
    oldest_parked: datetime | None = None


class OutboxStore(Protocol):
    async def add(
        self, workspace: str, surface: str, actions: list[Deliverable], at: datetime
    ) -> None:
        """Keep actions for delivery, in order, in the transaction that caused them."""
        ...

    async def pending(self, surface: str, limit: int) -> list[Parcel]:
        """Undelivered parcels of a surface, oldest first."""
        ...

    async def claim(
        self, parcel_ids: Sequence[int], now: datetime, until: datetime, worker: str
    ) -> dict[int, Claim]:
        """Take parcels for delivery until `until` and mark each in doubt until its outcome
        is known; the claims (by parcel id) of those taken, leaving out any that is not due,
        no longer pending, or held (or being claimed) by another worker."""
        ...

    async def renew(self, parcel_ids: Sequence[int], worker: str, until: datetime) -> list[int]:
        """Hold these parcels (still claimed by `worker`) until `until`: a send is running.
        The ids that were still held."""
        ...

    async def release(self, claims: Mapping[int, Claim]) -> None:
        """Give back parcels claimed but not tried, as they were (by parcel id)."""
        ...

    async def release_all(self, worker: str) -> int:
        """Give back every claim `worker` holds (a restarted instance, whose sends in doubt
        stay marked so); how many."""
        ...

    async def sent(
        self, parcel_id: int, at: datetime, message_id: str | None, maybe_twice: bool = False
    ) -> None:
        """Settle a parcel as delivered; `maybe_twice` when an earlier send may have arrived
        too and the platform could not be asked (it stays marked in doubt)."""
        ...

    async def retry(self, parcel_id: int, at: datetime, error: str, in_doubt: bool) -> None:
        """Count a failed attempt and try again at `at`; `in_doubt` when the platform may
        have taken it all the same (a timeout, a 5xx)."""
        ...

    async def park(self, parcel_id: int, error: str, in_doubt: bool = False) -> None:
        """Give up on a parcel; it stays, with its error, for people to see (and to send
        again with `kaizen outbox retry`, looking for it first when `in_doubt`)."""
        ...

    async def backlog(self, surface: str | None = None) -> Backlog: ...

    async def stuck(
        self, pending_before: datetime | None, workspace: str | None = None
    ) -> list[Stuck]:
        """Parked parcels, and pending ones stored before `pending_before` (none when it is
        None), oldest first."""
        ...

    async def parcels(self, parcel_ids: Sequence[int]) -> list[Stuck]:
        """These parcels as they stand, whatever their state (unknown ids left out)."""
        ...

    async def requeue(self, parcel_ids: Sequence[int], at: datetime) -> list[int]:
        """Send these again from `at`, their attempts counted afresh: parked or dropped ones,
        and pending ones no worker holds. The ids that went back."""
        ...

    async def drop(self, parcel_ids: Sequence[int], at: datetime) -> list[int]:
        """Give up on these for good (parked ones, and pending ones no worker holds); they
        stay, marked dropped, for the record. The ids dropped."""
        ...


@dataclass(frozen=True)
class Stuck:
    """A parcel as an admin looks at it: what it is, how far it got, what the platform said."""

    id: int
    workspace: str
    surface: str
    action: Deliverable | None
    """None when the stored action can no longer be read."""
    state: str
    attempts: int
    error: str | None
    created_at: datetime
    next_try_at: datetime
    held_until: datetime | None
    """Until when a worker holds it (a send is running)."""


@dataclass(frozen=True)
class Entry:
    """A request taken into the inbox whose turn has not been done yet."""

    id: int
    key: str
    """What its turn is known by once done (the platform's delivery id, or one of ours):
    claimed in the turn's transaction, so the turn is done once however often it runs."""
    event: FromPerson
    attempts: int
    received_at: datetime


@dataclass(frozen=True)
class Waiting:
    """The inbox as /healthz shows it: requests waiting for their turn, and the oldest."""

    count: int
    oldest: datetime | None


class InboxStore(Protocol):
    async def add(
        self, surface: str, events: Sequence[tuple[FromPerson, str]], at: datetime
    ) -> None:
        """Keep (event, conversation) pairs until their turns are done; an event whose
        platform delivery id is already in the inbox (a retry) is not kept twice."""
        ...

    async def claim(
        self, surface: str, worker: str, now: datetime, until: datetime, limit: int
    ) -> list[Entry]:
        """Up to `limit` entries due now, oldest first, each the oldest left of its
        conversation (so a conversation's turns run in order), taken until `until`."""
        ...

    async def renew(self, entry_ids: Sequence[int], worker: str, until: datetime) -> list[int]:
        """Hold these entries (still claimed by `worker`) until `until`: their turns run.
        The ids that were still held."""
        ...

    async def done(self, entry_id: int) -> None:
        """Take the entry out: its turn is done (and its key claimed)."""
        ...

    async def retry(self, entry_id: int, at: datetime, error: str) -> None:
        """Its turn failed on our side: count the attempt and let it be claimed at `at`."""
        ...

    async def release_all(self, worker: str) -> int:
        """Give back every entry `worker` holds; how many."""
        ...

    async def waiting(self, surface: str | None = None) -> Waiting: ...
