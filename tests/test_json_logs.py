"""KAIZEN_LOG_FORMAT=json on a real `kaizen run`: every log line on stderr is one JSON object,
lines written during a turn carry its workspace, surface and event, and what people wrote
never shows at info level."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp

from tests.processes import free_port, run_env
from tests.slack.fake_slack import Failure, FakeSlack
from tests.slack.workspace import SlackWorkspace

IDEA = "The label printer jams every single morning"


async def test_json_log_lines_carry_the_turn_and_no_message_text(tmp_path: Path) -> None:
    slack = FakeSlack()
    await slack.start()
    slack.fail("users.info", Failure(error="user_not_found"))  # logged at info, in the turn
    port = free_port()
    env = run_env(
        slack.url,
        port,
        f"sqlite+aiosqlite:///{tmp_path / 'kaizen.db'}",
        KAIZEN_LOG_FORMAT="json",
        KAIZEN_LOG_LEVEL="INFO",
    )
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("kaizen")),
        "run",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with aiohttp.ClientSession() as http:
            await _wait_ready(http, port)
            workspace = SlackWorkspace(f"http://127.0.0.1:{port}", slack, http)
            assert (await workspace.slash(IDEA)).status == 200
            await slack.wait_for_taken("chat.postMessage")
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 30)
        await slack.stop()
    assert process.returncode == 0, err.decode()
    text = err.decode()
    lines = [line for line in text.splitlines() if line.strip()]
    printed = [line for line in lines if not line.startswith("{")]
    assert all(line.startswith(("Kaizen Bot:", "kaizen:")) for line in printed), printed
    records: list[dict[str, Any]] = [json.loads(line) for line in lines if line.startswith("{")]
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    assert all(r["time"].endswith("+00:00") for r in records)
    assert any(r["message"].startswith("Kaizen Bot serving slack") for r in records)
    looked_up = [r for r in records if r["message"].startswith("users.info for")]
    assert looked_up, records
    assert looked_up[0]["level"] == "INFO"
    assert looked_up[0]["surface"] == "slack"
    assert looked_up[0]["workspace"] == "T0KAIZEN"
    assert looked_up[0]["event"]
    outside = next(r for r in records if r["message"].startswith("Kaizen Bot serving"))
    assert outside["workspace"] is None and outside["event"] is None
    assert "label printer" not in text


async def _wait_ready(http: aiohttp.ClientSession, port: int) -> None:
    for _ in range(150):
        try:
            async with http.get(f"http://127.0.0.1:{port}/readyz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("kaizen run never became ready")
