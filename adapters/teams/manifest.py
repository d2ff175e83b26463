"""The Teams app package: manifest.json (schema 1.22) and the two icons, zipped.

It declares exactly what the bot uses: the bot in team, group chat and personal scope, its
commands, and the resource-specific permission to read channel messages, so replies in an
idea card's reply chain reach the bot without an @mention.
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from typing import Any

from adapters.teams.icons import color_icon, outline_icon

SCHEMA = "https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json"
SCOPES = ("team", "groupChat", "personal")
COMMANDS: dict[str, str] = {
    "kaizen": "Give an improvement idea: kaizen <what could be better>",
    "kaizen list": "List ideas: kaizen list [mine|open|all]",
    "kaizen show": "One idea with its whys: kaizen show N",
    "kaizen help": "What Kaizen Bot can do",
    "kudos": "Thank someone: kudos @person what they did",
    "kudos top": "Who was recognised this week",
    "kaizen standup": "Post this channel's stand-up now",
}


def manifest(
    app_id: str,
    base_url: str,
    commands: list[str],
    name: str = "Kaizen Bot",
    version: str = "1.0.0",
) -> dict[str, Any]:
    """The manifest for the engine's `commands` (names such as "kaizen" and "kudos")."""
    listed = [
        {"title": title, "description": text}
        for title, text in COMMANDS.items()
        if title.split()[0] in commands
    ][:10]
    host = base_url.removeprefix("https://").split("/")[0]
    return {
        "$schema": SCHEMA,
        "manifestVersion": "1.22",
        "version": version,
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"kaizen-bot:{app_id}")),
        "developer": {
            "name": name,
            "websiteUrl": base_url,
            "privacyUrl": f"{base_url.rstrip('/')}/privacy",
            "termsOfUseUrl": f"{base_url.rstrip('/')}/terms",
        },
        "name": {"short": name[:30], "full": f"{name}: continuous improvement in your team"[:100]},
        "description": {
            "short": "Small improvements every day: ideas, 5 Whys, PDCA, kudos, stand-ups."[:80],
            "full": (
                "Give an improvement idea in one line; Kaizen Bot coaches you to its root "
                "cause with 5 Whys in the idea's reply chain, tracks it through "
                "Plan-Do-Check-Act, thanks everyone who helped when it is done, and runs "
                "short daily stand-ups whose blockers become ideas with one click."
            ),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#1D4E5F",
        "bots": [
            {
                "botId": app_id,
                "scopes": list(SCOPES),
                "supportsFiles": False,
                "isNotificationOnly": False,
                "commandLists": [{"scopes": list(SCOPES), "commands": listed}],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [host],
        "webApplicationInfo": {"id": app_id, "resource": f"api://{host}/{app_id}"},
        "authorization": {
            "permissions": {
                "resourceSpecific": [
                    {"name": "ChannelMessage.Read.Group", "type": "Application"},
                ]
            }
        },
    }


def package(document: dict[str, Any]) -> bytes:
    """The zip Teams uploads as a custom app: manifest.json and the icons at the top level."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(document, indent=2, ensure_ascii=False))
        archive.writestr("color.png", color_icon())
        archive.writestr("outline.png", outline_icon())
    return buffer.getvalue()
