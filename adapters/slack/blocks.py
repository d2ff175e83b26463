"""The bot's content as Block Kit, with a plain-text fallback for notifications."""

from __future__ import annotations

import json
from typing import Any

from adapters.slack.mrkdwn import escape, render
from bot.content import Card, Content, Form, FormField, Text
from bot.people import Place

Block = dict[str, Any]
SECTION_LIMIT = 3000
FALLBACK_LIMIT = 3000


def message(content: Content) -> dict[str, Any]:
    """Arguments for chat.postMessage / chat.update / chat.postEphemeral."""
    if isinstance(content, Text):
        return {"text": render(content)[:40000]}
    return {"text": fallback(content), "blocks": card_blocks(content)}


def fallback(card: Card) -> str:
    lines = [render(card.title), *(render(p) for p in card.body[:3])]
    return "\n".join(lines)[:FALLBACK_LIMIT]


def card_blocks(card: Card) -> list[Block]:
    blocks: list[Block] = [_header(card.title)]
    blocks += _sections([render(p) for p in card.body])
    for start in range(0, len(card.fields), 10):
        fields = card.fields[start : start + 10]
        blocks.append(
            {
                "type": "section",
                "fields": [
                    _mrkdwn(f"*{escape(f.label)}*\n{render(f.value)}"[:2000]) for f in fields
                ],
            }
        )
    if card.buttons:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    _button(i, b.label, b.action, b.value, b.style)
                    for i, b in enumerate(card.buttons)
                ],
            }
        )
    if card.footer is not None:
        blocks.append({"type": "context", "elements": [_mrkdwn(render(card.footer)[:2000])]})
    return blocks[:50]


def split_action_id(action_id: str) -> str:
    """Buttons in one block need distinct ids; ours are "<action>#<n>"."""
    return action_id.rsplit("#", 1)[0]


def home_view(card: Card) -> dict[str, Any]:
    return {"type": "home", "blocks": card_blocks(card)[:100]}


def modal(form: Form, place: Place) -> dict[str, Any]:
    """A form as a modal; where it was opened travels in private_metadata."""
    blocks: list[Block] = []
    if form.intro:
        blocks.append({"type": "context", "elements": [_mrkdwn(escape(form.intro))]})
    blocks += [_input(field) for field in form.fields]
    metadata = {
        "state": form.state,
        "channel": place.channel,
        "thread": place.thread,
        "direct": place.direct,
    }
    return {
        "type": "modal",
        "callback_id": form.id,
        "title": _plain(form.title[:24]),
        "submit": _plain(form.submit_label[:24]),
        "close": _plain("Cancel"),
        "private_metadata": json.dumps(metadata),
        "blocks": blocks,
    }


def _input(field: FormField) -> Block:
    element: Block
    if field.kind == "channel":
        element = {
            "type": "conversations_select",
            "action_id": "value",
            "filter": {
                "include": ["public", "private"],
                "exclude_bot_users": True,
                "exclude_external_shared_channels": True,
            },
        }
    elif field.kind == "choice":
        options = [{"text": _plain(c.label[:75]), "value": c.value} for c in field.choices]
        element = {"type": "static_select", "action_id": "value", "options": options}
        chosen = [o for o in options if o["value"] == field.initial]
        if chosen:
            element["initial_option"] = chosen[0]
    else:
        element = {
            "type": "plain_text_input",
            "action_id": "value",
            "multiline": field.kind == "long_text",
        }
        if field.initial:
            element["initial_value"] = field.initial
        if field.min_length:
            element["min_length"] = field.min_length
        if field.max_length:
            element["max_length"] = min(field.max_length, 3000)
    block: Block = {
        "type": "input",
        "block_id": field.name,
        "label": _plain(field.label[:2000]),
        "optional": not field.required,
        "element": element,
    }
    if field.hint:
        block["hint"] = _plain(field.hint[:2000])
    return block


def _header(title: Text) -> Block:
    return {"type": "header", "text": _plain(title.plain()[:150] or " ")}


def _sections(paragraphs: list[str]) -> list[Block]:
    """Paragraphs packed into as few sections as Slack's 3000-character limit allows."""
    sections: list[Block] = []
    current = ""
    for paragraph in paragraphs:
        paragraph = paragraph[:SECTION_LIMIT]
        if current and len(current) + 1 + len(paragraph) > SECTION_LIMIT:
            sections.append({"type": "section", "text": _mrkdwn(current)})
            current = ""
        current = f"{current}\n{paragraph}" if current else paragraph
    if current:
        sections.append({"type": "section", "text": _mrkdwn(current)})
    return sections


def _button(index: int, label: str, action: str, value: str, style: str | None) -> Block:
    button: Block = {
        "type": "button",
        "text": _plain(label[:75]),
        "action_id": f"{action}#{index}",
        "value": value[:2000],
    }
    if style:
        button["style"] = style
    return button


def _plain(text: str) -> Block:
    return {"type": "plain_text", "text": text, "emoji": True}


def _mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text, "verbatim": True}
