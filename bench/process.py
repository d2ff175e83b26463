"""The app under measurement as a process: waiting for it to serve, and its peak memory."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp


async def wait_healthy(port: int, process: asyncio.subprocess.Process) -> None:
    """Until GET /healthz answers 200; an error when the process exits first or never does."""
    async with aiohttp.ClientSession() as http:
        for _ in range(1200):
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            if process.returncode is not None:
                break
            await asyncio.sleep(0.05)
    raise RuntimeError(f"the app on port {port} did not start")


def peak_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM) in MB; NaN where /proc does not say."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
