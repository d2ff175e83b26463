"""Stand-up fan-out: 2,000 channels whose stand-ups fall due in the same minute.

The local Web API enforces Slack's pace for chat.postMessage (about one post per second per
channel, and a workspace-wide burst limit), answering 429 with Retry-After as Slack does.
Printed: time from the scheduled minute to the last prompt the Web API accepted, the bot's
peak memory, how many 429s it got, and whether every prompt was posted exactly once.
KAIZEN_BENCH_CHANNELS and KAIZEN_BENCH_BURST (posts per second, workspace-wide) change it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.process import peak_mb, wait_healthy
from bench.webapi import WebApi
from tests.processes import free_port, run_env

CHANNELS = int(os.environ.get("KAIZEN_BENCH_CHANNELS", "2000"))
BURST = int(os.environ.get("KAIZEN_BENCH_BURST", "100"))
LEAD = timedelta(seconds=12)
"""The least time between starting the bot and the stand-ups' minute."""


def app_yaml(folder: Path, minute: datetime) -> None:
    lines = ["standups:"]
    for n in range(CHANNELS):
        lines += [
            f"  - channel: C{n:05d}",
            f'    time: "{minute:%H:%M}"',
            "    timezone: UTC",
            "    days: [mon, tue, wed, thu, fri, sat, sun]",
        ]
    (folder / "app.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


async def main() -> None:
    api = WebApi(per_channel=1.0, burst=BURST)
    await api.start()
    now = datetime.now(UTC)
    minute = (now + LEAD + timedelta(minutes=1)).replace(second=0, microsecond=0)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        app_yaml(folder, minute)
        port = free_port()
        env = run_env(api.url, port, f"sqlite+aiosqlite:///{folder / 'kaizen.db'}")
        log = (folder / "kaizen.log").open("wb")
        process = await asyncio.create_subprocess_exec(
            str(Path(sys.executable).with_name("kaizen")),
            "run",
            env={**env, "KAIZEN_CONFIG": str(folder / "app.yaml")},
            cwd=folder,
            stdout=log,
            stderr=log,
        )
        try:
            await wait_healthy(port, process)
            print(
                f"stand-up fan-out: {CHANNELS:,} channels due at {minute:%H:%M:%S} UTC; "
                f"Web API: 1 post/s per channel, {BURST} posts/s per workspace",
                flush=True,
            )
            await asyncio.sleep((minute - datetime.now(UTC)).total_seconds())
            began, timeout = time.monotonic(), time.monotonic() + 300
            while api.prompts() < CHANNELS and time.monotonic() < timeout:  # noqa: ASYNC110
                await asyncio.sleep(0.2)
            peak = peak_mb(process.pid)
            await asyncio.sleep(2)  # anything sent twice would arrive by now
        finally:
            process.send_signal(signal.SIGTERM)
            await process.wait()
            await api.stop()
        logged = (folder / "kaizen.log").read_text(errors="replace").splitlines()
        errors = [line for line in logged if " ERROR " in line]
    posted = Counter(api.posted_channels)
    last = api.last_post_at - began if api.last_post_at > began else float("nan")
    print(f"  prompts accepted:           {len(posted):,} of {CHANNELS:,}")
    print(f"  posted twice:               {sum(1 for n in posted.values() if n > 1)}")
    print(f"  minute -> last prompt:      {last:.1f} s")
    print(f"  429s received:              {api.refused:,} (each retried after its Retry-After)")
    print(f"  errors logged:              {len(errors)}")
    for line in errors[:3]:
        print(f"    {line[:200]}")
    print(f"  peak memory of the bot:     {peak:.0f} MB")
    print("  target: every prompt posted once, no unhandled 429")


if __name__ == "__main__":
    asyncio.run(main())
