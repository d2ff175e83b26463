"""Two workspaces in one database: nothing of one shows in the other.

Every way of reading ideas and people (commands, stats, leaderboards, the board, the CSV
download, the CLI export) is asked from the second workspace, and none names the first's
ideas or people.
"""

from __future__ import annotations

import asyncio
import contextlib
import io

import aiohttp
import pytest

from bot.settings import Settings
from kaizen.cli import main
from kaizen.server import Server
from tests.conftest import AppOpener, ChatFactory
from tests.processes import free_port

pytestmark = pytest.mark.both_databases

SECRET = "Acme pallet recall plan"
SECRET_PERSON = "mallory"


async def test_no_command_stats_board_or_export_leaks_another_workspace(
    new_chat: ChatFactory, open_apps: AppOpener, database_url: str
) -> None:
    acme = await new_chat(Settings(), workspace="T-ACME", speaker=SECRET_PERSON)
    await acme.say(f"kaizen {SECRET} for the north dock")
    await acme.say("kaizen move 1 done")
    await acme.say("kudos @trent for the recall list", mentions=("trent",))
    beta = await new_chat(Settings(), workspace="T-BETA", speaker="bob")
    await beta.say("kaizen The label printer jams every morning")
    beta.skip(2)

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
        said += [s.text for s in beta.outlet.said[beta._seen :]]
        beta.skip(len(beta.outlet.said) - beta._seen)
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
