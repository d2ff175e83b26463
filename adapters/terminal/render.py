"""Drawing the bot's content as plain lines for a terminal."""

from __future__ import annotations

from bot.content import Button, Card, Content, Form, FormField, Text
from bot.language.phrases import ENGLISH, Phrase
from bot.language.translate import words


def said(phrase: Phrase, language: str) -> str:
    """Words the terminal says by itself (not the engine's), in the chat's language."""
    return words(phrase, language)


def lines(content: Content) -> list[str]:
    if isinstance(content, Text):
        return content.plain().splitlines() or [""]
    out = [content.title.plain()]
    for paragraph in content.body:
        out += paragraph.plain().splitlines()
    if content.fields:
        out.append(" \u00b7 ".join(f"{f.label}: {f.value.plain()}" for f in content.fields))
    if content.footer is not None:
        out.append(content.footer.plain())
    return out


def button_line(buttons: list[Button]) -> str:
    choices = "  ".join(f"[{i}] {b.label}" for i, b in enumerate(buttons, start=1))
    return f"{choices}   (/press N)"


def form_heading(form: Form, language: str = ENGLISH) -> list[str]:
    """The form's title (already in the reader's language, as the engine sent it) and how to
    fill it in here."""
    how = Phrase("{title} (answer each line; /cancel to stop)", title=form.title)
    return [said(how, language)] + ([form.intro] if form.intro else [])


def field_prompt(field: FormField, language: str = ENGLISH) -> str:
    label = field.label
    if not field.required:
        label += " " + said(Phrase("(optional, empty to skip)"), language)
    if field.hint:
        label += f" [{field.hint}]"
    if field.kind == "choice" or (field.kind == "channel" and field.choices):
        options = ", ".join(f"{i}={c.label}" for i, c in enumerate(field.choices, start=1))
        label += f" {options}"
        if field.initial:
            label += " " + said(Phrase("(empty: {initial})", initial=field.initial), language)
    return label + ":"


def indent(block: list[str], first: str, rest: str) -> str:
    return "\n".join((first if i == 0 else rest) + line for i, line in enumerate(block))


def card_buttons(content: Content) -> list[Button]:
    return list(content.buttons) if isinstance(content, Card) else []
