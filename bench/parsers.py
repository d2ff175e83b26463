"""How the time to read one message grows with its length: every parser of people's text.

Each parser is fed adversarial texts built from the shapes that froze the bot (a long run
of spaces, newlines, digits, `<` or dots after a prefix the parser reacts to), at 4,000 and
40,000 characters, raw: as if nothing before it had cut or collapsed the text. Linear
parsing shows about 10x between the two; a quadratic pattern shows about 100x.

Prints the slowest parser at each length and `parser ratio 40k/4k: X.X`.
KAIZEN_BENCH_LENGTHS overrides the lengths (comma-separated), e.g. `4000,16000` to time old
code that would take minutes at 40,000.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from tests.adversarial import PARSERS, texts


@dataclass(frozen=True)
class Timing:
    parser: str
    text: str
    seconds: float


def slowest(length: int) -> Timing:
    worst = Timing("", "", 0.0)
    for name, parse in PARSERS.items():
        for text in texts(length):
            started = time.perf_counter()
            parse(text)
            seconds = time.perf_counter() - started
            if seconds > worst.seconds:
                worst = Timing(name, text, seconds)
    return worst


def main() -> None:
    lengths = [int(n) for n in os.environ.get("KAIZEN_BENCH_LENGTHS", "4000,40000").split(",")]
    print(f"{len(PARSERS)} parsers x {len(list(texts(10)))} adversarial texts per length")
    found: dict[int, Timing] = {}
    for length in lengths:
        worst = found[length] = slowest(length)
        shape = repr(worst.text[:24]) + ("..." if len(worst.text) > 24 else "")
        print(
            f"{length:>6} characters: slowest {worst.parser} {worst.seconds * 1000:.2f} ms "
            f"on {shape}"
        )
    if len(lengths) >= 2:
        first, last = found[lengths[0]], found[lengths[-1]]
        ratio = last.seconds / first.seconds if first.seconds else float("inf")
        print(f"parser ratio {lengths[-1] // 1000}k/{lengths[0] // 1000}k: {ratio:.1f}")


if __name__ == "__main__":
    main()
