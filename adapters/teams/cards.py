"""The bot's cards and forms as Adaptive Cards (schema 1.5, what Teams renders).

Buttons and forms submit with Action.Submit; the data names what was pressed or filled in,
so the answer maps back to the engine's `ButtonPress` and `FormSubmit`.
"""

from __future__ import annotations

from typing import Any

from adapters.teams.markup import Entity, distinct, escape, render
from bot.content import Card, Form, FormField, Text

AdaptiveCard = dict[str, Any]
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
MARKER = "kaizen"
"""The key in Action.Submit data that says the submission is ours ("button" or "form")."""


def card(content: Card) -> tuple[AdaptiveCard, list[Entity]]:
    """The Adaptive Card and its mention entities, each once; they belong in the card's
    `msteams.entities` (Teams' "Mention support within Adaptive Cards"), nowhere else."""
    entities: list[Entity] = []

    def block(text: Text, **style: Any) -> dict[str, Any]:
        words, found = render(text)
        entities.extend(found)
        return {"type": "TextBlock", "text": words, "wrap": True, **style}

    body: list[dict[str, Any]] = [block(content.title, weight="Bolder", size="Medium")]
    body += [block(paragraph) for paragraph in content.body]
    if content.fields:
        facts = []
        for field in content.fields:
            value, found = render(field.value)
            entities.extend(found)
            facts.append({"title": escape(field.label), "value": value})
        body.append({"type": "FactSet", "facts": facts})
    if content.footer is not None:
        body.append(block(content.footer, isSubtle=True, size="Small"))
    actions = [
        {
            "type": "Action.Submit",
            "title": button.label,
            "style": "positive"
            if button.style == "primary"
            else "destructive"
            if button.style == "danger"
            else "default",
            "data": {MARKER: "button", "action": button.action, "value": button.value},
        }
        for button in content.buttons
    ]
    adaptive: AdaptiveCard = {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": body,
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
    }
    if actions:
        adaptive["actions"] = actions
    entities = distinct(entities)
    if entities:
        adaptive["msteams"] = {"entities": entities}
    return adaptive, entities


def form(content: Form) -> AdaptiveCard:
    """A form as a card with inputs; Action.Submit sends the values back."""
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": escape(content.title), "weight": "Bolder", "size": "Medium"}
    ]
    if content.intro:
        intro = escape(content.intro)
        body.append({"type": "TextBlock", "text": intro, "wrap": True, "isSubtle": True})
    body += [_input(field) for field in content.fields]
    return {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": body,
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "actions": [
            {
                "type": "Action.Submit",
                "title": content.submit_label,
                "data": {MARKER: "form", "form": content.id, "state": content.state},
            }
        ],
    }


def _input(field: FormField) -> dict[str, Any]:
    common = {"id": field.name, "label": field.label, "isRequired": field.required}
    if field.required:
        common["errorMessage"] = f"{field.label} is needed"
    if field.kind == "choice" or (field.kind == "channel" and field.choices):
        return {
            "type": "Input.ChoiceSet",
            **common,
            "style": "compact",
            "value": field.initial,
            "choices": [{"title": c.label, "value": c.value} for c in field.choices],
        }
    text_input: dict[str, Any] = {
        "type": "Input.Text",
        **common,
        "isMultiline": field.kind == "long_text",
        "placeholder": field.hint,
        "value": field.initial,
    }
    if field.max_length:
        text_input["maxLength"] = field.max_length
    if field.min_length:
        text_input["regex"] = f"^[\\s\\S]{{{field.min_length},}}$"
    return text_input
