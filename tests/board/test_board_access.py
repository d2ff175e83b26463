"""Who gets into the board: credentials, never an address; a tunnel in front of the Slack
port shows nothing without the token; guesses at the token are slowed per source and the
right token still gets in; sign-in sends people only to paths on this site."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Literal

import aiohttp
import pytest

from adapters.board.access import Opening, opening
from adapters.board.throttle import Throttle
from bot.errors import ConfigError
from bot.settings import Board, Settings
from kaizen.config import load_settings
from kaizen.server import Server, Surface
from kaizen.slack import SlackCredentials, SlackSurface
from tests.board.conftest import TOKEN
from tests.board.relay import relay
from tests.conftest import AppOpener, ChatFactory
from tests.processes import free_port
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack
from tests.slack.workspace import SIGNING_SECRET

ACME_SECRET = "Acme moves the north dock in March"
BETA_SECRET = "Beta label printer jams every morning"
EXPOSED = (
    "/",
    "/?workspace=T-ACME",
    "/ideas.csv?workspace=T-ACME",
    "/ideas.csv?workspace=T-BETA",
    "/ideas.json",
    "/login",
)
Serve = Callable[..., Awaitable[Server]]


@pytest.fixture
async def serve(new_chat: ChatFactory, open_apps: AppOpener) -> AsyncIterator[Serve]:
    """`kaizen run` in this process over two workspaces' ideas: Slack over HTTP (Slack at
    a fake) or the board alone, with or without a token and a `board:` section."""
    for workspace, idea in (("T-ACME", ACME_SECRET), ("T-BETA", BETA_SECRET)):
        chat = await new_chat(Settings(), workspace=workspace)
        await chat.say(f"kaizen {idea}")
    slack = FakeSlack()
    await slack.start()
    servers: list[Server] = []

    async def start(token: str | None, with_slack: bool = False, **board: object) -> Server:
        app = await open_apps(Settings(board=Board.model_validate(board)))
        surfaces: list[Surface] = []
        if with_slack:
            credentials = SlackCredentials(BOT_TOKEN, SIGNING_SECRET, None, slack.url)
            surfaces.append(SlackSurface(app, credentials))
        server = Server(app, surfaces, "127.0.0.1", free_port(), board_token=token)
        await server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await server.stop()
    await slack.stop()


async def test_a_tunnel_to_the_slack_port_shows_no_board_without_a_token(serve: Serve) -> None:
    """The measured leak: a TCP relay on the host made every request look local."""
    server = await serve(None, with_slack=True)
    async with relay(server.port) as port, aiohttp.ClientSession() as http:
        for path in EXPOSED:
            async with http.get(f"http://127.0.0.1:{port}{path}", allow_redirects=False) as r:
                said = await r.text()
            assert r.status == 403, path
            assert "The board is off: this port serves Slack over HTTP" in said, path
            assert "KAIZEN_BOARD_TOKEN" in said and ACME_SECRET not in said, path
        async with http.get(f"http://127.0.0.1:{port}/healthz") as health:
            assert health.status == 200  # the chat side is served as before
    assert server.board.access.opening.why.startswith("this port serves Slack over HTTP")


async def test_with_a_token_only_credentials_count_behind_the_tunnel(serve: Serve) -> None:
    server = await serve(TOKEN, with_slack=True)
    async with relay(server.port) as port, aiohttp.ClientSession() as http:
        base = f"http://127.0.0.1:{port}"
        async with http.get(f"{base}/?workspace=T-ACME", allow_redirects=False) as page:
            assert page.status == 303 and page.headers["Location"].startswith("/login?next=")
        for path in ("/ideas.csv?workspace=T-ACME", "/ideas.csv?workspace=T-BETA", "/ideas.json"):
            async with http.get(f"{base}{path}") as download:
                assert download.status == 401, path
                assert ACME_SECRET not in await download.text()
            wrong = {"Authorization": "Bearer board-token-for-test"}
            async with http.get(f"{base}{path}", headers=wrong) as download:
                assert download.status == 401, path
        right = {"Authorization": f"Bearer {TOKEN}"}
        async with http.get(f"{base}/ideas.csv?workspace=T-ACME", headers=right) as download:
            assert download.status == 200 and ACME_SECRET in await download.text()


@pytest.mark.parametrize(
    ("token", "host", "over_http", "local_only", "expected"),
    [
        (TOKEN, "0.0.0.0", ["Slack"], False, Opening("token")),
        (None, "127.0.0.1", [], "auto", Opening("local")),
        (None, "::1", [], "auto", Opening("local")),
        (None, "localhost", [], "auto", Opening("local")),
        (None, "127.0.0.1", ["Slack"], True, Opening("local")),
        (
            None,
            "0.0.0.0",
            [],
            True,
            Opening("off", "HOST=0.0.0.0 listens beyond this machine; set KAIZEN_BOARD_TOKEN"),
        ),
        (
            None,
            "192.168.1.20",
            [],
            "auto",
            Opening("off", "HOST=192.168.1.20 listens beyond this machine; set KAIZEN_BOARD_TOKEN"),
        ),
        (
            None,
            "127.0.0.1",
            [],
            False,
            Opening("off", "board.local_only is false in app.yaml; set KAIZEN_BOARD_TOKEN"),
        ),
    ],
)
def test_the_board_opens_by_token_to_this_machine_or_not_at_all(
    token: str | None,
    host: str,
    over_http: list[str],
    local_only: bool | Literal["auto"],
    expected: Opening,
) -> None:
    assert opening(token, host, over_http, local_only) == expected


def test_teams_on_the_port_turns_the_tokenless_board_off_too() -> None:
    said = opening(None, "127.0.0.1", ["Slack", "Teams"]).why
    assert said.startswith("this port serves Slack and Teams over HTTP")


def test_a_bad_trusted_proxy_is_one_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "app.yaml"
    config.write_text("board:\n  trusted_proxies: [127.0.0.1, 10.0.0.1/8]\n")
    with pytest.raises(ConfigError) as refused:
        load_settings(config)
    assert str(refused.value).splitlines()[1:] == [
        "- board.trusted_proxies: ['127.0.0.1', '10.0.0.1/8'] is not allowed: '10.0.0.1/8' is "
        "not an IP address or network; write it like 127.0.0.1, 10.0.0.0/8 or fd00::/8 (a "
        "network without host bits: 10.0.0.0/8, not 10.0.0.1/8)."
    ]
    config.write_text("board:\n  trusted_proxies: [proxy.example]\n")
    with pytest.raises(ConfigError, match=r"'proxy\.example' is not an IP address or network"):
        load_settings(config)
    config.write_text("board:\n  local_only: sometimes\n")
    with pytest.raises(ConfigError, match="write true, false or auto"):
        load_settings(config)


async def test_forwarding_headers_count_only_from_a_trusted_proxy(serve: Serve) -> None:
    untrusting = await serve(None)
    trusting = await serve(None, trusted_proxies=["127.0.0.1"])
    async with aiohttp.ClientSession() as http:
        for server, forwarded_for, status in (
            (untrusting, "127.0.0.1", 403),  # relayed by someone unknown: not this machine
            (trusting, "127.0.0.1", 200),
            (trusting, "203.0.113.9", 403),
            (trusting, "203.0.113.9, 127.0.0.1", 403),  # the chain's first untrusted hop
        ):
            headers = {"X-Forwarded-For": forwarded_for}
            async with http.get(f"http://127.0.0.1:{server.port}/", headers=headers) as page:
                assert page.status == status, forwarded_for
        forwarded = {"Forwarded": 'for="[2001:db8::7]:4711";proto=https'}
        async with http.get(f"http://127.0.0.1:{trusting.port}/", headers=forwarded) as page:
            assert page.status == 403


class Clock:
    """The throttle's clock, moved on by hand: waits are counted, never slept."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_wrong_tokens_wait_longer_and_longer_and_the_right_one_gets_in(
    serve: Serve,
) -> None:
    server = await serve(TOKEN)
    clock = Clock()
    server.board.access.throttle = Throttle(clock=clock)
    base = f"http://127.0.0.1:{server.port}"
    waits: list[str | None] = []
    async with aiohttp.ClientSession() as http:
        for n in range(12):
            wrong = {"Authorization": f"Bearer guess-{n}"}
            async with http.get(f"{base}/ideas.json", headers=wrong) as answer:
                assert answer.status == 401
                waits.append(answer.headers.get("Retry-After"))
            clock.now += float(answer.headers.get("Retry-After", 0))
        assert waits == [None, None, None, None, "1", "1", "1", "2", "4", "4", "4", "4"]
        right = {"Authorization": f"Bearer {TOKEN}"}
        async with http.get(f"{base}/ideas.json", headers=right) as answer:
            assert answer.status == 200

        signing_in: list[tuple[int, str | None]] = []
        for n in range(12):  # the old lockout took the right token too after 10
            form = {"token": f"guess-{n}"}
            async with http.post(f"{base}/login", data=form, allow_redirects=False) as answer:
                signing_in.append((answer.status, answer.headers.get("Retry-After")))
            clock.now += float(answer.headers.get("Retry-After", 0))
        assert signing_in == [(401, "4")] * 12  # the same source: it goes on where it was
        form = {"token": TOKEN}
        async with http.post(f"{base}/login", data=form, allow_redirects=False) as answer:
            assert answer.status == 303 and "kaizen_board=" in answer.headers["Set-Cookie"]


async def _get(url: str, headers: dict[str, str]) -> tuple[int, str | None]:
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers) as answer:
        return answer.status, answer.headers.get("Retry-After")


@pytest.mark.parametrize("trusted", [True, False])
async def test_guesses_from_one_source_wait_in_line_and_the_rest_are_refused(
    serve: Serve, trusted: bool
) -> None:
    """A guesser learns a try was wrong as soon as it is not let in: only tries that wait
    their turn limit the rate. Another client's right token does not wait behind them,
    unless it comes from the same source (a forwarded address counts only from a trusted
    proxy)."""
    server = await serve(TOKEN, trusted_proxies=["127.0.0.1"] if trusted else [])
    server.board.access.throttle = Throttle(free=1, first=1.0, longest=1.0, queue=2)
    url = f"http://127.0.0.1:{server.port}/ideas.json"
    guesser = {"X-Forwarded-For": "203.0.113.9"}
    assert await _get(url, {**guesser, "Authorization": "Bearer guess"}) == (401, "1")
    tries = [
        asyncio.create_task(_get(url, {**guesser, "Authorization": f"Bearer guess-{n}"}))
        for n in range(5)
    ]
    done, waiting = await asyncio.wait(tries, return_when=asyncio.FIRST_COMPLETED)
    refused_at_once = [task.result() for task in done]
    assert all(status == 429 and int(wait or 0) >= 1 for status, wait in refused_at_once)

    colleague = {"X-Forwarded-For": "198.51.100.7", "Authorization": f"Bearer {TOKEN}"}
    status, _ = await _get(url, colleague)
    assert status == (200 if trusted else 429)

    answers = sorted([*refused_at_once, *[await task for task in waiting]])
    assert answers == [(401, "1"), (401, "1"), (429, "3"), (429, "3"), (429, "3")]
    right = {**guesser, "Authorization": f"Bearer {TOKEN}"}
    assert (await _get(url, right))[0] == 200  # right after the guesses, in its turn


async def test_a_stop_answers_the_tries_waiting_their_turn_at_once(open_apps: AppOpener) -> None:
    server = Server(await open_apps(Settings()), [], "127.0.0.1", free_port(), board_token=TOKEN)
    server.board.access.throttle = Throttle(free=1, first=20.0, longest=20.0)
    await server.start()
    url = f"http://127.0.0.1:{server.port}/ideas.json"
    try:
        assert await _get(url, {"Authorization": "Bearer guess"}) == (401, "20")
        waiting = [
            asyncio.create_task(_get(url, {"Authorization": f"Bearer guess-{n}"})) for n in range(2)
        ]
        for _ in range(1000):  # until both wait their turn
            if server.board.access.throttle.waiting("127.0.0.1") == 2:
                break
            await asyncio.sleep(0.01)
    finally:
        await server.stop()
    assert [await task for task in waiting] == [(429, "1"), (429, "1")]  # not checked


async def test_the_throttle_remembers_a_bounded_number_of_sources() -> None:
    clock = Clock()
    throttle = Throttle(clock=clock)
    throttle.sources = 100
    for n in range(1000):
        await throttle.check(f"198.51.{n // 256}.{n % 256}", lambda: False)
    assert len(throttle) == 100
    waits = [  # one IPv6 subscriber's /64 is one source
        (await throttle.check(f"2001:db8:1:2::{n + 1}", lambda: False)).retry_after
        for n in range(5)
    ]
    assert waits == [0, 0, 0, 0, throttle.first]
    clock.now += throttle.forget + 1
    verdict = await throttle.check("2001:db8:1:2::9", lambda: False)
    assert verdict.retry_after == 0  # forgotten after a quiet while
    assert len(throttle) <= 100


@pytest.mark.parametrize(
    ("asked", "sent"),
    [
        ("/\t/127.0.0.1:1/pwned", "/"),
        ("/%09/127.0.0.1:1/pwned", "/"),
        ("/%2509/evil.example", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("/\n/evil.example", "/"),
        ("https://evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("evil.example", "/"),
        ("/?path=strategic", "/?path=strategic"),
        ("/ideas.csv?channel=C-quality", "/ideas.csv?channel=C-quality"),
    ],
)
async def test_sign_in_sends_people_only_to_a_path_on_this_site(
    serve: Serve, asked: str, sent: str
) -> None:
    server = await serve(TOKEN)
    base = f"http://127.0.0.1:{server.port}"
    form = {"token": TOKEN, "next": asked}
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/login", data=form, allow_redirects=False) as answer:
            assert answer.status == 303 and answer.headers["Location"] == sent
        async with http.get(f"{base}/login", params={"next": asked}) as page:
            assert f'name="next" value="{sent}"' in await page.text()
