"""One Slack app in several workspaces: Add to Slack, each workspace answered with its own
token, and an uninstall that stops the posts to that workspace (issue 21).

The whole OAuth flow runs over real HTTP: the install page, Slack's redirect back (the
stand-in's oauth.v2.access trades the code for a bot token), the installation stored in
the bot's own SQLite database, then signed requests from each workspace.
"""

from __future__ import annotations

import base64
import json
import logging
import re
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

import aiohttp
import pytest

from bot.clock import SystemClock
from bot.content import Text
from bot.outlet import DeliveryError
from bot.settings import Settings
from kaizen.app import App, open_app
from kaizen.server import Server
from kaizen.slack import SlackCredentials, SlackSurface
from storage.installations import installation_store
from tests.processes import free_port
from tests.slack.fake_slack import FakeSlack, team_token
from tests.slack.workspace import SIGNING_SECRET, SlackWorkspace

CLIENT_ID = "1111.2222"
OAUTH_ENV = {
    "SLACK_CLIENT_ID": CLIENT_ID,
    "SLACK_CLIENT_SECRET": "client-secret-for-tests",
    "SLACK_STATE_SECRET": "state-secret-for-tests",
    "SLACK_SIGNING_SECRET": SIGNING_SECRET,
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[App]:
    opened = await open_app(Settings(admins=("U0CAROL",)), database_url, SystemClock())
    yield opened
    await opened.close()


@pytest.fixture
async def surface(app: App, slack: FakeSlack) -> AsyncIterator[SlackSurface]:
    credentials = SlackCredentials.from_env({**OAUTH_ENV, "SLACK_API_URL": slack.url})
    assert credentials is not None and credentials.oauth is not None
    made = SlackSurface(app, credentials)
    made.runtime.courier.idle = 0.1
    made.outlet.pacer.interval = 0.01
    made.runtime.courier.first_backoff = timedelta(milliseconds=200)
    server = Server(app, [made], "127.0.0.1", free_port())
    await server.start()
    made.url = f"http://127.0.0.1:{server.port}"  # type: ignore[attr-defined]
    yield made
    await server.stop()


async def install(http: aiohttp.ClientSession, bot_url: str, slack: FakeSlack, team: str) -> str:
    """An admin of `team` opens the Add to Slack page, clicks Allow, and is sent back."""
    async with http.get(f"{bot_url}/slack/install") as page:
        html = await page.text()
        cookie = page.headers["Set-Cookie"].split(";")[0]
    assert page.status == 200 and "Add to Slack" in html
    link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', html)
    assert link is not None
    query = dict(parse_qsl(link.group(1).split("?", 1)[1].replace("&amp;", "&")))
    assert query["client_id"] == CLIENT_ID and "chat:write" in query["scope"]
    code = f"code-for-{team}"
    slack.installs[code] = team
    back = f"{bot_url}/slack/oauth_redirect?" + urlencode({"code": code, "state": query["state"]})
    async with http.get(back, headers={"Cookie": cookie}) as landing:
        return f"{landing.status} {await landing.text()}"


def command_from(workspace: SlackWorkspace, team: str, text: str) -> str:
    fields = dict(parse_qsl(workspace.command_body(text), keep_blank_values=True))
    fields.update(team_id=team, team_domain=team.lower())
    return urlencode(fields)


@pytest.mark.both_databases
async def test_two_workspaces_each_answered_with_their_own_token_until_one_uninstalls(
    surface: SlackSurface, app: App, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    bot_url: str = surface.url  # type: ignore[attr-defined]
    store = installation_store(app.database.engine, CLIENT_ID)
    async with aiohttp.ClientSession() as http:
        for team in ("T1", "T2"):
            landing = await install(http, bot_url, slack, team)
            assert landing.startswith("200") and "Thank you" in landing
            bot = await store.async_find_bot(enterprise_id=None, team_id=team)
            assert bot is not None and bot.bot_token == team_token(team)
        exchanges = slack.of("oauth.v2.access")
        basic = base64.b64encode(f"{CLIENT_ID}:{OAUTH_ENV['SLACK_CLIENT_SECRET']}".encode())
        assert [call.token for call in exchanges] == [f"Basic {basic.decode()}"] * 2

        workspace = SlackWorkspace(bot_url, slack, http)
        for count, team in enumerate(("T1", "T2"), start=1):
            body = command_from(workspace, team, f"Label printer jams in {team}")
            response = await workspace.send(body, "application/x-www-form-urlencoded")
            assert response.status == 200
            await slack.wait_for_taken("chat.postMessage", 2 * count)  # the card, Why #1
            await slack.settle()
            posts = [c for c in slack.taken if f"jams in {team}" in str(c.args.get("text"))]
            assert len(posts) == 2 and {c.token for c in posts} == {team_token(team)}
        for call in slack.calls:
            if call.method in ("chat.postMessage", "users.info", "chat.postEphemeral"):
                assert call.token in (team_token("T1"), team_token("T2")), call

        uninstalled = {
            "token": "verification",
            "team_id": "T1",
            "api_app_id": "A0KAIZEN",
            "event": {"type": "app_uninstalled", "event_ts": f"{time.time():.6f}"},
            "type": "event_callback",
            "event_id": "Ev0UNINSTALL1",
            "event_time": int(time.time()),
        }
        assert (await workspace.send(json.dumps(uninstalled), "application/json")).status == 200
    assert await store.async_find_bot(enterprise_id=None, team_id="T1") is None
    assert await store.async_find_installation(enterprise_id=None, team_id="T1") is None
    assert await store.async_find_bot(enterprise_id=None, team_id="T2") is not None

    before = len(slack.calls)
    with caplog.at_level(logging.WARNING), pytest.raises(DeliveryError) as refused:
        await surface.outlet.post("T1", "C0IDEAS", Text.of("Anyone there?"), None)
    assert refused.value.permanent
    assert "workspace T1 has no installation" in caplog.text
    assert slack.calls[before:] == []
    posted = await surface.outlet.post("T2", "C0IDEAS", Text.of("Still here"), None)
    assert posted.channel == "C0IDEAS" and slack.calls[-1].token == team_token("T2")


async def test_a_rotating_token_is_refreshed_before_it_expires_and_kept(
    surface: SlackSurface, app: App, slack: FakeSlack
) -> None:
    """Slack's token rotation: a token with less than two hours left is traded for a new
    pair before a post, and the new pair is stored (the old refresh token is spent)."""
    slack.rotating_seconds = 3600
    store = installation_store(app.database.engine, CLIENT_ID)
    async with aiohttp.ClientSession() as http:
        landing = await install(http, surface.url, slack, "T3")  # type: ignore[attr-defined]
    assert landing.startswith("200")
    installed = await store.async_find_bot(enterprise_id=None, team_id="T3")
    assert installed is not None and installed.bot_token == "xoxe.xoxb-T3-1"
    assert installed.bot_refresh_token == "xoxe-1-T3-1"

    for turn in (2, 3):
        await surface.outlet.post("T3", "C0IDEAS", Text.of(f"Post {turn}"), None)
        assert slack.of("chat.postMessage")[-1].token == f"xoxe.xoxb-T3-{turn}"
        kept = await store.async_find_bot(enterprise_id=None, team_id="T3")
        assert kept is not None and kept.bot_refresh_token == f"xoxe-1-T3-{turn}"
    refreshes = [c for c in slack.of("oauth.v2.access") if c.args.get("grant_type")]
    assert [c.args["refresh_token"] for c in refreshes] == ["xoxe-1-T3-1", "xoxe-1-T3-2"]


def test_half_an_oauth_configuration_is_one_clear_line() -> None:
    from bot.errors import ConfigError

    with pytest.raises(ConfigError, match="also set SLACK_STATE_SECRET"):
        SlackCredentials.from_env({**OAUTH_ENV, "SLACK_STATE_SECRET": ""})
    with pytest.raises(ConfigError, match="needs SLACK_SIGNING_SECRET"):
        SlackCredentials.from_env({**OAUTH_ENV, "SLACK_SIGNING_SECRET": ""})
    single = SlackCredentials.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"})
    assert single is not None and single.oauth is None and single.bot_token == "xoxb-1"
    shown = repr(SlackCredentials.from_env(OAUTH_ENV))
    assert OAUTH_ENV["SLACK_CLIENT_SECRET"] not in shown
    assert OAUTH_ENV["SLACK_STATE_SECRET"] not in shown
