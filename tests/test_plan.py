"""Plan as an experiment (issue 18): the countermeasure, who carries it, what we expect,
how we will see it and when we look, in one line or piece by piece."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.language.plans import check_date, read_plan
from bot.metrics.export import idea_rows, to_csv, to_json
from tests.conversation import Chat

pytestmark = pytest.mark.both_databases

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # a Monday


async def _at_plan(chat: Chat) -> None:
    await chat.say("kaizen The label printer jams every morning")
    chat.skip_to("thread", "Why #1")
    await chat.say("root cause: cleaning the rollers is not on the checklist")
    chat.skip_to("update", "\u00b7 Plan")


async def test_a_plan_in_one_line_fills_every_part(chat: Chat) -> None:
    await _at_plan(chat)
    await chat.say(
        "Add roller cleaning to the start-up checklist, owner @bob, expect jams under 1 a "
        "week, measure jams per week, check in 2 weeks",
        mentions=("bob",),
    )
    plan = chat.expect_thread("Countermeasure for idea #1: Add roller cleaning to the start-up")
    for part in (
        "Owner: @bob",
        "We expect: jams under 1 a week",
        "Measured by: jams per week",
        "Check on: Mon 16 Mar 2026",
    ):
        assert part in plan.text, plan.text
    card = chat.expect_update("Kaizen idea #1 \u00b7 Plan")
    assert "We expect: jams under 1 a week" in card.text and "Owner: @bob" in card.text
    chat.expect_nothing()  # nothing missing: nothing asked

    await chat.say("kaizen show 1")
    story = chat.expect_private("Kaizen idea #1 \u00b7 Plan", to="alice")
    assert "Measured by: jams per week" in story.text and "Check on: Mon 16 Mar 2026" in story.text


async def test_kaizen_plan_adds_what_was_missing(chat: Chat) -> None:
    await _at_plan(chat)
    await chat.say("Add roller cleaning to the start-up checklist")
    chat.expect_thread("Countermeasure for idea #1")
    chat.expect_update("\u00b7 Plan")
    chat.expect_private("a plan says who carries it", to="alice")

    await chat.say("kaizen plan 1 expect no jams for a week, check on 2026-03-20")
    plan = chat.expect_thread("Plan for idea #1")
    assert "Countermeasure: Add roller cleaning to the start-up checklist" in plan.text
    assert "We expect: no jams for a week" in plan.text and "Check on: Fri 20 Mar" in plan.text
    chat.expect_update("We expect: no jams for a week")


async def test_a_plan_that_misses_the_root_cause_is_questioned_privately(chat: Chat) -> None:
    await _at_plan(chat)
    await chat.say("Buy a new printer, owner me, expect fewer jams, measure jams a week")
    chat.expect_thread("Countermeasure for idea #1: Buy a new printer")
    chat.expect_update("\u00b7 Plan")
    asked = chat.expect_private("Will this remove the root cause", to="alice")
    assert "cleaning the rollers is not on the checklist" in asked.text


async def test_only_the_ideas_people_change_its_plan(chat: Chat) -> None:
    await _at_plan(chat)
    await chat.say("Add roller cleaning to the start-up checklist")
    chat.catch_up()
    chat.as_("carol")
    await chat.say("kaizen plan 1 check in 1 day")
    chat.expect_private("Only the author of idea #1", to="carol")


async def test_a_date_it_cannot_read_is_said_plainly(chat: Chat) -> None:
    await _at_plan(chat)
    await chat.say("Add roller cleaning to the start-up checklist")
    chat.catch_up()
    await chat.say("kaizen plan 1 check whenever")
    chat.expect_private("I couldn't read \u201ccheck whenever\u201d as a date", to="alice")


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("in 2 weeks", "2026-12-21"),
        ("in 10 days", "2026-12-17"),
        ("a month", "2027-01-06"),
        ("friday", "2026-12-11"),
        ("monday", "2026-12-14"),
        ("tomorrow", "2026-12-08"),
        ("2027-01-15", "2027-01-15"),
    ],
)
def test_check_dates(said: str, day: str) -> None:
    at = check_date(said, NOW)
    assert at is not None and at.date().isoformat() == day


@pytest.mark.parametrize("said", ["whenever", "2020-01-01", "in 900 days", "2027-02-30"])
def test_dates_it_will_not_take(said: str) -> None:
    assert check_date(said, NOW) is None


def test_the_owner_of_the_checklist_is_part_of_the_countermeasure() -> None:
    reading = read_plan("Make the shift lead the owner of the checklist", NOW)
    assert reading.countermeasure == "Make the shift lead the owner of the checklist"
    assert not reading.owner_named


def test_a_containment_is_told_from_a_permanent_fix() -> None:
    assert read_plan("Tape a sign on the printer for now", NOW).fix_kind == "containment"
    permanent = read_plan("Permanent: add cleaning to the checklist, owner me", NOW)
    assert permanent.fix_kind == "permanent" and permanent.owner_is_me
    assert permanent.countermeasure == "add cleaning to the checklist"


async def test_the_exports_carry_the_record(chat: Chat) -> None:
    await _at_plan(chat)
    await chat.say(
        "Add roller cleaning to the start-up checklist, expect jams under 1 a week, "
        "check in 2 weeks"
    )
    chat.catch_up()
    async with chat.runtime.engine.database.reading() as store:
        (row,) = await idea_rows(store, chat.workspace)
    assert row["root_cause"] == "cleaning the rollers is not on the checklist"
    assert row["countermeasure"] == "Add roller cleaning to the start-up checklist"
    assert row["prediction"] == "jams under 1 a week"
    assert row["measure"] == "jams under 1 a week"  # a number in the prediction measures it
    assert row["check_at"] == "2026-03-16T09:00:00+00:00"
    assert row["owner"] == "alice"
    header = to_csv([row]).splitlines()[0]
    assert "root_cause,countermeasure,fix_kind,prediction,measure,check_at" in header
    assert json.loads(to_json([row]))["ideas"][0]["prediction"] == "jams under 1 a week"
