"""`kaizen manifest teams`: an app package Teams accepts as a custom app."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import signal
import struct
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import aiohttp

from bot.features import build_router
from tests.processes import free_port
from tests.slack.test_run import _wait_healthy

APP_ID = "5d3f1a2b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"
KAIZEN = str(Path(sys.executable).with_name("kaizen"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_package_holds_a_valid_manifest_and_icons(tmp_path: Path) -> None:
    out = tmp_path / "kaizen-teams.zip"
    result = subprocess.run(
        [
            KAIZEN,
            "manifest",
            "teams",
            "--url",
            "https://kaizen.example.com",
            "--app-id",
            APP_ID,
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        assert png_size(archive.read("color.png")) == (192, 192)
        assert png_size(archive.read("outline.png")) == (32, 32)
    assert manifest["manifestVersion"] == "1.22"
    assert manifest["$schema"].endswith("/v1.22/MicrosoftTeams.schema.json")
    uuid.UUID(manifest["id"])
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["version"])
    assert len(manifest["name"]["short"]) <= 30 and len(manifest["name"]["full"]) <= 100
    assert len(manifest["description"]["short"]) <= 80
    assert len(manifest["description"]["full"]) <= 4000
    assert all(
        manifest["developer"][k].startswith("https://")
        for k in ("websiteUrl", "privacyUrl", "termsOfUseUrl")
    )
    assert re.fullmatch(r"#[0-9A-Fa-f]{6}", manifest["accentColor"])
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


def test_the_package_needs_an_app_id_and_https(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MICROSOFT_APP_ID"}
    no_id = subprocess.run(
        [
            KAIZEN,
            "manifest",
            "teams",
            "--url",
            "https://x.example",
            "--out",
            str(tmp_path / "a.zip"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert no_id.returncode == 2 and "--app-id" in no_id.stderr
    plain = subprocess.run(
        [
            KAIZEN,
            "manifest",
            "teams",
            "--url",
            "http://x.example",
            "--app-id",
            APP_ID,
            "--out",
            str(tmp_path / "b.zip"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert plain.returncode == 2 and "https://" in plain.stderr


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
