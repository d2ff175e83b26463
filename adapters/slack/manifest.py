"""The Slack app manifest: exactly what the bot uses, so an app is created with one paste."""

from __future__ import annotations

from typing import Any

from adapters.slack.inbound import SHORTCUT_CALLBACK

SCOPES = (
    "commands",  # slash commands and the message shortcut
    "chat:write",  # idea cards, whys, summaries, ephemeral answers
    "channels:join",  # join a public channel before posting an idea card there
    "channels:history",  # thread replies in public channels; finding a post cut off
    "groups:history",  # the same in private channels the bot was invited to
    "im:history",  # the same in the bot's direct messages
    "mpim:history",  # the same in group DMs the bot was added to
    "im:write",  # a private answer as a DM where an ephemeral cannot go
    "users:read",  # names and timezones (the kudos limit resets at a person's midnight)
    "reactions:read",  # kudos given by reacting to someone's message
    "channels:read",  # who is in a public channel (stand-up reminders, a team's members)
    "groups:read",  # who is in a private channel
    "im:read",  # who is in a direct message
    "mpim:read",  # who is in a group DM
)
BOT_EVENTS = (
    "app_home_opened",
    "message.channels",
    "message.groups",
    "message.im",
    "message.mpim",
    "reaction_added",
    "reaction_removed",
)
OAUTH_EVENTS = ("app_uninstalled", "tokens_revoked")
"""An app installed by OAuth also hears when a workspace removes it, so it deletes that
workspace's tokens (Bolt's token-revocation listeners; neither needs a scope)."""

# The bot-token scopes each Web API method we call needs in every kind of conversation the
# bot works in (public, private, DM, group DM), from the "Required scopes" of Slack's method
# and scope reference: https://docs.slack.dev/reference/methods/<method> and
# https://docs.slack.dev/reference/scopes/<scope> (read 2026-12-07). tests/slack/
# test_conformance.py finds the calls in the code and fails on one missing here.
METHOD_SCOPES: dict[str, tuple[str, ...]] = {
    "auth.test": (),
    "chat.delete": ("chat:write",),
    "chat.getPermalink": (),
    "chat.postEphemeral": ("chat:write",),
    "chat.postMessage": ("chat:write",),
    "chat.update": ("chat:write",),
    "conversations.history": ("channels:history", "groups:history", "im:history", "mpim:history"),
    "conversations.join": ("channels:join",),
    "conversations.members": ("channels:read", "groups:read", "im:read", "mpim:read"),
    "conversations.open": ("im:write",),  # one person: a 1:1 DM (mpim:write is not for bots)
    "conversations.replies": ("channels:history", "groups:history", "im:history", "mpim:history"),
    "users.info": ("users:read",),
    "users.list": ("users:read",),
    "views.open": (),
    "views.publish": (),
}
# The scope each subscribed event needs, from https://docs.slack.dev/reference/events/<event>.
EVENT_SCOPES: dict[str, tuple[str, ...]] = {
    "app_home_opened": (),
    "message.channels": ("channels:history",),
    "message.groups": ("groups:history",),
    "message.im": ("im:history",),
    "message.mpim": ("mpim:history",),
    "reaction_added": ("reactions:read",),
    "reaction_removed": ("reactions:read",),
}
COMMANDS: dict[str, tuple[str, str]] = {
    "kaizen": (
        "Give an improvement idea, or list, show and move ideas",
        "[your idea] | list [mine|open|all] | show N | move N stage | help",
    ),
    "kudos": ("Recognise someone for what they did", "@person [@person...] reason [#value]"),
}
EVENTS_PATH = "/slack/events"
OAUTH_REDIRECT_PATH = "/slack/oauth_redirect"


def manifest(
    base_url: str | None, commands: list[str], name: str = "Kaizen Bot", oauth: bool = False
) -> dict[str, Any]:
    """The manifest for the engine's `commands`; `base_url` None means Socket Mode; `oauth`
    adds the redirect URL and the uninstall events an app installed into several workspaces
    needs."""
    url = None if base_url is None else base_url.rstrip("/") + EVENTS_PATH
    slash = []
    for command in commands:
        description, hint = COMMANDS.get(command, (f"Kaizen Bot: {command}", ""))
        entry: dict[str, Any] = {
            "command": f"/{command}",
            "description": description,
            "usage_hint": hint,
            "should_escape": True,
        }
        if url:
            entry["url"] = url
        slash.append(entry)
    events: dict[str, Any] = {"bot_events": [*BOT_EVENTS, *(OAUTH_EVENTS if oauth else ())]}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if url:
        events["request_url"] = url
        interactivity["request_url"] = url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name[:35],
            "description": "Small improvements every day: ideas, 5 Whys, PDCA and recognition.",
            "background_color": "#1d4e5f",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": "kaizen", "always_online": True},
            "slash_commands": slash,
            "shortcuts": [
                {
                    "name": "Make it a Kaizen idea",
                    "type": "message",
                    "callback_id": SHORTCUT_CALLBACK,
                    "description": "Start an improvement idea from this message",
                }
            ],
        },
        "oauth_config": _oauth_config(base_url, oauth),
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": base_url is None,
            "token_rotation_enabled": False,
        },
    }


def _oauth_config(base_url: str | None, oauth: bool) -> dict[str, Any]:
    config: dict[str, Any] = {"scopes": {"bot": list(SCOPES)}}
    if oauth:
        if base_url is None:
            raise ValueError("an OAuth install needs a public URL to come back to")
        config["redirect_urls"] = [base_url.rstrip("/") + OAUTH_REDIRECT_PATH]
    return config
