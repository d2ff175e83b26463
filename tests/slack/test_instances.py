"""Two `kaizen run` processes on one PostgreSQL, Slack over HTTP in front of both.

Ideas sent alternately to both get unique, gap-free numbers; a stand-up both instances
find due is prompted once; an instance killed mid-delivery leaves its posts to the other.
"""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest.mock import ANY

import aiohttp
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.postgres import PostgresServer
from tests.processes import free_port, run_env
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_run import _wait_healthy
from tests.slack.workspace import SlackWorkspace

IDEAS = 200
CARD = re.compile(r"Kaizen idea #(\d+)")


@dataclass
class Instance:
    process: asyncio.subprocess.Process
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
async def shared_database(postgres: PostgresServer, postgres_template: str) -> AsyncIterator[str]:
    name = postgres.create_database(template=postgres_template)
    yield postgres.url(name)
    postgres.drop_database(name)


def app_yaml(folder: Path) -> Path:
    """A stand-up that fell due two minutes ago, every day; short leases and retries."""
    due = datetime.now(UTC) - timedelta(minutes=2)
    path = folder / "app.yaml"
    path.write_text(
        "standups:\n"
        "  - channel: C0DAILY\n"
        f'    time: "{due:%H:%M}"\n'
        "    timezone: UTC\n"
        "    days: [mon, tue, wed, thu, fri, sat, sun]\n"
        "delivery:\n"
        "  lease: 5s\n"
        "  first_retry: 1s\n"
        "  channel_interval: 0.05\n",
        encoding="utf-8",
    )
    return path


async def start(database_url: str, slack: FakeSlack, folder: Path) -> Instance:
    port = free_port()
    env = run_env(
        slack.url,
        port,
        database_url,
        KAIZEN_CONFIG=str(folder / "app.yaml"),
        KAIZEN_LOG_LEVEL="INFO",
    )
    log = (folder / f"kaizen-{port}.log").open("wb")
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("kaizen")),
        "run",
        env=env,
        cwd=folder,
        stdout=log,
        stderr=log,
    )
    return Instance(process, port)


async def stop(instance: Instance) -> int:
    if instance.process.returncode is None:
        instance.process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(instance.process.wait(), 30)


def read_logs(folder: Path) -> list[str]:
    return [path.read_text(errors="replace") for path in sorted(folder.glob("kaizen-*.log"))]


async def idea_numbers(database_url: str) -> list[int]:
    engine = create_async_engine(database_url)
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT number FROM idea ORDER BY number"))
        numbers = [int(row[0]) for row in rows]
    await engine.dispose()
    return numbers


def cards(slack: FakeSlack) -> Counter[int]:
    """How many times Slack took each idea's card."""
    return Counter(
        int(m.group(1))
        for message in slack.messages
        if not message["thread_ts"] and (m := CARD.match(str(message["text"])))
    )


def whys(slack: FakeSlack) -> Counter[str]:
    """How many times Slack took the Why #1 of each thread."""
    return Counter(
        str(m["thread_ts"]) for m in slack.messages if str(m["text"]).startswith("Why #1")
    )


async def wait_until(condition: object, what: str, wait: float = 60.0) -> None:
    assert callable(condition)
    for _ in range(int(wait * 10)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"waited {wait:.0f}s for {what}")


async def test_two_instances_share_numbers_stand_ups_and_posts(
    shared_database: str, slack: FakeSlack, tmp_path: Path
) -> None:
    app_yaml(tmp_path)
    slack.members["C0DAILY"] = ["U0ALICE", "U0BOB"]
    one, two = await asyncio.gather(
        start(shared_database, slack, tmp_path), start(shared_database, slack, tmp_path)
    )
    try:
        async with aiohttp.ClientSession() as http:
            healths = await asyncio.gather(
                _wait_healthy(http, one.port), _wait_healthy(http, two.port)
            )
            for health in healths:
                assert health["scheduler"] == {
                    "slack": {"running": True, "standups": 1, "next_run": ANY}
                }

            # Both found the stand-up due at start; one prompt went out.
            await wait_until(
                lambda: any(m["channel"] == "C0DAILY" for m in slack.messages), "the prompt"
            )

            # 200 ideas, alternately to each instance, twenty at a time.
            people = [SlackWorkspace(i.url, slack, http) for i in (one, two)]
            gate = asyncio.Semaphore(20)

            async def send(n: int) -> None:
                async with gate:
                    words = f"Bin{n} crate{n} pallet{n} shelf{n} forklift{n} is hard to find"
                    response = await people[n % 2].slash(words, channel=f"C0ROOM{n % 20}")
                    assert response.status == 200

            await asyncio.gather(*(send(n) for n in range(IDEAS)))
            await wait_until(lambda: len(cards(slack)) >= IDEAS, "every card", wait=120)
            assert await idea_numbers(shared_database) == list(range(1, IDEAS + 1))

            # Slack retries an event to the other instance: the answer counts once.
            first = next(m for m in slack.messages if str(m["text"]).startswith("Kaizen idea #1 "))
            body = people[0].message_body(
                "The rollers are dusty", first["ts"], channel=first["channel"], event_id="Ev0TWICE"
            )
            retried = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
            assert (await people[0].send_json(body)).status == 200
            assert (await people[1].send_json(body, headers=retried)).status == 200
            await wait_until(
                lambda: any(str(m["text"]).startswith("Why #2") for m in slack.messages), "Why #2"
            )
            assert set(cards(slack).values()) == {1}

            # Instance one is killed while it waits for Slack's answer to a post Slack has
            # taken; instance two (paused meanwhile, so that one does all the sending)
            # delivers what it left, finding that post instead of sending it again.
            await slack.settle(1.0)
            slack.delay = 1.0
            two.process.send_signal(signal.SIGSTOP)
            before = len(slack.messages)
            for n in range(IDEAS, IDEAS + 6):
                words = f"Bin{n} crate{n} pallet{n} shelf{n} forklift{n} is hard to find"
                assert (await people[0].slash(words)).status == 200
            await wait_until(lambda: len(slack.messages) >= before + 2, "the first posts")
            one.process.send_signal(signal.SIGKILL)
            await one.process.wait()
            slack.delay = 0.0
            two.process.send_signal(signal.SIGCONT)
            # The post in doubt waits for its claim's lease (5 s) to run out; the rest,
            # in other conversations, need not wait for it.
            await wait_until(
                lambda: len(cards(slack)) == IDEAS + 6 and len(whys(slack)) == IDEAS + 6,
                "the rest",
                wait=60,
            )
            # The post one was waiting on when it died had reached Slack: two finds it
            # once its claim's lease has run out, and does not send it again.
            await wait_until(
                lambda: (
                    "had arrived before all; not sending it again" in "".join(read_logs(tmp_path))
                ),
                "the post in doubt to be looked for",
                wait=30,
            )
            await slack.settle(1.0)
    finally:
        two.process.send_signal(signal.SIGCONT)
        codes = await asyncio.gather(stop(one), stop(two))

    prompts = [m for m in slack.messages if m["channel"] == "C0DAILY" and not m["thread_ts"]]
    assert len(prompts) == 1, prompts
    logs = read_logs(tmp_path)
    assert len(logs) == 2
    assert all("stand-up" in log and "is due" in log for log in logs)  # both saw it due
    assert set(cards(slack).values()) == {1}  # nothing twice, also across the kill
    assert len(whys(slack)) == IDEAS + 6 and set(whys(slack).values()) == {1}
    assert codes[0] == -signal.SIGKILL and codes[1] == 0
    assert sum(str(m["text"]).startswith("Why #2") for m in slack.messages) == 1


@pytest.mark.parametrize("count", [40, 200])
async def test_ideas_sent_at_once_to_two_instances_are_all_carded_once(
    shared_database: str, slack: FakeSlack, tmp_path: Path, count: int
) -> None:
    """All at once, split between two instances: every idea is numbered without a gap and
    carded once, whichever instance stored it and whichever sends it. (How soon after the
    last ack is measured by bench/durability.py: within 5 s on a quiet machine.)"""
    (tmp_path / "app.yaml").write_text("delivery:\n  channel_interval: 0.05\n", encoding="utf-8")
    one, two = await asyncio.gather(
        start(shared_database, slack, tmp_path), start(shared_database, slack, tmp_path)
    )
    try:
        async with aiohttp.ClientSession() as http:
            await asyncio.gather(_wait_healthy(http, one.port), _wait_healthy(http, two.port))
            people = [SlackWorkspace(i.url, slack, http) for i in (one, two)]

            async def send(n: int) -> None:
                words = f"Bin{n} crate{n} pallet{n} shelf{n} forklift{n} is hard to find"
                response = await people[n % 2].slash(words, channel=f"C0ROOM{n % 20}")
                assert response.status == 200

            await asyncio.gather(*(send(n) for n in range(count)))
            await wait_until(lambda: len(cards(slack)) >= count, "every card", wait=60)
            await slack.settle(0.5)
    finally:
        codes = await asyncio.gather(stop(one), stop(two))
    assert list(codes) == [0, 0]
    assert await idea_numbers(shared_database) == list(range(1, count + 1))
    assert sorted(cards(slack)) == list(range(1, count + 1))
    assert set(cards(slack).values()) == {1}
