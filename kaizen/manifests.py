"""`kaizen manifest slack|teams`: the app manifest (Slack) and package (Teams) a chat
platform needs to create the app, checked against what each platform accepts."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from bot.errors import ConfigError


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `manifest slack` and `manifest teams` on the `kaizen` command's subparsers."""
    manifest = commands.add_parser(
        "manifest", parents=[common], help="print a chat app manifest to create the app with"
    )
    platforms = manifest.add_subparsers(dest="platform", required=True)
    slack = platforms.add_parser("slack", parents=[common], help="Slack app manifest (YAML)")
    where = slack.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="public base URL of the bot, e.g. https://kaizen.example.com")
    where.add_argument("--socket-mode", action="store_true", help="for Socket Mode (no public URL)")
    slack.add_argument("--name", default="Kaizen Bot", help="the app's name in Slack")
    slack.add_argument(
        "--oauth",
        action="store_true",
        help="for installing into several workspaces: add URL/slack/oauth_redirect",
    )
    slack.set_defaults(run=_slack)
    teams = platforms.add_parser("teams", parents=[common], help="Teams app package (zip)")
    teams.add_argument("--out", default="kaizen-teams.zip", help="where to write the package")
    teams.add_argument("--url", required=True, help="public base URL of the bot (https://...)")
    teams.add_argument(
        "--app-id",
        default=None,
        help="the Azure Bot's Microsoft App ID, a GUID (default: $MICROSOFT_APP_ID, else "
        "$CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID)",
    )
    teams.add_argument("--name", default="Kaizen Bot", help="the app's name in Teams")
    teams.add_argument(
        "--version",
        default=None,
        metavar="X.Y.Z",
        help="the app's version, higher for each new package (default: Kaizen Bot's own)",
    )
    teams.add_argument(
        "--privacy-url", default=None, help="privacy statement (default: URL/privacy)"
    )
    teams.add_argument("--terms-url", default=None, help="terms of use (default: URL/terms)")
    teams.set_defaults(run=_teams)


def _slack(args: argparse.Namespace) -> int:
    import yaml

    from adapters.slack.manifest import manifest
    from bot.features import build_router

    if args.url and not args.url.startswith("https://"):
        raise ConfigError(
            f"--url {args.url!r}: Slack only calls https:// URLs. Fix: --url https://..."
        )
    if args.oauth and args.socket_mode:
        raise ConfigError(
            "--oauth with --socket-mode: Slack sends the installer back to a public URL. "
            "Fix: --url https://... --oauth"
        )
    document = manifest(
        None if args.socket_mode else args.url, build_router().commands(), args.name, args.oauth
    )
    print(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), end="")
    return 0


def _teams(args: argparse.Namespace) -> int:
    from pathlib import Path

    from adapters.teams.manifest import SEMVER, manifest, package, package_version
    from bot.features import build_router

    app_id = _teams_app_id(args.app_id)
    version = args.version or package_version()
    if not SEMVER.fullmatch(version):
        raise ConfigError(f"--version {version!r}: Teams needs X.Y.Z, such as 1.4.0.")
    if not args.name.strip():
        raise ConfigError("--name is empty: Teams needs the app's name.")
    for flag, url in (
        ("--url", args.url),
        ("--privacy-url", args.privacy_url),
        ("--terms-url", args.terms_url),
    ):
        if url is not None and not (url.startswith("https://") and len(url) <= 2000):
            raise ConfigError(f"{flag} {url!r}: Teams needs https:// (under 2000 characters).")
    document = manifest(
        app_id,
        args.url,
        build_router().commands(),
        args.name,
        version,
        args.privacy_url,
        args.terms_url,
    )
    Path(args.out).write_bytes(package(document))
    print(
        f"wrote {args.out} (version {version}): upload it in Teams under Apps, Manage your "
        "apps, Upload an app",
        file=sys.stderr,
    )
    return 0


def _teams_app_id(flag: str | None) -> str:
    """The Azure Bot's Microsoft App ID: Teams refuses a package whose bot id is no GUID."""
    from adapters.teams.manifest import GUID

    names = ("MICROSOFT_APP_ID", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID")
    given = [("--app-id", flag)] + [(name, os.environ.get(name)) for name in names]
    source, app_id = next(((s, v.strip()) for s, v in given if v and v.strip()), ("", ""))
    if not app_id:
        raise ConfigError(
            "The package needs the bot's app id. Fix: --app-id ID or set "
            "MICROSOFT_APP_ID (Azure Bot: Configuration: Microsoft App ID)."
        )
    if not GUID.fullmatch(app_id):
        raise ConfigError(
            f"{source} {app_id!r} is not a GUID: it must be the Azure Bot's Microsoft App ID, "
            "a GUID like 00000000-0000-0000-0000-000000000000 (Azure Bot: Configuration)."
        )
    return app_id
