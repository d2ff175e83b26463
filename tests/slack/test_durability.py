"""Faults about processes and their database, with real `kaizen run` processes: an acked
request is a promise (Slack never sends again what got a 200), and it is kept.

Each test sends signed `/kaizen` commands at a steady rate, does something bad (kill -9,
the database stopped or made read-only), and then counts: every command acked is an idea,
each idea has one card, and what could not be stored was answered 5xx for Slack to send
again.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import aiohttp
import pytest

from storage.migrate import upgrade_async
from tests.postgres import binaries, postgres_server
from tests.processes import free_port, run_env
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_run import _wait_healthy, idea_texts, wait_for_inbox_to_empty
from tests.slack.traffic import Sent, send_at

KAIZEN = str(Path(sys.executable).with_name("kaizen"))
CARD = re.compile(r"Kaizen idea #(\d+)")


def app_yaml(folder: Path) -> None:
    """Short leases and quick retries; channels unpaced, so delivery is quick to follow."""
    (folder / "app.yaml").write_text(
        "delivery:\n  lease: 3s\n  first_retry: 1s\n  channel_interval: 0.01\n", encoding="utf-8"
    )


async def kaizen_run(
    slack: FakeSlack, folder: Path, url: str, port: int
) -> asyncio.subprocess.Process:
    env = run_env(slack.url, port, url, KAIZEN_CONFIG=str(folder / "app.yaml"))
    log = (folder / f"kaizen-{port}.log").open("ab")
    process = await asyncio.create_subprocess_exec(
        KAIZEN, "run", env=env, cwd=folder, stdout=log, stderr=subprocess.STDOUT
    )
    async with aiohttp.ClientSession() as http:
        await _wait_healthy(http, port)
    return process


async def stop(process: asyncio.subprocess.Process) -> int:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(process.wait(), 40)


def chattr(flag: str, files: list[str]) -> bool:
    return subprocess.run(["chattr", flag, *files], capture_output=True).returncode == 0


def cards(slack: FakeSlack) -> Counter[int]:
    return Counter(
        int(m.group(1))
        for message in slack.messages
        if not message["thread_ts"] and (m := CARD.match(str(message["text"])))
    )


async def all_carded(slack: FakeSlack, count: int, wait: float = 60.0) -> None:
    for _ in range(int(wait * 10)):
        if len(cards(slack)) >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{len(cards(slack))} of {count} cards after {wait:.0f} s")


async def nothing_acked_lost(slack: FakeSlack, url: str, sent: Sent) -> None:
    """Every acked command is one idea with one card, and nothing else is."""
    stored = await idea_texts(url)
    missing = [text for text in sent.acked if text not in stored]
    assert missing == [], f"{len(missing)} of {len(sent.acked)} acked commands were lost"
    assert sorted(Counter(stored).values()) == [1] * len(stored)  # none stored twice
    await all_carded(slack, len(stored))
    assert sorted(cards(slack)) == list(range(1, len(stored) + 1))
    assert set(cards(slack).values()) == {1}  # and none carded twice


@pytest.mark.parametrize("rate", [50, 200])
async def test_kill_9_mid_burst_then_a_restart_keeps_every_acked_idea(
    slack: FakeSlack, tmp_path: Path, rate: int
) -> None:
    """The process dies with hundreds of acked requests not yet handled and posts half
    sent; started again (same name), it takes back what it held and finishes the work."""
    app_yaml(tmp_path)
    url, port = f"sqlite+aiosqlite:///{tmp_path / 'kaizen.db'}", free_port()
    bot = await kaizen_run(slack, tmp_path, url, port)
    sent = Sent()
    await send_at([f"http://127.0.0.1:{port}"], rate, rate * 2, "k9", sent)
    bot.kill()
    await bot.wait()
    assert len(sent.acked) > rate  # most were acked: there was work to lose
    again = await kaizen_run(slack, tmp_path, url, port)
    try:
        await wait_for_inbox_to_empty(url)
        await nothing_acked_lost(slack, url, sent)
    finally:
        assert await stop(again) == 0


@pytest.mark.skipif(binaries() is None, reason="PostgreSQL is not installed here")
async def test_postgresql_stopped_under_load_loses_nothing_acked(
    slack: FakeSlack, tmp_path: Path
) -> None:
    """The database is away for 10 s under 20 requests a second: requests during the outage
    get 503 before any ack (Slack sends them again), and every one acked is kept."""
    app_yaml(tmp_path)
    with postgres_server() as server:
        url = server.url(server.create_database())
        await upgrade_async(url)
        port = free_port()
        bot = await kaizen_run(slack, tmp_path, url, port)
        try:
            sent = Sent()
            load = asyncio.create_task(send_at([f"http://127.0.0.1:{port}"], 20, 500, "pg", sent))
            await asyncio.sleep(5)
            await asyncio.to_thread(server.stop)
            await asyncio.sleep(10)
            await asyncio.to_thread(server.start)
            await load
            await wait_for_inbox_to_empty(url)
            await nothing_acked_lost(slack, url, sent)
        finally:
            assert await stop(bot) == 0
    assert sent.answers["503"] > 0, sent.answers  # the outage was refused, not acked
    assert set(sent.answers) <= {"200", "503"}, sent.answers


@pytest.mark.skipif(os.geteuid() != 0, reason="making files read-only for root needs chattr")
async def test_read_only_database_files_are_answered_5xx_and_nothing_acked_is_lost(
    slack: FakeSlack, tmp_path: Path
) -> None:
    """The SQLite files can no longer be written: requests are refused with 503 (not acked
    and forgotten) and /healthz says so; once writable again, all is as it was."""
    app_yaml(tmp_path)
    database = tmp_path / "kaizen.db"
    url, port = f"sqlite+aiosqlite:///{database}", free_port()
    bot = await kaizen_run(slack, tmp_path, url, port)
    files = [f"{database}{end}" for end in ("", "-wal", "-inbox", "-inbox-wal")]
    try:
        before = Sent()
        await send_at([f"http://127.0.0.1:{port}"], 20, 10, "before", before)
        if not chattr("+i", files):
            pytest.skip("this filesystem cannot make files immutable")
        during = Sent()
        await send_at([f"http://127.0.0.1:{port}"], 10, 10, "during", during)
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}/healthz") as response,
        ):
            health = await response.json()
        assert response.status == 503 and health["database"] == "read-only", health
        assert during.answers == {"503": 10}
    finally:
        chattr("-i", files)
    try:
        after = Sent()
        await send_at([f"http://127.0.0.1:{port}"], 20, 10, "after", after)
        await wait_for_inbox_to_empty(url)
        both = Sent(acked=before.acked + after.acked)
        assert len(both.acked) == 20
        await nothing_acked_lost(slack, url, both)
    finally:
        assert await stop(bot) == 0
