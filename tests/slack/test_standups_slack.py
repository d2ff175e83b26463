"""Stand-ups in Slack: the scheduled prompt, thread answers, paced reminders, the summary."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from bot.clock import FrozenClock
from bot.settings import Settings, Standup
from kaizen.app import open_app
from kaizen.server import Server
from kaizen.slack import SlackCredentials, SlackSurface
from tests.processes import free_port
from tests.slack.fake_slack import BOT_TOKEN, BOT_USER, FakeSlack
from tests.slack.workspace import SIGNING_SECRET, SlackWorkspace, blocks_text

DAILY = Standup(
    channel="C0DAILY",
    time="09:15",
    timezone="Europe/Berlin",
    remind_after=timedelta(hours=1),
    close_after=timedelta(hours=2),
)
MORNING = datetime(2026, 3, 2, 8, 10, tzinfo=UTC)  # Monday 09:10 in Berlin


@pytest.fixture
async def standup_bot(
    database_url: str, slack: FakeSlack
) -> AsyncIterator[tuple[SlackSurface, FrozenClock, Server]]:
    clock = FrozenClock(MORNING)
    app = await open_app(Settings(standups=(DAILY,)), database_url, clock, migrate=False)
    surface = SlackSurface(app, SlackCredentials(BOT_TOKEN, SIGNING_SECRET, None, slack.url))
    surface.runtime.courier.idle = 0.1
    surface.outlet.pacer.interval = 0.05
    server = Server(app, [surface], "127.0.0.1", free_port())
    await server.start()
    yield surface, clock, server
    await server.stop()
    await app.close()


async def test_a_slack_stand_up_day(
    standup_bot: tuple[SlackSurface, FrozenClock, Server], slack: FakeSlack
) -> None:
    surface, clock, server = standup_bot
    assert surface.scheduler is not None
    slack.members["C0DAILY"] = ["U0ALICE", "U0BOB", "U0CAROL", "U0DAVE", BOT_USER]
    clock.set(MORNING + timedelta(minutes=5))
    await surface.scheduler.check()
    prompt = (await slack.wait_for("chat.postMessage"))[0]
    assert prompt.args["channel"] == "C0DAILY" and "Stand-up \u00b7 2026-03-02" in blocks_text(
        prompt
    )
    thread = "1700000000.000001"

    async with aiohttp.ClientSession() as http:
        people = SlackWorkspace(f"http://127.0.0.1:{server.port}", slack, http)
        await people.reply(
            "1. Relabelled aisle 4\n2. Scanners\n3. Waiting for the label stock",
            thread,
            channel="C0DAILY",
        )
        await people.as_("U0BOB").reply("done\ndoing\nnone", thread, channel="C0DAILY")
        thanks = await slack.wait_for("chat.postEphemeral", 2)
        assert {t.args["user"] for t in thanks} == {"U0ALICE", "U0BOB"}

        clock.advance(timedelta(hours=1, minutes=1))
        started = time.monotonic()
        await surface.runtime.tick("T0KAIZEN")
        reminders = (await slack.wait_for("chat.postEphemeral", 4))[2:]
        assert {r.args["user"] for r in reminders} == {"U0CAROL", "U0DAVE"}
        assert time.monotonic() - started >= surface.outlet.pacer.interval
        assert len(slack.of("conversations.members")) == 3  # five members, two at a page
        assert slack.of("users.list")

        clock.advance(timedelta(hours=1))
        await surface.runtime.tick("T0KAIZEN")
        summary = (await slack.wait_for("chat.postMessage", 2))[1]
        assert summary.args["thread_ts"] == thread
        text = blocks_text(summary)
        assert "2 answered: " in text and "<@U0ALICE>" in text and "<@U0BOB>" in text
        assert "<@U0ALICE>: Waiting for the label stock" in text

        await people.as_("U0LEAD").press("Make 1 a Kaizen idea", on=summary)
        card = (await slack.wait_for("chat.postMessage", 3))[2]
        assert "Kaizen idea #1" in card.args["text"] and card.args["channel"] == "C0DAILY"
        update = (await slack.wait_for("chat.update"))[0]
        assert "(now idea #1)" in blocks_text(update)


async def test_a_stand_up_day_when_every_call_fails_three_times_first(
    standup_bot: tuple[SlackSurface, FrozenClock, Server], slack: FakeSlack
) -> None:
    """Every distinct Web API call gets 500, 429 (Retry-After 1), 503 before it succeeds:
    the prompt, each thank-you, each reminder and the summary still arrive, each once."""
    surface, clock, server = standup_bot
    assert surface.scheduler is not None
    slack.members["C0DAILY"] = ["U0ALICE", "U0BOB", "U0CAROL", BOT_USER]
    slack.chaos = 3
    clock.set(MORNING + timedelta(minutes=5))

    async def time_passes() -> None:  # backoff and Retry-After run on the bot's clock
        while True:
            await asyncio.sleep(0.05)
            clock.advance(timedelta(seconds=1))

    passing = asyncio.create_task(time_passes())
    await surface.scheduler.check()
    await slack.wait_for_taken("chat.postMessage")
    thread = str(slack.messages[0]["ts"])

    async with aiohttp.ClientSession() as http:
        people = SlackWorkspace(f"http://127.0.0.1:{server.port}", slack, http)
        await people.reply("1. Relabelled aisle 4\n2. Scanners\n3. none", thread, channel="C0DAILY")
        await slack.wait_for_taken("chat.postEphemeral")
        clock.advance(timedelta(hours=1, minutes=1))
        await surface.runtime.tick("T0KAIZEN")
        await slack.wait_for_taken("chat.postEphemeral", 3)
        clock.advance(timedelta(hours=1))
        await surface.runtime.tick("T0KAIZEN")
        await slack.wait_for_taken("chat.postMessage", 2)
    await slack.settle(3)
    passing.cancel()

    posted = [c for c in slack.taken if c.method == "chat.postMessage"]
    assert len(posted) == 2 and "Stand-up \u00b7 2026-03-02" in blocks_text(posted[0])
    assert posted[1].args["thread_ts"] == thread and "1 answered" in blocks_text(posted[1])
    private = sorted(c.args["user"] for c in slack.taken if c.method == "chat.postEphemeral")
    assert private == ["U0ALICE", "U0BOB", "U0CAROL"]  # one thank-you, two reminders
    assert len(slack.calls) > 3 * len(slack.taken)  # the failures really happened
