"""Turning an idea or an answer into the next "why" question, in the person's own words.

A question built from what was just said keeps the dialogue on the author's thinking, not
on a script. The common shapes get a real question: "X is Y" -> "Why is X Y?", "X jams" ->
"Why does X jam?", "we stopped X" -> "Why did we stop X?", "labels jam" -> "Why do labels
jam?". A fragment asks for its cause ("dust" -> "What causes dust?", "no schedule" ->
"Why is there no schedule?"), a proposal is traced back to its problem, and any other
statement gets a form that is correct for all of them: "Why is it that ...?".
"""

from __future__ import annotations

import re

from bot.language import words as w
from bot.wording import lower_first

_MAX_WORDS = 24
_NEGATION = re.compile(r"\b(?:nobody|no one|nothing|not|never|\w+n't)\b", re.IGNORECASE)
_FILLER = re.compile(
    r"^(?:because|cause|coz|since|well|so|i think|i guess|i believe|probably|maybe|perhaps|"
    r"it seems|apparently|basically|honestly)\b[\s,]*",
    re.IGNORECASE,
)
_PROPOSAL_LEAD = re.compile(
    r"^(?:(?:maybe |perhaps )?(?:we|i) (?:should|could|need to|must|might|want to|ought to)|"
    r"let's|let us|lets|(?:can|could|should|shall) we|why don't we|how about|what if we|"
    r"i propose (?:that )?we|i suggest (?:that )?we|maybe|perhaps|"
    r"proposal|idea|suggestion)[\s:,-]+",
    re.IGNORECASE,
)
_ED_STEM = re.compile(
    r"(?:[aeiou]{2}[b-df-hj-np-tv-z]|ck|ch|sh|nt|rt|st|lt|nd|rk|ll|ss|ff|lp|mp|sk|ft|wn|rn|"
    r"rm|ct|pt|xt|nk|ld|rd|lk|gn|ow|ay|ey|er|en)$"
)
_SILENT_E = re.compile(r"(?:at|ut|v|c|[^g]g|s|z|ir|ar|ur|or|[aio]k|ud|id)$")
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")


def first_why(idea: str) -> str:
    """Why #1, phrased from the idea: a problem is asked about, a proposal is traced back."""
    sentence = _clause(idea)
    if not sentence:
        return "Why does this happen?"
    if sentence.endswith("?") and sentence.split()[0].lower() == "why":
        return sentence
    return _as_proposal(sentence) or why(sentence)


def next_why(answer: str) -> str:
    """The next why, phrased from the last answer."""
    statement = _FILLER.sub("", _clause(answer))
    return _as_proposal(statement) or why(statement)


_CERTAIN_WORDS = 16
_ENGLISH = re.compile(r"[A-Za-z0-9'\-,]+")
_TO_YOU = {"i": "you", "my": "your", "me": "you", "mine": "yours", "myself": "yourself"}


def confident_why(statement: str) -> str | None:
    """A grammatical why for the common English shapes; None when a rewrite is not certain
    (another language, a long or unusual sentence): then the person's words are quoted."""
    statement = _FILLER.sub("", _clause(statement)).strip().rstrip(".!?;:")
    words = _expand(statement.replace("\u2019", "'").split())
    if not 0 < len(words) <= _CERTAIN_WORDS or not all(_ENGLISH.fullmatch(w) for w in words):
        return None
    if not any(word.lower() in _ENGLISH_MARKERS for word in words):
        return None
    if any(word.lower().strip(",") in ("and", "but", "or") for word in words):
        return None  # two statements in one: quoting them is safer than a clumsy question
    question = _as_proposal(statement) or _inverted(words) or _with_do(words) or _scarce(words)
    return _to_you(question) if question else None


def _scarce(words: list[str]) -> str | None:
    """ "No schedule" -> "Why is there no schedule?"; other fragments are not certain."""
    question = _fragment(words)
    return question if question and not question.startswith("What causes") else None


def _to_you(question: str) -> str:
    """The person's "I" and "my" become "you" and "your" in a question put to them."""
    words = question.split(" ")
    out = [_TO_YOU.get(word.lower(), word) if word.lower() in _TO_YOU else word for word in words]
    text = " ".join(out)
    return re.sub(
        r"^Why (?:am|was) you\b",
        lambda m: m.group(0).replace("am", "are").replace("was", "were"),
        text,
    )


_ENGLISH_MARKERS = (
    w.AUXILIARIES
    | frozenset(w.NEGATIVES)
    | w.DO_FORMS
    | frozenset(w.HAVE_FORMS)
    | w.DETERMINERS
    | w.PRONOUNS
    | w.PREPOSITIONS
    | frozenset(("there", "not", "nobody"))
)


def why(statement: str) -> str:
    """ "The rollers are dusty" -> "Why are the rollers dusty?"."""
    words = _expand(statement.strip().rstrip(".!?;:").replace("\u2019", "'").split())
    if not words:
        return "Why does that happen?"
    if len(words) > _MAX_WORDS:
        return f"Why is it that {lower_first(' '.join(words[:_MAX_WORDS]))}\u2026?"
    return (
        _inverted(words)
        or _with_do(words)
        or _fragment(words)
        or f"Why is it that {lower_first(' '.join(words))}?"
    )


def _as_proposal(sentence: str) -> str | None:
    """ "Add a printer" -> the problem behind it; None when it is not a proposal."""
    bare = sentence.rstrip("?!. ")
    proposal = _PROPOSAL_LEAD.sub("", bare)
    verb, _, rest = proposal.partition(" ")
    if verb.lower() in w.PROPOSAL_VERBS and rest:
        return f"What happens today that makes us want to {verb.lower()} {rest}?"
    if proposal != bare and proposal:
        return f"What problem would \u201c{lower_first(proposal)}\u201d solve?"
    return None


def _inverted(words: list[str]) -> str | None:
    """Subject-auxiliary inversion: "X is Y" -> "Why is X Y?", "we did not" -> "Why did we not"."""
    for i, word in enumerate(words[:7]):
        low = word.lower()
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        aux = w.NEGATIVES.get(low) or (low if low in w.AUXILIARIES else None)
        if aux is None and low in w.DO_FORMS and following == "not":
            aux = low
        if aux is None and low in w.HAVE_FORMS and _participle(following):
            aux = low
        if aux is not None:
            if i == 0 or not _is_subject(words[:i]):
                return None
            return _question(aux, words[:i], words[i + 1 :])
        if not _subject_word(word):
            return None
    return None


def _with_do(words: list[str]) -> str | None:
    """Do-support: "X jams" -> "Why does X jam?", "labels jam" -> "Why do labels jam?"."""
    for i in range(1, min(len(words), 5)):
        subject = words[:i]
        if not _is_subject(subject):
            return None
        head, first = subject[-1].lower(), subject[0].lower()
        if head in w.DETERMINERS:
            continue
        j = i
        while j < len(words) - 1 and words[j].lower() in w.ADVERBS:
            j += 1
        verb, rest = words[j].lower(), [*words[i:j], *words[j + 1 :]]
        after = words[j + 1].lower() if j + 1 < len(words) else ""
        anchored = first in w.DETERMINERS or first in w.PRONOUNS or first.endswith("'s")
        question = _do_question(subject, verb, rest, after, anchored)
        if question:
            return question
    return None


def _do_question(
    subject: list[str], verb: str, rest: list[str], after: str, anchored: bool
) -> str | None:
    head = subject[-1].lower()
    if verb in w.DETERMINERS or verb in w.PREPOSITIONS:
        return None  # "a worker cut his hand": "his" is no verb
    adverbs = [word for word in rest if word.lower() in w.ADVERBS][:2]
    tail = rest[len(adverbs) :]
    if verb in w.HAVE_FORMS and (anchored or len(subject) == 1):
        return _question(w.HAVE_FORMS[verb], subject, [*adverbs, "have", *tail])
    past = _past_base(verb)
    if past and anchored:
        return _question("did", subject, [*adverbs, past, *tail])
    if _is_verb_form(after):
        return None  # "quality checks happen": the word we looked at is a noun
    singular_s = verb.endswith("s") and not verb.endswith("ss")
    gerund = subject[0].lower().endswith("ing")
    if singular_s and head not in w.PRONOUN_DO and (not _plural(head) or gerund):
        base = _present_base(verb)
        if anchored or base in w.COMMON_VERBS:
            return _question("does", subject, [*adverbs, base, *tail])
        return None
    plural_subject = _plural(head) or (len(subject) == 1 and head in w.PRONOUN_DO)
    if plural_subject and (verb in w.COMMON_VERBS or (head in w.PRONOUN_DO and verb.isalpha())):
        return _question("do", subject, [*adverbs, verb, *tail])
    return None


def _fragment(words: list[str]) -> str | None:
    """No verb at all: ask what causes it, or why there is (too much of) it."""
    if _has_verb(words):
        return None
    phrase = lower_first(" ".join(words))
    low = phrase.lower()
    for lead in w.SCARCITY:
        if low.startswith(lead + " "):
            noun = low.removeprefix(lead + " ").split()[0]
            many = lead in ("too many", "too few") or (lead != "too much" and _plural(noun))
            return f"Why {'are' if many else 'is'} there {phrase}?"
    return f"What causes {phrase}?"


def _has_verb(words: list[str]) -> bool:
    if words[0].lower() in w.PRONOUNS:
        return True
    for index, word in enumerate(words):
        low = word.lower()
        if low in w.AUXILIARIES or low in w.NEGATIVES or low in w.DO_FORMS or low in w.HAVE_FORMS:
            return True
        if index > 0 and (_past_base(low) or _is_verb_form(low) or low.endswith("ed")):
            return True
    return False


def _is_verb_form(word: str) -> bool:
    return word in w.COMMON_VERBS or (word.endswith("s") and _present_base(word) in w.COMMON_VERBS)


def _question(aux: str, subject: list[str], rest: list[str]) -> str:
    body = " ".join([lower_first(" ".join(subject)), *rest])
    return f"Why {aux} {body}?"


def _is_subject(words: list[str]) -> bool:
    """A short noun phrase ("the wifi in the warehouse"): no verbs or conjunctions in it."""
    if not 0 < len(words) <= 6 or words[0].lower() in w.PREPOSITIONS:
        return False
    return all(_subject_word(word) for word in words)


def _subject_word(word: str) -> bool:
    low = word.lower().strip(",")
    if low in w.AUXILIARIES or low in w.NEGATIVES or low in w.DO_FORMS or low in w.HAVE_FORMS:
        return False
    if low in w.CONJUNCTIONS or low in w.ADVERBS:
        return False
    if len(low) > 4 and low.endswith("ed"):
        return False
    return low.replace("'", "").replace("-", "").isalnum()


def _participle(word: str) -> bool:
    return word in w.PARTICIPLES or word.endswith("ed") or word == "not"


def _plural(word: str) -> bool:
    return (
        word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s"))
        and word not in w.PRONOUNS
        and word not in w.DETERMINERS
    )


def _present_base(verb: str) -> str:
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|zz|o)es$", verb):
        return verb[:-2]
    return verb[:-1]


def _past_base(verb: str) -> str | None:
    if verb in w.IRREGULAR_PAST:
        return w.IRREGULAR_PAST[verb]
    if not verb.endswith("ed") or len(verb) < 5:
        return None
    if verb.endswith("ied"):
        return verb[:-3] + "y"
    stem = verb[:-2]
    if _DOUBLED.search(stem) and not stem.endswith(("ll", "ss", "ff", "zz")):
        return stem[:-1]
    if _SILENT_E.search(stem) and not stem.endswith(("ss", "itor")):
        return stem + "e"
    return stem if _ED_STEM.search(stem) else None


def _expand(words: list[str]) -> list[str]:
    """Open "it's" and friends, so "it's not in the budget" can be inverted."""
    out: list[str] = []
    for word in words:
        opened = w.CONTRACTIONS.get(word.lower())
        if opened is None:
            out.append(word)
            continue
        first, second = opened.split()
        out += [first if word[0].islower() else first.capitalize(), second]
    return out


def _clause(text: str) -> str:
    """The part worth asking about: the first sentence; after "because" the cause."""
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    sentence = (match.group(1) if match else text).strip()
    cause = re.split(r",?\s+because\s+", sentence, maxsplit=1, flags=re.IGNORECASE)
    if len(cause) == 2 and cause[1].strip():
        return cause[1].strip()
    effect = re.split(r",?\s+(?:so|which means|therefore)\s+", sentence, maxsplit=1)
    before, _, after = effect[0].partition(", ")
    if after and _NEGATION.search(before):
        return after.strip()  # "nobody forgot anything, the sensor failed": the second part
    return effect[0].strip()


_SLIPPED = re.compile(
    r"\b(?:forgot to|forgets to|forgot|failed to|fails to|didn't|did not|doesn't|does not|"
    r"never)\s+(?P<verb>[a-z]+)(?P<rest>[^.!?;]*)",
    re.IGNORECASE,
)


def the_work_missed(text: str) -> str | None:
    """A slip told as the work that gets missed, without who missed it: "Kelly forgot to
    restock the crash cart again" -> "Restocking the crash cart gets missed"."""
    match = _SLIPPED.search(text)
    if match is None:
        return None
    rest = re.sub(r"\s+(?:again|as usual|every time|once more)\s*$", "", match["rest"].rstrip())
    verb = match["verb"].lower()
    if verb.endswith("s") and not verb.endswith("ss"):
        verb = _present_base(verb)  # "never closes" -> close
    return f"{_gerund(verb).capitalize()}{rest} gets missed"


def _gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"
