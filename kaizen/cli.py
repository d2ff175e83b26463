"""The `kaizen` command: chat, run, stats, export, outbox, manifest, db upgrade."""

from __future__ import annotations

import argparse
import asyncio
import errno
import gc
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from adapters.board.passes import LocalBoardLinks
from adapters.terminal.chat import WORKSPACE, TerminalChat
from adapters.terminal.console import run_console
from adapters.terminal.outlet import TerminalOutlet
from bot.clock import ShiftedClock
from bot.errors import ConfigError, UserError
from bot.links import NoBoardLinks
from bot.settings import Settings
from kaizen.app import App, instance_name, migrate_database, open_app
from kaizen.config import config_path, load_settings
from kaizen.logs import configure as configure_logging
from kaizen.manifests import add_commands as add_manifests
from kaizen.outbox import add_commands as add_outbox
from kaizen.reports import add_commands as add_reports
from kaizen.scheduler import StandupScheduler, standups_for
from storage.database import database_url
from storage.migrate import HEAD, sqlite_file

log = logging.getLogger("kaizen")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        configure_logging()
        return int(args.run(args))
    except ConfigError as error:
        print(f"kaizen: configuration problem\n{error}", file=sys.stderr)
        return 2
    except UserError as error:
        print(f"kaizen: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="app.yaml to use (default: $KAIZEN_CONFIG, else ./app.yaml)",
    )
    common.add_argument(
        "--database",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="database URL (default: $DATABASE_URL, else sqlite kaizen.db)",
    )
    parser = argparse.ArgumentParser(
        prog="kaizen",
        parents=[common],
        description="Kaizen Bot: continuous improvement in your team chat.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    chat = commands.add_parser("chat", parents=[common], help="talk to the bot in this terminal")
    chat.add_argument(
        "--as",
        dest="speaker",
        default=None,
        metavar="NAME",
        help="who is speaking (default: your login name)",
    )
    chat.add_argument(
        "--language",
        default=None,
        metavar="CODE",
        help="the language the bot speaks here: en, de or vi (default: app.yaml's language)",
    )
    chat.add_argument(
        "--echo",
        action="store_true",
        help="when reading from a pipe, print each input line too (for transcripts)",
    )
    chat.add_argument(
        "--time-travel",
        action="store_true",
        help="let /later DURATION move this session's clock on, to see a check date come "
        "(for trying the bot; its times are written to the database as they are)",
    )
    chat.set_defaults(run=_chat)

    run = commands.add_parser(
        "run",
        parents=[common],
        help="serve the configured chat platforms (the terminal when none is)",
    )
    run.set_defaults(run=_run)

    add_manifests(commands, common)
    add_reports(commands, common)
    add_outbox(commands, common)

    db = commands.add_parser("db", parents=[common], help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", parents=[common], help="apply schema migrations")
    upgrade.add_argument(
        "--create",
        action="store_true",
        help="make the SQLite database's folder when it does not exist (otherwise refused, "
        "as a mistyped path would be)",
    )
    upgrade.set_defaults(run=_db_upgrade)
    return parser


def _language(code: str) -> str:
    from bot.settings import shipped

    try:
        return shipped(code)
    except ValueError as wrong:
        raise ConfigError(f"--language {code!r}: {wrong}") from None


def _url(args: argparse.Namespace) -> str:
    return database_url(getattr(args, "database", None))


def _chat(args: argparse.Namespace, board: tuple[str, int] | None = None) -> int:
    settings = load_settings(config_path(getattr(args, "config", None)))
    if getattr(args, "language", None):
        settings = settings.model_copy(update={"language": _language(args.language)})
    speaker = args.speaker or _login_name()
    clock = ShiftedClock() if getattr(args, "time_travel", False) else None
    asyncio.run(_chat_session(settings, _url(args), speaker, args.echo, board, clock))
    return 0


async def _chat_session(
    settings: Settings,
    url: str,
    speaker: str,
    echo: bool,
    board: tuple[str, int] | None,
    clock: ShiftedClock | None = None,
) -> None:
    app = await open_app(settings, url, clock=clock, board_token=_board_token())
    server = await _board_beside_chat(app, board) if board else None
    outlet = TerminalOutlet(_print)
    runtime = app.runtime(outlet, "terminal")
    standups = StandupScheduler(
        runtime, settings, standups_for(settings, "terminal"), WORKSPACE, app.engine.clock
    )
    try:
        chat = TerminalChat(runtime, outlet, speaker, _print, clock)
        await standups.start()
        await run_console(chat, write=_print, echo=echo)
    finally:
        standups.stop()
        if server is not None:
            await server.stop()
        await app.close()


async def _board_beside_chat(app: App, address: tuple[str, int]) -> Any:
    """`kaizen run` with only the terminal still serves the board; a busy port only warns."""
    from kaizen.server import Server

    server = Server(app, [], *address, board_token=_board_token())
    if server.board.access.off:
        print(f"kaizen: the board is off: {server.board.access.opening.why}", file=sys.stderr)
        return None
    try:
        await server.start()
    except OSError as error:
        print(
            f"kaizen: the board is off: port {address[1]} is busy ({error.strerror}).",
            file=sys.stderr,
        )
        await server.stop()
        return None
    print(f"The board: http://{address[0]}:{address[1]}/", file=sys.stderr)
    if server.board.access.opening.mode == "local" and isinstance(app.engine.links, NoBoardLinks):
        app.engine.links = LocalBoardLinks(*address)  # `kaizen board` and `show` link here
    return server


def _board_token() -> str | None:
    return os.environ.get("KAIZEN_BOARD_TOKEN") or None


def _run(args: argparse.Namespace) -> int:
    configured = [name for name, missing in _platforms().items() if not missing]
    half = {name: missing for name, missing in _platforms().items() if missing and missing != "all"}
    if half:
        for name, missing in half.items():
            print(f"kaizen: {name} is half configured; also set {missing}.", file=sys.stderr)
        return 2
    if configured:
        settings = load_settings(config_path(getattr(args, "config", None)))
        asyncio.run(_serve(settings, _url(args), _listen_address()))
        return 0
    print("No Slack or Teams credentials configured: starting the terminal chat.", file=sys.stderr)
    args.speaker, args.echo = None, False
    return _chat(args, board=_listen_address(default_host="127.0.0.1"))


async def _serve(settings: Settings, url: str, address: tuple[str, int]) -> None:
    from kaizen.server import Server, Surface  # the web stack loads only when a platform is served

    slack, teams = _slack_credentials(), _teams_credentials()
    served = tuple(name for name, on in (("slack", slack), ("teams", teams)) if on)
    _check_port(address)  # before anything is opened or said to be serving
    if slack is not None:
        from kaizen.slack import check_token

        warning = await check_token(slack)
        if warning:
            print(f"kaizen: warning: {warning}; starting anyway.", file=sys.stderr)
    if teams is not None:
        from kaizen.teams import check_token as check_teams_token

        warning = await check_teams_token(teams)
        if warning:
            print(f"kaizen: warning: {warning}; starting anyway.", file=sys.stderr)
    instance = instance_name(address[1])
    app = await open_app(settings, url, board_token=_board_token(), instance=instance)
    try:
        surfaces: list[Surface] = []
        if slack is not None:
            from kaizen.slack import SlackSurface

            surfaces.append(SlackSurface(app, slack, served))
        if teams is not None:
            from kaizen.teams import TeamsSurface

            surfaces.append(TeamsSurface(app, teams, served))
        server = Server(app, surfaces, *address, board_token=_board_token())
        # What was loaded to start (modules, settings) stays for good: leave it out of the
        # collector's full passes, which otherwise grow with it and stall requests.
        gc.freeze()
        board = server.board.access
        print(
            f"Kaizen Bot: {', '.join(_describe(s) for s in surfaces)} on "
            f"http://{address[0]}:{address[1]}{'' if board.off else ', the board at /'}; "
            "Ctrl-C to stop.",
            file=sys.stderr,
        )
        if board.off:
            print(f"kaizen: the board is off: {board.opening.why}", file=sys.stderr)
        try:
            await server.serve_until_stopped()
        except OSError as error:
            raise _port_taken(address, error) from None
    finally:
        await app.close()


_PORT_TAKEN = (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL)


def _check_port(address: tuple[str, int]) -> None:
    """Whether the port can be listened on, as the server will (SO_REUSEADDR, as aiohttp
    sets it): a taken one is one line before the database is opened or serving announced."""
    import socket

    try:
        infos = socket.getaddrinfo(address[0], address[1], type=socket.SOCK_STREAM)
    except OSError:
        return  # the server says what is wrong with the host
    family, kind, proto, _, where = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(where)
        except OSError as error:
            raise _port_taken(address, error) from None


def _port_taken(address: tuple[str, int], error: OSError) -> Exception:
    """A port that cannot be listened on as one clear line; any other failure as it is."""
    if error.errno not in _PORT_TAKEN:
        return error
    return ConfigError(
        f"port {address[1]} is in use or not open to this process on {address[0]} "
        f"({error.strerror}). Fix: stop what holds it, or set PORT to another port."
    )


"""The listening address cannot be had: a start-up setting to fix, not a crash."""


def _slack_credentials() -> Any:
    from kaizen.slack import SlackCredentials

    return SlackCredentials.from_env()


def _teams_credentials() -> Any:
    from kaizen.teams import TeamsCredentials

    return TeamsCredentials.from_env()


def _describe(surface: Any) -> str:
    if surface.name == "slack":
        mode = "Socket Mode" if surface.credentials.app_token else "HTTP at /slack/events"
        return f"Slack ({mode})"
    auth = "authenticated" if surface.credentials.app_id else "UNAUTHENTICATED, local testing"
    return f"Teams (/api/messages, {auth})"


def _listen_address(default_host: str = "0.0.0.0") -> tuple[str, int]:
    host, port = os.environ.get("HOST") or default_host, os.environ.get("PORT") or "3000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"PORT={port!r} is not a port number. Fix: set PORT to 1-65535.")
    return host, int(port)


OAUTH_VARIABLES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


def _platforms() -> dict[str, str]:
    """Each platform and what its credentials still lack: "" when complete, "all" when unset."""
    env = {k: v for k, v in os.environ.items() if v}
    slack: list[str] = [
        k for k in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN") if k in env
    ]
    slack_missing = (
        ""
        if "SLACK_BOT_TOKEN" in env and len(slack) >= 2
        else (
            "SLACK_BOT_TOKEN"
            if "SLACK_BOT_TOKEN" not in env
            else "SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)"
        )
    )
    if "SLACK_BOT_TOKEN" not in env and any(k in env for k in OAUTH_VARIABLES):
        # Installed by OAuth into several workspaces: the tokens come from installations,
        # and SlackCredentials says itself what a half OAuth setting lacks (one line).
        slack_missing = "" if _slack_credentials() is not None else "SLACK_BOT_TOKEN"
        slack = slack or ["SLACK_CLIENT_ID"]
    # Teams says itself what a half configuration lacks (a ConfigError, one line).
    return {
        "Slack": slack_missing if slack else "all",
        "Teams": "all" if _teams_credentials() is None else "",
    }


def _db_upgrade(args: argparse.Namespace) -> int:
    load_settings(config_path(getattr(args, "config", None)))
    url = _url(args)
    path = sqlite_file(url)
    new_file = path is not None and not path.exists()
    before = asyncio.run(migrate_database(url, create=getattr(args, "create", False)))
    if new_file and path is not None:
        # The whole path, so a mistyped one shows: the bot starts on this new, empty file.
        said = f"database created, at schema {HEAD}, in a new file: {path.resolve()}"
    elif before is None:
        said = f"database created, at schema {HEAD}"
    elif before != HEAD:
        said = f"database brought from schema {before} to {HEAD}"
    else:
        said = "database is up to date"
    print(said, file=sys.stderr)
    return 0


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "you"


def _print(text: str) -> None:
    print(text, flush=True)


if __name__ == "__main__":
    sys.exit(main())
