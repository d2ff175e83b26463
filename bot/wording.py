"""Small rules of English the bot's sentences share."""

from __future__ import annotations


def lower_first(text: str) -> str:
    """Lower-case the first word so a sentence can continue after a colon or inside a question.

    "I", acronyms ("SOP"), mixed case ("iPhone") and possessives ("Maria's") keep their
    capitals; a possessive is most often a name.
    """
    first, space, rest = text.partition(" ")
    plain_capital = first[:1].isupper() and first[1:].islower()
    if first == "I" or not plain_capital or first.lower().endswith(("'s", "\u2019s")):
        return text
    return first.lower() + space + rest
