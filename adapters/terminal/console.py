"""Reading lines for `kaizen chat`: a readline prompt on a terminal, plain lines from a pipe."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from adapters.terminal.chat import TerminalChat

TICK_SECONDS = 60.0


def history_file() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state")
    return Path(state) / "kaizen" / "chat_history"


async def run_console(
    chat: TerminalChat, stdin: TextIO = sys.stdin, write: Callable[[str], None] | None = None
) -> None:
    """Until /quit or end of input. Reminders are checked at start and every minute."""
    interactive = stdin.isatty()
    out = write or _print
    if interactive:
        _load_history()
        out("Kaizen Bot. Type `kaizen help`, or just `kaizen <idea>`. /as NAME, /press N, /quit.")
    await chat.start()
    ticker = asyncio.create_task(_tick(chat))
    try:
        while True:
            if not interactive and chat.filling:
                out(chat.prompt.rstrip())
            line = await asyncio.to_thread(_read, stdin, chat.prompt if interactive else None)
            if line is None or not await chat.say(line):
                break
    finally:
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker
        if interactive:
            _save_history()


async def _tick(chat: TerminalChat) -> None:
    while True:
        await asyncio.sleep(TICK_SECONDS)
        await chat.start()


def _read(stdin: TextIO, prompt: str | None) -> str | None:
    if prompt is not None:
        try:
            return input(prompt)
        except EOFError:
            return None
    line = stdin.readline()
    return None if line == "" else line.rstrip("\n")


def _print(text: str) -> None:
    print(text, flush=True)


def _load_history() -> None:
    try:
        import readline
    except ImportError:  # pragma: no cover - readline is missing only on some platforms
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(history_file())
    readline.set_history_length(1000)


def _save_history() -> None:
    try:
        import readline
    except ImportError:  # pragma: no cover
        return
    path = history_file()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(path)
