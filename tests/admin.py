"""The `kaizen` command line as an admin runs it: a real process on the test's database."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


async def kaizen(database_url: str, folder: Path, *args: str) -> Ran:
    """`kaizen ARGS...` in `folder` (no app.yaml there: the defaults), stdin not a terminal."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "HOME")}
    env["DATABASE_URL"] = database_url
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("kaizen")),
        *args,
        env=env,
        cwd=folder,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return Ran(process.returncode or 0, out.decode(), err.decode())
