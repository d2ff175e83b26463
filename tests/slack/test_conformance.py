"""What Slack expects of an app: a scope for every Web API call and event, and `ssl_check`.

The calls are found in the code itself (every slack-sdk client method named in adapters/
and kaizen/, and any literal `api_call("...")`), so a new call without its scope in
adapters/slack/manifest.py fails here, not in someone's workspace as `missing_scope`.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.manifest import BOT_EVENTS, EVENT_SCOPES, METHOD_SCOPES, OAUTH_EVENTS, SCOPES
from storage.database import SqlDatabase
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import SlackWorkspace, sign

ROOT = Path(__file__).parents[2]
SEARCHED = ("adapters", "kaizen")
_API_CALL = re.compile(r'api_call\(\s*"([a-zA-Z.]+)"')


def sdk_methods() -> dict[str, str]:
    """slack-sdk's client methods and the Web API method each calls (`chat_postMessage` ->
    `chat.postMessage`), read from the SDK's own source rather than guessed from the name."""
    found = {}
    for name, function in inspect.getmembers(AsyncWebClient, inspect.iscoroutinefunction):
        if name.startswith("_") or name == "api_call":
            continue
        called = _API_CALL.findall(inspect.getsource(function))
        if len(called) == 1:
            found[name] = called[0]
    return found


def called_methods() -> dict[str, set[str]]:
    """Every Web API method our code calls, with the files it is called from."""
    sdk = sdk_methods()
    calls: dict[str, set[str]] = {}
    for top in SEARCHED:
        for path in sorted((ROOT / top).rglob("*.py")):
            tree = ast.parse(path.read_text(), str(path))
            where = str(path.relative_to(ROOT))
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr in sdk:
                    calls.setdefault(sdk[node.attr], set()).add(where)
                elif (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "api_call"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    calls.setdefault(str(node.args[0].value), set()).add(where)
    return calls


def handled_event_types() -> set[str]:
    """The event types the Bolt app listens to: `@app.event("...")` in adapters/slack/app.py."""
    tree = ast.parse((ROOT / "adapters/slack/app.py").read_text())
    return {
        str(node.args[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "event"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def test_the_scan_finds_the_calls_we_know_of() -> None:
    """The scan itself works: a DM's members and a post are among what it finds."""
    calls = called_methods()
    assert "adapters/slack/outlet.py" in calls["conversations.members"]
    assert "chat.postMessage" in calls and "users.info" in calls


def test_every_web_api_call_has_its_scopes_in_the_manifest() -> None:
    calls = called_methods()
    unknown = {
        method: sorted(files) for method, files in calls.items() if method not in METHOD_SCOPES
    }
    assert not unknown, f"add these methods and their scopes to METHOD_SCOPES: {unknown}"
    missing = {
        method: [s for s in METHOD_SCOPES[method] if s not in SCOPES]
        for method in calls
        if any(s not in SCOPES for s in METHOD_SCOPES[method])
    }
    assert not missing, f"the manifest lacks scopes these calls need: {missing}"


def test_dms_and_group_dms_are_covered() -> None:
    """The members of a DM (`im:read`) and a group DM (`mpim:read`), their messages too."""
    assert {"im:read", "mpim:read", "im:history", "mpim:history", "im:write"} <= set(SCOPES)


def test_the_manifest_asks_for_no_scope_nothing_uses() -> None:
    """Least privilege: every scope requested is needed by a call, an event or `commands`."""
    calls = called_methods()
    needed = {"commands"}  # slash commands and the message shortcut
    needed |= {s for method in calls for s in METHOD_SCOPES.get(method, ())}
    needed |= {s for event in BOT_EVENTS for s in EVENT_SCOPES[event]}
    assert set(SCOPES) == needed
    assert not set(METHOD_SCOPES) - set(calls), "METHOD_SCOPES lists methods no longer called"
    assert len(SCOPES) == len(set(SCOPES))


def test_the_event_subscriptions_are_the_events_handled() -> None:
    """Each subscription reaches a listener, and each listener has a subscription."""
    assert set(BOT_EVENTS) == set(EVENT_SCOPES)
    subscribed = {event.split(".")[0] for event in BOT_EVENTS}
    assert subscribed == handled_event_types()
    assert {"message.channels", "message.groups", "message.im", "message.mpim"} <= set(BOT_EVENTS)


def test_the_oauth_events_are_heard_by_bolts_revocation_listeners() -> None:
    """`--oauth` subscribes to app_uninstalled and tokens_revoked: the app turns on Bolt's
    listeners for exactly those."""
    assert OAUTH_EVENTS == ("app_uninstalled", "tokens_revoked")
    assert ".enable_token_revocation_listeners()" in (ROOT / "adapters/slack/app.py").read_text()


async def test_ssl_check_is_answered_200_with_nothing_done(
    workspace: SlackWorkspace, slack: FakeSlack, database_url: str
) -> None:
    """Slack checks the certificate of a slash command's URL with a POST of
    `ssl_check=1&token=...`: 200 and an empty body, as Bolt answers, signed or not; nothing
    is taken into the inbox (a request is stored there before it is answered)."""
    body = "token=gIkuvaNzQIHg97ATvDxqgjtO&ssl_check=1"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    for headers in (form, {**form, **sign(body)}):
        async with workspace.http.post(
            f"{workspace.bot_url}/slack/events", data=body, headers=headers
        ) as response:
            assert response.status == 200
            assert await response.read() == b""
        assert await waiting(database_url) == 0
    await slack.settle()
    assert [c.method for c in slack.calls if c.method != "auth.test"] == []

    # The bot was listening all along, and no turn made an idea: the next command is #1.
    assert (await workspace.slash("The label printer jams every morning")).status == 200
    card = (await slack.wait_for("chat.postMessage"))[0]
    assert "Kaizen idea #1" in card.args["text"]


async def waiting(database_url: str) -> int:
    database = SqlDatabase(database_url)
    try:
        async with database.inbox() as inbox:
            return (await inbox.waiting()).count
    finally:
        await database.close()


async def test_an_unsigned_request_that_is_not_an_ssl_check_is_still_refused(
    workspace: SlackWorkspace,
) -> None:
    for body in ("token=x&ssl_check=0", "token=x&ssl_check=", "ssl_check_=1"):
        async with workspace.http.post(
            f"{workspace.bot_url}/slack/events",
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ) as response:
            assert response.status == 401, body
