"""The stand-up scheduler, driven with an injected clock: DST, holidays, misfires, once."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

import storage.database
from bot.clock import FrozenClock
from bot.settings import Settings, Standup
from kaizen.scheduler import StandupScheduler
from tests.conftest import AppOpener
from tests.conversation import RecordingOutlet

EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


async def scheduler_for(
    open_apps: AppOpener, clock: FrozenClock, *standups: Standup, zone: str = "UTC"
) -> tuple[StandupScheduler, RecordingOutlet]:
    settings = Settings(timezone=zone, standups=standups)
    app = await open_apps(settings)
    outlet = RecordingOutlet()
    scheduler = StandupScheduler(app.runtime(outlet, "test"), settings, list(standups), "T1", clock)
    return scheduler, outlet


async def prompts_posted(
    scheduler: StandupScheduler,
    outlet: RecordingOutlet,
    clock: FrozenClock,
    start: datetime,
    end: datetime,
    step: timedelta = timedelta(minutes=5),
) -> list[datetime]:
    """Walk the clock from start to end, waking the scheduler as its job would; note posts."""
    clock.set(start)
    await scheduler.start()
    posted: list[datetime] = []
    while clock.now() <= end:
        before = len(outlet.said)
        await scheduler.check()
        posted += [clock.now() for s in outlet.said[before:] if s.text.startswith("Stand-up")]
        clock.advance(step)
    scheduler.stop()
    return posted


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


async def test_berlin_stays_at_nine_fifteen_local_across_the_spring_change(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    daily = Standup(channel="C-ops", time="09:15", days=EVERY_DAY, timezone="Europe/Berlin")
    scheduler, outlet = await scheduler_for(open_apps, clock, daily)
    posted = await prompts_posted(
        scheduler, outlet, clock, utc(2026, 3, 27, 6), utc(2026, 3, 31, 12)
    )
    # CET is UTC+1 until Sunday 29 March 02:00, then CEST is UTC+2
    assert posted == [
        utc(2026, 3, 27, 8, 15),
        utc(2026, 3, 28, 8, 15),
        utc(2026, 3, 29, 7, 15),
        utc(2026, 3, 30, 7, 15),
        utc(2026, 3, 31, 7, 15),
    ]


async def test_the_real_scheduler_wakes_at_local_time_on_both_sides_of_the_change(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    daily = Standup(channel="C-ops", time="09:15", days=EVERY_DAY, timezone="Europe/Berlin")
    scheduler, _ = await scheduler_for(open_apps, clock, daily)
    clock.set(utc(2026, 3, 28, 12))
    await scheduler.start()
    wake = scheduler.next_run_time(daily)
    assert wake is not None and wake.isoformat() == "2026-03-29T09:15:00+02:00"
    clock.set(utc(2026, 10, 24, 12))  # the autumn change: Sunday 25 October
    await scheduler.check()
    wake = scheduler.next_run_time(daily)
    assert wake is not None and wake.isoformat() == "2026-10-25T09:15:00+01:00"
    scheduler.stop()


async def test_new_york_across_both_changes(open_apps: AppOpener, clock: FrozenClock) -> None:
    weekdays = Standup(channel="C-ny", time="09:15", timezone="America/New_York")
    scheduler, outlet = await scheduler_for(open_apps, clock, weekdays)
    spring = await prompts_posted(
        scheduler, outlet, clock, utc(2026, 3, 6, 12), utc(2026, 3, 9, 18)
    )
    assert spring == [utc(2026, 3, 6, 14, 15), utc(2026, 3, 9, 13, 15)]  # EST, then EDT
    scheduler2, outlet2 = await scheduler_for(open_apps, clock, weekdays)
    autumn = await prompts_posted(
        scheduler2, outlet2, clock, utc(2026, 10, 30, 12), utc(2026, 11, 2, 18)
    )
    assert autumn == [utc(2026, 10, 30, 13, 15), utc(2026, 11, 2, 14, 15)]  # EDT, then EST


async def test_public_holidays_and_listed_days_off_have_no_stand_up(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    munich = Standup(
        channel="C-muc",
        time="09:00",
        timezone="Europe/Berlin",
        holidays={"country": "DE", "region": "BY", "dates": ["2026-04-08"]},
    )
    scheduler, outlet = await scheduler_for(open_apps, clock, munich)
    posted = await prompts_posted(
        scheduler,
        outlet,
        clock,
        utc(2026, 4, 2, 5),
        utc(2026, 4, 9, 12),
        step=timedelta(minutes=15),
    )
    # Good Friday 3 April and Easter Monday 6 April are public holidays; 8 April is listed
    assert [p.date().isoformat() for p in posted] == ["2026-04-02", "2026-04-07", "2026-04-09"]


async def test_a_late_start_within_the_grace_still_posts_and_never_twice(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    daily = Standup(channel="C-ops", time="09:15", timezone="Europe/Berlin", grace="15m")
    first, outlet = await scheduler_for(open_apps, clock, daily)
    clock.set(utc(2026, 1, 12, 8, 20))  # 09:20 in Berlin
    await first.start()
    assert [s.text.split("\n")[0] for s in outlet.said] == ["Stand-up \u00b7 2026-01-12"]
    first.stop()
    restarted, again = await scheduler_for(open_apps, clock, daily)
    clock.advance(timedelta(minutes=5))
    await restarted.start()
    assert again.said == []
    restarted.stop()


async def test_a_start_past_the_grace_skips_it_and_says_why(
    open_apps: AppOpener, clock: FrozenClock, caplog: pytest.LogCaptureFixture
) -> None:
    daily = Standup(channel="C-ops", time="09:15", timezone="Europe/Berlin", grace="15m")
    late, outlet = await scheduler_for(open_apps, clock, daily)
    clock.set(utc(2026, 1, 12, 8, 40))  # 09:40 in Berlin
    with caplog.at_level(logging.WARNING):
        await late.start()
    assert outlet.said == []
    assert "skipped the C-ops@09:15 stand-up of 2026-01-12" in caplog.text
    assert "beyond the 0:15:00 grace" in caplog.text
    late.stop()
    another, also = await scheduler_for(open_apps, clock, daily)
    await another.start()
    assert also.said == []
    another.stop()


async def test_two_engines_on_one_database_post_the_stand_up_once(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    daily = Standup(channel="C-ops", time="09:15", timezone="Europe/Berlin")
    one, first = await scheduler_for(open_apps, clock, daily)
    two, second = await scheduler_for(open_apps, clock, daily)
    clock.set(utc(2026, 1, 12, 8, 14))
    await asyncio.gather(one.start(), two.start())
    clock.set(utc(2026, 1, 12, 8, 15))
    await asyncio.gather(one.check(), two.check(), one.check(), two.check())
    prompts = [s for s in first.said + second.said if s.text.startswith("Stand-up")]
    assert len(prompts) == 1
    one.stop()
    two.stop()


async def test_a_stand_up_due_while_the_database_is_away_is_tried_again(
    open_apps: AppOpener,
    clock: FrozenClock,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(storage.database, "BUSY_TIMEOUT_MS", 200)  # give up fast, not in 10 s
    daily = Standup(channel="C-ops", time="09:15", timezone="Europe/Berlin")
    scheduler, outlet = await scheduler_for(open_apps, clock, daily)
    clock.set(utc(2026, 1, 12, 8, 14))
    await scheduler.start()
    clock.set(utc(2026, 1, 12, 8, 15))
    holder = sqlite3.connect(database_url.removeprefix("sqlite+aiosqlite:///"))
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the database
    with caplog.at_level(logging.WARNING):
        await scheduler.check()
    assert outlet.said == []
    assert "1 stand-up(s) could not start; trying again soon" in caplog.text
    assert scheduler.scheduler.get_job("retry") is not None
    holder.rollback()
    holder.close()
    clock.advance(timedelta(minutes=1))
    await scheduler.check()  # what the retry job does
    await scheduler.check()
    prompts = [s for s in outlet.said if s.text.startswith("Stand-up")]
    assert len(prompts) == 1
    scheduler.stop()
