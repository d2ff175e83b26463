"""The two messages that froze `kaizen run` (issue 15), sent over HTTP to a real process.

Each is inside Slack's 40,000-character limit: a stand-up answer whose third line ends in
39,990 spaces, and a DM of "kaizen a", 39,990 newlines and "b". Before, the first froze
the whole process for 52.5 s and the second for 15.8 s: no request was answered, not even
/healthz. Now /healthz answers throughout and both get their answers. The longest
/healthz wait is printed; a wait over 10 s (a freeze) fails the test.
"""

from __future__ import annotations

import asyncio
import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

from tests.processes import free_port
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_run import _wait_healthy, kaizen_run
from tests.slack.workspace import SlackWorkspace

STANDUP_ANSWER = "1. a\n2. b\n3. no" + " " * 39_990 + "x"
DIRECT = "kaizen a" + "\n" * 39_990 + "b"
FROZEN = 10.0
"""A /healthz that takes longer than this means the process was frozen (it took 52 s)."""


def _app_yaml(folder: Path) -> Path:
    due = datetime.now(UTC) - timedelta(minutes=2)
    path = folder / "app.yaml"
    path.write_text(
        "standups:\n"
        "  - channel: C0DAILY\n"
        f'    time: "{due:%H:%M}"\n'
        "    timezone: UTC\n"
        "    days: [mon, tue, wed, thu, fri, sat, sun]\n"
        '    questions: ["What did you do?", "What will you do?", "Any blockers?"]\n'
        "delivery:\n"
        "  channel_interval: 0.05\n",
        encoding="utf-8",
    )
    return path


async def test_the_freezing_messages_are_answered_while_healthz_answers_throughout(
    slack: FakeSlack, tmp_path: Path
) -> None:
    _app_yaml(tmp_path)
    slack.members["C0DAILY"] = ["U0ALICE", "U0BOB"]
    port = free_port()
    process = await kaizen_run(slack, tmp_path, port, quiet=True)
    try:
        async with aiohttp.ClientSession() as http:
            await _wait_healthy(http, port)
            prompt = (await slack.wait_for("chat.postMessage"))[0]
            assert prompt.args["channel"] == "C0DAILY"
            thread = str(slack.messages[0]["ts"])
            bob = SlackWorkspace(f"http://127.0.0.1:{port}", slack, http).as_("U0BOB")
            before = len(slack.calls)

            longest = 0.0
            answered = 0
            sending = True

            async def watch() -> None:
                nonlocal longest, answered
                while sending:
                    started = time.perf_counter()
                    timeout = aiohttp.ClientTimeout(total=FROZEN)
                    async with http.get(
                        f"http://127.0.0.1:{port}/healthz", timeout=timeout
                    ) as response:
                        assert response.status == 200
                    longest = max(longest, time.perf_counter() - started)
                    answered += 1
                    await asyncio.sleep(0.05)

            watcher = asyncio.create_task(watch())
            started = time.perf_counter()
            replied = await bob.reply(STANDUP_ANSWER, thread, channel="C0DAILY")
            direct = await bob.send_json(
                bob.message_body(DIRECT, None, channel="D0BOB", channel_type="im")
            )
            assert replied.status == 200 and direct.status == 200
            # The DM gets its private answer ("a b" is too short to be an idea).
            for _ in range(200):
                answers = [c for c in slack.calls[before:] if c.args.get("channel") == "D0BOB"]
                if answers:
                    break
                await asyncio.sleep(0.1)
            took = time.perf_counter() - started
            await asyncio.sleep(0.5)
            sending = False
            await watcher
            assert answers, [c.method for c in slack.calls[before:]]
            print(
                f"\nfreezing messages answered in {took:.2f} s; /healthz answered "
                f"{answered} times, the longest in {longest * 1000:.0f} ms"
            )
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)
