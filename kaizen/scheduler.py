"""Stand-up times: APScheduler cron jobs that turn into `Due` events for the engine.

Each instance runs its own in-memory AsyncIOScheduler (job stores must never be shared
between schedulers); it only wakes the instance up. What is due is worked out from the
injected clock, and the database decides which instance posts: every (stand-up, local date)
is claimed with a unique row first, so a stand-up is posted once however many instances run.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.clock import Clock
from bot.events import Due
from bot.runtime import Runtime
from bot.settings import Settings, Standup
from bot.standup.schedule import latest


def trigger(standup: Standup, settings: Settings) -> CronTrigger:
    """APScheduler's trigger for a stand-up: the process wakes at its local time."""
    hour, minute = standup.time.split(":")
    return CronTrigger(
        day_of_week=",".join(standup.days),
        hour=int(hour),
        minute=int(minute),
        timezone=ZoneInfo(settings.standup_zone(standup)),
    )


log = logging.getLogger(__name__)
CATCH_UP = timedelta(days=1)
"""How far back a starting instance looks for a stand-up it may have missed."""
RETRY = timedelta(minutes=1)
"""How soon a stand-up whose turn failed on our side (the database away) is tried again."""


class StandupScheduler:
    def __init__(
        self,
        runtime: Runtime,
        settings: Settings,
        standups: list[Standup],
        workspace: str,
        clock: Clock,
    ) -> None:
        self.runtime = runtime
        self.settings = settings
        self.standups = standups
        self.workspace = workspace
        self.clock = clock
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._reported: set[tuple[str, datetime]] = set()
        self._checking = False
        self._again = False

    async def start(self) -> None:
        """One cron job per stand-up, then a look back for one missed while we were down."""
        now = self.clock.now()
        for standup in self.standups:
            cron = trigger(standup, self.settings)
            self.scheduler.add_job(
                self.wake,
                cron,
                id=standup.id,
                name=f"stand-up {standup.id}",
                next_run_time=cron.get_next_fire_time(None, now),
                misfire_grace_time=None,
                coalesce=True,
                max_instances=1,
                replace_existing=True,
            )
        if self.standups:
            self.scheduler.start()
        await self.check()

    def next_run_time(self, standup: Standup) -> datetime | None:
        """When the scheduler will next wake up for `standup` (holidays included)."""
        job = self.scheduler.get_job(standup.id)
        return None if job is None else job.next_run_time

    async def wake(self) -> None:
        """A job fired. Many stand-ups share a minute: the first wake-up checks them all, and
        the others only ask for one more look once it is done, instead of each checking all."""
        if self._checking:
            self._again = True
            return
        self._checking = True
        try:
            self._again = True
            while self._again:
                self._again = False
                await self.check()
        finally:
            self._checking = False

    async def check(self) -> None:
        """Report each stand-up whose latest time has come; the engine decides the rest."""
        now = self.clock.now()
        due: dict[str, tuple[str, datetime]] = {}
        events: list[Due] = []
        for standup in self.standups:
            moment = latest(standup, self.settings, now, CATCH_UP)
            if moment is None or (standup.id, moment) in self._reported:
                continue
            self._reported.add((standup.id, moment))
            log.info("stand-up %s is due (%s)", standup.id, moment)
            event = Due(self.workspace, f"standup:{standup.id}", moment.astimezone(UTC), now)
            due[event.job] = (standup.id, moment)
            events.append(event)
        if events:
            failed = await self.runtime.receive_all(events)
            for lost in failed:
                if isinstance(lost, Due):
                    self._reported.discard(due[lost.job])
            if failed:
                log.warning("%d stand-up(s) could not start; trying again soon", len(failed))
                self.scheduler.add_job(
                    self.wake,
                    "date",
                    run_date=datetime.now(UTC) + RETRY,
                    id="retry",
                    replace_existing=True,
                )
        self._move_wakeups(now)

    def state(self) -> dict[str, object]:
        """For /healthz: is the scheduler running, and when does it next wake up."""
        times = [t for t in (self.next_run_time(s) for s in self.standups) if t is not None]
        return {
            "running": self.scheduler.running,
            "standups": len(self.standups),
            "next_run": min(times).isoformat() if times else None,
        }

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _move_wakeups(self, now: datetime) -> None:
        """Keep each job's next wake-up at its next time after the injected clock's now."""
        for standup in self.standups:
            job = self.scheduler.get_job(standup.id)
            if job is not None:
                job.modify(next_run_time=job.trigger.get_next_fire_time(None, now))


def standups_for(settings: Settings, surface: str, served: tuple[str, ...] = ()) -> list[Standup]:
    """The terminal runs `channel: terminal`; a chat platform runs the stand-ups naming it, and
    those naming none when it is the only platform served."""
    if surface == "terminal":
        return [s for s in settings.standups if s.channel == "terminal"]
    alone = tuple(served) in ((), (surface,))
    return [
        s
        for s in settings.standups
        if s.channel != "terminal" and (s.platform == surface or (s.platform is None and alone))
    ]
