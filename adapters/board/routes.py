"""The board's routes: `/` (the board), `/ideas.csv`, and signing in and out. Read-only.

Every page, and every refusal a person reads, is in the language the request chose:
`?lang=`, else the browser's Accept-Language, else app.yaml's `language`. The downloads'
column names are keys for tools, in English."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode

from aiohttp import web
from yarl import URL

from adapters.board.a3 import A3, a3_page
from adapters.board.access import COOKIE, COOKIE_DAYS, PASS_COOKIE, BoardAccess, Denial, Grant
from adapters.board.language import LANG, NAMES, asked, asked_in, chosen, said
from adapters.board.page import ICON, PERIODS, SHOWN, BoardView, board_page, empty_page, login_page
from adapters.board.passes import Pass
from adapters.board.proxies import is_https
from bot.clock import Clock
from bot.language.phrases import N_, Phrase
from bot.metrics.export import rows, to_csv, to_json
from bot.metrics.impact import impact_totals
from bot.metrics.periods import LAST_30_DAYS, period
from bot.metrics.stats import compute
from bot.metrics.trends import week_starts, weekly
from bot.model.ideas import Path
from bot.settings import Settings
from bot.store import Database

KUDOS_SHOWN = 15
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
LANGUAGE_HEADERS = {"Vary": "Accept-Language"}
"""A page's language follows the browser's unless its address names one."""


@dataclass(frozen=True)
class Reader:
    """The language a request reads, and the one its address asked for (kept in links)."""

    language: str
    kept: str | None = None

    def says(self, words: str) -> str:
        return said(words, self.language)


@dataclass(frozen=True)
class Filters:
    workspace: str
    channel: str | None
    path: Path | None
    period: str = LAST_30_DAYS
    choices: tuple[str, ...] = ()
    """The workspaces this request may switch between (none for a pass: its own only)."""


class BoardRoutes:
    def __init__(
        self, database: Database, settings: Settings, clock: Clock, access: BoardAccess
    ) -> None:
        self._database = database
        self._settings = settings
        self._clock = clock
        self.access = access

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/", self.board),
            web.get("/ideas.csv", self.csv),
            web.get("/ideas.json", self.json),
            web.get(r"/ideas/{number:\d{1,9}}", self.a3),
            web.get("/login", self.login_form),
            web.post("/login", self.login),
            web.post("/logout", self.logout),
            web.get("/favicon.svg", _icon),
        ]

    def _reader(self, request: web.Request, next_path: str | None = None) -> Reader:
        """The request's language: its address's `lang` (or, signing in, that of the page
        to return to), else its browser's, else app.yaml's."""
        kept = asked(request.query.get(LANG))
        if kept is None and next_path is not None:
            kept = asked_in(next_path)
        language = chosen(kept, request.headers.get("Accept-Language"), self._settings.language)
        return Reader(language, kept)

    async def _opened(
        self, request: web.Request, reader: Reader
    ) -> tuple[Grant, Filters | None] | web.StreamResponse:
        """A page's grant and filters; a refusal (or the sign-in) is the response instead."""
        grant = await self.access.grant(request)
        if isinstance(grant, Denial):
            return self._refusal(request, grant, browser=True, reader=reader)
        if "pass" in request.query and grant.by_pass is not None:
            raise _keep_pass(request, grant.by_pass)
        return grant, await self._filters(request, grant, reader)

    async def board(self, request: web.Request) -> web.StreamResponse:
        reader = self._reader(request)
        opened = await self._opened(request, reader)
        if isinstance(opened, web.StreamResponse):
            return opened
        grant, filters = opened
        if filters is None:
            return _page(empty_page(reader.language), reader)
        now = self._clock.now()
        when = period(filters.period, now, self._settings.timezone)
        starts = week_starts(now, self._settings.timezone)
        chosen = (filters.channel, filters.path)
        workspace = filters.workspace
        async with self._database.reading() as store:
            metrics = store.metrics
            kanban = await metrics.kanban(workspace, SHOWN, filters.channel, filters.path)
            tally = await metrics.tally(workspace, when.since, now, *chosen, stays=False)
            spans = await metrics.spans(workspace, starts, *chosen)
            channels = await metrics.channels(workspace)
            kudos = await metrics.recent_kudos(workspace, KUDOS_SHOWN)
            turnout = await metrics.turnout(workspace, when.since, now, filters.channel)
            impact = await metrics.impact(workspace, when.since, now, *chosen)
        view = BoardView(
            workspace=filters.workspace,
            workspaces=list(filters.choices),
            channel=filters.channel,
            path=filters.path,
            channels=channels,
            kanban=kanban,
            stats=compute(tally, when.since, now, turnout),
            period=filters.period,
            since=when.since,
            weeks=weekly(starts, spans),
            kudos=kudos,
            now=now,
            zone=self._settings.timezone,
            signed_in=not self.access.local_only and grant.by_pass is None,
            downloads=grant.may_export,
            impact=impact_totals(impact, self._settings.pdca.currency),
            language=reader.language,
            kept=reader.kept,
        )
        return _page(board_page(view), reader)

    async def csv(self, request: web.Request) -> web.StreamResponse:
        return await self._download(request, "csv")

    async def json(self, request: web.Request) -> web.StreamResponse:
        return await self._download(request, "json")

    async def a3(self, request: web.Request) -> web.StreamResponse:
        """One idea's A3 page, under the board's own access rules."""
        reader = self._reader(request)
        opened = await self._opened(request, reader)
        if isinstance(opened, web.StreamResponse):
            return opened
        _, filters = opened
        if filters is None:
            raise _refused(web.HTTPNotFound, reader, Phrase(NO_WORKSPACE))
        number = int(request.match_info["number"])
        workspace = {"workspace": filters.workspace}
        kept = {LANG: reader.kept} if reader.kept else {}
        async with self._database.reading() as store:
            idea = await store.ideas.get(filters.workspace, number)
            if idea is None:
                no_idea = Phrase("There is no idea #{number} here.", number=number)
                raise _refused(web.HTTPNotFound, reader, no_idea)
            sheet = A3(
                idea=idea,
                whys=await store.dialogues.whys(filters.workspace, number),
                checks=await store.ideas.checks(filters.workspace, number),
                history=await store.ideas.history(filters.workspace, number),
                spread_to=await store.ideas.spread_of(filters.workspace, number),
                zone=self._settings.timezone,
                back="/?" + urlencode({**workspace, **kept}),
                currency=self._settings.pdca.currency,
                language=reader.language,
                languages={
                    code: f"{request.path}?{urlencode({**workspace, LANG: code})}" for code in NAMES
                },
            )
        return _page(a3_page(sheet), reader)

    async def _download(self, request: web.Request, kind: str) -> web.StreamResponse:
        reader = self._reader(request)
        grant = await self.access.grant(request)
        if isinstance(grant, Denial):
            return self._refusal(request, grant, browser=False, reader=reader)
        if not grant.may_export:
            admins = Phrase(
                "Downloading every idea is for admins: {command}.", command="`kaizen export`"
            )
            raise _refused(web.HTTPForbidden, reader, admins)
        filters = await self._filters(request, grant, reader)
        if filters is None:
            raise _refused(web.HTTPNotFound, reader, Phrase(NO_WORKSPACE))
        async with self._database.reading() as store:
            ideas = await store.metrics.ideas(filters.workspace, filters.channel, filters.path)
            histories = await store.metrics.histories(
                filters.workspace, filters.channel, filters.path
            )
            records = (
                await store.metrics.records(filters.workspace, filters.channel, filters.path)
                if kind == "json"
                else None
            )
        table = rows(ideas, histories)
        day = self._clock.now().date().isoformat()
        return web.Response(
            text=to_csv(table) if kind == "csv" else to_json(table, records),
            content_type="text/csv" if kind == "csv" else "application/json",
            charset="utf-8",
            headers={
                **SECURITY_HEADERS,
                "Content-Disposition": f'attachment; filename="kaizen-ideas-{day}.{kind}"',
            },
        )

    async def login_form(self, request: web.Request) -> web.StreamResponse:
        next_path = _safe_next(request.query.get("next", "/"))
        reader = self._reader(request, next_path)
        if self.access.off:
            return self._refusal(request, Denial("off"), browser=True, reader=reader)
        if self.access.local_only:
            raise web.HTTPSeeOther("/")
        return _page(login_page(None, next_path, reader.language), reader)

    async def login(self, request: web.Request) -> web.StreamResponse:
        if self.access.off:
            reader = self._reader(request)
            return self._refusal(request, Denial("off"), browser=True, reader=reader)
        if self.access.local_only:
            raise web.HTTPSeeOther("/")
        form = await request.post()
        next_path = _safe_next(str(form.get("next", "/")))
        reader = self._reader(request, next_path)
        verdict = await self.access.try_token(request, str(form.get("token", "")))
        if not verdict.right:
            if not verdict.checked:
                wait = _retry_after(verdict.retry_after, always=True)
                problem = Phrase(
                    "Too many tries are waiting; try again in {seconds} s.",
                    seconds=int(wait["Retry-After"]),
                )
                return _page(login_page(problem, next_path, reader.language), reader, 429, wait)
            wait = _retry_after(verdict.retry_after)
            wrong = Phrase("That token is not right.")
            return _page(login_page(wrong, next_path, reader.language), reader, 401, wait)
        response = web.HTTPSeeOther(next_path)
        response.set_cookie(
            COOKIE,
            self.access.cookie_value(),
            max_age=COOKIE_DAYS * 86400,
            httponly=True,
            samesite="Strict",
            secure=is_https(request),
            path="/",
        )
        raise response

    async def logout(self, _request: web.Request) -> web.StreamResponse:
        response = web.HTTPSeeOther("/login" if not self.access.local_only else "/")
        response.del_cookie(COOKIE, path="/")
        raise response

    def _refusal(
        self, request: web.Request, denial: Denial, browser: bool, reader: Reader
    ) -> web.Response:
        headers = {**SECURITY_HEADERS, **_language_headers(reader)}
        if denial.reason == "off":
            off = Phrase("The board is off: {why}.", why=self.access.opening.why)
            return web.Response(status=403, text=reader.says(off), headers=headers)
        if denial.reason == "not_local":
            local = Phrase(
                "The board answers only on this machine ({address}) until {token} is set; "
                "set it to open the board to others.",
                address="127.0.0.1",
                token="KAIZEN_BOARD_TOKEN",
            )
            return web.Response(status=403, text=reader.says(local), headers=headers)
        if denial.reason == "busy":
            wait = _retry_after(denial.retry_after, always=True)
            busy = Phrase(
                "Too many wrong tokens from here; try again in {seconds} s.",
                seconds=int(wait["Retry-After"]),
            )
            return web.Response(status=429, text=reader.says(busy), headers={**headers, **wait})
        if browser and "Authorization" not in request.headers:
            raise web.HTTPSeeOther(f"/login?next={quote(request.path_qs, safe='')}")
        wait = _retry_after(denial.retry_after)
        sign_in = Phrase(
            "Sign in at {page}, or send {header}.",
            page="/login",
            header="Authorization: Bearer <KAIZEN_BOARD_TOKEN>",
        )
        return web.Response(
            status=401,
            text=reader.says(sign_in),
            headers={**headers, **wait, "WWW-Authenticate": 'Bearer realm="kaizen-board"'},
        )

    async def _filters(self, request: web.Request, grant: Grant, reader: Reader) -> Filters | None:
        known = await self._database.workspaces()
        if not known:
            return None
        asked_for = request.query.get("workspace")
        if grant.workspace is not None:  # a pass opens its own workspace, and no other
            if asked_for and asked_for != grant.workspace:
                other = Phrase("This link opens another workspace's board.")
                raise _refused(web.HTTPForbidden, reader, other)
            if grant.workspace not in known:
                return None
            workspace = grant.workspace
        else:
            workspace = asked_for or known[0]
        if workspace not in known:
            nowhere = Phrase("No workspace {workspace} here.", workspace=repr(workspace))
            raise _refused(web.HTTPNotFound, reader, nowhere)
        path_name = request.query.get("path", "")
        try:
            path = Path(path_name) if path_name else None
        except ValueError:
            paths = Phrase(
                "{path} must be {operational} or {strategic}",
                path="path",
                operational="operational",
                strategic="strategic",
            )
            raise _refused(web.HTTPBadRequest, reader, paths) from None
        period_name = request.query.get("period") or LAST_30_DAYS
        if period_name not in PERIODS:
            periods = Phrase(
                "{period} must be one of {names}", period="period", names=", ".join(PERIODS)
            )
            raise _refused(web.HTTPBadRequest, reader, periods)
        choices = tuple(known) if grant.workspace is None else ()
        channel = request.query.get("channel") or None
        return Filters(workspace, channel, path, period_name, choices)


def _keep_pass(request: web.Request, held: Pass) -> web.HTTPSeeOther:
    """A pass on the link goes into a cookie, and the address is shown without it."""
    rest = {k: v for k, v in request.query.items() if k != "pass"}
    response = web.HTTPSeeOther(f"{request.path}?{urlencode(rest)}" if rest else request.path)
    response.set_cookie(
        PASS_COOKIE,
        request.query["pass"],
        max_age=max(0, held.expires - int(time.time())),
        httponly=True,
        samesite="Lax",
        secure=is_https(request),
        path="/",
    )
    return response


async def _icon(_request: web.Request) -> web.StreamResponse:
    """The tab's icon, open to all: it says nothing about anyone's ideas."""
    return web.Response(
        text=ICON,
        content_type="image/svg+xml",
        headers={**SECURITY_HEADERS, "Cache-Control": "public, max-age=86400"},
    )


NO_WORKSPACE = N_("No ideas yet: the database holds no workspace.")


def _page(
    html: str, reader: Reader, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.Response(
        text=html,
        status=status,
        content_type="text/html",
        charset="utf-8",
        headers={**SECURITY_HEADERS, **_language_headers(reader), **(headers or {})},
    )


def _language_headers(reader: Reader) -> dict[str, str]:
    return {**LANGUAGE_HEADERS, "Content-Language": reader.language}


def _refused(kind: type[web.HTTPClientError], reader: Reader, words: Phrase) -> web.HTTPClientError:
    """A 4xx whose text the reader reads, in their language."""
    return kind(text=reader.says(words), headers=_language_headers(reader))


def _retry_after(seconds: float, always: bool = False) -> dict[str, str]:
    """Retry-After in whole seconds (at least 1), or nothing when there is no wait."""
    if seconds <= 0 and not always:
        return {}
    return {"Retry-After": str(max(1, math.ceil(seconds)))}


def _safe_next(path: str) -> str:
    """A path on this site, else "/": nothing a browser could read as another origin
    (`//evil.example`, `/\\evil.example`, `https://...`, or `/<tab>/evil.example`, which
    browsers and yarl read as `//evil.example` once the tab is dropped), at any depth of
    percent-encoding. The path comes back as the Location header will carry it."""
    try:
        url = URL(path)
        sent = str(url)
    except ValueError:
        return "/"
    if url.absolute or url.scheme or url.host or not (_plain(path) and _plain(sent)):
        return "/"
    return sent


def _plain(text: str, depth: int = 4) -> bool:
    """Starts with one slash and holds only printable ASCII without a backslash, decoded
    as often as it holds percent-escapes (up to `depth` times)."""
    if not (text.startswith("/") and text[1:2] not in ("/", "\\")):
        return False
    if not all(" " <= c <= "~" and c != "\\" for c in text):
        return False
    try:
        decoded = unquote(text, errors="strict")
    except UnicodeDecodeError:
        return False
    return decoded == text or (depth > 0 and _plain(decoded, depth - 1))
