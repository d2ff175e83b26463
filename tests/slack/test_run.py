"""`kaizen run` as a process: it serves Slack and /healthz on PORT and stops on SIGTERM."""

from __future__ import annotations

import asyncio
import itertools
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import aiohttp
from sqlmodel import col, select

from storage.database import SqlDatabase
from storage.tables import IdeaRow
from tests.processes import free_port, run_env
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import SlackWorkspace


async def kaizen_run(
    slack: FakeSlack,
    folder: Path,
    port: int,
    quiet: bool = False,
    *,
    output: IO[bytes] | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> asyncio.subprocess.Process:
    """`kaizen run` serving Slack at the fake Web API, on an SQLite file in `folder` (and
    with `folder`'s app.yaml, when it has one). Its output goes to `output` when given,
    else nowhere (`quiet`) or to pipes."""
    env = run_env(slack.url, port, f"sqlite+aiosqlite:///{folder / 'kaizen.db'}")
    where: IO[bytes] | int = (
        output
        if output is not None
        else asyncio.subprocess.DEVNULL
        if quiet
        else asyncio.subprocess.PIPE
    )
    return await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("kaizen")),
        "run",
        env=env,
        cwd=folder,
        stdout=where,
        stderr=where,
        preexec_fn=preexec_fn,
    )


async def test_kaizen_run_serves_slack_until_sigterm(slack: FakeSlack, tmp_path: Path) -> None:
    port = free_port()
    process = await kaizen_run(slack, tmp_path, port)
    try:
        async with aiohttp.ClientSession() as http:
            health = await _wait_healthy(http, port)
            assert health["surfaces"] == ["slack"]
            workspace = SlackWorkspace(f"http://127.0.0.1:{port}", slack, http)
            assert (await workspace.slash("The label printer jams every morning")).status == 200
            card, _ = await slack.wait_for("chat.postMessage", 2)
            assert "Kaizen idea #1" in card.args["text"]
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 20)
        _, err = await process.communicate()
    assert code == 0, err.decode()
    assert "Slack (HTTP at /slack/events)" in err.decode()


async def _wait_healthy(http: aiohttp.ClientSession, port: int) -> dict[str, object]:
    for _ in range(100):
        try:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                if response.status == 200:
                    body = await response.json()
                    assert isinstance(body, dict)
                    return body
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("kaizen run never became healthy")


async def test_sigterm_finishes_the_turns_under_way_and_delivers_their_posts(
    slack: FakeSlack, tmp_path: Path
) -> None:
    """Ideas acked a moment before SIGTERM are stored and their cards posted before exit 0."""
    port = free_port()
    process = await kaizen_run(slack, tmp_path, port)
    slack.delay = 0.2  # Slack is slow today: delivery is still under way at SIGTERM
    async with aiohttp.ClientSession() as http:
        health = await _wait_healthy(http, port)
        assert health["scheduler"] == {}  # no stand-ups configured, so no scheduler
        workspace = SlackWorkspace(f"http://127.0.0.1:{port}", slack, http)
        ideas = [f"Idea {n}: the {word} is hard to find" for n, word in enumerate("ABC")]
        for text in ideas:
            assert (await workspace.slash(text)).status == 200
    process.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(process.wait(), 30)
    assert code == 0
    cards = [m for m in slack.messages if str(m["text"]).startswith("Kaizen idea #")]
    assert sorted(str(m["text"]).split(" ")[2] for m in cards) == ["#1", "#2", "#3"]
    assert sum(str(m["text"]).startswith("Why #1") for m in slack.messages) == 3


async def test_sigterm_in_a_burst_stores_every_command_it_acked_and_refuses_the_rest(
    slack: FakeSlack, tmp_path: Path
) -> None:
    """Four clients on keep-alive connections send commands while Slack is slow; SIGTERM
    comes mid-burst. Every command answered 200 is stored; later ones get 503, not a 200
    that is then lost; the process exits inside its stop grace."""
    port = free_port()
    database = tmp_path / "kaizen.db"
    process = await kaizen_run(slack, tmp_path, port, quiet=True)
    slack.delay = 0.05
    acked: list[str] = []
    refused = 0
    stopped = asyncio.Event()
    enough = asyncio.Event()

    async def client(n: int, http: aiohttp.ClientSession) -> None:
        nonlocal refused
        workspace = SlackWorkspace(f"http://127.0.0.1:{port}", slack, http)
        for i in itertools.count():
            text = f"Idea {n}-{i}: the scanner at dock {n} needs a holder"
            try:
                status = (await workspace.slash(text)).status
            except aiohttp.ClientError:
                return  # the server is gone
            if status == 200:
                acked.append(text)
                if len(acked) >= 60:
                    enough.set()
            elif status == 503:
                refused += 1
            if stopped.is_set() and status != 200:
                return

    connector = aiohttp.TCPConnector(limit=4, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as http:
        await _wait_healthy(http, port)
        clients = [asyncio.create_task(client(n, http)) for n in range(4)]
        await asyncio.wait_for(enough.wait(), 60)
        process.send_signal(signal.SIGTERM)
        began = asyncio.get_running_loop().time()
        stopped.set()
        code = await asyncio.wait_for(process.wait(), 60)
        took = asyncio.get_running_loop().time() - began
        await asyncio.wait_for(asyncio.gather(*clients), 10)
    assert code == 0
    assert took < 30, f"stopping took {took:.1f} s"
    assert refused > 0  # requests on connections still open after SIGTERM were refused
    # What the stop left in the inbox runs at the next start: every acked command an idea.
    url = f"sqlite+aiosqlite:///{database}"
    again = await kaizen_run(slack, tmp_path, port, quiet=True)
    try:
        async with aiohttp.ClientSession() as http:
            await _wait_healthy(http, port)
        await wait_for_inbox_to_empty(url)
    finally:
        again.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(again.wait(), 30) == 0
    missing = [text for text in acked if text not in await idea_texts(url)]
    assert missing == [], f"{len(missing)} of {len(acked)} acked commands were lost"


async def idea_texts(url: str) -> list[str]:
    database = SqlDatabase(url)
    try:
        async with database.reading() as store:
            return list((await store.session.execute(select(col(IdeaRow.text)))).scalars())
    finally:
        await database.close()


async def wait_for_inbox_to_empty(url: str, wait: float = 60.0) -> None:
    database = SqlDatabase(url)
    try:
        for _ in range(int(wait * 10)):
            async with database.inbox() as inbox:
                if (await inbox.waiting()).count == 0:
                    return
            await asyncio.sleep(0.1)
        raise AssertionError(f"requests still waiting in the inbox after {wait:.0f} s")
    finally:
        await database.close()
