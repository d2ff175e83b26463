"""`kaizen manifest teams`: an app package Teams accepts as a custom app.

The manifest is checked against Microsoft's own schema for the version it names (shipped in
schema/), and the privacy and terms pages it links to are served by the bot itself.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import signal
import struct
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
import zipfile
from importlib.metadata import version as installed_version
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from jsonschema.validators import Draft4Validator, Draft6Validator, extend, validator_for

from bot.clock import SystemClock
from bot.features import build_router
from bot.settings import Board, Settings
from kaizen.app import open_app
from kaizen.server import Server
from tests.processes import free_port
from tests.slack.test_run import _wait_healthy

APP_ID = "5d3f1a2b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"
KAIZEN = str(Path(sys.executable).with_name("kaizen"))
SCHEMA: dict[str, Any] = json.loads(
    (Path(__file__).parent / "schema" / "MicrosoftTeams.v1.22.schema.json").read_text("utf-8")
)
DECLARED = validator_for(SCHEMA)
"""Draft 4, as the schema file says; it also uses draft 6's `const`, which draft 4 ignores."""
VALIDATOR = extend(  # type: ignore[no-untyped-call]  # (the stubs leave `extend` untyped)
    DECLARED, {"const": Draft6Validator.VALIDATORS["const"]}
)
WORDS = "Kaizen continuous improvement bot of the north assembly line and packaging team " * 2


def schema_errors(manifest: dict[str, Any]) -> list[str]:
    """Every way `manifest` breaks the schema, with the app version held to its `semver`."""
    checker = VALIDATOR(SCHEMA, format_checker=DECLARED.FORMAT_CHECKER)
    semver = VALIDATOR(SCHEMA["definitions"]["semver"])
    errors = [*checker.iter_errors(manifest), *semver.iter_errors(manifest["version"])]
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def build(
    tmp_path: Path, *flags: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any] | None]:
    """Run the real `kaizen manifest teams`; the manifest it wrote, if it wrote one."""
    out = tmp_path / "kaizen-teams.zip"
    out.unlink(missing_ok=True)
    result = subprocess.run(
        [
            KAIZEN,
            "manifest",
            "teams",
            "--url",
            "https://kaizen.example.com",
            "--out",
            str(out),
            *flags,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    if not out.exists():
        return result, None
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        return result, json.loads(archive.read("manifest.json"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_shipped_schema_is_microsofts_for_the_version_written() -> None:
    assert DECLARED is Draft4Validator
    DECLARED.check_schema(SCHEMA)
    assert SCHEMA["properties"]["manifestVersion"]["const"] == "1.22"
    assert SCHEMA["properties"]["developer"]["properties"]["name"]["maxLength"] == 32
    wrong = {"manifestVersion": "1.21", "developer": {"name": "x" * 33}, "version": "1.0"}
    assert {
        "manifestVersion: '1.22' was expected",
        "developer: 'websiteUrl' is a required property",
    } <= set(schema_errors(wrong))
    assert any(e.startswith("developer/name:") for e in schema_errors(wrong))
    assert any(e.startswith(": '1.0' does not match") for e in schema_errors(wrong))


def test_the_package_holds_a_valid_manifest_and_icons(tmp_path: Path) -> None:
    result, manifest = build(tmp_path, "--app-id", APP_ID)
    assert result.returncode == 0, result.stderr
    assert manifest is not None
    assert schema_errors(manifest) == []
    with zipfile.ZipFile(tmp_path / "kaizen-teams.zip") as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        assert png_size(archive.read("color.png")) == (192, 192)
        assert png_size(archive.read("outline.png")) == (32, 32)
    assert manifest["manifestVersion"] == "1.22"
    assert manifest["$schema"].endswith("/v1.22/MicrosoftTeams.schema.json")
    uuid.UUID(manifest["id"])
    assert manifest["developer"] == {
        "name": "Kaizen Bot",
        "websiteUrl": "https://kaizen.example.com",
        "privacyUrl": "https://kaizen.example.com/privacy",
        "termsOfUseUrl": "https://kaizen.example.com/terms",
    }
    assert manifest["name"]["full"] == "Kaizen Bot: continuous improvement in your team"
    bot = manifest["bots"][0]
    assert bot["botId"] == APP_ID and bot["scopes"] == ["team", "groupChat", "personal"]
    commands = bot["commandLists"][0]["commands"]
    assert 0 < len(commands) <= 10
    assert {c["title"].split()[0] for c in commands} == set(build_router().commands())
    assert all(len(c["title"]) <= 32 and len(c["description"]) <= 128 for c in commands)
    assert manifest["validDomains"] == ["kaizen.example.com"]
    assert manifest["webApplicationInfo"]["id"] == APP_ID
    rsc = manifest["authorization"]["permissions"]["resourceSpecific"]
    assert {"name": "ChannelMessage.Read.Group", "type": "Application"} in rsc


@pytest.mark.parametrize("length", [1, 32, 40, 100])
def test_a_name_of_any_length_fits_the_schema(tmp_path: Path, length: int) -> None:
    name = WORDS[:length].strip()
    result, manifest = build(tmp_path, "--app-id", APP_ID, "--name", name)
    assert result.returncode == 0, result.stderr
    assert manifest is not None
    assert schema_errors(manifest) == []
    for shown, limit in (
        (manifest["developer"]["name"], 32),
        (manifest["name"]["short"], 30),
        (manifest["name"]["full"], 100),
    ):
        if len(name) <= limit:
            assert shown.startswith(name)
        else:  # cut where a word ends, and the cut shown
            kept = shown.removesuffix("…")
            assert shown.endswith("…") and name.startswith(kept)
            assert name[len(kept)] in " ," and len(kept) >= limit // 2


def test_a_name_without_spaces_is_cut_inside_its_word(tmp_path: Path) -> None:
    result, manifest = build(tmp_path, "--app-id", APP_ID, "--name", "K" * 100)
    assert result.returncode == 0, result.stderr
    assert manifest is not None and schema_errors(manifest) == []
    assert manifest["developer"]["name"] == "K" * 31 + "…"
    assert manifest["name"] == {"short": "K" * 29 + "…", "full": "K" * 100}


def test_the_app_id_must_be_the_azure_bots_guid(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MICROSOFT_APP_ID", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID")
    }
    result, manifest = build(tmp_path, "--app-id", "kaizen-bot", env=env)
    assert result.returncode == 2 and manifest is None
    said = result.stderr.splitlines()
    assert said == [
        "kaizen: configuration problem",
        "--app-id 'kaizen-bot' is not a GUID: it must be the Azure Bot's Microsoft App ID, a "
        "GUID like 00000000-0000-0000-0000-000000000000 (Azure Bot: Configuration).",
    ]
    result, manifest = build(tmp_path, env=env | {"MICROSOFT_APP_ID": "{" + APP_ID + "}"})
    assert result.returncode == 2 and manifest is None
    assert "MICROSOFT_APP_ID '{5d3f" in result.stderr and "Traceback" not in result.stderr
    sdk = {"CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": APP_ID}
    result, manifest = build(tmp_path, env=env | sdk)
    assert result.returncode == 0, result.stderr
    assert manifest is not None and manifest["bots"][0]["botId"] == APP_ID


def test_the_package_needs_an_app_id_and_https(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MICROSOFT_APP_ID"}
    no_id, _ = build(tmp_path, env=env)
    assert no_id.returncode == 2 and "--app-id" in no_id.stderr
    for flag in ("--url", "--privacy-url", "--terms-url"):
        plain, manifest = build(tmp_path, "--app-id", APP_ID, flag, "http://x.example")
        assert plain.returncode == 2 and manifest is None
        assert f"{flag} 'http://x.example': Teams needs https://" in plain.stderr


def test_the_version_is_kaizen_bots_unless_given(tmp_path: Path) -> None:
    result, manifest = build(tmp_path, "--app-id", APP_ID)
    assert manifest is not None, result.stderr
    assert manifest["version"] == installed_version("kaizen-bot") == "0.1.0"
    assert "(version 0.1.0)" in result.stderr
    result, manifest = build(tmp_path, "--app-id", APP_ID, "--version", "2.10.3")
    assert manifest is not None and manifest["version"] == "2.10.3"
    assert schema_errors(manifest) == []
    for wrong in ("1.0", "1.02.0", "1.0.0-beta", "v1.0.0"):
        refused, manifest = build(tmp_path, "--app-id", APP_ID, "--version", wrong)
        assert refused.returncode == 2 and manifest is None
        assert f"--version {wrong!r}: Teams needs X.Y.Z" in refused.stderr


def test_the_privacy_and_terms_addresses_can_be_given(tmp_path: Path) -> None:
    result, manifest = build(
        tmp_path,
        "--app-id",
        APP_ID,
        "--privacy-url",
        "https://example.org/legal/privacy",
        "--terms-url",
        "https://example.org/legal/terms",
    )
    assert manifest is not None, result.stderr
    assert manifest["developer"]["privacyUrl"] == "https://example.org/legal/privacy"
    assert manifest["developer"]["termsOfUseUrl"] == "https://example.org/legal/terms"
    assert schema_errors(manifest) == []


@pytest.mark.parametrize("token", [None, "a-long-board-token-for-this-test"])
async def test_the_bot_serves_its_privacy_and_terms_pages(
    database_url: str, token: str | None
) -> None:
    """Open to anyone, whether the board is off (no token, local_only false) or behind a
    token, and with no chat surface at all."""
    settings = Settings(board=Board(local_only=False))
    app = await open_app(settings, database_url, SystemClock(), migrate=False)
    server = Server(app, [], "127.0.0.1", free_port(), board_token=token)
    await server.start()
    try:
        async with aiohttp.ClientSession() as http:
            base = f"http://127.0.0.1:{server.port}"
            async with http.get(f"{base}/", allow_redirects=False) as board:
                assert board.status in (303, 403)  # to sign in, or the board is off
            pages = {}
            for path in ("/privacy", "/terms"):
                async with http.get(base + path) as page:
                    assert page.status == 200 and page.content_type == "text/html"
                    assert page.charset == "utf-8"
                    pages[path] = await page.text()
    finally:
        await server.stop()
        await app.close()
    for text in pages.values():  # well-formed: every element closed, so XML reads it too
        root = ET.fromstring(text.removeprefix("<!DOCTYPE html>\n"))
        assert root.tag == "html" and root.find("body/main/h1") is not None
    privacy = " ".join(pages["/privacy"].split())
    for fact in ("SQLite", "PostgreSQL", "send_names", "kaizen withdraw N", "kaizen export"):
        assert fact in privacy
    assert "Apache License, Version 2.0" in " ".join(pages["/terms"].split())


async def test_kaizen_run_serves_teams_in_the_local_mode(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "HOME")}
    env.update(
        TEAMS_ALLOW_UNAUTHENTICATED="1",
        PORT=str(port),
        HOST="127.0.0.1",
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'kaizen.db'}",
    )
    process = await asyncio.create_subprocess_exec(
        KAIZEN,
        "run",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with aiohttp.ClientSession() as http:
            health = await _wait_healthy(http, port)
            assert health["surfaces"] == ["teams"]
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 20)
        _, err = await process.communicate()
    assert code == 0, err.decode()
    assert "Teams (/api/messages, UNAUTHENTICATED, local testing)" in err.decode()
    assert "Teams accepts UNAUTHENTICATED requests" in err.decode()
