"""The board and the A3 page in German and Vietnamese (issue 20): chosen by `?lang=`, else by
the browser's Accept-Language, else by app.yaml's `language`; every heading, column and
label in that language, people's words as they wrote them, and no English heading left."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import aiohttp
import pytest

from adapters.board.language import STAGES, accepted
from adapters.board.page import COLUMNS
from bot.clock import FrozenClock
from bot.language.phrases import Phrase
from bot.language.translate import words
from bot.settings import Settings
from kaizen.server import Server
from tests.board.conftest import SETTINGS, TOKEN
from tests.board.test_a3 import _record
from tests.conftest import AppOpener, ChatFactory
from tests.processes import free_port

Serve = Callable[[Settings], Awaitable[Server]]
GERMAN = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.8"}
ENGLISH_HEADINGS = (
    "Kaizen board",
    "Recognition",
    "Numbers in the last 30 days",
    "Ideas given",
    "Share implemented",
    "Lead time (median)",
    "Participation",
    "Trends, week by week",
    "Ideas given per week",
    "Operational",
    "Strategic",
    "All channels",
    "Both paths",
    "Last 30 days",
    "Download CSV",
    "Apply",
    "Sign out",
    "Clarifying",
)
ENGLISH_A3 = (
    "Kaizen idea",
    "Back to the board",
    "Why it happens",
    "Plan: the experiment",
    "Check: what happened",
    "Act: the standard, and where else",
    "Timeline",
    "Root cause",
    "Raised by",
    "Countermeasure",
    "We expect",
    "Measured by",
    "Spread to",
    "partly held",
    "we saw",
    "Learned:",
)


@pytest.fixture
async def serve(
    new_chat: ChatFactory, clock: FrozenClock, open_apps: AppOpener
) -> AsyncIterator[Serve]:
    """Idea #1's whole record (whys, plans, checks, a standard, a copy), served open to
    this machine with the settings given."""
    await _record(new_chat, clock)
    clock.advance(timedelta(hours=1))
    servers: list[Server] = []

    async def start(settings: Settings) -> Server:
        server = Server(await open_apps(settings), [], "127.0.0.1", free_port())
        await server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await server.stop()


async def fetch(server: Server, path: str, headers: dict[str, str] | None = None) -> str:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{server.port}{path}", headers=headers or {}) as response,
    ):
        assert response.status == 200, (path, response.status)
        return await response.text()


def html_lang(page: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def elements(page: str, tag: str) -> list[str]:
    """The text of each `tag` element (headings, labels) in the page."""
    return [
        re.sub(r"<[^>]+>", "", inner)
        for inner in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", page, re.S)
    ]


def heads(page: str) -> list[str]:
    return re.findall(r'<div class="head">([^<]*)</div>', page)


def said(id: str, language: str) -> str:
    return words(Phrase(id), language)


def assert_no_english(page: str, english: tuple[str, ...]) -> None:
    shown = [
        text
        for tag in ("h1", "h2", "title", "dt", "label", "option", "button", "a", "p", "li")
        for text in elements(page, tag)
    ]
    shown += re.findall(r'aria-label="([^"]*)"', page)
    for phrase in english:
        leaked = [text for text in shown if phrase in text]
        assert not leaked, (phrase, leaked)


async def test_the_board_and_a3_in_vietnamese_by_the_address(serve: Serve) -> None:
    server = await serve(SETTINGS)
    board = await fetch(server, "/?lang=vi")
    assert html_lang(board) == "vi"
    assert "<h1>B\u1ea3ng Kaizen</h1>" in board
    assert "<h2>S\u1ed1 li\u1ec7u 30 ng\u00e0y qua</h2>" in board
    assert "<h2>Ghi nh\u1eadn</h2>" in board and "<h2>V\u1eadn h\u00e0nh</h2>" in board
    assert heads(board) == [said(STAGES[stage], "vi") for stage in COLUMNS]
    assert not set(heads(board)) & {str(id) for id in STAGES.values()}  # none in English
    assert "The label printer jams every morning" in board  # people's words as written
    assert_no_english(board, ENGLISH_HEADINGS)
    # the board's own links keep the language: the filters, the A3 sheets, the refresh
    assert '<input type="hidden" name="lang" value="vi">' in board
    assert 'href="/ideas/1?workspace=T1&amp;lang=vi"' in board

    a3 = await fetch(server, "/ideas/1?workspace=T1&lang=vi")
    assert html_lang(a3) == "vi"
    assert f"<title>\u00dd t\u01b0\u1edfng Kaizen #1 \u00b7 {said('Done', 'vi')}</title>" in a3
    for heading in (
        "V\u1ea5n \u0111\u1ec1",
        "V\u00ec sao x\u1ea3y ra",
        "K\u1ebf ho\u1ea1ch: th\u1eed nghi\u1ec7m",
        "Ki\u1ec3m tra: \u0111i\u1ec1u \u0111\u00e3 x\u1ea3y ra",
        "D\u00f2ng th\u1eddi gian",
    ):
        assert f"<h2>{heading}</h2>" in a3, heading
    assert "Nguy\u00ean nh\u00e2n g\u1ed1c: Nobody owns the &lt;b&gt;checklist&lt;/b&gt;" in a3
    assert "\u0111\u1ea1t m\u1ed9t ph\u1ea7n \u2013 th\u1ef1c t\u1ebf: 3 jams a week" in a3
    assert re.search(r"\d{1,2} thg \d{1,2}, 20\d\d", a3)  # "Th\u1ee9 2, 23 thg 3, 2026"
    assert 'href="/?workspace=T1&amp;lang=vi"' in a3  # back to the board, still in Vietnamese
    assert_no_english(a3, ENGLISH_A3)


async def test_the_browser_language_chooses_german(serve: Serve) -> None:
    server = await serve(SETTINGS)
    board = await fetch(server, "/", GERMAN)
    assert html_lang(board) == "de"
    assert "<h1>Kaizen-Board</h1>" in board and "<h2>Anerkennung</h2>" in board
    assert "<h2>Zahlen der letzten 30 Tage</h2>" in board
    assert heads(board) == [said(STAGES[stage], "de") for stage in COLUMNS]
    assert not set(heads(board)) & {str(id) for id in STAGES.values()}  # none in English
    assert '<span class="label">Eingebrachte Ideen</span>' in board
    assert 'name="lang"' not in board  # the browser chose it: nothing to keep in the links
    assert_no_english(board, ENGLISH_HEADINGS)

    a3 = await fetch(server, "/ideas/1", GERMAN)
    assert html_lang(a3) == "de"
    assert f"<title>Kaizen-Idee #1 \u00b7 {said('Done', 'de')}</title>" in a3
    for heading in ("Warum es passiert", "Planen: das Experiment", "Pr\u00fcfen: was passiert ist"):
        assert f"<h2>{heading}</h2>" in a3, heading
    assert "Grundursache: Nobody owns" in a3  # a German noun keeps its capital
    assert re.search(
        r"(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\. \w+\.? 20\d\d", a3
    )  # "Mo., 23. März 2026"
    assert_no_english(a3, ENGLISH_A3)
    anonymous = await fetch(server, "/ideas/3", GERMAN)
    assert "ein Teammitglied (anonym)" in anonymous

    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{server.port}/ideas/99", headers=GERMAN) as missing,
    ):
        assert missing.status == 404
        assert await missing.text() == "Hier gibt es keine Idee #99."
        assert missing.headers["Content-Language"] == "de"


async def test_app_yaml_language_without_a_header_and_the_address_over_both(serve: Serve) -> None:
    server = await serve(Settings(strategic_goals=SETTINGS.strategic_goals, language="vi"))
    board = await fetch(server, "/")
    assert html_lang(board) == "vi" and "<h2>Ghi nh\u1eadn</h2>" in board
    assert heads(board) == [said(STAGES[stage], "vi") for stage in COLUMNS]
    assert_no_english(board, ENGLISH_HEADINGS)
    a3 = await fetch(server, "/ideas/1")
    assert html_lang(a3) == "vi" and "<h2>V\u00ec sao x\u1ea3y ra</h2>" in a3
    assert_no_english(a3, ENGLISH_A3)

    german = await fetch(server, "/", GERMAN)  # the browser names one: it wins over app.yaml
    assert html_lang(german) == "de"
    english = await fetch(server, "/?lang=en", GERMAN)  # the address wins over both
    assert html_lang(english) == "en" and "<h2>Recognition</h2>" in english
    assert "<h2>Numbers in the last 30 days</h2>" in english


async def test_signing_in_is_in_the_language_of_the_page_asked_for(
    new_chat: ChatFactory, clock: FrozenClock, open_apps: AppOpener
) -> None:
    await (await new_chat(SETTINGS)).say("kaizen The label printer jams every morning")
    server = Server(await open_apps(SETTINGS), [], "127.0.0.1", free_port(), board_token=TOKEN)
    await server.start()
    try:
        async with aiohttp.ClientSession() as http:
            base = f"http://127.0.0.1:{server.port}"
            async with http.get(f"{base}/?lang=de") as login:  # sent to sign in first
                page = await login.text()
            assert html_lang(page) == "de" and "<title>Kaizen-Board \u00b7 Anmelden</title>" in page
            assert ">Anmelden</button>" in page
            form = {"token": "guess", "next": "/?lang=vi"}
            async with http.post(f"{base}/login", data=form) as wrong:
                assert wrong.status == 401
                assert (
                    "M\u00e3 truy c\u1eadp n\u00e0y kh\u00f4ng \u0111\u00fang."
                    in await wrong.text()
                )
    finally:
        await server.stop()


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("vi-VN,vi;q=0.9", "vi"),
        ("fr-FR,fr;q=0.9,de;q=0.8,en;q=0.7", "de"),
        ("en;q=0.5, vi;q=0.8", "vi"),
        ("de;q=0, en", "en"),
        ("*, vi;q=0.1", "vi"),
        ("fr, ja", None),
        ("de;q=abc, vi;q=0.4", "vi"),
        ("", None),
    ],
)
def test_accept_language_by_its_q_values(header: str, language: str | None) -> None:
    assert accepted(header) == language


async def test_the_privacy_and_terms_pages_in_the_readers_language(open_apps: AppOpener) -> None:
    server = Server(await open_apps(SETTINGS), [], "127.0.0.1", free_port())
    await server.start()
    try:
        privacy = await fetch(server, "/privacy", {"Accept-Language": "vi-VN,vi;q=0.9"})
        terms = await fetch(server, "/terms?lang=de")
        english = await fetch(server, "/privacy")
    finally:
        await server.stop()
    for page in (privacy, terms, english):  # well-formed, as the Teams package test reads them
        root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))
        assert root.tag == "html" and root.find("body/main/h1") is not None
    assert (
        html_lang(privacy) == "vi"
        and "<h1>Kaizen Bot: quy\u1ec1n ri\u00eang t\u01b0</h1>" in privacy
    )
    assert "<code>kaizen withdraw N</code>" in privacy and "SQLite" in privacy  # commands stay
    assert_no_english(privacy, ("What it stores", "Who can see it", "The operator"))
    assert html_lang(terms) == "de" and "<h1>Kaizen Bot: Nutzungsbedingungen</h1>" in terms
    assert '<a href="/privacy?lang=de">Datenschutz</a>' in terms
    assert "Apache License, Version 2.0" in terms
    assert html_lang(english) == "en" and "<h2>What it stores</h2>" in english
