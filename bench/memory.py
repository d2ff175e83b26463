"""Peak memory of a process, as the kernel counts it (Linux)."""

from __future__ import annotations

from pathlib import Path


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
