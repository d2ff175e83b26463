"""Ideas and their stage history."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.model.ideas import Check, Idea, IdeaFilter, Path, Result, Stage, StageChange
from bot.people import Person
from storage.locks import for_change
from storage.tables import CheckRow, DialogueRow, GuestRow, IdeaRow, StageChangeRow, WhyRow
from storage.workspaces import take_idea_number

_CLOSED = (Stage.DONE.value, Stage.DROPPED.value)


async def idea_row(session: AsyncSession, workspace: str, number: int) -> IdeaRow | None:
    """The idea's row; locked in a writing transaction, since a turn reads an idea to
    change it (or what hangs off it: its whys, its stages). A turn asks for one idea
    several times: it is read once per transaction (the session's row is the idea's
    state from then on, changes included)."""
    known: dict[tuple[str, int], IdeaRow] = session.info.setdefault(_ROWS, {})
    row = known.get((workspace, number))
    if row is None:
        statement = select(IdeaRow).where(
            col(IdeaRow.workspace_id) == workspace, col(IdeaRow.number) == number
        )
        row = (await session.execute(for_change(session, statement))).scalar_one_or_none()
        if row is not None:
            known[(workspace, number)] = row
    return row


_ROWS = "kaizen_idea_rows"
RECORD = (
    "root_cause", "countermeasure", "fix_kind", "prediction", "measure", "check_at",
    "checked", "learning", "standard", "spread_from", "impact", "saves_money",
    "saves_hours", "impact_note",
)  # fmt: skip
"""The idea's Kaizen record, column for field: what the whys, the plan, the checks, Act and
the impact wrote; the idea and the board's view of it carry them under the same names."""


def record_of(row: IdeaRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in RECORD}


async def idea_id(session: AsyncSession, workspace: str, number: int) -> int:
    row = await idea_row(session, workspace, number)
    if row is None or row.id is None:
        raise LookupError(f"no idea #{number} in workspace {workspace}")
    return row.id


class SqlIdeaStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, idea: Idea) -> Idea:
        number = await take_idea_number(self._session, idea.workspace)
        stored = replace(idea, number=number)
        row = IdeaRow.model_validate(
            {"workspace_id": idea.workspace, "number": number, **_columns(stored)}
        )
        self._session.add(row)
        await self._session.flush()
        self._session.info.setdefault(_ROWS, {})[(idea.workspace, number)] = row
        return stored

    async def get(self, workspace: str, number: int) -> Idea | None:
        row = await idea_row(self._session, workspace, number)
        return None if row is None else _idea(row)

    async def find(
        self, workspace: str, which: IdeaFilter, person: Person, limit: int
    ) -> tuple[list[Idea], int]:
        where = [col(IdeaRow.workspace_id) == workspace]
        if which == "mine":
            where.append(col(IdeaRow.author_id) == person.id)
        elif which == "open":
            where.append(col(IdeaRow.stage).not_in(_CLOSED))
        total = (await self._session.execute(select(func.count()).where(*where))).scalar_one()
        rows = await self._session.execute(
            select(IdeaRow).where(*where).order_by(col(IdeaRow.number).desc()).limit(limit)
        )
        return [_idea(row) for row in rows.scalars()], int(total)

    async def open_texts(self, workspace: str, limit: int) -> list[tuple[int, str]]:
        statement = (
            select(col(IdeaRow.number), col(IdeaRow.text), col(IdeaRow.root_cause))
            .where(col(IdeaRow.workspace_id) == workspace, col(IdeaRow.stage).not_in(_CLOSED))
            .order_by(col(IdeaRow.number).desc())
            .limit(limit)
        )
        connection = await self._session.connection()  # Core rows: no ORM objects to build
        return [
            (number, f"{text} {root_cause or ''}")
            for number, text, root_cause in await connection.execute(statement)
        ]

    async def waiting(
        self, workspace: str, since: datetime, before: datetime, stage: Stage | None = None
    ) -> list[Idea]:
        where = [
            col(IdeaRow.workspace_id) == workspace,
            col(IdeaRow.stage).not_in(_CLOSED),
        ]
        if stage is None:
            created = col(IdeaRow.created_at)
            # An idea its author took on to Plan and beyond is moving: it is not waiting.
            early = col(IdeaRow.stage).in_((Stage.NEW.value, Stage.CLARIFYING.value))
            where += [col(IdeaRow.heard_at).is_(None), early, created >= since, created < before]
        else:
            entered = col(IdeaRow.stage_at)
            where += [col(IdeaRow.stage) == stage.value, entered >= since, entered < before]
        rows = await self._session.execute(
            select(IdeaRow).where(*where).order_by(col(IdeaRow.number))
        )
        return [_idea(row) for row in rows.scalars()]

    async def due_checks(self, workspace: str, since: datetime, before: datetime) -> list[Idea]:
        checked = col(IdeaRow.check_at)
        rows = await self._session.execute(
            select(IdeaRow)
            .where(
                col(IdeaRow.workspace_id) == workspace,
                col(IdeaRow.stage) == Stage.DO.value,
                checked >= since,
                checked < before,
            )
            .order_by(col(IdeaRow.number))
        )
        return [_idea(row) for row in rows.scalars()]

    async def add_check(self, idea: Idea, check: Check) -> None:
        self._session.add(
            CheckRow(
                workspace_id=idea.workspace,
                idea_id=await idea_id(self._session, idea.workspace, idea.number),
                at=check.at,
                by_id=check.by.id,
                by_name=check.by.name,
                result=check.result.value,
                observed=check.observed,
                learning=check.learning,
                countermeasure=check.countermeasure,
                prediction=check.prediction,
            )
        )
        await self._session.flush()

    async def checks(self, workspace: str, number: int) -> list[Check]:
        statement = (
            select(CheckRow)
            .where(col(CheckRow.idea_id) == await idea_id(self._session, workspace, number))
            .order_by(col(CheckRow.at), col(CheckRow.id))
        )
        return [
            Check(
                at=row.at,
                by=Person(row.by_id, row.by_name),
                result=Result(row.result),
                observed=row.observed,
                learning=row.learning,
                countermeasure=row.countermeasure,
                prediction=row.prediction,
            )
            for row in (await self._session.execute(statement)).scalars()
        ]

    async def withdraw(self, workspace: str, number: int) -> None:
        owner = await idea_id(self._session, workspace, number)
        await self._session.flush()
        hung = (WhyRow, GuestRow, DialogueRow, StageChangeRow, CheckRow)
        for loaded in list(self._session.identity_map.values()):
            gone = isinstance(loaded, hung) and loaded.idea_id == owner
            if gone or (isinstance(loaded, IdeaRow) and loaded.id == owner):
                self._session.expunge(loaded)
        for table in hung:
            await self._session.execute(delete(table).where(col(table.idea_id) == owner))
        await self._session.execute(delete(IdeaRow).where(col(IdeaRow.id) == owner))
        self._session.info.get(_ROWS, {}).pop((workspace, number), None)

    async def spread_of(self, workspace: str, number: int) -> list[tuple[int, str]]:
        statement = (
            select(col(IdeaRow.number), col(IdeaRow.channel))
            .where(col(IdeaRow.workspace_id) == workspace, col(IdeaRow.spread_from) == number)
            .order_by(col(IdeaRow.number))
        )
        return [(n, channel) for n, channel in await self._session.execute(statement)]

    async def count_by_stage(self, workspace: str) -> dict[Stage, int]:
        statement = (
            select(col(IdeaRow.stage), func.count())
            .where(col(IdeaRow.workspace_id) == workspace)
            .group_by(col(IdeaRow.stage))
        )
        counts = {stage: n for stage, n in await self._session.execute(statement)}
        return {stage: counts.get(stage.value, 0) for stage in Stage}

    async def save(self, idea: Idea, at: datetime) -> None:
        row = await idea_row(self._session, idea.workspace, idea.number)
        if row is None:
            raise LookupError(f"idea #{idea.number} vanished from {idea.workspace}")
        for name, value in _columns(idea).items():
            setattr(row, name, value)
        row.updated_at = at
        await self._session.flush()

    async def log_stage(self, idea: Idea, change: StageChange) -> None:
        """Record the stage entered, and that the idea left the one it was in."""
        row_id = await idea_id(self._session, idea.workspace, idea.number)
        await self._session.execute(
            update(StageChangeRow)
            .where(col(StageChangeRow.idea_id) == row_id, col(StageChangeRow.left_at).is_(None))
            .values(left_at=change.at)
        )
        self._session.add(
            StageChangeRow(
                workspace_id=idea.workspace,
                idea_id=row_id,
                stage=change.stage.value,
                at=change.at,
                by_id=change.by.id if change.by else None,
                by_name=change.by.name if change.by else None,
                note=change.note,
            )
        )
        await self._session.flush()

    async def history(self, workspace: str, number: int) -> list[StageChange]:
        statement = (
            select(StageChangeRow)
            .where(col(StageChangeRow.idea_id) == await idea_id(self._session, workspace, number))
            .order_by(col(StageChangeRow.at), col(StageChangeRow.id))
        )
        return [
            StageChange(
                stage=Stage(row.stage),
                at=row.at,
                by=Person(row.by_id, row.by_name or row.by_id) if row.by_id else None,
                note=row.note,
            )
            for row in (await self._session.execute(statement)).scalars()
        ]


def _columns(idea: Idea) -> dict[str, object]:
    """The mutable columns of an idea row, from the domain object."""
    return {
        "text": idea.text,
        "proposal": idea.proposal,
        "author_id": idea.author.id,
        "author_name": idea.author.name,
        "anonymous": idea.anonymous,
        "path": idea.path.value,
        "goal": idea.goal,
        "category": idea.category,
        "stage": idea.stage.value,
        "stage_at": idea.stage_at,
        "channel": idea.channel,
        **{name: getattr(idea, name) for name in RECORD},
        "credit_author": idea.credit_author,
        "owner_id": idea.owner.id if idea.owner else None,
        "owner_name": idea.owner.name if idea.owner else None,
        "heard_at": idea.heard_at,
        "duplicate_of": idea.duplicate_of,
        "created_at": idea.created_at,
        "updated_at": idea.stage_at,
    }


def _idea(row: IdeaRow) -> Idea:
    return Idea(
        workspace=row.workspace_id,
        number=row.number,
        text=row.text,
        author=Person(row.author_id, row.author_name),
        channel=row.channel,
        created_at=row.created_at,
        stage_at=row.stage_at,
        stage=Stage(row.stage),
        proposal=row.proposal,
        category=row.category,
        path=Path(row.path),
        goal=row.goal,
        anonymous=row.anonymous,
        credit_author=row.credit_author,
        **record_of(row),
        owner=Person(row.owner_id, row.owner_name or row.owner_id) if row.owner_id else None,
        heard_at=row.heard_at,
        duplicate_of=row.duplicate_of,
    )
