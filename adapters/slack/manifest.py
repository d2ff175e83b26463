"""The Slack app manifest: exactly what the bot uses, so an app is created with one paste."""

from __future__ import annotations

from typing import Any

from adapters.slack.inbound import SHORTCUT_CALLBACK

SCOPES = (
    "commands",  # slash commands and the message shortcut
    "chat:write",  # idea cards, whys, summaries, ephemeral answers
    "channels:join",  # join a public channel before posting an idea card there
    "channels:history",  # thread replies in public channels
    "groups:history",  # thread replies in private channels the bot was invited to
    "im:history",  # messages in the bot's direct messages
    "im:write",  # a private answer as a DM where an ephemeral cannot go
    "users:read",  # names and timezones (the kudos limit resets at a person's midnight)
    "reactions:read",  # kudos given by reacting to someone's message
    "channels:read",  # who is in a public stand-up channel, for the reminders
    "groups:read",  # who is in a private stand-up channel
)
BOT_EVENTS = (
    "app_home_opened",
    "message.channels",
    "message.groups",
    "message.im",
    "reaction_added",
    "reaction_removed",
)
COMMANDS: dict[str, tuple[str, str]] = {
    "kaizen": (
        "Give an improvement idea, or list, show and move ideas",
        "[your idea] | list [mine|open|all] | show N | move N stage | help",
    ),
    "kudos": ("Recognise someone for what they did", "@person [@person...] reason [#value]"),
}
EVENTS_PATH = "/slack/events"


def manifest(base_url: str | None, commands: list[str], name: str = "Kaizen Bot") -> dict[str, Any]:
    """The manifest for the engine's `commands`; `base_url` None means Socket Mode."""
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
    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
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
        "oauth_config": {"scopes": {"bot": list(SCOPES)}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": base_url is None,
            "token_rotation_enabled": False,
        },
    }
