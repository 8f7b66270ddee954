"""Question understanding: the date constraint, the speaker, the content words. Pure functions."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from index.dates import DateConstraint, parse_question_date, strip_date
from index.sentences import split_sentences

# "AT&T" and "S&P" are one word.
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.&\-]*[A-Za-z0-9]|[A-Za-z0-9]")

STOPWORDS = frozenset(
    """
    a an the of to in on at by for from with about as into over after before during and or but not no is
    are was were be been being do does did done has have had having will would shall should can could
    may might must this that these those it its it's they them their there here what which who whom
    whose when where why how than then so such very just also any some all each more most other same own
    only too s t i me my we our you your he him his she her said say says saying tell told about against
    between within without up down out off again further once news article report reported according did
    latest happen happened anything something
    """.split()
)

SPEECH_QUESTION = re.compile(
    r"\b(what|how)\b.*\b(say|said|says|claim|claimed|tell|told|respond|responded|react|reacted|reply|replied|"
    r"state|stated|announce|announced|deny|denied|think|argue|argued|warn|warned|position|stance|reaction|"
    r"response)\b",
    re.IGNORECASE,
)

SPEECH_WORDS = (
    "said says say saying told tells stated states denied denies deny added adds claimed claims warned "
    "warns announced announces accused accuses rejected rejects urged urges insisted insists noted notes "
    "emphasized emphasised stressed dismissed dismisses condemned condemns responded reiterated asserted "
    "asserting argued called calls declared confirmed confirms acknowledged vowed pledged wrote according_to "
    "statement remarks spokesperson spokesman spokeswoman opposes opposed"
).split()


def first_letters(words: list[str]) -> str:
    """A lookahead on the words' first letters (an acronym's in its case, others in either). It lets the
    regex engine skip most positions without trying every alternative: the speech-verb and speaker
    patterns run over every candidate passage of every question."""
    firsts = {c for w in words for c in ((w[0],) if w.isupper() else (w[0].lower(), w[0].upper()))}
    return "(?=[" + re.escape("".join(sorted(firsts))) + "])"


def any_word(words: list[str]) -> re.Pattern[str]:
    """Whole words or phrases (`_` for a space), in any case."""
    alternatives = "|".join(re.escape(w).replace("_", " ") for w in words)
    return re.compile(first_letters(words) + f"\\b(?:{alternatives})\\b", re.IGNORECASE)


SPEECH_VERBS = any_word(SPEECH_WORDS)


@dataclass(frozen=True)
class Speaker:
    key: str  # canonical name, e.g. "china"
    pattern: re.Pattern[str]  # matches any alias as a whole word/phrase
    names: tuple[str, ...] = ()  # the aliases, longest first


# What kind of fact a question asks for: the quote should hold one (retrieval/answer.py).
QUESTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "amount",
        re.compile(
            r"\b(how (many|much|long|far|old|big|large|deep|high|fast)|"
            r"(what|which|to what) (\w+ )?(number|share|percentage|percent|amount|level|rate|turnout|margin|"
            r"figure|sum|toll|cost|price|total|size|birthday|magnitude|age)|"
            r"what (was|is|were) the (\w+ )?(number|toll|cost|price|total|size|amount))\b",
            re.IGNORECASE,
        ),
    ),
    ("time", re.compile(r"^\s*(when|what (date|day|year|month|time)|since when|by when)\b", re.IGNORECASE)),
    (
        "place",
        re.compile(
            r"^\s*(where|in which (city|country|town|region)|which (city|country|town|region))\b",
            re.IGNORECASE,
        ),
    ),
    ("who-is", re.compile(r"^\s*(who (is|was|are|were)|who['’]s)\b", re.IGNORECASE)),
    (
        "person",
        re.compile(
            r"^\s*(who|whom|which (leader|official|minister|president|company|country))\b", re.IGNORECASE
        ),
    ),
)


# "Which/what NOUN …?" asks for the kind of thing the noun names (one of its first four words), or for
# a thing named beside the noun (asked_nouns reads up to six).
WHICH = re.compile(r"\b(?:which|what)((?:\s+[\w'’-]+){1,6})", re.IGNORECASE)
NOUN_KINDS = {
    "person": (
        "person people man woman leader official officials minister president owner player players judge "
        "general commander cosmonaut cosmonauts astronaut painter artist journalist reporter activist "
        "spokesman spokeswoman spokesperson politician lawmaker senator diplomat ambassador oligarch "
        "billionaire athlete skater coach candidate chancellor premier king queen prince envoy secretary"
    ).split(),
    "place": (
        "city town village country countries region province state island port base installation airport "
        "venue place capital border river sea coast peninsula prison hospital stadium location site"
    ).split(),
    "time": "date day year month week time decade century season".split(),
}
NOUN_KIND = {noun: kind for kind, nouns in NOUN_KINDS.items() for noun in nouns}


def asked_clause(text: str) -> str:
    """The sentence that asks: a quiz question sets a scene first ("Loretta Lynn died this week at 90.
    Which music genre was she best known for?"), and its kind is the asking sentence's."""
    spans = split_sentences(text)
    if len(spans) < 2:
        return text
    parts = [text[s:e] for s, e in spans]
    asking = [p for p in parts if p.rstrip().endswith("?")]
    return (asking or parts)[-1]


def question_kind(text: str) -> str:
    """ "amount", "time", "place", "who-is", "person", "named" (which thing: see asked_nouns) or ""."""
    clause = asked_clause(text)
    return _kind(clause, _head_noun(clause))


def _kind(clause: str, things: tuple[str, ...]) -> str:
    for kind, pattern in QUESTION_KINDS:
        if pattern.search(clause):
            return kind
    m = WHICH.search(clause)
    for word in m.group(1).split()[:4] if m else ():
        if word.lower() in NOUN_KIND:
            return NOUN_KIND[word.lower()]
    return "named" if things else ""


AUXILIARIES = frozenset(
    "do does did is was were are has have had will would can could should may might".split()
)
# Past tenses without "-ed", which end the noun a "which" question asks for ("Which tanker caught fire").
IRREGULAR_PAST = frozenset(
    "beat became began bought brought built came caught chose cut drew drove fell fled flew fought found "
    "froze gave got grew hid hit held kept knew led left lost made meant met paid put quit ran rose said "
    "sank sat saw sent set shot shut sold sought spent split spoke spread stood stole struck swore taught "
    "thought threw told took tore underwent went withdrew won wore wrote".split()
)

# "What kind of …", "which one …", "what reason …" ask for a description or point back, not for a name.
DESCRIPTIONS = frozenset(
    "kind kinds type types sort sorts one ones reason reasons way ways role purpose".split()
)
# "What else …", "What happens next?": no noun follows "what".
NOT_NOUNS = frozenset("else about happens exactly really now then next if".split())


def asked_nouns(text: str) -> tuple[str, ...]:
    """The noun that says what a "which/what" question asks for, the last before its verb: "Which Kamchatka
    volcano erupted …" → ("volcano",), "Which Polish gas company did …" → ("company",). The answer is a name,
    and an article writes it beside them ("the Shiveluch volcano", "cosmonauts Oleg Kotov and …")."""
    return _head_noun(asked_clause(text))


def _head_noun(clause: str) -> tuple[str, ...]:
    m = WHICH.search(clause)
    words = m.group(1).split() if m else []
    # "Which of the following companies …", "which of these firms …"
    if words and words[0].lower() == "of":
        words = [w for w in words[1:4] if w.lower() not in ("the", "following", "these", "those")] + words[4:]
    out: list[str] = []
    for i, word in enumerate(words):
        low = word.lower().strip("'’")
        verb = low in IRREGULAR_PAST or low.endswith("ed") or SPEECH_VERBS.fullmatch(low) is not None
        if i == 0 and (
            low in DESCRIPTIONS or low in NOT_NOUNS or low in AUXILIARIES or low in STOPWORDS or verb
        ):
            return ()  # "What caused the crash?", "What the hell …", "What kind of costs …"
        if low in AUXILIARIES or verb or (out and (low in STOPWORDS or low.endswith("ly"))):
            break  # the noun ends at the verb: "which country this week", "company recently announced"
        if word[0].isupper() or low in STOPWORDS or not low.replace("-", "").isalpha() or low.endswith("ly"):
            continue
        out.append(low)
    # The last of them is the head ("sports star", "gas company"): the others only qualify it.
    return tuple(out[-1:])


HOW_MANY = re.compile(r"\bhow many\s+([^?.!]*)", re.IGNORECASE)


# Nouns counted without a plural "s" ("how many people live …").
UNMARKED_PLURALS = frozenset("people children police staff personnel men women cattle".split())


def counted_noun(clause: str) -> tuple[str, ...]:
    """What "how many" counts: the last plural before the verb or preposition ("how many national
    anti-doping agencies called …" → ("agencies",), "how many people live in …" → ("people",), "how
    many Christmas trees are …" → ("trees",)); () when no noun follows ("how many were killed")."""
    m = HOW_MANY.search(clause)
    words: list[str] = []
    for word in m.group(1).split()[:5] if m else []:
        low = word.lower().strip(",;:'’\"“”")
        if low in IRREGULAR_PAST or low.endswith("ed") or low in AUXILIARIES or low in STOPWORDS:
            break  # the noun ends at the verb or the preposition: "doses of", "people died"
        if low.replace("-", "").isalpha():  # not "Covid-19" in "how many Covid-19 deaths"
            words.append(low)
    plural = [w for w in words if w in UNMARKED_PLURALS or (w.endswith("s") and not w.endswith("ss"))]
    return tuple((plural or words)[-1:])


@dataclass(frozen=True)
class TermEvidence:
    """One content word of the question as the archive knows it (retrieval/vocab.py looks it up)."""

    term: str  # lowercased, as in Query.terms
    surface: str  # as the question writes it ("Kovalchuk-Dorosh")
    passages: int  # passages holding it, counted up to a cap (0 = none)
    name: bool  # capitalised in the question, not as its first word, and not a known entity (aliases)
    nearest: str = ""  # a near spelling the archive does use, as an article writes it ("" = none)
    capitalised: bool = False  # capitalised in the question, not as its first word (names and entities)


@dataclass(frozen=True)
class Query:
    text: str
    content: str  # the question without its date expression
    date: DateConstraint | None
    speakers: tuple[Speaker, ...]
    asks_speech: bool
    terms: tuple[str, ...]  # content words, lowercased, stopwords removed, in order
    today: dt.date | None = None  # the day the question is asked: relative dates and freshness count from it
    kind: str = ""  # what kind of fact it asks for (question_kind)
    # for a "which/what NOUN" question, that noun (asked_nouns); for "how many NOUN", what it counts
    things: tuple[str, ...] = ()
    # What the archive knows of each content word, and how many passages it holds (0 = not looked up).
    evidence: tuple[TermEvidence, ...] = ()
    passages: int = 0


@cache
def load_speakers() -> tuple[Speaker, ...]:
    raw = json.loads(resources.files("index").joinpath("data/aliases.json").read_text(encoding="utf-8"))
    speakers = []
    for key, aliases in raw.items():
        if key.startswith("_"):
            continue
        names = sorted(aliases, key=len, reverse=True)
        # Acronyms (US, UN, EU) are matched case-sensitively so "us" and "un-" don't count.
        parts = [re.escape(n) if n.isupper() else "(?i:" + re.escape(n) + ")" for n in names]
        pattern = re.compile(
            first_letters(names) + r"(?<![\w.])(?:" + "|".join(parts) + r")(?:'s|’s)?(?![\w])"
        )
        speakers.append(Speaker(key, pattern, tuple(names)))
    return tuple(speakers)


@cache
def alias_words() -> frozenset[str]:
    """Every word of the speaker table's names, lowercased: known entities, never "unknown names"."""
    return frozenset(w for s in load_speakers() for n in s.names for w in tokenize(n))


POSSESSIVE = re.compile(r"['’]s$")


def tokenize(text: str) -> list[str]:
    # Most words have no apostrophe: skip the possessive regex for them (this runs over every candidate
    # sentence of every question).
    return [
        (POSSESSIVE.sub("", w.lower()) if "'" in w or "’" in w else w.lower()).strip(".'’-")
        for w in WORD.findall(text)
    ]


# Past forms that share no stem with their verb ("won" and "win"); only those that are not also common
# words of their own ("left", "found", "saw", "rose", "led", "fell" are).
IRREGULAR_BASE = {
    "won": "win",
    "began": "begin",
    "bought": "buy",
    "brought": "bring",
    "built": "build",
    "caught": "catch",
    "chose": "choose",
    "drew": "draw",
    "drove": "drive",
    "fled": "flee",
    "flew": "fly",
    "fought": "fight",
    "froze": "freeze",
    "gave": "give",
    "grew": "grow",
    "held": "hold",
    "kept": "keep",
    "knew": "know",
    "lost": "lose",
    "made": "make",
    "paid": "pay",
    "ran": "run",
    "said": "say",
    "sank": "sink",
    "sold": "sell",
    "sought": "seek",
    "spent": "spend",
    "stole": "steal",
    "struck": "strike",
    "swore": "swear",
    "taught": "teach",
    "thought": "think",
    "threw": "throw",
    "told": "tell",
    "took": "take",
    "went": "go",
    "withdrew": "withdraw",
    "wrote": "write",
    "written": "write",
    "taken": "take",
    "given": "give",
    "chosen": "choose",
    "stolen": "steal",
    "sworn": "swear",
    "spoken": "speak",
    "spoke": "speak",
    "became": "become",
    "came": "come",
}


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix strip, enough to match "resigns" with "resigned" ("resign"); an irregular past form
    becomes its verb first ("won" meets "win" and "winning")."""
    return suffix_stem(IRREGULAR_BASE.get(word, word))


@lru_cache(maxsize=1 << 16)
def suffix_stem(word: str) -> str:
    """The suffix strip alone: a prefix of the word as written, comparable to an index's Porter stems."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            # "shutting" and "stopped" meet "shut" and "stop" ("killed" keeps its "ll").
            if suffix in ("ing", "ed") and word[-1] == word[-2] and word[-1] in "bdgmnprt":
                word = word[:-1]
            break
    # "damage", "damaged" and "damages" all end as "damag"; "state" meets "states".
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def content_terms(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for w in tokenize(text):
        if (w and w not in STOPWORDS and not w.isdigit()) or (w.isdigit() and len(w) == 4):
            seen.setdefault(w, None)
    return tuple(seen)


YEAR = re.compile(r"^(?:19|20)\d\d$")


def asked_years(terms: Sequence[str]) -> list[int]:
    """Bare years in the question ("its 2030 summit"), which the date parser leaves as words."""
    return [int(t) for t in terms if YEAR.match(t)]


def find_speakers(text: str, speakers: tuple[Speaker, ...]) -> tuple[Speaker, ...]:
    return tuple(s for s in speakers if s.pattern.search(text))


def parse_query(question: str, today: date) -> Query:
    question = " ".join(question.split())
    constraint = parse_question_date(question, today)
    content = strip_date(question, constraint) if constraint else question
    speakers = find_speakers(content, load_speakers())
    clause = asked_clause(content)
    things = counted_noun(clause) or _head_noun(clause)
    return Query(
        text=question,
        content=content.strip() or question,
        date=constraint,
        speakers=speakers,
        asks_speech=bool(SPEECH_QUESTION.search(content)),
        terms=content_terms(content),
        today=today,
        kind=_kind(clause, things),
        things=things,
    )


def fts_expression(terms: tuple[str, ...]) -> str:
    """An FTS5 query matching any of the terms (BM25 ranks those with more, rarer terms first)."""
    quoted = ['"' + t.replace('"', "") + '"' for t in terms if t.replace('"', "")]
    return " OR ".join(quoted)
