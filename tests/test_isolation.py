"""Two workspaces in one database: nothing of one shows in the other.

Every way of reading ideas and people (commands, stats, leaderboards, the board, the CSV
download, the CLI export) is asked from the second workspace, and none names the first's
ideas or people.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import re

import aiohttp
import pytest

from bot.clock import FrozenClock
from bot.settings import Board, Settings
from kaizen.app import open_app
from kaizen.cli import main
from kaizen.server import Server
from tests.conftest import AppOpener, ChatFactory
from tests.conversation import Chat, RecordingOutlet, Said
from tests.processes import free_port

pytestmark = pytest.mark.both_databases

SECRET = "Acme pallet recall plan"
SECRET_PERSON = "mallory"


async def test_no_command_stats_board_or_export_leaks_another_workspace(
    new_chat: ChatFactory, open_apps: AppOpener, database_url: str
) -> None:
    acme = await new_chat(Settings(), workspace="T-ACME", speaker=SECRET_PERSON)
    await acme.say(f"kaizen {SECRET} for the north dock")
    await acme.say("kaizen move 1 done A checklist step now covers it")
    await acme.say("kudos @trent for the recall list", mentions=("trent",))
    beta = await new_chat(Settings(), workspace="T-BETA", speaker="bob")
    await beta.say("kaizen The label printer jams every morning")
    beta.skip_to("thread", "Why #1")

    said: list[str] = []
    for line in (
        "kaizen list all",
        "kaizen list mine",
        "kaizen show 1",
        "kaizen stats all",
        "kudos top all",
        "kaizen take 1",
        "kaizen move 1 plan",
    ):
        await beta.say(line)
        said += [s.text for s in beta.catch_up()]
    everything = "\n".join(said)
    assert "label printer" in everything  # beta sees its own idea #1 ...
    assert SECRET not in everything and SECRET_PERSON not in everything  # ... and only it
    assert "trent" not in everything
    assert "All ideas (1):" in everything

    app = await open_apps(Settings())
    server = Server(app, [], "127.0.0.1", free_port())
    await server.start()
    try:
        async with aiohttp.ClientSession() as http:
            for path in ("/?workspace=T-BETA", "/ideas.csv?workspace=T-BETA"):
                async with http.get(f"http://127.0.0.1:{server.port}{path}") as response:
                    page = await response.text()
                assert response.status == 200 and "label printer" in page, path
                assert SECRET not in page and SECRET_PERSON not in page, path
                assert "trent" not in page, path
    finally:
        await server.stop()

    for command in (
        ["export", "--format", "csv"],
        ["export", "--format", "json"],
        ["stats", "all"],
    ):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = await asyncio.to_thread(
                main, [*command, "--workspace", "T-BETA", "--database", database_url]
            )
        assert code == 0, command
        assert SECRET not in out.getvalue() and SECRET_PERSON not in out.getvalue(), command


async def test_a_board_link_from_chat_opens_its_own_workspace_only(
    new_chat: ChatFactory, database_url: str, clock: FrozenClock
) -> None:
    """`kaizen board` hands out a pass for the asker's workspace; the board holds it to that
    workspace, and only an admin's pass (or `kaizen export`) downloads the ideas."""
    token = "board-token-for-passes"
    settings = Settings(admins=("boss",), board=Board(url="https://kaizen.example.com"))
    acme = await new_chat(Settings(), workspace="T-ACME", speaker=SECRET_PERSON)
    await acme.say(f"kaizen {SECRET} for the north dock")
    app = await open_app(settings, database_url, clock, migrate=False, board_token=token)
    server = Server(app, [], "127.0.0.1", free_port(), board_token=token)
    await server.start()
    outlet = RecordingOutlet()
    beta = Chat(app.runtime(outlet, "test"), outlet, workspace="T-BETA", speaker="bob")
    await beta.say("kaizen The label printer jams every morning")
    beta.skip_to("thread", "Why #1")
    await beta.say("kaizen board")
    link = _link(beta.expect_private("The Kaizen board of this workspace"))
    await beta.say("kaizen export")
    beta.expect_private("Exporting every idea is for admins")
    beta.as_("boss")
    await beta.say("kaizen export json")
    download = _link(beta.expect_private("Every idea of this workspace as JSON"))
    await beta.say("kaizen export xml")
    beta.expect_private("`kaizen export csv` or `kaizen export json`")
    await beta.say("kaizen show 1")
    a3 = _link(beta.expect_private("Kaizen idea #1"))

    local = f"http://127.0.0.1:{server.port}"
    try:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            opened = link.replace("https://kaizen.example.com", local)
            async with http.get(opened, allow_redirects=False) as response:
                assert response.status == 303 and response.headers["Location"] == "/"
            async with http.get(f"{local}/") as response:
                page = await response.text()
            assert response.status == 200 and "label printer" in page
            assert SECRET not in page and 'name="workspace"' in page and "T-ACME" not in page
            assert "Download CSV" not in page and "Sign out" not in page
            async with http.get(f"{local}/?workspace=T-ACME") as response:
                assert response.status == 403
            async with http.get(f"{local}/ideas.csv") as response:
                assert response.status == 403
            opened = a3.replace("https://kaizen.example.com", local)
            async with http.get(opened) as response:
                sheet = await response.text()
            assert response.status == 200 and "Kaizen idea #1" in sheet and "label printer" in sheet
            async with http.get(f"{local}/ideas/1?workspace=T-ACME") as response:
                assert response.status == 403  # the pass opens its own workspace's A3 only
        async with aiohttp.ClientSession() as http:
            fetched = download.replace("https://kaizen.example.com", local)
            async with http.get(fetched) as response:
                ideas = await response.json(content_type=None)
            assert response.status == 200
            assert [idea["text"] for idea in ideas["ideas"]] == [
                "The label printer jams every morning"
            ]
            tampered = fetched.replace("pass=", "pass=x")
            async with http.get(tampered) as response:
                assert response.status == 401
            async with http.get(f"{local}/", allow_redirects=False) as response:
                assert response.status == 303  # no pass, no token: sign in
    finally:
        await server.stop()
        await app.close()


def _link(said: Said) -> str:
    found = re.search(r"https://kaizen\.example\.com/\S+?(?=[)\s]|$)", said.text)
    assert found is not None, said.text
    return found.group(0)
