"""The A3 page (issue 18): one idea's whole Kaizen record at /ideas/N, under the board's
access rules, read in a real headless Chromium and printed on one page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from playwright.async_api import Browser, expect

from bot.clock import FrozenClock
from kaizen.server import Server
from tests.board.conftest import SETTINGS, TOKEN
from tests.board.test_board_browser import browser, screenshots  # noqa: F401 (fixtures)
from tests.conftest import AppOpener, ChatFactory
from tests.processes import free_port


async def _record(new_chat: ChatFactory, clock: FrozenClock) -> None:
    """Idea #1 through its whole life: whys, a plan, a miss, a new plan, a hit, a standard,
    a copy in another channel. Idea #2 is anonymous."""
    ops = await new_chat(SETTINGS)
    await ops.say("kaizen The label printer jams every morning")
    await ops.say("The rollers are dusty")
    await ops.say("Nobody owns the <b>checklist</b>")
    await ops.say("yes")
    await ops.say(
        "Add roller cleaning to the start-up checklist, owner @bob, expect jams under 1 a "
        "week, measure jams per week, check in 2 weeks",
        mentions=("bob",),
    )
    await ops.say("kaizen move 1 do")
    clock.advance(timedelta(days=14))
    ops.as_("bob")
    await ops.say("kaizen check 1 partly 3 jams a week; learned the night shift skips the list")
    await ops.say("kaizen plan 1 Put the list on the printer itself, check in 1 week")
    await ops.say("kaizen move 1 do")
    clock.advance(timedelta(days=7))
    await ops.say("kaizen check 1 held no jams in a week")
    await ops.say("kaizen standard 1 Roller cleaning is step 3 of the start-up checklist")
    await ops.say("kaizen move 1 done")
    await ops.say("kaizen impact 1 quality, saves 200 EUR and 3 hours a month")
    packing = await new_chat(SETTINGS, channel="C-packing")
    await packing.say("kaizen spread 1")
    packing.catch_up()
    await packing.say("/kaizen")
    form = packing.expect_form()
    await packing.submit(
        form, problem="Nobody restocks the glove dispenser on night shift", anonymous="yes"
    )


@pytest.fixture
async def a3_server(
    new_chat: ChatFactory, clock: FrozenClock, open_apps: AppOpener
) -> AsyncIterator[Server]:
    await _record(new_chat, clock)
    clock.advance(timedelta(hours=1))
    app = await open_apps(SETTINGS)
    server = Server(app, [], "127.0.0.1", free_port(), board_token=TOKEN)
    await server.start()
    yield server
    await server.stop()


async def test_the_a3_page_carries_the_record(a3_server: Server) -> None:
    url = f"http://127.0.0.1:{a3_server.port}/ideas/1"
    async with aiohttp.ClientSession() as http:
        async with http.get(url, allow_redirects=False) as refused:
            # the board's rules: no token, no record; a browser is sent to sign in first
            assert refused.status in (302, 303, 401)
            assert refused.headers.get("Location", "/login").startswith("/login")
        headers = {"Authorization": f"Bearer {TOKEN}"}
        async with http.get(url, headers=headers) as response:
            assert response.status == 200
            page = await response.text()
        async with http.get(f"http://127.0.0.1:{a3_server.port}/ideas/99", headers=headers) as gone:
            assert gone.status == 404
    for shown in (
        "Kaizen idea #1 \u00b7 Done",
        "quality \u00b7 saves 200 EUR and 3 hours a month",
        "Why does the label printer jam every morning?",
        "Nobody owns the &lt;b&gt;checklist&lt;/b&gt;",  # people's words are text
        "Root cause: nobody owns the &lt;b&gt;checklist&lt;/b&gt;",
        "Put the list on the printer itself",
        "partly held: we saw 3 jams a week (we expected jams under 1 a week)",
        "Learned: the night shift skips the list",
        "held: we saw no jams in a week",
        "Roller cleaning is step 3 of the start-up checklist",
        "idea #2 in #C-packing",
        "@media print",
    ):
        assert shown in page, shown
    assert "<b>checklist" not in page


async def test_the_a3_page_in_a_browser(
    a3_server: Server,
    browser: Browser,  # noqa: F811
    screenshots: Path,  # noqa: F811
) -> None:
    page = await browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    await page.goto(f"http://127.0.0.1:{a3_server.port}/login")
    await page.fill("input[name=token]", TOKEN)
    await page.click("button[type=submit]")
    await expect(page.locator(".numbers .impact")).to_have_text(
        "Impact of ideas done: quality 1; together they save 200 EUR and 3 hours a month."
    )
    await page.click('.card[data-number="1"] .number a')
    await expect(page).to_have_title("Kaizen idea #1 \u00b7 Done")
    await expect(page.get_by_role("region", name="Why it happens")).to_contain_text(
        "Root cause: nobody owns the <b>checklist</b>"
    )
    plan = page.get_by_role("region", name="Plan: the experiment")
    await expect(plan).to_contain_text("Put the list on the printer itself")
    await expect(plan).to_contain_text("bob")
    checks = page.get_by_role("region", name="Check: what happened")
    await expect(checks.locator("li")).to_have_count(2)
    await page.screenshot(path=str(screenshots / "a3.png"), full_page=True)
    await page.emulate_media(media="print")
    await page.screenshot(path=str(screenshots / "a3-print.png"), full_page=True)
    await expect(page.locator(".back")).to_be_hidden()
    await page.emulate_media(media="screen")
    await page.goto(f"http://127.0.0.1:{a3_server.port}/ideas/3")
    await expect(page.get_by_role("region", name="Problem")).to_contain_text(
        "a teammate (anonymous)"
    )
    assert errors == []
