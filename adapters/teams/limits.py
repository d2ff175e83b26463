"""Teams' limits on one bot message, and activities divided or cut to stay within them.

Pure JSON in and out, so the outlet sends what fits and the translators need not know sizes.
A card over a limit becomes several cards in order: its body divided between them, the
title on the first, the buttons on the last ones, each card naming only the mentions its
own text uses. A text divides at its lines. What is too large for a message of its own is
cut, ending in an ellipsis.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from adapters.teams.cards import CONTENT_TYPE
from adapters.teams.markup import ELLIPSIS, Entity, by_mentions, cut, distinct, render
from bot.content import Link, Text
from bot.language.phrases import ENGLISH, N_, Phrase
from bot.language.translate import words

Activity = dict[str, Any]
Element = dict[str, Any]
T = TypeVar("T")
Fits = Callable[[int, list[T]], bool]
"""Whether these items make a message that Teams takes, as page number n."""
Cut = Callable[[T, Callable[[T], bool]], T]
"""An item cut to what the test it is given takes."""

MESSAGE_BYTES = 40 * 1024
"""Teams refuses a bot message over 40 KB (413 MessageSizeTooBig), counting the whole payload
encoded as UTF-16: "Format your bot messages" (learn.microsoft.com/microsoftteams/platform/
bots/how-to/format-your-bot-messages) and, for cards with mentions, "Format cards in Teams".
The English page has since said 100 KB; the lower figure holds under both."""
MARGIN = 2 * 1024
"""Room for what the connector adds before Teams counts: conversation, from, recipient,
replyToId, serviceUrl, channelData; about 800 characters for a reply in a channel thread."""
BUDGET = MESSAGE_BYTES - MARGIN
MAX_ACTIONS = 6
"""Buttons on one card: "You can have up to six" primary actions ("Designing Adaptive Cards
for your Microsoft Teams app", Anatomy: learn.microsoft.com/microsoftteams/platform/
task-modules-and-cards/cards/design-effective-cards)."""
MAX_MENTIONS = 20
"""@mentions in one message. Microsoft documents no number; Teams was seen refusing more than
20 with an error (github.com/MicrosoftDocs/OfficeDocs-SkypeForBusiness/issues/10285). So 20,
counting every `<at>` in the text rather than distinct people, to be safe."""

CONTINUED = N_("(continued)")
CUT = N_("Cut to fit in one Teams message.")
SEE_ALL = N_("See all of it")
_AT = "<at>"
_MENTION = re.compile(r"<at>(.*?)</at>", re.DOTALL)


def fit(activity: Activity, more: str | None = None, language: str = ENGLISH) -> list[Activity]:
    """The activity as one or more activities, each within Teams' limits, in order (the
    few words this adds, "(continued)", in `language`)."""
    if within(activity):
        return [activity]
    card = _card(activity)
    if card is not None and not any(k.startswith("Input.") for k in _kinds(card)):
        continued = words(Phrase(CONTINUED), language)
        return _split_card(activity, card, _see_all(more, language), continued)
    if card is None and isinstance(activity.get("text"), str):
        return _split_text(activity, _see_all(more, language))
    return [shortened(activity, more, language)]


def shortened(activity: Activity, more: str | None = None, language: str = ENGLISH) -> Activity:
    """One activity within the limits (an update cannot become two messages): cut, ending
    with a line that links to `more` when given."""
    card = _card(activity)
    if within(activity):
        return activity
    if card is not None and any(k.startswith("Input.") for k in _kinds(card)):
        return _squeezed_form(activity, card)
    cut_note = words(Phrase(CUT), language) + _see_all(more, language)
    if card is not None:
        return _cut_card(activity, card, cut_note)
    if isinstance(activity.get("text"), str):
        return _cut_text(activity, cut_note)
    return activity


def within(activity: Activity) -> bool:
    """Whether Teams takes the activity: its size, its @mentions and each card's buttons."""
    cards = [a.get("content") or {} for a in activity.get("attachments") or []]
    texts = _strings([activity.get("text"), *(c.get("body") for c in cards)])
    return (
        size(activity) <= BUDGET
        and sum(text.count(_AT) for text in texts) <= MAX_MENTIONS
        and all(sum(k.startswith("Action.") for k in _kinds(c)) <= MAX_ACTIONS for c in cards)
    )


def size(activity: Activity) -> int:
    """Bytes as Teams counts them: the JSON in UTF-16."""
    return len(json.dumps(activity, ensure_ascii=False).encode("utf-16-le"))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item)


def _kinds(value: Any) -> Iterator[str]:
    """The type of every element and action in a card (not in its data or its msteams)."""
    if isinstance(value, dict):
        yield str(value.get("type", ""))
        value = [v for k, v in value.items() if k not in ("data", "msteams")]
    if isinstance(value, list):
        for item in value:
            yield from _kinds(item)


def _card(activity: Activity) -> Element | None:
    attachments = activity.get("attachments") or []
    if len(attachments) != 1 or attachments[0].get("contentType") != CONTENT_TYPE:
        return None
    content = attachments[0].get("content")
    body = content.get("body") if isinstance(content, dict) else None
    return content if isinstance(body, list) and body else None


def _used(entities: list[Entity], value: Any) -> list[Entity]:
    """The mentions whose `<at>` the text uses: Teams refuses an entity the text lacks."""
    texts = list(_strings(value))
    return [e for e in entities if any(str(e.get("text")) in text for text in texts)]


def _entities(activity: Activity, card: Element | None) -> tuple[list[Entity], list[Entity]]:
    """Mention entities, each once, and the activity's other entities."""
    own = [e for e in activity.get("entities") or [] if isinstance(e, dict)]
    inside = ((card or {}).get("msteams") or {}).get("entities") or []
    mentions = [e for e in [*inside, *own] if e.get("type") == "mention"]
    return distinct(mentions), [e for e in own if e.get("type") != "mention"]


def _pack(items: list[T], fits: Fits[T], shorten: Cut[T]) -> list[list[T]]:
    """Items in order onto as few pages as fit; an item too large for a page alone is cut."""
    pages: list[list[T]] = [[]]
    for item in items:
        if not fits(len(pages) - 1, [*pages[-1], item]):
            if pages[-1] or fits(len(pages), [item]):
                pages.append([])
            item = _fitted(item, len(pages) - 1, pages[-1], fits, shorten)
        pages[-1].append(item)
    return pages


def _first(
    items: list[T], fits: Callable[[list[T]], bool], shorten: Cut[T]
) -> tuple[list[T], bool]:
    """The items that fit on one page, the first that does not cut to fit; and whether all
    fitted whole."""
    kept: list[T] = []
    for item in items:
        if not fits([*kept, item]):
            shorter = shorten(item, lambda shorter: fits([*kept, shorter]))
            bare = ELLIPSIS in (shorter, shorter.get("text") if isinstance(shorter, dict) else "")
            return [*kept, shorter] if fits([*kept, shorter]) and not bare else kept, False
        kept.append(item)
    return kept, True


def _fitted(item: T, number: int, page: list[T], fits: Fits[T], shorten: Cut[T]) -> T:
    if fits(number, [*page, item]):
        return item
    return shorten(item, lambda shorter: fits(number, [*page, shorter]))


def _most(n: int, ok: Callable[[int], bool]) -> int:
    """The largest k up to n that ok takes (0 when none does); ok takes less if it takes k."""
    return bisect.bisect_left(range(1, n + 1), True, key=lambda k: not ok(k))


def _quieted(items: list[T]) -> list[T]:
    """Mentions past the first MAX_MENTIONS as plain names, so a cut keeps words, not pings."""
    seen = itertools.count(1)

    def quiet(value: Any) -> Any:
        if isinstance(value, str):
            return _MENTION.sub(lambda at: at[0] if next(seen) <= MAX_MENTIONS else at[1], value)
        if isinstance(value, dict):
            return {k: quiet(v) for k, v in value.items()}
        return [quiet(v) for v in value] if isinstance(value, list) else value

    return [quiet(item) for item in items]


def _see_all(more: str | None, language: str) -> str:
    label = words(Phrase(SEE_ALL), language)
    return " " + render(Text.of(Link(more, label)))[0] if more else ""


def _pieces(element: Element) -> list[Element]:
    """An element in the pieces a message may end between: a text with more mentions than a
    message takes, at a mention; a large fact set, between its facts."""
    kind, facts = element.get("type"), element.get("facts") or []
    if kind == "TextBlock":
        return [
            {**element, "text": part}
            for part in by_mentions(str(element.get("text", "")), MAX_MENTIONS)
        ]
    crowded = sum(text.count(_AT) for text in _strings(element)) > MAX_MENTIONS
    if kind == "FactSet" and len(facts) > 1 and (crowded or size(element) > BUDGET // 2):
        return [{**element, "facts": [fact]} for fact in facts]
    return [element]


def _cut_element(element: Element, ok: Callable[[Element], bool], then: str = "") -> Element:
    """The element cut to what ok takes: a text's end, a fact's value; anything else, "…"."""
    if element.get("type") == "TextBlock":
        text = str(element.get("text", ""))
        return {**element, "text": cut(text, lambda t: ok({**element, "text": t}), then)}
    if element.get("type") == "FactSet" and element.get("facts"):
        *first, last = element["facts"]

        def valued(value: str) -> Element:
            return {**element, "facts": [*first, {**last, "value": value}]}

        return valued(cut(str(last.get("value", "")), lambda v: ok(valued(v)), then))
    return {"type": "TextBlock", "text": ELLIPSIS, "wrap": True}


def _heading(title: Element, number: int, continued: str) -> Element:
    """The title on the first card, "Title (continued)" on the next ones."""
    text = str(title.get("text", ""))
    if number == 0:
        return title
    short = len(text) <= 200 and _AT not in text
    return {**title, "text": f"{text} {continued}" if short else continued}


def _page(
    activity: Activity, card: Element, body: list[Element], actions: list[Element]
) -> Activity:
    """One card of the activity: these body elements and buttons, and the mentions they use."""
    mentions, others = _entities(activity, card)
    content = {k: v for k, v in card.items() if k not in ("body", "actions", "msteams")}
    content["body"] = body
    if actions:
        content["actions"] = actions
    msteams = {k: v for k, v in (card.get("msteams") or {}).items() if k != "entities"}
    if used := _used(mentions, body):
        msteams["entities"] = used
    if msteams:
        content["msteams"] = msteams
    page = {k: v for k, v in activity.items() if k not in ("attachments", "entities")}
    if others:
        page["entities"] = others
    page["attachments"] = [{**activity["attachments"][0], "content": content}]
    return page


def _split_card(activity: Activity, card: Element, then: str, continued: str) -> list[Activity]:
    title, *rest = _pieces(card["body"][0])
    items = [piece for element in [*rest, *card["body"][1:]] for piece in _pieces(element)]
    actions = list(card.get("actions") or [])
    groups = [actions[i : i + MAX_ACTIONS] for i in range(0, len(actions), MAX_ACTIONS)]
    widest = max(groups, key=lambda group: len(json.dumps(group)), default=[])
    if not within(_page(activity, card, [title], widest)):
        title = _cut_element(title, lambda t: within(_page(activity, card, [t], widest)))

    def page(number: int, body: list[Element], buttons: list[Element]) -> Activity:
        return _page(activity, card, [_heading(title, number, continued), *body], buttons)

    pages = _pack(
        items,
        lambda number, body: within(page(number, body, widest)),
        lambda element, ok: _cut_element(element, ok, then),
    )
    pages += [[] for _ in range(len(groups) - len(pages))]
    first = len(pages) - len(groups)
    return [page(n, body, groups[n - first] if n >= first else []) for n, body in enumerate(pages)]


def _cut_card(activity: Activity, card: Element, last: str) -> Activity:
    """The first card's worth of body and buttons, and a last line saying it is cut."""
    actions = list(card.get("actions") or [])
    tail = {"type": "TextBlock", "text": last, "wrap": True, "isSubtle": True}

    def page(body: list[Element]) -> Activity:
        return _page(activity, card, body, actions[:MAX_ACTIONS])

    pieces = _quieted([piece for element in card["body"] for piece in _pieces(element)])
    body, whole = _first(pieces, lambda body: within(page([*body, tail])), _cut_element)
    return page(body if whole and len(actions) <= MAX_ACTIONS else [*body, tail])


def _squeezed_form(activity: Activity, card: Element) -> Activity:
    """A form cannot be divided (its button sends its inputs): fewer choices in its longest
    lists, the chosen one kept, until it fits."""
    body = list(card["body"])

    def form(elements: list[Element]) -> Activity:
        content = {**card, "body": elements}
        return {**activity, "attachments": [{**activity["attachments"][0], "content": content}]}

    def keeping(index: int, k: int) -> list[Element]:
        choices, chosen = body[index].get("choices") or [], body[index].get("value")
        kept = choices[:k] + [c for c in choices[k:] if c.get("value") == chosen]
        return [*body[:index], {**body[index], "choices": kept}, *body[index + 1 :]]

    def most(index: int) -> int:
        count = len(body[index].get("choices") or [])
        return _most(count, lambda k: within(form(keeping(index, k))))

    lists = [i for i, e in enumerate(body) if e.get("type") == "Input.ChoiceSet"]
    for index in sorted(lists, key=lambda i: -size(body[i])):
        if within(form(body)):
            break
        body = keeping(index, most(index))
    return form(body)


def _text(activity: Activity, lines: list[str]) -> Activity:
    """A text message of these lines, with the mentions they use."""
    mentions, others = _entities(activity, None)
    text = "\n".join(lines)
    return {**activity, "text": text, "entities": [*_used(mentions, text), *others]}


def _split_text(activity: Activity, then: str) -> list[Activity]:
    lines = [
        part
        for line in str(activity["text"]).split("\n")
        for part in by_mentions(line, MAX_MENTIONS)
    ]
    pages = _pack(
        lines,
        lambda _, chunk: within(_text(activity, chunk)),
        lambda line, ok: cut(line, ok, then),
    )
    return [_text(activity, chunk) for chunk in pages]


def _cut_text(activity: Activity, last: str) -> Activity:
    lines = _quieted(str(activity["text"]).split("\n"))
    kept, whole = _first(lines, lambda chunk: within(_text(activity, [*chunk, last])), cut)
    return _text(activity, kept if whole else [*kept, last])
