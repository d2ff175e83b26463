"""One transaction's view of the database, as the engine's `Store`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.dialogues import SqlDialogueStore
from storage.ideas import SqlIdeaStore
from storage.kudos import SqlKudosStore
from storage.messages import SqlMessageStore
from storage.metrics import SqlMetricsStore
from storage.outbox import SENT, SqlOutboxStore
from storage.people import SqlPeopleStore
from storage.references import SqlReferenceStore
from storage.standups import SqlStandupStore
from storage.tables import InboundEventRow, InstanceRow, OnceRow, OutboxRow, WorkspaceRow
from storage.upsert import insert_new, upsert
from storage.workspaces import ensure_workspace


class SqlStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._ideas = SqlIdeaStore(session)
        self._dialogues = SqlDialogueStore(session)
        self._messages = SqlMessageStore(session)
        self._outbox = SqlOutboxStore(session)
        self._kudos = SqlKudosStore(session)
        self._people = SqlPeopleStore(session)
        self._standups = SqlStandupStore(session)
        self._references = SqlReferenceStore(session)
        self._metrics = SqlMetricsStore(session)

    @property
    def ideas(self) -> SqlIdeaStore:
        return self._ideas

    @property
    def dialogues(self) -> SqlDialogueStore:
        return self._dialogues

    @property
    def messages(self) -> SqlMessageStore:
        return self._messages

    @property
    def outbox(self) -> SqlOutboxStore:
        return self._outbox

    @property
    def kudos(self) -> SqlKudosStore:
        return self._kudos

    @property
    def people(self) -> SqlPeopleStore:
        return self._people

    @property
    def standups(self) -> SqlStandupStore:
        return self._standups

    @property
    def references(self) -> SqlReferenceStore:
        return self._references

    @property
    def metrics(self) -> SqlMetricsStore:
        return self._metrics

    async def claim_once(self, workspace: str, key: str, at: datetime) -> bool:
        return await insert_new(self.session, OnceRow, workspace_id=workspace, key=key, at=at)

    async def ensure_workspace(self, workspace: str, surface: str, at: datetime) -> None:
        await ensure_workspace(self.session, workspace, surface, at)

    async def knows_workspace(self, workspace: str) -> bool:
        return await self.session.get(WorkspaceRow, workspace) is not None

    async def seen(self, instance: str, at: datetime) -> None:
        await upsert(
            self.session,
            InstanceRow,
            ("id",),
            only=("seen_at",),
            id=instance,
            started_at=at,
            seen_at=at,
        )

    async def forget_before(self, workspace: str, before: datetime) -> int:
        handled = delete(InboundEventRow).where(
            col(InboundEventRow.workspace_id) == workspace,
            col(InboundEventRow.received_at) < before,
        )
        delivered = delete(OutboxRow).where(
            col(OutboxRow.workspace_id) == workspace,
            col(OutboxRow.state) == SENT,
            col(OutboxRow.sent_at) < before,
        )
        gone = 0
        for statement in (handled, delivered):
            result = await self.session.execute(statement)
            gone += int(getattr(result, "rowcount", 0) or 0)
        return gone

    async def claim_event(self, workspace: str, event_id: str, at: datetime) -> bool:
        return await insert_new(
            self.session, InboundEventRow, workspace_id=workspace, event_id=event_id, received_at=at
        )
