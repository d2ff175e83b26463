"""The board over HTTP: who may see it, what it shows, and that nothing typed runs as HTML."""

from __future__ import annotations

from datetime import timedelta

import aiohttp

from adapters.board.page import SHOWN
from bot.clock import FrozenClock
from bot.model.ideas import Stage
from kaizen.server import Server
from tests.board.conftest import SETTINGS, TOKEN, BoardServer
from tests.conftest import AppOpener, ChatFactory
from tests.processes import free_port


def url(server: Server, path: str = "/") -> str:
    return f"http://127.0.0.1:{server.port}{path}"


async def test_without_a_token_only_this_machine_sees_the_board(board: BoardServer) -> None:
    server = await board(None)
    async with aiohttp.ClientSession() as http:
        async with http.get(url(server)) as page:
            assert page.status == 200
            html = await page.text()
        async with http.get(url(server), headers={"X-Forwarded-For": "203.0.113.9"}) as relayed:
            assert relayed.status == 403
            assert "KAIZEN_BOARD_TOKEN" in await relayed.text()
        async with http.post(url(server)) as write:
            assert write.status == 405  # read-only
    assert 'data-number="1"' in html and "The label printer jams every morning" in html
    assert "<script>" not in html and "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")


async def test_a_token_is_needed_by_bearer_or_the_signed_cookie(board: BoardServer) -> None:
    server = await board(TOKEN)
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(url(server, "/?path=strategic"), allow_redirects=False) as page:
            assert page.status == 303
            login = page.headers["Location"]
        assert login.startswith("/login?next=")
        async with http.get(url(server, login)) as form_page:
            assert 'name="next" value="/?path=strategic"' in await form_page.text()
        wrong = {"Authorization": "Bearer not-it"}
        async with http.get(url(server, "/ideas.csv"), headers=wrong) as csv:
            assert csv.status == 401 and "Bearer" in csv.headers["WWW-Authenticate"]
        right = {"Authorization": f"Bearer {TOKEN}"}
        async with http.get(url(server, "/ideas.csv?channel=C-quality"), headers=right) as csv:
            assert csv.status == 200
            assert csv.headers["Content-Disposition"].startswith("attachment; filename=")
            lines = (await csv.text()).splitlines()
        assert lines[0].startswith("number,text,channel") and len(lines) == 2
        assert lines[1].startswith("4,Scrap bins overflow before the weekly pickup,C-quality")

        form = {"token": "guess", "next": "//evil.example/"}
        async with http.post(url(server, "/login"), data=form, allow_redirects=False) as bad:
            assert bad.status == 401 and "That token is not right" in await bad.text()
        form = {"token": TOKEN, "next": "//evil.example/"}
        async with http.post(url(server, "/login"), data=form, allow_redirects=False) as good:
            assert good.status == 303 and good.headers["Location"] == "/"
            cookie = good.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        async with http.get(url(server), allow_redirects=False) as page:
            assert page.status == 200 and "Sign out" in await page.text()
        async with http.post(url(server, "/logout"), allow_redirects=False) as out:
            assert out.status == 303
        async with http.get(url(server), allow_redirects=False) as page:
            assert page.status == 303

    forged = {"kaizen_board": "9999999999.0123456789abcdef"}
    async with (
        aiohttp.ClientSession(cookies=forged) as http,
        http.get(url(server), allow_redirects=False) as page,
    ):
        assert page.status == 303


async def test_bad_filters_get_a_4xx(board: BoardServer) -> None:
    server = await board(None)
    async with aiohttp.ClientSession() as http:
        async with http.get(url(server, "/?path=sideways")) as page:
            assert page.status == 400
        async with http.get(url(server, "/?workspace=T-unknown")) as page:
            assert page.status == 404
        async with http.get(url(server, "/?channel=C-nowhere")) as page:
            assert page.status == 200 and 'class="card"' not in await page.text()
        async with http.get(url(server, "/?period=fortnight")) as page:
            assert page.status == 400


async def test_the_numbers_cover_the_period_chosen(board: BoardServer, clock: FrozenClock) -> None:
    server = await board(None)
    clock.advance(timedelta(days=20))
    async with aiohttp.ClientSession() as http:
        async with http.get(url(server)) as page:
            shown = await page.text()
        async with http.get(url(server, "/?period=all")) as page:
            all_time = await page.text()
    assert "<h2>Numbers in the last 30 days</h2>" in shown
    assert '<option value="30d" selected>Last 30 days</option>' in shown
    assert _tile(shown, "Ideas given") == "2"  # ideas 3 and 4; 1 and 2 are 32 and 34 days old
    assert "<h2>Numbers of all time</h2>" in all_time
    assert _tile(all_time, "Ideas given") == "4"


def _tile(page: str, label: str) -> str:
    before = page[: page.index(f'<span class="label">{label}</span>')]
    return before[before.rindex('<span class="value">') + len('<span class="value">') :].split("<")[
        0
    ]


async def test_a_crowded_column_shows_who_waited_longest_and_counts_the_rest(
    new_chat: ChatFactory, clock: FrozenClock, open_apps: AppOpener
) -> None:
    chat = await new_chat(SETTINGS)
    for n in range(1, SHOWN[Stage.CLARIFYING] + 4):
        await chat.say(f"kaizen Bin{n} crate{n} pallet{n} shelf{n} is hard to find")
        clock.advance(timedelta(minutes=1))
    server = Server(await open_apps(SETTINGS), [], "127.0.0.1", free_port())
    await server.start()
    try:
        async with aiohttp.ClientSession() as http, http.get(url(server)) as page:
            html = await page.text()
    finally:
        await server.stop()
    assert html.count('class="card"') == SHOWN[Stage.CLARIFYING]
    assert 'data-number="1"' in html and f'data-number="{SHOWN[Stage.CLARIFYING] + 3}"' not in html
    assert "and 3 more in Clarifying" in html  # each is in its 5 Whys
