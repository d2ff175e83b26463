"""`kaizen run` as a separate process: a free loopback port and its Slack environment.

Shared by the tests that start the bot as a process and by the benchmarks.
"""

from __future__ import annotations

import os
import socket

from tests.slack.fake_slack import BOT_TOKEN
from tests.slack.workspace import SIGNING_SECRET


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_env(api_url: str, port: int, database_url: str, **more: str) -> dict[str, str]:
    """The environment of a `kaizen run` serving Slack over HTTP, its Web API at `api_url`."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "HOME")}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=api_url,
        PORT=str(port),
        HOST="127.0.0.1",
        DATABASE_URL=database_url,
        **more,
    )
    return env
