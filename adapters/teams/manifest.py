"""The Teams app package: manifest.json (schema 1.22) and the two icons, zipped.

It declares exactly what the bot uses: the bot in team, group chat and personal scope, its
commands, and the resource-specific permission to read channel messages, so replies in an
idea card's reply chain reach the bot without an @mention. Teams refuses a package over any
of the schema's limits, so every text that comes from outside is fitted to its limit here.
"""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as installed_version
from typing import Any

from adapters.teams.icons import color_icon, outline_icon

MANIFEST_VERSION = "1.22"
SCHEMA = (
    f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}"
    "/MicrosoftTeams.schema.json"
)
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
TAGLINE = "continuous improvement in your team"
SHORT_DESCRIPTION = "Small improvements every day: ideas, 5 Whys, PDCA, kudos, stand-ups."
FULL_DESCRIPTION = (
    "Give an improvement idea in one line; Kaizen Bot coaches you to its root cause with "
    "5 Whys in the idea's reply chain, tracks it through Plan-Do-Check-Act, thanks everyone "
    "who helped when it is done, and runs short daily stand-ups whose blockers become ideas "
    "with one click."
)
# The limits of MicrosoftTeams.schema.json v1.22 (maxLength of each property).
DEVELOPER_NAME, SHORT_NAME, FULL_NAME, SHORT_TEXT, FULL_TEXT = 32, 30, 100, 80, 4000
GUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
"""The schema's `guid`: what `botId` and `webApplicationInfo.id` must be."""
SEMVER = re.compile(r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)")
"""The schema's `semver`: three numbers, no leading zeros, nothing after."""


def manifest(
    app_id: str,
    base_url: str,
    commands: list[str],
    name: str = "Kaizen Bot",
    version: str = "1.0.0",
    privacy_url: str | None = None,
    terms_url: str | None = None,
) -> dict[str, Any]:
    """The manifest for the engine's `commands` (names such as "kaizen" and "kudos")."""
    if not GUID.fullmatch(app_id) or not SEMVER.fullmatch(version):
        raise ValueError(f"app id {app_id!r} must be a GUID and version {version!r} X.Y.Z")
    listed = [
        {"title": title, "description": text}
        for title, text in COMMANDS.items()
        if title.split()[0] in commands
    ][:10]
    name = " ".join(name.split())
    site = base_url.rstrip("/")
    host = base_url.removeprefix("https://").split("/")[0]
    titled = f"{name}: {TAGLINE}"
    return {
        "$schema": SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"kaizen-bot:{app_id}")),
        "developer": {
            "name": fit(name, DEVELOPER_NAME),
            "websiteUrl": base_url,
            "privacyUrl": privacy_url or f"{site}/privacy",
            "termsOfUseUrl": terms_url or f"{site}/terms",
        },
        "name": {
            "short": fit(name, SHORT_NAME),
            "full": titled if _units(titled) <= FULL_NAME else fit(name, FULL_NAME),
        },
        "description": {
            "short": fit(SHORT_DESCRIPTION, SHORT_TEXT),
            "full": fit(FULL_DESCRIPTION, FULL_TEXT),
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


def fit(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: cut at a word where one ends late enough, with
    an ellipsis to show the cut. Counted in UTF-16 units, as Teams counts, never fewer than
    the schema's code points."""
    text = " ".join(text.split())
    if _units(text) <= limit:
        return text
    head = text
    while _units(head) > limit - 1:  # room for the ellipsis
        head = head[:-1]
    word_ends = text[len(head)] == " "
    space = head.rfind(" ")
    if not word_ends and space >= len(head) // 2:
        head = head[:space]
    return head.rstrip(" ,;:.-") + "…"


def package_version() -> str:
    """The app's version: the installed kaizen-bot's release numbers as X.Y.Z, so a package
    built from a newer release is a newer app to Teams."""
    try:
        release = re.match(r"\d+(?:\.\d+)*", installed_version("kaizen-bot"))
    except PackageNotFoundError:
        release = None
    numbers = [int(n) for n in release.group().split(".")] if release else [0]
    return ".".join(str(n) for n in [*numbers, 0, 0][:3])


def package(document: dict[str, Any]) -> bytes:
    """The zip Teams uploads as a custom app: manifest.json and the icons at the top level."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(document, indent=2, ensure_ascii=False))
        archive.writestr("color.png", color_icon())
        archive.writestr("outline.png", outline_icon())
    return buffer.getvalue()


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
