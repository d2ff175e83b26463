"""Lean metrics on known data: lead time, cycle time per stage, share done, participation."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import FrozenClock
from bot.events import Members
from bot.metrics.stats import ChannelStats, by_channel, compute
from bot.model.ideas import Path as IdeaPath
from bot.model.ideas import Stage
from bot.model.tallies import Tally, Turnout
from bot.people import Person
from bot.settings import Digest, FiveWhys, Pdca, Settings
from storage.tables import IdeaRow, StageChangeRow
from tests.conftest import START, AppOpener, ChatFactory
from tests.conversation import Chat, RecordingOutlet
from tests.test_terminal import kaizen

pytestmark = pytest.mark.both_databases

DAY = timedelta(days=1)


Steps = tuple[tuple[Stage, float], ...]


async def tally_of(
    open_apps: AppOpener, ideas: list[tuple[IdeaPath, Steps]], since: datetime, until: datetime
) -> Tally:
    """Ideas with known stage histories (days after START), counted by the real store."""
    app = await open_apps()
    async with app.database.transaction() as store:
        await store.ensure_workspace("T1", "test", START)
        for number, (path, steps) in enumerate(ideas, 1):
            history = [(stage, START + DAY * days) for stage, days in steps]
            row = IdeaRow(
                workspace_id="T1",
                number=number,
                text=f"idea {number}",
                author_id=f"p{number}",
                author_name=f"p{number}",
                path=path.value,
                stage=history[-1][0].value,
                stage_at=history[-1][1],
                channel="C1",
                created_at=history[0][1],
                updated_at=history[-1][1],
            )
            store.session.add(row)
            await store.session.flush()
            assert row.id is not None
            left = [at for _, at in history[1:]] + [None]
            for (stage, at), left_at in zip(history, left, strict=True):
                store.session.add(
                    StageChangeRow(
                        workspace_id="T1", idea_id=row.id, stage=stage.value, at=at, left_at=left_at
                    )
                )
    async with app.database.transaction() as store:
        return await store.metrics.tally("T1", since, until)


async def test_lead_cycle_share_and_rate_on_known_ideas(open_apps: AppOpener) -> None:
    op, strategic = IdeaPath.OPERATIONAL, IdeaPath.STRATEGIC
    ideas: list[tuple[IdeaPath, Steps]] = [
        (op, ((Stage.NEW, 0), (Stage.PLAN, 1), (Stage.DO, 3), (Stage.DONE, 10))),
        (op, ((Stage.NEW, 1), (Stage.PLAN, 2), (Stage.DO, 4), (Stage.DONE, 7))),
        (op, ((Stage.NEW, 2), (Stage.DROPPED, 2.5))),
        (strategic, ((Stage.NEW, 3), (Stage.PLAN, 5))),
        (op, ((Stage.NEW, 40), (Stage.DONE, 41))),  # after the period
    ]
    tally = await tally_of(open_apps, ideas, START, START + 30 * DAY)
    stats = compute(tally, START, START + 30 * DAY, Turnout(people=8, participants=6))

    both = stats.paths[None]
    assert (both.submitted, both.implemented, both.dropped, both.still_open) == (4, 2, 1, 1)
    assert both.lead_median == 8 * DAY and both.lead_mean == 8 * DAY
    assert both.share_implemented == 0.5
    assert Stage.NEW not in both.cycle  # waiting to be read is not a stage of the work
    assert both.cycle[Stage.PLAN] == 2 * DAY
    assert both.cycle[Stage.DO] == 5 * DAY  # stays of 7 and 3 days
    assert Stage.CHECK not in both.cycle
    # 30 days is short of a month: the rate is the month to its end, 4 ideas for 8 people.
    assert both.per_person_month == 0.5

    operational, strategic_stats = stats.paths[op], stats.paths[strategic]
    assert (operational.submitted, operational.implemented) == (3, 2)
    assert (strategic_stats.submitted, strategic_stats.implemented) == (1, 0)
    assert strategic_stats.share_implemented == 0.0 and strategic_stats.lead_median is None
    assert stats.participation == 0.75
    assert by_channel(tally) == [ChannelStats("C1", 4, 2, 8 * DAY)]


async def test_all_time_counts_months_from_the_first_idea(open_apps: AppOpener) -> None:
    ideas: list[tuple[IdeaPath, Steps]] = [
        (IdeaPath.OPERATIONAL, ((Stage.NEW, 0), (Stage.DONE, 1)))
    ]
    since, until = datetime(2000, 1, 1, tzinfo=UTC), START + 30.44 * DAY
    stats = compute(await tally_of(open_apps, ideas, since, until), since, until, Turnout(1, 1))
    assert stats.paths[None].per_person_month == 1.0


async def test_a_month_counts_only_what_happened_in_it(open_apps: AppOpener) -> None:
    """An idea done twice counts by its last Done; stays count where they ended."""
    ideas: list[tuple[IdeaPath, Steps]] = [
        (
            IdeaPath.OPERATIONAL,
            ((Stage.NEW, 0), (Stage.DONE, 5), (Stage.ACT, 33), (Stage.DONE, 35)),
        ),
        (IdeaPath.OPERATIONAL, ((Stage.NEW, 29), (Stage.PLAN, 31))),
    ]
    since, until = START + 30 * DAY, START + 60 * DAY
    tally = await tally_of(open_apps, ideas, since, until)
    stats = compute(tally, since, until, Turnout(0, 0)).paths[None]
    assert (stats.submitted, stats.implemented) == (0, 1)
    assert stats.lead_median == 35 * DAY
    assert stats.cycle == {Stage.ACT: 2 * DAY}  # New and Done are not stages of the work


async def test_a_reopened_idea_is_not_implemented_until_it_is_done_again(
    open_apps: AppOpener,
) -> None:
    ideas: list[tuple[IdeaPath, Steps]] = [
        (IdeaPath.OPERATIONAL, ((Stage.NEW, 0), (Stage.DONE, 5), (Stage.PLAN, 7))),
        (IdeaPath.OPERATIONAL, ((Stage.NEW, 1), (Stage.DO, 2), (Stage.DONE, 4))),
    ]
    since, until = START, START + 30 * DAY
    stats = compute(await tally_of(open_apps, ideas, since, until), since, until, Turnout(2, 2))
    both = stats.paths[None]
    assert (both.submitted, both.implemented, both.still_open) == (2, 1, 1)
    assert both.lead_median == 3 * DAY and both.share_implemented == 0.5


async def seed(new_chat: ChatFactory, clock: FrozenClock) -> None:
    """Two ideas taken to done on known days: leads of 10 and 6 days, Plan 2 days each."""
    chat = await new_chat(Settings())
    await chat.say("kaizen The label printer jams every morning")  # day 0
    clock.advance(DAY)
    await chat.say("kaizen move 1 plan")  # day 1
    await chat.say("kaizen Forklift batteries run flat before the shift ends")
    clock.advance(DAY)
    await chat.say("kaizen move 2 plan")  # day 2
    clock.advance(DAY)
    await chat.say("kaizen move 1 do")  # day 3
    clock.advance(DAY)
    await chat.say("kaizen move 2 do")  # day 4
    clock.advance(3 * DAY)
    await chat.say("kaizen move 2 done A checklist step now covers it")  # day 7
    clock.advance(DAY)
    await chat.say("kaizen move 1 check")  # day 8
    clock.advance(DAY)
    await chat.say("kaizen move 1 act")  # day 9
    clock.advance(DAY)
    await chat.say("kaizen move 1 done A checklist step now covers it")  # day 10
    chat.as_("bob")
    await chat.say("kaizen Put a second bin at the packing table")
    clock.advance(timedelta(hours=1))


async def test_stats_in_chat_give_lead_and_cycle_times(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    await seed(new_chat, clock)
    chat = await new_chat(Settings())
    chat.outlet.said.clear()
    await chat.say("kaizen stats all")
    numbers = chat.expect_private("Kaizen numbers of all time").text
    assert "3 given, 2 implemented, 0 set aside, 1 still open; 67% of those given are done" in (
        numbers
    )
    assert "Lead time 8 days (median), 8 days (mean)" in numbers
    assert "Plan 2 days" in numbers and "Do 4 days" in numbers and "Check 1 day" in numbers
    assert "2 of the 2 people active here (100%)" in numbers
    await chat.say("kaizen stats fortnight")
    chat.expect_private("Say one of: week, month, quarter, year, all")
    await chat.say("kaizen stats here")
    chat.expect_private("Kaizen numbers this month (since Sun 01 Mar 2026) in #C1")
    await chat.say("kaizen stats all here")
    assert "3 given, 2 implemented" in chat.expect_private("Kaizen numbers of all time in #C1").text


async def test_the_stats_command_prints_lead_and_cycle_times(
    new_chat: ChatFactory, clock: FrozenClock, database_url: str, tmp_path: Path
) -> None:
    await seed(new_chat, clock)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DATABASE_URL": database_url}
    printed = kaizen(["stats", "all"], "", env, tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert "Lead time 8 days (median), 8 days (mean)" in printed.stdout
    assert "Time in stage: Clarifying 1 day, Plan 2 days, Do 4 days" in (printed.stdout)
    assert "Check 1 day, Act 1 day" in printed.stdout

    exported = kaizen(["export", "--format", "json"], "", env, tmp_path)
    ideas = json.loads(exported.stdout)["ideas"]
    assert [i["lead_time_days"] for i in ideas] == [10.0, 6.0, None]
    assert ideas[0]["entered_check"] == (START + 8 * DAY).isoformat()

    out = tmp_path / "ideas.csv"
    written = kaizen(["export", "--out", str(out)], "", env, tmp_path)
    assert written.returncode == 0, written.stderr
    lines = out.read_text().splitlines()
    assert lines[0].startswith("number,text,channel,path,goal,category,stage,author")
    assert lines[1].startswith("1,The label printer jams every morning,C1,operational,,,done")
    assert len(lines) == 4

    wrong = kaizen(["stats", "--workspace", "nope"], "", env, tmp_path)
    assert wrong.returncode == 2 and "No workspace 'nope'" in wrong.stderr
    nowhere = kaizen(["export", "--out", str(tmp_path / "no" / "such.csv")], "", env, tmp_path)
    assert nowhere.returncode == 2
    assert (
        nowhere.stderr
        == f"kaizen: Cannot write {tmp_path}/no/such.csv: there is no folder {tmp_path}/no.\n"
    )


async def test_the_weekly_digest_posts_the_numbers_and_the_done_ideas_once(
    new_chat: ChatFactory, clock: FrozenClock
) -> None:
    digest = Digest(channel="C-digest", day="mon", time="09:00")
    chat = await new_chat(
        Settings(
            pdca=Pdca(digest=digest, respond_within=30 * DAY),
            five_whys=FiveWhys(remind_after=30 * DAY),
        )
    )
    await chat.tick()  # Monday 08:30: not yet
    clock.advance(timedelta(hours=1))
    await chat.say("kaizen The label printer jams every morning")
    await chat.say("kaizen move 1 done A checklist step now covers it")
    chat.as_("bob")
    await chat.say("kaizen Forklift batteries run flat before the shift ends")
    clock.advance(timedelta(days=6, hours=11))  # Sunday 20:30
    chat.outlet.said.clear()
    await chat.tick()
    chat.expect_nothing()
    clock.advance(timedelta(hours=12, minutes=45))  # Monday 09:15
    await chat.tick()
    post = chat.expect_post("Kaizen digest for the week to Mon 09 Mar: 1 idea done")
    assert post.channel == "C-digest"
    assert "#1 The label printer jams every morning \u2014 alice" in post.text
    assert "2 given, 1 implemented" in post.text
    await chat.tick()
    chat.expect_nothing()


async def test_participation_counts_the_members_the_platform_lists(
    chat: Chat, clock: FrozenClock
) -> None:
    """Two people give ideas on a team of five: 40%, not the 100% of those who spoke."""
    await chat.say("kaizen The label printer jams every morning")
    chat.as_("bob")
    await chat.say("kaizen Forklift batteries run flat before the shift ends")
    clock.advance(timedelta(minutes=1))
    await chat.say("kaizen stats")
    before = chat.outlet.said[-1].text
    assert "2 of the 2 people active here (100%)" in before

    team = ("alice", "bob", "carol", "dave", "erin", "kaizen-bot")
    chat.outlet.channel_members = [Person(n, n, is_bot=n == "kaizen-bot") for n in team]
    await chat.tick()  # once a day, the channels in use are listed
    await chat.say("kaizen stats")
    assert "2 of the 5 members here (40%)" in chat.outlet.said[-1].text
    await chat.say("kaizen stats here")
    assert "2 of the 5 members here (40%)" in chat.outlet.said[-1].text

    chat.outlet.channel_members = []
    await chat.tick()  # listed already today: not asked again
    await chat.say("kaizen stats")
    said = chat.outlet.said[-1].text
    assert "2 of the 5 members here (40%)" in said
    # Two ideas from five people, in the month up to today.
    assert "0.4 ideas per person per month" in said


class _SeenOnly(RecordingOutlet):
    """A surface that knows who has spoken, not who is on the team (the terminal)."""

    knows_every_member = False


async def test_a_surface_without_a_directory_is_never_taken_for_the_whole_team(
    open_apps: AppOpener, clock: FrozenClock
) -> None:
    outlet = _SeenOnly()
    outlet.channel_members = [Person("alice", "alice")]
    chat = Chat((await open_apps()).runtime(outlet, "test"), outlet)
    await chat.say("kaizen The label printer jams every morning")
    chat.as_("bob")
    await chat.say("kaizen Forklift batteries run flat before the shift ends")
    clock.advance(timedelta(minutes=1))
    await chat.tick()
    # A stand-up's reminders list who this surface has seen: that is no roster either.
    seen = (Person("alice", "alice"),)
    await chat.runtime.receive(Members("T1", "C1", "standup:1", seen, whole=False))
    await chat.say("kaizen stats")
    assert "2 of the 2 people active here (100%)" in chat.outlet.said[-1].text
