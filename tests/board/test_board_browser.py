"""The board in a real headless Chromium: sign in, read the cards, filter, see the charts."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Response, async_playwright, expect

from tests.board.conftest import TOKEN, BoardServer

SCREENSHOTS = Path(os.environ.get("KAIZEN_SCREENSHOTS", "build/screenshots"))
_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str | None:
    """Debian's chromium (what .ci/run installs), else the browser Playwright downloaded."""
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        found = shutil.which(name) if name else None
        if found:
            return found
    return None


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium(), args=_FLAGS)
        yield launched
        await launched.close()


@pytest.fixture
def screenshots() -> Path:
    """Where the test leaves its screenshots and download, to look at after a run."""
    return SCREENSHOTS


async def test_the_board_in_a_browser(
    board: BoardServer, browser: Browser, screenshots: Path
) -> None:
    server = await board(TOKEN)
    page = await browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    missing: list[str] = []

    def not_found(response: Response) -> None:
        if response.status == 404:
            missing.append(response.url)

    page.on("response", not_found)

    await page.goto(f"http://127.0.0.1:{server.port}/")
    await expect(page).to_have_title("Kaizen board \u00b7 sign in")
    await page.fill("input[name=token]", "wrong")
    await page.click("button[type=submit]")
    await expect(page.get_by_role("alert")).to_have_text("That token is not right.")
    await page.fill("input[name=token]", TOKEN)
    await page.click("button[type=submit]")
    await expect(page).to_have_title("Kaizen board \u00b7 T1")

    operational = page.locator('.lane[data-path="operational"]')
    do_column = operational.locator('.column[data-stage="do"]')
    await expect(do_column.locator(".card")).to_have_count(1)
    await expect(do_column.locator(".card")).to_contain_text("The label printer jams every morning")
    await expect(do_column.locator(".card")).to_contain_text("owner alice")
    done = operational.locator('.column[data-stage="done"] .card')
    await expect(done).to_have_count(2)
    strategic = page.locator('.lane[data-path="strategic"] .card')
    await expect(strategic).to_have_count(1)
    await expect(strategic).to_contain_text("<script>x()</script>")  # shown as text, not run
    await expect(strategic).to_contain_text("supports Zero lost-time accidents")
    feed = page.locator(".recognition")
    await expect(feed).to_contain_text("bob thanked alice: for fixing the label printer rollers")
    await expect(feed.locator("li").first).to_contain_text("Kaizen Bot thanked alice: idea #4")

    given = page.get_by_role("img", name="Ideas given per week")
    await expect(given).to_be_visible()
    bars = given.locator("rect.bar")
    heights = [
        float(h or 0)
        for h in await bars.evaluate_all("bs => bs.map(b => b.getAttribute('height'))")
    ]
    assert len(heights) == 12 and sum(1 for h in heights if h > 0) == 3 and max(heights) > 50
    box = await given.bounding_box()
    assert box is not None and box["width"] > 250 and box["height"] > 100
    lead = page.get_by_role("img", name="Lead time of ideas done (days, median)")
    assert await lead.locator("circle.dot").count() >= 1

    await page.screenshot(path=str(screenshots / "board.png"), full_page=True)

    await page.select_option("select[name=channel]", "C-quality")
    await page.click("text=Apply")
    await expect(page.locator(".card")).to_have_count(1)
    await expect(page.locator(".card")).to_contain_text("Scrap bins overflow")
    assert "channel=C-quality" in page.url
    await page.select_option("select[name=channel]", "")
    await page.select_option("select[name=path]", "strategic")
    await page.click("text=Apply")
    await expect(page.locator(".lane")).to_have_count(1)
    await expect(page.locator(".card")).to_have_count(1)
    await page.screenshot(path=str(screenshots / "board-strategic.png"), full_page=True)

    async with page.expect_download() as download_info:
        await page.click("text=Download CSV")
    download = await download_info.value
    saved = screenshots / "ideas.csv"
    await download.save_as(saved)
    assert saved.read_text().splitlines()[1].startswith("3,")

    assert errors == [] and missing == []  # the tab's icon included
    assert all(u.startswith(f"http://127.0.0.1:{server.port}/") for u in requests)
