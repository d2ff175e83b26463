"""What the metrics and the board read: ideas with their history, people seen, recent kudos."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import ColumnElement, func, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.ideas.model import Path, Stage
from bot.metrics.stats import IdeaFacts
from bot.store import BoardIdea, KudosLine
from storage.tables import (
    IdeaRow,
    KudosReceiverRow,
    KudosRow,
    PostedMessageRow,
    StageChangeRow,
    StandupAnswerRow,
    WhyRow,
)


class SqlMetricsStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def facts(
        self, workspace: str, channel: str | None = None, path: Path | None = None
    ) -> list[IdeaFacts]:
        where = self._ideas_where(workspace, channel, path)
        ideas = (await self._session.execute(select(IdeaRow).where(*where))).scalars().all()
        history: dict[int, list[tuple[Stage, datetime]]] = defaultdict(list)
        statement = (
            select(col(StageChangeRow.idea_id), col(StageChangeRow.stage), col(StageChangeRow.at))
            .join(IdeaRow, col(IdeaRow.id) == col(StageChangeRow.idea_id))
            .where(*where)
            .order_by(col(StageChangeRow.at), col(StageChangeRow.id))
        )
        for idea_id, stage, at in await self._session.execute(statement):
            history[idea_id].append((Stage(stage), at))
        return [
            IdeaFacts(
                row.number,
                row.channel,
                Path(row.path),
                row.author_id,
                row.created_at,
                Stage(row.stage),
                tuple(history[row.id or 0]),
            )
            for row in ideas
        ]

    async def board(
        self, workspace: str, channel: str | None = None, path: Path | None = None
    ) -> list[BoardIdea]:
        """Every idea with what its card on the board shows."""
        statement = (
            select(IdeaRow)
            .where(*self._ideas_where(workspace, channel, path))
            .order_by(col(IdeaRow.number).desc())
        )
        ideas = (await self._session.execute(statement)).scalars().all()
        links = await self._idea_links(workspace)
        return [
            BoardIdea(
                row.number,
                row.text,
                row.channel,
                Path(row.path),
                Stage(row.stage),
                None if row.anonymous else row.author_name,
                row.owner_name,
                row.created_at,
                row.stage_at,
                links.get(row.number),
                row.goal,
                row.category,
            )
            for row in ideas
        ]

    async def _idea_links(self, workspace: str) -> dict[int, str]:
        statement = select(col(PostedMessageRow.key), col(PostedMessageRow.link)).where(
            col(PostedMessageRow.workspace_id) == workspace,
            col(PostedMessageRow.key).startswith("idea:"),
            col(PostedMessageRow.link).is_not(None),
        )
        links: dict[int, str] = {}
        for key, link in await self._session.execute(statement):
            number = key.removeprefix("idea:")
            if number.isdigit() and link:
                links[int(number)] = link
        return links

    async def channels(self, workspace: str) -> list[str]:
        statement = (
            select(col(IdeaRow.channel))
            .where(col(IdeaRow.workspace_id) == workspace)
            .distinct()
            .order_by(col(IdeaRow.channel))
        )
        return list((await self._session.execute(statement)).scalars())

    async def people(self, workspace: str, since: datetime, until: datetime) -> tuple[int, int]:
        """(people seen, people who gave an idea or answered a stand-up), in the period."""
        gave = union(
            select(col(IdeaRow.author_id).label("who")).where(
                col(IdeaRow.workspace_id) == workspace,
                col(IdeaRow.created_at) >= since,
                col(IdeaRow.created_at) < until,
            ),
            select(col(StandupAnswerRow.person_id)).where(
                col(StandupAnswerRow.workspace_id) == workspace,
                col(StandupAnswerRow.answered_at) >= since,
                col(StandupAnswerRow.answered_at) < until,
            ),
        ).subquery()
        seen = union(
            select(gave.c.who),
            select(col(WhyRow.answered_by_id)).where(
                col(WhyRow.workspace_id) == workspace,
                col(WhyRow.answered_by_id).is_not(None),
                col(WhyRow.answered_at) >= since,
                col(WhyRow.answered_at) < until,
            ),
            select(col(KudosRow.giver_id)).where(
                col(KudosRow.workspace_id) == workspace,
                col(KudosRow.source) != "idea",
                col(KudosRow.given_at) >= since,
                col(KudosRow.given_at) < until,
            ),
            select(col(KudosReceiverRow.person_id))
            .join(KudosRow, col(KudosRow.id) == col(KudosReceiverRow.kudos_id))
            .where(
                col(KudosRow.workspace_id) == workspace,
                col(KudosRow.given_at) >= since,
                col(KudosRow.given_at) < until,
            ),
        ).subquery()
        people = await self._session.scalar(select(func.count()).select_from(seen))
        participants = await self._session.scalar(select(func.count()).select_from(gave))
        return people or 0, participants or 0

    async def recent_kudos(self, workspace: str, limit: int = 20) -> list[KudosLine]:
        rows = (
            (
                await self._session.execute(
                    select(KudosRow)
                    .where(
                        col(KudosRow.workspace_id) == workspace,
                        col(KudosRow.withdrawn_at).is_(None),
                    )
                    .order_by(col(KudosRow.given_at).desc())
                    .limit(limit)
                )
            )
            .scalars()
            .all()
        )
        lines = []
        for row in rows:
            names = (
                (
                    await self._session.execute(
                        select(col(KudosReceiverRow.person_name)).where(
                            col(KudosReceiverRow.kudos_id) == row.id
                        )
                    )
                )
                .scalars()
                .all()
            )
            lines.append(
                KudosLine(row.given_at, row.giver_name, tuple(names), row.reason, row.value)
            )
        return lines

    @staticmethod
    def _ideas_where(
        workspace: str, channel: str | None, path: Path | None
    ) -> list[ColumnElement[bool]]:
        where = [col(IdeaRow.workspace_id) == workspace]
        if channel:
            where.append(col(IdeaRow.channel) == channel)
        if path is not None:
            where.append(col(IdeaRow.path) == path.value)
        return where
