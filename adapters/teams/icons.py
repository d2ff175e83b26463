"""The app's two icons as PNG bytes, drawn here so the package needs no binary files.

Teams wants a 192x192 full-colour icon and a 32x32 outline: white on transparent. Both show
three rising steps, small improvements one after another.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

TEAL = (29, 78, 95, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def color_icon() -> bytes:
    return _png(192, lambda x, y: WHITE if _on_steps(x / 192, y / 192) else TEAL)


def outline_icon() -> bytes:
    return _png(32, lambda x, y: WHITE if _on_steps(x / 32, y / 32) else CLEAR)


def _on_steps(x: float, y: float) -> bool:
    """Three steps rising to the right, in the middle 70% of the square."""
    if not (0.15 <= x < 0.85 and y < 0.85):
        return False
    step = min(2, int((x - 0.15) / (0.7 / 3)))
    return y >= 0.85 - 0.2 * (step + 1)


def _png(size: int, pixel: Callable[[int, int], tuple[int, int, int, int]]) -> bytes:
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size)
    )
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )
