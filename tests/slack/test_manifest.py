"""`kaizen manifest slack`: valid for Slack, and everything it declares is handled."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from bot.features import build_router
from tests.slack.fake_slack import FakeSlack
from tests.slack.workspace import SlackWorkspace

KNOWN_SCOPES = {
    "commands",
    "chat:write",
    "channels:join",
    "channels:history",
    "groups:history",
    "im:history",
    "im:write",
    "users:read",
    "reactions:read",
    "channels:read",
    "groups:read",
    "im:read",
    "mpim:read",
    "mpim:history",
}
KNOWN_EVENTS = {
    "app_home_opened",
    "message.channels",
    "message.groups",
    "message.im",
    "message.mpim",
    "reaction_added",
    "reaction_removed",
    "app_uninstalled",
    "tokens_revoked",
}


def run_manifest(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("kaizen")
    return subprocess.run(
        [str(script), "manifest", "slack", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def check_schema(document: dict[str, Any], url: str | None) -> None:
    """The fields and limits of Slack's app manifest reference that this manifest uses."""
    assert set(document) <= {
        "_metadata",
        "display_information",
        "features",
        "oauth_config",
        "settings",
    }
    info = document["display_information"]
    assert 1 <= len(info["name"]) <= 35 and len(info["description"]) <= 140
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", info["background_color"])
    features = document["features"]
    assert set(features) <= {"app_home", "bot_user", "slash_commands", "shortcuts"}
    assert 1 <= len(features["bot_user"]["display_name"]) <= 80
    assert re.fullmatch(r"[a-z0-9._-]+", features["bot_user"]["display_name"])
    for command in features["slash_commands"]:
        assert set(command) <= {"command", "description", "usage_hint", "should_escape", "url"}
        assert re.fullmatch(r"/[a-z0-9_-]{1,31}", command["command"])
        assert 1 <= len(command["description"]) <= 2000 and len(command["usage_hint"]) <= 1000
        assert command.get("url") == url
    for shortcut in features["shortcuts"]:
        assert shortcut["type"] in ("message", "global")
        assert len(shortcut["name"]) <= 24 and len(shortcut["description"]) <= 150
        assert re.fullmatch(r"[A-Za-z0-9_.-]{1,255}", shortcut["callback_id"])
    oauth = document["oauth_config"]
    assert set(oauth) <= {"scopes", "redirect_urls"}
    assert set(oauth["scopes"]["bot"]) <= KNOWN_SCOPES
    for redirect in oauth.get("redirect_urls", []):
        assert redirect.startswith("https://")
    settings = document["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) <= KNOWN_EVENTS
    assert settings["event_subscriptions"].get("request_url") == url
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["interactivity"].get("request_url") == url
    assert settings["socket_mode_enabled"] is (url is None)


def test_the_http_manifest_is_valid_and_points_every_url_at_the_events_route() -> None:
    result = run_manifest("--url", "https://kaizen.example.com/")
    assert result.returncode == 0, result.stderr
    document = yaml.safe_load(result.stdout)
    check_schema(document, "https://kaizen.example.com/slack/events")
    declared = [c["command"].lstrip("/") for c in document["features"]["slash_commands"]]
    assert declared == build_router().commands()


def test_the_socket_mode_manifest_has_no_urls() -> None:
    result = run_manifest("--socket-mode")
    assert result.returncode == 0, result.stderr
    check_schema(yaml.safe_load(result.stdout), None)


def test_the_oauth_manifest_adds_the_redirect_url_and_the_uninstall_events() -> None:
    """For installing into several workspaces: Slack sends the installer back to
    /slack/oauth_redirect, and tells the bot when a workspace removes the app; everything
    else is the manifest without --oauth."""
    plain = yaml.safe_load(run_manifest("--url", "https://kaizen.example.com").stdout)
    result = run_manifest("--url", "https://kaizen.example.com/", "--oauth")
    assert result.returncode == 0, result.stderr
    document = yaml.safe_load(result.stdout)
    check_schema(document, "https://kaizen.example.com/slack/events")
    redirects = document["oauth_config"].pop("redirect_urls")
    assert redirects == ["https://kaizen.example.com/slack/oauth_redirect"]
    events = document["settings"]["event_subscriptions"]["bot_events"]
    assert events[-2:] == ["app_uninstalled", "tokens_revoked"]
    del events[-2:]
    assert document == plain
    assert "redirect_urls" not in plain["oauth_config"]


def test_oauth_without_a_public_url_is_one_clear_line() -> None:
    result = run_manifest("--socket-mode", "--oauth")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--oauth" in result.stderr and "--url https://" in result.stderr


def test_a_plain_http_url_is_refused() -> None:
    result = run_manifest("--url", "http://kaizen.example.com")
    assert result.returncode == 2 and "only calls https://" in result.stderr


async def test_every_command_event_and_shortcut_declared_is_handled(
    workspace: SlackWorkspace, slack: FakeSlack
) -> None:
    document = yaml.safe_load(run_manifest("--url", "https://kaizen.example.com").stdout)
    for command in document["features"]["slash_commands"]:
        before = len(slack.calls)
        await workspace.slash("help", command=command["command"])
        reply = await slack.calls_after(before)
        assert [c.method for c in reply] == ["chat.postEphemeral"], command

    await workspace.slash("The label printer jams every morning")
    _, why1 = await slack.wait_for("chat.postMessage", 2)
    thread = why1.args["thread_ts"]
    answered = {
        "message.channels": workspace.message_body("The rollers are dusty", thread),
        "message.groups": workspace.message_body("Nobody cleans them", thread),
        "message.im": workspace.message_body(
            "kaizen help", None, channel="D0ALICE", channel_type="im"
        ),
        "message.mpim": workspace.message_body("Nobody owns them", thread, channel_type="mpim"),
        "reaction_added": workspace.reaction_body("U0BOB"),
        "reaction_removed": workspace.reaction_body("U0BOB", added=False),
    }
    for event in document["settings"]["event_subscriptions"]["bot_events"]:
        before = len(slack.calls)
        if event == "app_home_opened":
            await workspace.open_home()
        else:
            await workspace.send_json(answered[event])
        assert await slack.calls_after(before), event

    for shortcut in document["features"]["shortcuts"]:
        assert shortcut["callback_id"] == "make_kaizen_idea"
        await workspace.shortcut("The printer stalls after lunch")
        assert await slack.wait_for("views.open")
