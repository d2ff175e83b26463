"""Turning an idea or an answer into the next "why" question, in the person's own words.

A question built from what was just said keeps the dialogue on the author's thinking, not
on a script. Grammar is handled for the common shapes ("X is Y", "X jams", "we have X",
"we stopped X", proposals such as "add a printer"); anything else gets a form that is
correct for every statement: "Why is it that ...?".
"""

from __future__ import annotations

import re

_AUXILIARIES = frozenset(
    "is are was were am can could will would should shall may might must".split()
)
_NEGATIVES = frozenset(
    "isn't aren't wasn't weren't can't couldn't won't wouldn't shouldn't mustn't "
    "doesn't don't didn't hasn't haven't hadn't".split()
)
_DETERMINERS = frozenset(
    "the a an our my your their his her its this that these those some any no every "
    "each all both several many few".split()
)
_PRONOUN_DO = frozenset("i we you they people".split())
_PRONOUN_DOES = frozenset(
    "he she it nobody everybody somebody everyone someone anyone noone this that".split()
)
_LOWER_FIRST = (
    _DETERMINERS
    | _PRONOUN_DO
    | _PRONOUN_DOES
    | frozenset(
        "there nothing everything something only not too one two three when if after before "
        "without with lack most none other another old new".split()
    )
)
_PARTICIPLES = frozenset(
    "been gone done made seen taken given written forgotten lost left put set broken "
    "chosen known shown grown got gotten kept run become begun brought bought caught "
    "fallen felt found held heard led meant met paid said sent sold spent stood told "
    "thought understood won worn".split()
)
_IRREGULAR_PAST = {
    "forgot": "forget",
    "broke": "break",
    "left": "leave",
    "took": "take",
    "ran": "run",
    "went": "go",
    "made": "make",
    "got": "get",
    "wrote": "write",
    "fell": "fall",
    "lost": "lose",
    "came": "come",
    "saw": "see",
    "found": "find",
    "gave": "give",
    "knew": "know",
    "thought": "think",
    "told": "tell",
    "said": "say",
    "sent": "send",
    "kept": "keep",
    "began": "begin",
    "stood": "stand",
    "bought": "buy",
    "brought": "bring",
    "caught": "catch",
    "chose": "choose",
    "drove": "drive",
    "felt": "feel",
    "held": "hold",
    "heard": "hear",
    "meant": "mean",
    "met": "meet",
    "paid": "pay",
    "sold": "sell",
    "spent": "spend",
    "understood": "understand",
    "wore": "wear",
    "had": "have",
    "did": "do",
    "stuck": "stick",
    "hit": "hit",
}
_CLEAR_ED_STEM = re.compile(
    r"(?:[aeiou]{2}[b-df-hj-np-tv-z]|ck|ch|sh|nt|rt|st|lt|nd|rk|ll|ss|ff|lp|mp|sk|ft|wn|rn|rm|ct|pt|xt|nk|ld|rd|lk|gn|ow|ay|ey)$"
)
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")
_LEADING_FILLER = re.compile(
    r"^(?:because|cause|coz|since|well|so|i think|i guess|probably|maybe|perhaps|"
    r"it seems|apparently|basically)\b[\s,]*",
    re.IGNORECASE,
)
_PROPOSAL_LEAD = re.compile(
    r"^(?:(?:maybe |perhaps )?(?:we|i) (?:should|could|need to|must|might|want to|ought to)|"
    r"let's|let us|lets|(?:can|could|should|shall) we|why don't we|how about|what if we|"
    r"i propose (?:that )?we|i suggest (?:that )?we|proposal:|idea:|suggestion:)\s+",
    re.IGNORECASE,
)
_PROPOSAL_VERBS = frozenset(
    "add buy use move create replace automate make install introduce put get change "
    "remove stop start reduce standardize standardise label switch build provide hire "
    "train update improve clean fix share order rearrange reorganize reorganise "
    "implement set try test have give keep schedule print check digitize digitise "
    "combine split mark paint store document write track measure display post merge "
    "adopt swap upgrade simplify".split()
)
_ADVERBS = frozenset(
    "always often never usually sometimes rarely just only still also really already "
    "normally mostly seldom".split()
)
_CONTRACTIONS = {
    "it's": "it is",
    "there's": "there is",
    "that's": "that is",
    "he's": "he is",
    "she's": "she is",
    "we're": "we are",
    "they're": "they are",
    "you're": "you are",
    "i'm": "I am",
    "we've": "we have",
    "they've": "they have",
}
_MAX_WORDS = 24


def first_why(idea: str) -> str:
    """Why #1, phrased from the idea: a problem is asked about, a proposal is traced back."""
    sentence = _first_sentence(idea)
    words = sentence.split()
    if not words:
        return "Why does this happen?"
    if sentence.endswith("?") and words[0].lower() == "why":
        return sentence
    proposal = _PROPOSAL_LEAD.sub("", sentence.rstrip("?"))
    if proposal != sentence.rstrip("?") or words[0].lower() in _PROPOSAL_VERBS:
        verb, _, rest = proposal.partition(" ")
        return f"What happens today that makes us want to {verb.lower()} {rest}".rstrip() + "?"
    return why(sentence)


def next_why(answer: str) -> str:
    """The next why, phrased from the last answer."""
    return why(_LEADING_FILLER.sub("", _first_sentence(answer)))


def why(statement: str) -> str:
    """ "The rollers are dusty" -> "Why are the rollers dusty?"."""
    words = _expand(statement.strip().rstrip(".!?;:").replace("\u2019", "'").split())
    if not words:
        return "Why does that happen?"
    if len(words) > _MAX_WORDS:
        return f"Why is it that {lower_first(' '.join(words[:_MAX_WORDS]))}…?"
    question = _inverted(words) or _with_do(words)
    return question or f"Why is it that {lower_first(' '.join(words))}?"


def _inverted(words: list[str]) -> str | None:
    """Subject-auxiliary inversion: "X is Y" -> "Why is X Y?"."""
    for i, word in enumerate(words[:7]):
        low = word.lower()
        is_aux = low in _AUXILIARIES or low in _NEGATIVES
        has_aux = (
            low in ("has", "have", "had")
            and i + 1 < len(words)
            and (
                words[i + 1].lower() in _PARTICIPLES
                or words[i + 1].lower().endswith("ed")
                or words[i + 1].lower() == "not"
            )
        )
        if (is_aux and low not in ("doesn't", "don't", "didn't")) or has_aux:
            if i == 0 or not _is_subject(words[:i]):
                return None
            return _question(low, words[:i], words[i + 1 :])
        if low in ("doesn't", "don't", "didn't") and i > 0 and _is_subject(words[:i]):
            return _question(low, words[:i], words[i + 1 :])
        if not _could_be_subject_word(words, i):
            return None
    return None


def _with_do(words: list[str]) -> str | None:
    """Do-support: "X jams" -> "Why does X jam?", "we stopped" -> "Why did we stop?"."""
    for i in range(1, min(len(words), 6)):
        subject = words[:i]
        if not _is_subject(subject):
            return None
        head = subject[-1].lower()
        if head in _DETERMINERS or (head.endswith("ing") and i == 1):
            continue
        adverbs, j = [], i
        while j < len(words) - 1 and words[j].lower() in _ADVERBS:
            adverbs.append(words[j])
            j += 1
        verb = words[j].lower()
        if "'" in verb:
            continue
        rest = words[j + 1 :]
        if verb in ("have", "has", "had"):
            aux = {"have": "do", "has": "does", "had": "did"}[verb]
            return _question(aux, subject, [*adverbs, "have", *rest])
        base = _past_base(verb)
        if base is not None:
            return _question("did", subject, [*adverbs, base, *rest])
        if verb.endswith("s") and not verb.endswith("ss") and head not in _PRONOUN_DO:
            if head.endswith("s") and head not in _PRONOUN_DOES:
                return None
            return _question("does", subject, [*adverbs, _present_base(verb), *rest])
        if len(subject) == 1 and head in _PRONOUN_DO and verb.isalpha():
            return _question("do", subject, [*adverbs, verb, *rest])
    return None


def _expand(words: list[str]) -> list[str]:
    """Open "it's" and friends, so "it's not in the budget" can be inverted."""
    out: list[str] = []
    for word in words:
        opened = _CONTRACTIONS.get(word.lower())
        if opened is None:
            out.append(word)
            continue
        first, second = opened.split()
        out += [first if word[0].islower() else first.capitalize(), second]
    return out


def _question(aux: str, subject: list[str], rest: list[str]) -> str:
    body = " ".join([lower_first(" ".join(subject)), *rest])
    return f"Why {aux} {body}?"


def _is_subject(words: list[str]) -> bool:
    """A short noun phrase: no verbs, prepositions or auxiliaries in it."""
    if not words or len(words) > 5:
        return False
    return all(_could_be_subject_word(words, i) for i in range(len(words)))


def _could_be_subject_word(words: list[str], i: int) -> bool:
    low = words[i].lower().strip(",")
    if low in _AUXILIARIES or low in _NEGATIVES or low in ("has", "have", "had", "does", "do"):
        return False
    if low in ("to", "in", "on", "at", "of", "for", "with", "by", "from", "because", "when"):
        return False
    return low.replace("'", "").replace("-", "").isalnum()


def _present_base(verb: str) -> str:
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|zz|o)es$", verb):
        return verb[:-2]
    return verb[:-1]


def _past_base(verb: str) -> str | None:
    if verb in _IRREGULAR_PAST and verb != "had":
        return _IRREGULAR_PAST[verb]
    if not verb.endswith("ed") or len(verb) < 5:
        return None
    if verb.endswith("ied"):
        return verb[:-3] + "y"
    stem = verb[:-2]
    if _DOUBLED.search(stem) and not stem.endswith(("ll", "ss", "ff", "zz")):
        return stem[:-1]
    if _CLEAR_ED_STEM.search(stem):
        return stem
    return None


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    return (match.group(1) if match else text).strip()


def lower_first(text: str) -> str:
    """Lower-case a sentence's first word unless it looks like a name or an acronym."""
    if not text:
        return text
    first, _, rest = text.partition(" ")
    low = first.lower().removesuffix("'s")
    looks_common = low in _LOWER_FIRST or low.endswith(("ing", "er", "ers", "s", "tion", "ment"))
    plain_capital = first[:1].isupper() and first[1:].islower()
    if first == "I" or not plain_capital or not looks_common:
        return text
    return f"{low} {rest}".rstrip()
