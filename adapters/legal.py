"""The privacy statement and terms of use, at /privacy and /terms of the bot's own server.

A Teams app package must link to both, and people who add the app should be able to read
what happens to what they type. The bot is self-hosted, so the pages describe the software
as the operator runs it; they are fixed text, open to anyone, with no token and no board.
They are in the language the reader asks for (`?lang=de`), else the first one their browser
accepts that the bot speaks, else `language` (app.yaml's, when the server passes it).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from aiohttp import web

from adapters.board.escape import escape
from adapters.board.language import LANG, asked, chosen, html, said
from bot.language.phrases import ENGLISH, Phrase

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "public, max-age=3600",
    "Vary": "Accept-Language",
}

Block = tuple[str, Phrase | Sequence[Phrase]]
"""A heading ("h1", "h2"), a paragraph ("p") or a list ("ul") of the page."""

CODE = ("withdraw", "undo", "export", "board", "setting")
"""Placeholders that are commands or settings, shown as code and never translated."""


def _privacy() -> list[Block]:
    return [
        ("h1", Phrase("Kaizen Bot: privacy")),
        (
            "p",
            Phrase(
                "Kaizen Bot is self-hosted software. The organisation that runs this server "
                "(the operator, usually your own) keeps everything the bot stores; the makers "
                "of Kaizen Bot receive nothing."
            ),
        ),
        ("h2", Phrase("What it stores")),
        (
            "ul",
            [
                Phrase(
                    "Ideas you give, with their whys, root causes, plans, checks, stage history "
                    "and impact."
                ),
                Phrase("Kudos: who thanked whom, for what, and when."),
                Phrase("Stand-up answers."),
                Phrase(
                    "Names and ids of people, as Slack or Microsoft Teams gives them to the bot, "
                    "and your choices such as staying off the kudos leaderboards."
                ),
                Phrase(
                    "Conversation references: what the chat platform needs for the bot to post "
                    "in a channel or chat later, such as a stand-up prompt or a reminder."
                ),
                Phrase(
                    "For a week, the ids of the requests it handled and the posts it delivered, "
                    "to look into what happened."
                ),
            ],
        ),
        ("h2", Phrase("Where")),
        (
            "p",
            Phrase(
                "In the operator's own database: a SQLite file or a PostgreSQL database, on the "
                "operator's server. The software sends no telemetry. What the bot posts goes to "
                "Slack or Microsoft Teams, which keep chat messages under their own terms."
            ),
        ),
        (
            "p",
            Phrase(
                "The operator may configure an advisor model to read answers to the whys. Only "
                "then, the bot sends that model the idea's problem, the whys asked and answered "
                "so far, the open why and the new answer, and nothing else. People's names are "
                'replaced by "{colleague}" before anything leaves, unless the operator sets '
                "{setting}.",
                colleague="a colleague",  # the very words sent, in English
                setting="send_names",
            ),
        ),
        ("h2", Phrase("For how long")),
        (
            "p",
            Phrase(
                "Until the operator deletes it: the bot keeps its record and has no command "
                "that erases a person's data, so ask the operator. You can take some things "
                "back yourself: {withdraw} deletes your own idea and its whys within a day of "
                "giving it, {undo} takes back the latest answer to an idea's whys, and taking "
                "the kudos emoji off a message takes that kudos back. The operator can list "
                "every idea with {export}.",
                withdraw="kaizen withdraw N",
                undo="kaizen undo N",
                export="kaizen export",
            ),
        ),
        ("h2", Phrase("Who can see it")),
        (
            "ul",
            [
                Phrase(
                    "The people in the channel or chat where something was posted. What the bot "
                    "answers you privately is shown to you only."
                ),
                Phrase(
                    "Readers of the board, as the operator's access settings allow: people with "
                    "the board's token or a link from {board}, or, without a token, only the "
                    "server's own machine. An idea given anonymously shows without its author's "
                    "name, though the database records who gave it.",
                    board="kaizen board",
                ),
                Phrase("Admins the operator names, who may download every idea."),
                Phrase("The operator, who has the database."),
            ],
        ),
    ]


def _terms() -> list[Block]:
    return [
        ("h1", Phrase("Kaizen Bot: terms of use")),
        (
            "p",
            Phrase(
                "Kaizen Bot is self-hosted software. This service is provided by the "
                "organisation that runs this server (the operator), not by the makers of Kaizen "
                "Bot. The operator decides who may use it, and may change or stop it."
            ),
        ),
        (
            "p",
            Phrase(
                'Kaizen Bot is licensed under the {license}. It is provided "as is", without '
                "warranties or conditions of any kind, and its makers are not liable for any "
                "damages arising from its use.",
                license="Apache License, Version 2.0",
            ),
        ),
        (
            "p",
            Phrase(
                "Use it for improvement work as your organisation's own rules allow. For "
                "questions about this server, ask its operator."
            ),
        ),
        (
            "p",
            Phrase("How the bot handles what you type: {privacy}.", privacy=Phrase("privacy")),
        ),
    ]


def routes(language: str = ENGLISH) -> list[web.RouteDef]:
    """The two pages; `language` is theirs when neither the address nor the browser names
    one the bot speaks (app.yaml's `language`)."""

    async def privacy(request: web.Request) -> web.Response:
        return _page(request, language, _privacy())

    async def terms(request: web.Request) -> web.Response:
        return _page(request, language, _terms())

    return [web.get("/privacy", privacy), web.get("/terms", terms)]


def _page(request: web.Request, default: str, blocks: list[Block]) -> web.Response:
    kept = asked(request.query.get(LANG))
    language = chosen(kept, request.headers.get("Accept-Language"), default)
    privacy = "/privacy" + (f"?{urlencode({LANG: kept})}" if kept else "")
    body = "".join(_block(tag, words, language, privacy) for tag, words in blocks)
    title = said(blocks[0][1], language) if isinstance(blocks[0][1], Phrase) else ""
    document = (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{escape(title)}</title>\n"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto;"
        "padding:0 1em;color:#222}h1{color:#1d4e5f}</style>\n"
        f"</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
    headers = {**HEADERS, "Content-Language": language}
    return web.Response(text=document, content_type="text/html", headers=headers)


def _block(tag: str, words: Phrase | Sequence[Phrase], language: str, privacy: str) -> str:
    if isinstance(words, Phrase):
        return f"<{tag}>{_html(words, language, privacy)}</{tag}>\n"
    items = "".join(f"<li>{_html(item, language, privacy)}</li>\n" for item in words)
    return f"<{tag}>\n{items}</{tag}>\n"


def _html(words: Phrase, language: str, privacy: str) -> str:
    """The words as HTML: commands and settings as code, the privacy page as a link."""
    markup = {
        name: f"<code>{escape(str(words.args[name]))}</code>" for name in CODE if name in words.args
    }
    link = words.args.get("privacy")
    if isinstance(link, str):
        markup["privacy"] = f'<a href="{escape(privacy)}">{escape(said(link, language))}</a>'
    return html(words, language, **markup)
