"""Counting for the metrics in SQL: ideas given and done, lead times, stays in each stage.

Every query is bounded by the period through the indexes of migration 0009, so a month's
numbers cost what that month holds, not what the years before it hold.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, case, func, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from bot.metrics.stats import MONTH
from bot.model.ideas import Path, Stage
from bot.model.tallies import Given, SpanTally, Tally, Turnout
from storage.seconds import seconds_between
from storage.tables import (
    IdeaRow,
    KudosReceiverRow,
    KudosRow,
    MemberRow,
    StageChangeRow,
    StandupAnswerRow,
    StandupRunRow,
    WhyRow,
)

_OPEN = [stage.value for stage in Stage if stage.is_open]


def ideas_where(
    workspace: str, channel: str | None, path: Path | None
) -> list[ColumnElement[bool]]:
    where = [col(IdeaRow.workspace_id) == workspace]
    if channel:
        where.append(col(IdeaRow.channel) == channel)
    if path is not None:
        where.append(col(IdeaRow.path) == path.value)
    return where


def _count(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


class TallyQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _rows(self, statement: Any) -> list[Any]:
        """All rows at once, through Core: for a few thousand rows the ORM session's row
        building and row-by-row fetching cost more than the query itself."""
        connection = await self._session.connection()
        return list((await connection.execute(statement)).all())

    async def tally(
        self,
        workspace: str,
        since: datetime,
        until: datetime,
        channel: str | None = None,
        path: Path | None = None,
        stays: bool = True,
    ) -> Tally:
        where = ideas_where(workspace, channel, path)
        given_in = [*where, col(IdeaRow.created_at) >= since, col(IdeaRow.created_at) < until]
        first = await self._session.scalar(select(func.min(col(IdeaRow.created_at))).where(*where))
        stage = col(IdeaRow.stage)
        joined = col(IdeaRow.duplicate_of).is_not(None)
        counted = (
            select(
                col(IdeaRow.path),
                col(IdeaRow.channel),
                func.count(),
                _count(stage == Stage.DONE.value),
                _count((stage == Stage.DROPPED.value) & ~joined),
                _count(stage.in_(_OPEN)),
                _count((stage == Stage.DROPPED.value) & joined),
            )
            .where(*given_in)
            .group_by(col(IdeaRow.path), col(IdeaRow.channel))
        )
        given = {
            (Path(p), channel_id): Given(int(n), int(done), int(dropped), int(still), int(same))
            for p, channel_id, n, done, dropped, still, same in await self._rows(counted)
        }
        created = col(IdeaRow.created_at)
        month_ago = until - MONTH
        recent = select(col(IdeaRow.path), func.count()).where(
            *where, created >= month_ago, created < until
        )
        authors = select(col(IdeaRow.path), col(IdeaRow.author_id)).where(*given_in).distinct()
        return Tally(
            first_given=first,
            given=given,
            authors=frozenset((Path(p), who) for p, who in await self._rows(authors)),
            leads=[
                (Path(p), channel_id, float(seconds))
                for p, channel_id, seconds, _ in await self._rows(
                    self._leads(workspace, since, until, where)
                )
            ],
            stays=await self._stays(workspace, since, until, where) if stays else {},
            recent={
                Path(p): int(n) for p, n in await self._rows(recent.group_by(col(IdeaRow.path)))
            },
        )

    async def spans(
        self,
        workspace: str,
        bounds: Sequence[datetime],
        channel: str | None = None,
        path: Path | None = None,
    ) -> list[SpanTally]:
        where = ideas_where(workspace, channel, path)
        first, last = bounds[0], bounds[-1]
        created = col(IdeaRow.created_at)
        span = _span(created, bounds)
        counted = (
            select(span, func.count(), _count(col(IdeaRow.stage) == Stage.DONE.value))
            .where(*where, created >= first, created < last)
            .group_by(span)
        )
        given = {int(i): (int(n), int(done)) for i, n, done in await self._rows(counted)}
        leads: dict[int, list[float]] = {}
        done = self._leads(workspace, first, last, where).subquery()
        statement = select(_span(done.c.done_at, bounds), done.c.seconds)
        for i, seconds in await self._rows(statement):
            leads.setdefault(int(i), []).append(float(seconds))
        return [SpanTally(*given.get(i, (0, 0)), leads.get(i, [])) for i in range(len(bounds) - 1)]

    async def turnout(
        self, workspace: str, since: datetime, until: datetime, channel: str | None = None
    ) -> Turnout:
        """Members as the platforms list them (with anyone who took part though not listed),
        against those who gave an idea or answered a stand-up. Where no list is known yet
        (the terminal, or before the first listing), the people seen doing anything with
        the bot in the period stand in for the members."""
        took_part = self._took_part(workspace, since, until, channel).subquery()
        participants = await self._session.scalar(select(func.count()).select_from(took_part))
        listed: Select[Any] = select(col(MemberRow.person_id).label("who")).where(
            col(MemberRow.workspace_id) == workspace,
            *([col(MemberRow.channel) == channel] if channel else []),
        )
        if await self._session.scalar(select(listed.exists())):
            members = union(listed, select(took_part.c.who)).subquery()
            people = await self._session.scalar(select(func.count()).select_from(members))
            return Turnout(people or 0, participants or 0, listed=True)
        seen = self._seen(workspace, since, until, channel, took_part).subquery()
        people = await self._session.scalar(select(func.count()).select_from(seen))
        return Turnout(people or 0, participants or 0)

    @staticmethod
    def _took_part(workspace: str, since: datetime, until: datetime, channel: str | None) -> Any:
        """Everyone who gave an idea or answered a stand-up in the period (in `channel`)."""
        gave: Select[Any] = select(col(IdeaRow.author_id).label("who")).where(
            col(IdeaRow.workspace_id) == workspace,
            col(IdeaRow.created_at) >= since,
            col(IdeaRow.created_at) < until,
            *([col(IdeaRow.channel) == channel] if channel else []),
        )
        answered = select(col(StandupAnswerRow.person_id)).where(
            col(StandupAnswerRow.workspace_id) == workspace,
            col(StandupAnswerRow.answered_at) >= since,
            col(StandupAnswerRow.answered_at) < until,
        )
        if channel:
            answered = answered.join(
                StandupRunRow, col(StandupRunRow.id) == col(StandupAnswerRow.run_id)
            ).where(col(StandupRunRow.channel) == channel)
        return union(gave, answered)

    @staticmethod
    def _seen(
        workspace: str, since: datetime, until: datetime, channel: str | None, took_part: Any
    ) -> Any:
        """Everyone who did anything with the bot in the period: gave or answered, answered
        a why, gave or received kudos (in `channel`, where the thing has one)."""
        whys = select(col(WhyRow.answered_by_id)).where(
            col(WhyRow.workspace_id) == workspace,
            col(WhyRow.answered_at) >= since,
            col(WhyRow.answered_at) < until,
            col(WhyRow.answered_by_id).is_not(None),
        )
        givers = select(col(KudosRow.giver_id)).where(
            col(KudosRow.workspace_id) == workspace,
            col(KudosRow.given_at) >= since,
            col(KudosRow.given_at) < until,
            col(KudosRow.source) != "idea",
        )
        thanked = select(col(KudosReceiverRow.person_id)).where(
            col(KudosReceiverRow.workspace_id) == workspace,
            col(KudosReceiverRow.given_at) >= since,
            col(KudosReceiverRow.given_at) < until,
        )
        if channel:
            whys = whys.join(IdeaRow, col(IdeaRow.id) == col(WhyRow.idea_id)).where(
                col(IdeaRow.channel) == channel
            )
            givers = givers.where(col(KudosRow.channel) == channel)
            thanked = thanked.join(
                KudosRow, col(KudosRow.id) == col(KudosReceiverRow.kudos_id)
            ).where(col(KudosRow.channel) == channel)
        return union(select(took_part.c.who), whys, givers, thanked)

    @staticmethod
    def _leads(
        workspace: str, since: datetime, until: datetime, where: list[ColumnElement[bool]]
    ) -> Select[Any]:
        """(path, channel, seconds, done at) of each idea done now whose last Done fell in the
        period; a reopened idea counts again when it is done again, not before."""
        change = col(StageChangeRow.at)
        done_then = select(col(StageChangeRow.idea_id)).where(
            col(StageChangeRow.workspace_id) == workspace,
            col(StageChangeRow.stage) == Stage.DONE.value,
            change >= since,
            change < until,
        )
        last_done = (
            select(col(StageChangeRow.idea_id), func.max(change).label("done_at"))
            .where(
                col(StageChangeRow.workspace_id) == workspace,  # the index's first column
                col(StageChangeRow.stage) == Stage.DONE.value,
                col(StageChangeRow.idea_id).in_(done_then),
            )
            .group_by(col(StageChangeRow.idea_id))
            .subquery()
        )
        return (
            select(
                col(IdeaRow.path),
                col(IdeaRow.channel),
                seconds_between(last_done.c.done_at, col(IdeaRow.created_at)).label("seconds"),
                last_done.c.done_at,
            )
            .join(last_done, last_done.c.idea_id == col(IdeaRow.id))
            .where(
                *where,
                col(IdeaRow.stage) == Stage.DONE.value,
                last_done.c.done_at >= since,
                last_done.c.done_at < until,
            )
        )

    async def _stays(
        self, workspace: str, since: datetime, until: datetime, where: list[ColumnElement[bool]]
    ) -> dict[tuple[Path | None, Stage], float]:
        """The median stay in each stage, per path and for both, of the stays that ended in
        the period. A busy month holds tens of thousands: they are read from one covering
        index and grouped here (SQLite's window functions take three times as long)."""
        left = col(StageChangeRow.left_at)
        statement = (
            select(
                col(IdeaRow.path),
                col(StageChangeRow.stage),
                seconds_between(left, col(StageChangeRow.at)),
            )
            .join(IdeaRow, col(IdeaRow.id) == col(StageChangeRow.idea_id))
            .where(
                col(StageChangeRow.workspace_id) == workspace,
                left >= since,
                left < until,
                *where,
            )
        )
        stays: dict[tuple[str | None, str], list[float]] = defaultdict(list)
        for path_name, stage, seconds in await self._rows(statement):
            stays[path_name, stage].append(seconds)
            stays[None, stage].append(seconds)
        return {
            (Path(p) if p else None, Stage(stage)): statistics.median(values)
            for (p, stage), values in stays.items()
        }


def _span(at: Any, bounds: Sequence[datetime]) -> ColumnElement[int]:
    """Which span between `bounds` a time falls in (0 for the first)."""
    whens = [(at < bound, i) for i, bound in enumerate(bounds[1:])]
    return case(*whens, else_=len(bounds) - 1).cast(Integer)
