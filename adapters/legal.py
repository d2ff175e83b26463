"""The privacy statement and terms of use, at /privacy and /terms of the bot's own server.

A Teams app package must link to both, and people who add the app should be able to read
what happens to what they type. The bot is self-hosted, so the pages describe the software
as the operator runs it; they are fixed text, open to anyone, with no token and no board.
"""

from __future__ import annotations

from aiohttp import web

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "public, max-age=3600",
}

PRIVACY = """\
<h1>Kaizen Bot: privacy</h1>
<p>Kaizen Bot is self-hosted software. The organisation that runs this server (the
operator, usually your own) keeps everything the bot stores; the makers of Kaizen Bot
receive nothing.</p>

<h2>What it stores</h2>
<ul>
<li>Ideas you give, with their whys, root causes, plans, checks, stage history and
impact.</li>
<li>Kudos: who thanked whom, for what, and when.</li>
<li>Stand-up answers.</li>
<li>Names and ids of people, as Slack or Microsoft Teams gives them to the bot, and your
choices such as staying off the kudos leaderboards.</li>
<li>Conversation references: what the chat platform needs for the bot to post in a
channel or chat later, such as a stand-up prompt or a reminder.</li>
<li>For a week, the ids of the requests it handled and the posts it delivered, to look
into what happened.</li>
</ul>

<h2>Where</h2>
<p>In the operator's own database: a SQLite file or a PostgreSQL database, on the
operator's server. The software sends no telemetry. What the bot posts goes to Slack or
Microsoft Teams, which keep chat messages under their own terms.</p>
<p>The operator may configure an advisor model to read answers to the whys. Only then, the
bot sends that model the idea's problem, the whys asked and answered so far, the open why
and the new answer, and nothing else. People's names are replaced by "a colleague" before
anything leaves, unless the operator sets <code>send_names</code>.</p>

<h2>For how long</h2>
<p>Until the operator deletes it: the bot keeps its record and has no command that erases
a person's data, so ask the operator. You can take some things back yourself:
<code>kaizen withdraw N</code> deletes your own idea and its whys within a day of giving
it, <code>kaizen undo N</code> takes back the latest answer to an idea's whys, and taking
the kudos emoji off a message takes that kudos back. The operator can list every idea with
<code>kaizen export</code>.</p>

<h2>Who can see it</h2>
<ul>
<li>The people in the channel or chat where something was posted. What the bot answers you
privately is shown to you only.</li>
<li>Readers of the board, as the operator's access settings allow: people with the board's
token or a link from <code>kaizen board</code>, or, without a token, only the server's
own machine. An
idea given anonymously shows without its author's name, though the database records who
gave it.</li>
<li>Admins the operator names, who may download every idea.</li>
<li>The operator, who has the database.</li>
</ul>
"""

TERMS = """\
<h1>Kaizen Bot: terms of use</h1>
<p>Kaizen Bot is self-hosted software. This service is provided by the organisation that
runs this server (the operator), not by the makers of Kaizen Bot. The operator decides who
may use it, and may change or stop it.</p>
<p>Kaizen Bot is licensed under the Apache License, Version 2.0. It is provided "as is",
without warranties or conditions of any kind, and its makers are not liable for any
damages arising from its use.</p>
<p>Use it for improvement work as your organisation's own rules allow. For questions about
this server, ask its operator.</p>
<p>How the bot handles what you type: <a href="/privacy">privacy</a>.</p>
"""


def routes() -> list[web.RouteDef]:
    return [web.get("/privacy", _privacy), web.get("/terms", _terms)]


async def _privacy(_request: web.Request) -> web.Response:
    return _page("Kaizen Bot: privacy", PRIVACY)


async def _terms(_request: web.Request) -> web.Response:
    return _page("Kaizen Bot: terms of use", TERMS)


def _page(title: str, body: str) -> web.Response:
    document = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{title}</title>\n"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto;"
        "padding:0 1em;color:#222}h1{color:#1d4e5f}</style>\n"
        f"</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
    return web.Response(text=document, content_type="text/html", headers=HEADERS)
