"""Start-up mistakes a production start makes, each one line and exit code 2, never a traceback.

Every test runs the real `kaizen run` or `kaizen db upgrade` process, as an operator would.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest

from storage.migrate import HEAD
from tests.processes import free_port, run_env
from tests.slack.fake_slack import Failure, FakeSlack

KAIZEN = str(Path(sys.executable).with_name("kaizen"))


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port another program listens on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def kaizen(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str]:
    """The process's exit code and what it said on stderr (its stdin is empty)."""
    process = await asyncio.create_subprocess_exec(
        KAIZEN,
        *args,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, err.decode()


def refused(code: int, stderr: str, words: str) -> str:
    """The one line that says what is wrong, after the CLI's heading; no traceback."""
    assert code == 2, stderr
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert lines[-2:-1] == ["kaizen: configuration problem"], stderr
    assert words in lines[-1], stderr
    return lines[-1]


def plain_env(tmp_path: Path, database: str, **more: str) -> dict[str, str]:
    """No chat platform configured: `kaizen run` would start the terminal chat."""
    env = run_env("http://127.0.0.1:9/api/", free_port(), database, **more)
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL"):
        del env[name]
    env["HOME"] = str(tmp_path)
    return env


async def test_a_busy_port_with_slack_is_one_line(
    slack: FakeSlack, tmp_path: Path, taken_port: int
) -> None:
    env = run_env(slack.url, taken_port, sqlite_url(tmp_path / "kaizen.db"))
    code, stderr = await kaizen(["run"], env, tmp_path)
    line = refused(code, stderr, f"port {taken_port} is in use")
    assert "set PORT" in line


async def test_a_busy_port_with_unauthenticated_teams_is_one_line(
    tmp_path: Path, taken_port: int
) -> None:
    pytest.importorskip("microsoft_agents.hosting.core")
    env = plain_env(tmp_path, sqlite_url(tmp_path / "kaizen.db"), TEAMS_ALLOW_UNAUTHENTICATED="1")
    env["PORT"] = str(taken_port)
    code, stderr = await kaizen(["run"], env, tmp_path)
    refused(code, stderr, f"port {taken_port} is in use")
    assert "Kaizen Bot:" not in stderr  # not announced as serving first
    assert not (tmp_path / "kaizen.db").exists()  # nor a database made for nothing


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
async def test_a_plain_postgres_url_means_asyncpg(tmp_path: Path, scheme: str) -> None:
    """As hosting providers write it; nothing listens there, so the line is about connecting."""
    url = f"{scheme}://kaizen:secret@127.0.0.1:{free_port()}/kaizen"
    code, stderr = await kaizen(["db", "upgrade"], plain_env(tmp_path, url), tmp_path)
    line = refused(code, stderr, "Cannot open the database postgresql+asyncpg://kaizen:***@")
    assert "secret" not in stderr, line
    assert f"database URL {scheme}://... read as postgresql+asyncpg://kaizen:***@" in stderr


async def test_an_sqlite_folder_that_is_not_there_is_refused_unless_created(
    tmp_path: Path,
) -> None:
    path = tmp_path / "dtaa" / "kaizen.db"  # "data" mistyped
    env = plain_env(tmp_path, sqlite_url(path))
    for command in (["db", "upgrade"], ["run"]):
        code, stderr = await kaizen(command, env, tmp_path)
        line = refused(code, stderr, f"The database folder {path.parent} does not exist")
        assert "kaizen db upgrade --create" in line
        assert not path.parent.exists()

    code, stderr = await kaizen(["db", "upgrade", "--create"], env, tmp_path)
    assert code == 0, stderr
    assert stderr.strip() == f"database created, at schema {HEAD}, in a new file: {path}"
    code, stderr = await kaizen(["db", "upgrade"], env, tmp_path)
    assert (code, stderr.strip()) == (0, "database is up to date")


async def test_a_database_newer_than_the_code_says_to_upgrade_kaizen_bot(tmp_path: Path) -> None:
    path = tmp_path / "kaizen.db"
    env = plain_env(tmp_path, sqlite_url(path))
    code, stderr = await kaizen(["db", "upgrade"], env, tmp_path)
    assert code == 0, stderr
    with sqlite3.connect(path) as database:
        database.execute("UPDATE alembic_version SET version_num = '0999'")
    for command in (["db", "upgrade"], ["run"]):
        code, stderr = await kaizen(command, env, tmp_path)
        line = refused(code, stderr, "The database is at schema 0999, newer than this Kaizen")
        assert "upgrade Kaizen Bot" in line


@pytest.mark.parametrize("error", ["invalid_auth", "not_authed", "token_revoked"])
async def test_a_token_slack_refuses_names_slack_bot_token(
    slack: FakeSlack, tmp_path: Path, error: str
) -> None:
    slack.fail("auth.test", Failure(200, error))
    env = run_env(slack.url, free_port(), sqlite_url(tmp_path / "kaizen.db"))
    code, stderr = await kaizen(["run"], env, tmp_path)
    line = refused(code, stderr, f"Slack refuses SLACK_BOT_TOKEN ({error})")
    assert "xoxb-test-token" not in stderr, line
    assert [call.method for call in slack.calls] == ["auth.test"]


async def test_slack_out_of_reach_at_start_is_a_warning_and_the_bot_starts(
    tmp_path: Path,
) -> None:
    port = free_port()
    away = f"http://127.0.0.1:{free_port()}/api/"
    env = run_env(away, port, sqlite_url(tmp_path / "kaizen.db"))
    process = await asyncio.create_subprocess_exec(
        KAIZEN, "run", env=env, cwd=tmp_path, stderr=subprocess.PIPE
    )
    try:
        async with aiohttp.ClientSession() as http:
            assert await _answers(http, f"http://127.0.0.1:{port}/healthz")
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    stderr = err.decode()
    assert process.returncode == 0, stderr
    assert f"kaizen: warning: could not reach Slack at {away} to check SLACK_BOT_TOKEN" in stderr
    assert "starting anyway." in stderr


async def test_slack_by_oauth_alone_starts_and_serves_the_install_page(
    slack: FakeSlack, tmp_path: Path
) -> None:
    """Several workspaces: no SLACK_BOT_TOKEN, the three OAuth settings and the signing
    secret are enough for `kaizen run` to serve Slack and its Add to Slack page."""
    port = free_port()
    env = run_env(slack.url, port, sqlite_url(tmp_path / "kaizen.db"))
    del env["SLACK_BOT_TOKEN"]
    env.update(
        SLACK_CLIENT_ID="1111.2222",
        SLACK_CLIENT_SECRET="client-secret",
        SLACK_STATE_SECRET="state-secret-of-our-own",
    )
    process = await asyncio.create_subprocess_exec(
        KAIZEN, "run", env=env, cwd=tmp_path, stderr=subprocess.PIPE
    )
    try:
        async with aiohttp.ClientSession() as http:
            assert await _answers(http, f"http://127.0.0.1:{port}/healthz")
            async with http.get(f"http://127.0.0.1:{port}/slack/install") as page:
                assert page.status == 200 and "slack.com/oauth/v2/authorize" in await page.text()
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    assert "terminal chat" not in err.decode()


async def _answers(http: aiohttp.ClientSession, url: str) -> bool:
    for _ in range(200):
        try:
            async with http.get(url) as response:
                if response.status == 200:
                    return True
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.1)
    return False


SOURCES = ("bot", "adapters", "storage", "kaizen", "pyproject.toml", "README.md")
DEVELOPMENT_TOOLS = {"pytest", "playwright", "mypy", "ruff", "hypothesis"}


def test_a_plain_install_brings_what_the_bot_runs_on_and_no_tools(tmp_path: Path) -> None:
    """`pip install kaizen-bot` into a fresh venv (no system site-packages), from a copy of
    the sources, with pip's cache: the bot starts, no development tool came along, and a
    PostgreSQL URL names the extra to install. About 40 s, most of it pip."""
    root = Path(__file__).parents[1]
    source = tmp_path / "kaizen-bot"
    for name in SOURCES:
        if (root / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(root / name, source / name, ignore=ignore)
        else:
            shutil.copy(root / name, source / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    installed = subprocess.run(
        [*pip, "install", "--quiet", str(source)], capture_output=True, text=True, timeout=300
    )
    assert installed.returncode == 0, (
        f"pip install (needs the registry or pip's cache):\n{installed.stderr}"
    )

    listed = subprocess.run([*pip, "list", "--format=freeze"], capture_output=True, text=True)
    names = {line.split("==")[0].lower().replace("_", "-") for line in listed.stdout.splitlines()}
    assert {"kaizen-bot", "slack-bolt", "aiohttp", "aiosqlite", "alembic"} <= names
    assert names.isdisjoint(DEVELOPMENT_TOOLS | {"asyncpg", "openai"}), names
    kaizen = str(venv / "bin" / "kaizen")
    helped = subprocess.run([kaizen, "run", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and "usage: kaizen run" in helped.stdout, helped.stderr

    url = "postgresql+asyncpg://kaizen@127.0.0.1/kaizen"
    upgrade = subprocess.run(
        [kaizen, "db", "upgrade", "--database", url],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    refused(upgrade.returncode, upgrade.stderr, "pip install 'kaizen-bot[postgresql]'")
