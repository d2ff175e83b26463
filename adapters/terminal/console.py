"""Reading lines for `kaizen chat`: a readline prompt on a terminal, plain lines from a pipe."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from adapters.terminal.chat import TERMINAL_COMMANDS, TerminalChat
from adapters.terminal.render import said
from bot.language.phrases import Phrase

TICK_SECONDS = 60.0


def history_file() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state")
    return Path(state) / "kaizen" / "chat_history"


async def run_console(
    chat: TerminalChat,
    stdin: TextIO = sys.stdin,
    write: Callable[[str], None] | None = None,
    echo: bool = False,
) -> None:
    """Until /quit or end of input. Reminders are checked at start and every minute.

    Lines are read on a daemon thread, so Ctrl-C ends the chat at once instead of
    waiting for a blocked `input()` to return.
    """
    interactive = stdin.isatty()
    out = write or _print
    if interactive:
        _load_history()
        welcome = Phrase(
            "Kaizen Bot. Type `kaizen help`, or just `kaizen <idea>`. {commands}.",
            commands=Phrase(TERMINAL_COMMANDS),
        )
        out(said(welcome, chat.language))
    await chat.start()
    stopping = asyncio.Event()
    ticker = asyncio.create_task(_tick(chat, stopping))
    reader = _LineReader(stdin, interactive)
    try:
        while True:
            if not interactive and chat.filling and not echo:
                out(chat.prompt.rstrip())
            line = await reader.read(chat.prompt)
            if line is None:
                if interactive:
                    out("")
                break
            if echo and not interactive:
                out(f"{chat.prompt}{line}")
            if not await chat.say(line):
                break
    finally:
        stopping.set()  # the ticker ends between ticks, never inside a transaction
        await ticker
        if interactive:
            _save_history()


class _LineReader:
    """One line at a time from a daemon thread; None at end of input."""

    def __init__(self, stdin: TextIO, interactive: bool) -> None:
        self._stdin = stdin
        self._interactive = interactive

    async def read(self, prompt: str) -> str | None:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[str | None] = loop.create_future()

        def settle(line: str | None) -> None:
            if not done.done():
                done.set_result(line)

        def work() -> None:
            loop.call_soon_threadsafe(settle, self._read_blocking(prompt))

        threading.Thread(target=work, name="kaizen-stdin", daemon=True).start()
        return await done

    def _read_blocking(self, prompt: str) -> str | None:
        if self._interactive:
            try:
                return input(prompt)
            except EOFError:
                return None
        line = self._stdin.readline()
        return None if line == "" else line.rstrip("\n")


async def _tick(chat: TerminalChat, stopping: asyncio.Event) -> None:
    while True:
        try:
            await asyncio.wait_for(stopping.wait(), timeout=TICK_SECONDS)
            return
        except TimeoutError:
            await chat.start()


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
