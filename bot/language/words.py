"""Word lists the why-phrasing leans on: small, closed sets of English function words plus
the verbs that come up when people describe work going wrong."""

from __future__ import annotations

AUXILIARIES = frozenset(
    "is are was were am can could will would should shall may might must".split()
)
NEGATIVES = {
    "isn't": "isn't",
    "aren't": "aren't",
    "wasn't": "wasn't",
    "weren't": "weren't",
    "can't": "can't",
    "cannot": "can't",
    "couldn't": "couldn't",
    "won't": "won't",
    "wouldn't": "wouldn't",
    "shouldn't": "shouldn't",
    "mustn't": "mustn't",
    "doesn't": "doesn't",
    "don't": "don't",
    "didn't": "didn't",
    "hasn't": "hasn't",
    "haven't": "haven't",
    "hadn't": "hadn't",
}
DO_FORMS = frozenset("do does did".split())
HAVE_FORMS = {"have": "do", "has": "does", "had": "did"}
DETERMINERS = frozenset(
    "the a an our my your their his her its this that these those some any no every each "
    "all both several many few most".split()
)
PRONOUN_DO = frozenset("i we you they".split())
PRONOUN_DOES = frozenset(
    "he she it nobody everybody somebody everyone someone anyone noone nothing "
    "something everything".split()
)
PRONOUNS = PRONOUN_DO | PRONOUN_DOES
CONJUNCTIONS = frozenset(
    "to because when while if and but so since after before than then which who whom whose "
    "where".split()
)
PREPOSITIONS = frozenset("in on at of for with by from into onto over under through near".split())
ADVERBS = frozenset(
    "always often never usually sometimes rarely just only still also really already "
    "normally mostly seldom constantly regularly frequently".split()
)
CONTRACTIONS = {
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
PARTICIPLES = frozenset(
    "been gone done made seen taken given written forgotten lost left put set broken chosen "
    "known shown grown got gotten kept run become begun brought bought caught fallen felt "
    "found held heard led meant met paid said sent sold spent stood told thought understood "
    "won worn".split()
)
IRREGULAR_PAST = {
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
    "did": "do",
    "stuck": "stick",
    "used": "use",
    "grew": "grow",
    "froze": "freeze",
    "rose": "rise",
    "shut": "shut",
}
COMMON_VERBS = frozenset(
    "jam leak break fail wait block take get go come make need run stop work arrive happen "
    "overflow wear stick slip fall drop spill miss lose ship print scan pick pack load unload "
    "move sit stay stand use cost look seem keep hold fill empty open close start end last "
    "change differ vary collect gather pile build grow rise increase decrease crash freeze "
    "hang call answer reply send receive order deliver check clean read write fix repair "
    "replace want know forget remember understand learn agree ask tell see hear find give "
    "sell buy pay charge spend expect require depend rely own cover mention include show "
    "lack skip ignore follow reach leave return overheat rust bend tear crack smell "
    "sound beep flash blink restart reboot lag slow complain queue pile heat cool dry "
    "drip clog wobble shake vibrate".split()
)
PROPOSAL_VERBS = frozenset(
    "add buy use move create replace automate make install introduce put get change remove "
    "stop start reduce standardize standardise label switch build provide hire train update "
    "improve clean fix share order rearrange reorganize reorganise implement set try test "
    "have give keep schedule print check digitize digitise combine split mark paint store "
    "document write track measure display post merge adopt swap upgrade simplify".split()
)
SCARCITY = (
    "no",
    "not enough",
    "too much",
    "too many",
    "too few",
    "too little",
    "a lack of",
    "lack of",
)
