"""The outbox: actions stored with the change that caused them, until delivered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.actions import Deliverable
from bot.codec import dumps, loads
from bot.store import Backlog, Claim, Parcel
from storage.tables import OutboxRow

PENDING, SENT, PARKED = "pending", "sent", "parked"


class SqlOutboxStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, workspace: str, surface: str, actions: list[Deliverable], at: datetime
    ) -> None:
        for action in actions:
            self._session.add(
                OutboxRow(
                    workspace_id=workspace,
                    surface=surface,
                    action=dumps(action),
                    next_try_at=at,
                    created_at=at,
                )
            )
        await self._session.flush()

    async def pending(self, surface: str, limit: int) -> list[Parcel]:
        statement = (
            select(OutboxRow)
            .where(col(OutboxRow.surface) == surface, col(OutboxRow.state) == PENDING)
            .order_by(col(OutboxRow.id))
            .limit(limit)
        )
        rows = (await self._session.execute(statement)).scalars()
        return [
            Parcel(row.id or 0, row.workspace_id, loads(row.action), row.attempts, row.next_try_at)
            for row in rows
        ]

    async def claim(
        self, parcel_ids: Sequence[int], now: datetime, until: datetime
    ) -> dict[int, Claim]:
        # The turn's lock (BEGIN IMMEDIATE, or the advisory lock) makes read-then-write safe.
        statement = select(OutboxRow).where(col(OutboxRow.id).in_(parcel_ids)).with_for_update()
        rows = {row.id: row for row in (await self._session.execute(statement)).scalars()}
        claims: dict[int, Claim] = {}
        for parcel_id in parcel_ids:
            row = rows.get(parcel_id)
            if row is None or row.state != PENDING or row.next_try_at > now:
                continue
            if row.claimed_until is not None and row.claimed_until >= now:
                continue
            claims[parcel_id] = Claim(attempts=row.attempts, in_doubt=row.in_doubt)
            row.claimed_until, row.in_doubt = until, True
            self._session.add(row)
        await self._session.flush()
        return claims

    async def release(self, claims: Mapping[int, Claim]) -> None:
        for parcel_id, claim in claims.items():
            await self._set(parcel_id, claimed_until=None, in_doubt=claim.in_doubt)

    async def sent(self, parcel_id: int, at: datetime, message_id: str | None) -> None:
        await self._set(
            parcel_id, state=SENT, sent_at=at, message_id=message_id, claimed_until=None
        )

    async def retry(self, parcel_id: int, at: datetime, error: str, in_doubt: bool) -> None:
        await self._set(
            parcel_id,
            attempts=col(OutboxRow.attempts) + 1,
            next_try_at=at,
            last_error=error[:2000],
            claimed_until=None,
            in_doubt=in_doubt,
        )

    async def park(self, parcel_id: int, error: str) -> None:
        await self._set(
            parcel_id,
            state=PARKED,
            attempts=col(OutboxRow.attempts) + 1,
            last_error=error[:2000],
            claimed_until=None,
        )

    async def backlog(self, surface: str | None = None) -> Backlog:
        where = [] if surface is None else [col(OutboxRow.surface) == surface]
        statement = (
            select(col(OutboxRow.state), func.count(), func.min(col(OutboxRow.created_at)))
            .where(*where, col(OutboxRow.state) != SENT)
            .group_by(col(OutboxRow.state))
        )
        counts = {state: (n, oldest) for state, n, oldest in await self._session.execute(statement)}
        pending, oldest = counts.get(PENDING, (0, None))
        return Backlog(
            pending=pending, parked=counts.get(PARKED, (0, None))[0], oldest_pending=oldest
        )

    async def _set(self, parcel_id: int, **values: object) -> None:
        await self._session.execute(
            update(OutboxRow).where(col(OutboxRow.id) == parcel_id).values(**values)
        )
