"""/metrics: what a running bot is doing, in the Prometheus text format.

Counters move as the work happens (the engine's `Meter` port, one per surface, and the
server's request middleware); what sits in the database (requests waiting, posts pending or
parked, ideas by stage) is counted by a few cheap queries when /metrics is asked for, since a
collector is called synchronously and cannot wait for the database. Each server has its own
registry, so several servers (and tests) in one process never mix their numbers.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import get_args

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from sqlalchemy import func, select
from sqlmodel import col

from bot.meter import Delivered
from bot.model.ideas import Stage
from storage.database import SqlDatabase
from storage.tables import IdeaRow

log = logging.getLogger(__name__)
CONTENT_TYPE = CONTENT_TYPE_LATEST
TURN_SECONDS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
"""Turn latency buckets: most turns take milliseconds; one waiting on a busy database, seconds."""


class Metrics:
    """Every metric family of one server, in its own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "kaizen_http_requests", "HTTP requests answered", ["surface", "status"], registry=r
        )
        self.turn_seconds = Histogram(
            "kaizen_turn_seconds", "Time a turn took", ["surface"], buckets=TURN_SECONDS, registry=r
        )
        self.turns = Counter("kaizen_turns", "Turns run", ["surface", "result"], registry=r)
        self.deliveries = Counter(
            "kaizen_deliveries",
            "Sends of a post, by how they ended",
            ["surface", "result"],
            registry=r,
        )
        self.rate_limited = Counter(
            "kaizen_rate_limited", "Sends the platform answered with 429", ["surface"], registry=r
        )
        self.scheduled = Counter(
            "kaizen_scheduler_runs", "Time-driven work run", ["surface", "kind"], registry=r
        )
        self.scheduler_failures = Counter(
            "kaizen_scheduler_failures",
            "Time-driven work that failed",
            ["surface", "kind"],
            registry=r,
        )
        self.turns_queued = Gauge(
            "kaizen_turns_queued",
            "Requests waiting in the inbox for their turn",
            ["surface"],
            registry=r,
        )
        self.oldest_queued = Gauge(
            "kaizen_turns_queued_oldest_age_seconds",
            "Age of the oldest request waiting for its turn (0 when none)",
            ["surface"],
            registry=r,
        )
        self.outbox_pending = Gauge(
            "kaizen_outbox_pending", "Posts waiting to be delivered", ["surface"], registry=r
        )
        self.outbox_parked = Gauge(
            "kaizen_outbox_parked",
            "Posts given up on (see `kaizen outbox`)",
            ["surface"],
            registry=r,
        )
        self.oldest_pending = Gauge(
            "kaizen_outbox_oldest_pending_age_seconds",
            "Age of the oldest post waiting to be delivered (0 when none)",
            ["surface"],
            registry=r,
        )
        self.ideas = Gauge("kaizen_ideas", "Ideas by stage, every workspace", ["stage"], registry=r)
        self.database_up = Gauge(
            "kaizen_database_up", "1 when the last scrape's queries answered, else 0", registry=r
        )

    def meter(self, surface: str) -> SurfaceMeter:
        """The engine's meter for one surface (bot/meter.py's port)."""
        return SurfaceMeter(self, surface)

    async def refresh(self, database: SqlDatabase, surfaces: Sequence[str], now: datetime) -> None:
        """Count what sits in the database now; on failure keep the last counts and say so."""
        try:
            await self._count(database, surfaces, now)
        except Exception as error:
            log.warning("metrics: the database did not answer: %s", error)
            self.database_up.set(0)
        else:
            self.database_up.set(1)

    async def _count(self, database: SqlDatabase, surfaces: Sequence[str], now: datetime) -> None:
        for surface in surfaces:
            async with database.inbox() as inbox:
                waiting = await inbox.waiting(surface)
            async with database.reading() as store:
                backlog = await store.outbox.backlog(surface)
            self.turns_queued.labels(surface).set(waiting.count)
            self.oldest_queued.labels(surface).set(_age(now, waiting.oldest))
            self.outbox_pending.labels(surface).set(backlog.pending)
            self.outbox_parked.labels(surface).set(backlog.parked)
            self.oldest_pending.labels(surface).set(_age(now, backlog.oldest_pending))
        by_stage = select(col(IdeaRow.stage), func.count()).group_by(col(IdeaRow.stage))
        async with database.reading() as store:
            counts = {str(stage): int(n) for stage, n in await store.session.execute(by_stage)}
        for stage in Stage:
            self.ideas.labels(stage.value).set(counts.get(stage.value, 0))

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class SurfaceMeter:
    """bot/meter.py's `Meter` on Prometheus counters, for one surface."""

    def __init__(self, metrics: Metrics, surface: str) -> None:
        self._metrics = metrics
        self._surface = surface
        for result in get_args(Delivered):  # every series from the start, at 0
            metrics.deliveries.labels(surface, result)
        metrics.rate_limited.labels(surface)
        for ok in ("ok", "failed"):
            metrics.turns.labels(surface, ok)

    def turn(self, seconds: float, ok: bool) -> None:
        self._metrics.turn_seconds.labels(self._surface).observe(seconds)
        self._metrics.turns.labels(self._surface, "ok" if ok else "failed").inc()

    def delivery(self, result: Delivered) -> None:
        self._metrics.deliveries.labels(self._surface, result).inc()

    def rate_limited(self) -> None:
        self._metrics.rate_limited.labels(self._surface).inc()

    def scheduled(self, kind: str, ok: bool) -> None:
        self._metrics.scheduled.labels(self._surface, kind).inc()
        if not ok:
            self._metrics.scheduler_failures.labels(self._surface, kind).inc()


def _age(now: datetime, moment: datetime | None) -> float:
    return max((now - moment).total_seconds(), 0.0) if moment else 0.0
