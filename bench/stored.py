"""Stored turns per second: how fast acked requests become handled turns, end to end.

Every request is stored before it is acked, and its turn runs from the inbox; this measures
the second half, which the ack latency (bench/throughput.py) does not show: a burst of
signed `/kaizen` commands from 20 people in 20 channels is sent faster than the bot can
handle them, and the clock runs until the inbox is empty. On SQLite turns run one at a
time (one writer); on PostgreSQL they run side by side, on one instance and on two behind
a round robin. KAIZEN_BENCH_TURNS (default 1500) is the size of the burst.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from pathlib import Path

from bench.bots import Bot, inbox_count, start_bot, stop_bot
from bench.webapi import WebApi
from storage.migrate import upgrade_async
from tests.postgres import binaries, postgres_server
from tests.slack.traffic import Sent, send_at

TURNS = int(os.environ.get("KAIZEN_BENCH_TURNS", "1500"))
RATE = 600.0
"""Requests per second sent: well above what one instance handles, so a backlog builds."""


async def measure(url: str, instances: int) -> tuple[float, int, float]:
    """(stored turns per second, requests acked, seconds to ack them all)."""
    api = WebApi()
    await api.start()
    try:
        with tempfile.TemporaryDirectory(prefix="kaizen-stored-") as folder:
            bots: list[Bot] = [await start_bot(api, url, Path(folder)) for _ in range(instances)]
            try:
                await send_at([b.url for b in bots], 50, 50, "warm", Sent())
                await _empty(url)
                sent = Sent()
                began = time.monotonic()
                await send_at([b.url for b in bots], RATE, TURNS, "burst", sent)
                acked = time.monotonic() - began
                await _empty(url)
                took = time.monotonic() - began
            finally:
                for bot in bots:
                    await stop_bot(bot)
    finally:
        await api.stop()
    return len(sent.acked) / took, len(sent.acked), acked


async def _empty(url: str) -> None:
    """Until no request waits in the inbox (polled: the bot is another process)."""
    for _ in range(12_000):
        if not await inbox_count(url):
            return
        await asyncio.sleep(0.05)


def report(name: str, result: tuple[float, int, float]) -> None:
    rate, acked, seconds = result
    print(f"  {name:<28} {rate:6.0f} stored turns/s  ({acked} acked in {seconds:.1f} s)")


async def main() -> None:
    print(f"stored turns per second, a burst of {TURNS} /kaizen commands at {RATE:.0f}/s")
    with tempfile.TemporaryDirectory() as folder:
        report("SQLite, one instance", await measure(f"sqlite+aiosqlite:///{folder}/k.db", 1))
    if binaries() is None:
        print("  PostgreSQL: not installed here, skipped")
        return
    with postgres_server() as server:
        for instances in (1, 2):
            name = server.create_database()
            url = server.url(name)
            await upgrade_async(url)
            label = f"PostgreSQL, {instances} instance{'s' if instances > 1 else ''}"
            report(label, await measure(url, instances))
            server.drop_database(name)


if __name__ == "__main__":
    asyncio.run(main())
