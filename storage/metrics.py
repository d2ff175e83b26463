"""What the metrics, the board and the exports read: tallies (storage/tally.py), the
board's columns, ideas with their history, channels and recent kudos."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from bot.model.ideas import Path, Stage
from bot.model.keys import IdeaKey, parse_key
from bot.model.views import BoardIdea, History, ImpactTally, Kanban, KudosLine, RecordParts
from storage.ideas import record_of
from storage.tables import (
    CheckRow,
    IdeaRow,
    KudosReceiverRow,
    KudosRow,
    PostedMessageRow,
    StageChangeRow,
    WhyRow,
)
from storage.tally import TallyQueries, ideas_where


class SqlMetricsStore(TallyQueries):
    async def kanban(
        self,
        workspace: str,
        shown: Mapping[Stage, int],
        channel: str | None = None,
        path: Path | None = None,
    ) -> Kanban:
        where = ideas_where(workspace, channel, path)
        # Per lane and stage: how many, and how many were joined with an earlier idea.
        counted = (
            select(
                col(IdeaRow.path),
                col(IdeaRow.stage),
                func.count(),
                func.count(col(IdeaRow.duplicate_of)),
            )
            .where(*where)
            .group_by(col(IdeaRow.path), col(IdeaRow.stage))
        )
        counts: dict[tuple[Path, Stage], int] = {}
        joined: dict[Path, int] = {}
        for p, stage, n, same in await self._rows(counted):
            counts[Path(p), Stage(stage)] = int(n)
            if Stage(stage) is Stage.DROPPED and same:
                joined[Path(p)] = int(same)
        cards: dict[tuple[Path, Stage], list[Any]] = {}
        for lane, stage in counts:
            if stage not in shown or (path is not None and lane is not path):
                continue
            waited = col(IdeaRow.stage_at)
            statement = (
                select(IdeaRow)
                .where(*where, col(IdeaRow.stage) == stage.value, col(IdeaRow.path) == lane.value)
                .order_by(waited.desc() if stage is Stage.DONE else waited, col(IdeaRow.number))
                .limit(shown[stage])
            )
            cards[lane, stage] = await self._rows(statement)
        every = [row for rows in cards.values() for row in rows]
        links = await self._idea_links(workspace, [row.number for row in every])
        return Kanban(
            counts,
            {key: [_board_idea(row, links) for row in rows] for key, rows in cards.items()},
            joined,
        )

    async def done_between(
        self, workspace: str, since: datetime, until: datetime
    ) -> list[BoardIdea]:
        reached = col(IdeaRow.stage_at)
        statement = (
            select(IdeaRow)
            .where(
                col(IdeaRow.workspace_id) == workspace,
                col(IdeaRow.stage) == Stage.DONE.value,
                reached >= since,
                reached < until,
            )
            .order_by(reached, col(IdeaRow.number))
        )
        rows = await self._rows(statement)
        links = await self._idea_links(workspace, [row.number for row in rows])
        return [_board_idea(row, links) for row in rows]

    async def ideas(
        self, workspace: str, channel: str | None = None, path: Path | None = None
    ) -> list[BoardIdea]:
        statement = (
            select(IdeaRow)
            .where(*ideas_where(workspace, channel, path))
            .order_by(col(IdeaRow.number).desc())
        )
        rows = await self._rows(statement)
        links = await self._idea_links(workspace)
        return [_board_idea(row, links) for row in rows]

    async def histories(
        self, workspace: str, channel: str | None = None, path: Path | None = None
    ) -> dict[int, History]:
        history: dict[int, list[tuple[Stage, datetime]]] = defaultdict(list)
        statement = (
            select(col(IdeaRow.number), col(StageChangeRow.stage), col(StageChangeRow.at))
            .join(IdeaRow, col(IdeaRow.id) == col(StageChangeRow.idea_id))
            .where(*ideas_where(workspace, channel, path))
            .order_by(col(StageChangeRow.at), col(StageChangeRow.id))
        )
        for number, stage, at in await self._rows(statement):
            history[number].append((Stage(stage), at))
        return dict(history)

    async def impact(
        self,
        workspace: str,
        since: datetime,
        until: datetime,
        channel: str | None = None,
        path: Path | None = None,
    ) -> ImpactTally:
        reached = col(IdeaRow.stage_at)
        statement = (
            select(
                col(IdeaRow.impact),
                func.count(),
                func.coalesce(func.sum(col(IdeaRow.saves_money)), 0),
                func.coalesce(func.sum(col(IdeaRow.saves_hours)), 0),
            )
            .where(
                *ideas_where(workspace, channel, path),
                col(IdeaRow.stage) == Stage.DONE.value,
                reached >= since,
                reached < until,
            )
            .group_by(col(IdeaRow.impact))
        )
        categories: dict[str, int] = {}
        money = hours = 0.0
        for impact, count, saved_money, saved_hours in await self._rows(statement):
            if impact:
                categories[impact] = int(count)
            money += float(saved_money)
            hours += float(saved_hours)
        return ImpactTally(categories, money, hours)

    async def records(
        self, workspace: str, channel: str | None = None, path: Path | None = None
    ) -> dict[int, RecordParts]:
        parts: dict[int, RecordParts] = defaultdict(RecordParts)
        whys = (
            select(col(IdeaRow.number), col(WhyRow.position), col(WhyRow.question),
                   col(WhyRow.answer))
            .join(IdeaRow, col(IdeaRow.id) == col(WhyRow.idea_id))
            .where(*ideas_where(workspace, channel, path), col(WhyRow.answer).is_not(None))
            .order_by(col(IdeaRow.number), col(WhyRow.position))
        )  # fmt: skip
        for number, position, question, answer in await self._rows(whys):
            why = {"position": position, "question": question, "answer": answer}
            parts[number].whys.append(why)
        checks = (
            sa_select(
                col(IdeaRow.number), col(CheckRow.at), col(CheckRow.result),
                col(CheckRow.countermeasure), col(CheckRow.prediction),
                col(CheckRow.observed), col(CheckRow.learning),
            )
            .join(IdeaRow, col(IdeaRow.id) == col(CheckRow.idea_id))
            .where(*ideas_where(workspace, channel, path))
            .order_by(col(CheckRow.at), col(CheckRow.id))
        )  # fmt: skip
        for number, at, *said in await self._rows(checks):
            names = ("result", "countermeasure", "prediction", "observed", "learning")
            check: dict[str, str | int | None] = dict(zip(names, said, strict=True))
            check["at"] = at.isoformat(timespec="seconds")
            parts[number].checks.append(check)
        return dict(parts)

    async def channels(self, workspace: str) -> list[str]:
        """The channels ideas came from, in order: one index seek per channel (a loose
        index scan, written out as a recursive query) instead of a pass over every idea."""
        first = (
            select(func.min(col(IdeaRow.channel)).label("channel"))
            .where(col(IdeaRow.workspace_id) == workspace)
            .cte("seen", recursive=True)
        )
        following = (
            select(func.min(col(IdeaRow.channel)))
            .where(col(IdeaRow.workspace_id) == workspace, col(IdeaRow.channel) > first.c.channel)
            .scalar_subquery()
        )
        seen = first.union_all(select(following).where(first.c.channel.is_not(None)))
        statement = select(seen.c.channel).where(seen.c.channel.is_not(None))
        return sorted(row.channel for row in await self._rows(statement))

    async def recent_kudos(self, workspace: str, limit: int = 20) -> list[KudosLine]:
        statement = (
            select(KudosRow)
            .where(col(KudosRow.workspace_id) == workspace, col(KudosRow.withdrawn_at).is_(None))
            .order_by(col(KudosRow.given_at).desc())
            .limit(limit)
        )
        rows = list((await self._session.execute(statement)).scalars())
        names: dict[int, list[str]] = defaultdict(list)
        receivers = select(col(KudosReceiverRow.kudos_id), col(KudosReceiverRow.person_name)).where(
            col(KudosReceiverRow.kudos_id).in_([row.id for row in rows])
        )
        for kudos_id, name in await self._session.execute(receivers):
            names[kudos_id].append(name)
        return [
            KudosLine(
                row.given_at, row.giver_name, tuple(names[row.id or 0]), row.reason, row.value
            )
            for row in rows
        ]

    async def _idea_links(
        self, workspace: str, numbers: Sequence[int] | None = None
    ) -> dict[int, str]:
        """Links to the ideas' threads: of the ideas numbered, or of every idea."""
        where = [
            col(PostedMessageRow.workspace_id) == workspace,
            col(PostedMessageRow.link).is_not(None),
        ]
        if numbers is None:
            where.append(col(PostedMessageRow.key).startswith(f"{IdeaKey.PREFIX}:"))
        else:
            where.append(col(PostedMessageRow.key).in_([str(IdeaKey(n)) for n in numbers]))
        statement = select(col(PostedMessageRow.key), col(PostedMessageRow.link)).where(*where)
        links: dict[int, str] = {}
        for key, link in await self._session.execute(statement):
            idea = parse_key(key)
            if isinstance(idea, IdeaKey) and link:
                links[idea.number] = link
        return links


def _board_idea(row: Any, links: Mapping[int, str]) -> BoardIdea:
    """A card from a row of the idea table (read through Core, see `_rows`)."""
    return BoardIdea(
        row.number,
        row.text,
        row.channel,
        Path(row.path),
        Stage(row.stage),
        row.author_name,
        row.owner_name,
        row.created_at,
        row.stage_at,
        links.get(row.number),
        row.goal,
        row.category,
        row.duplicate_of,
        anonymous=bool(row.anonymous),
        owned_by_author=row.owner_id is not None and row.owner_id == row.author_id,
        proposal=row.proposal,
        **record_of(row),
    )
