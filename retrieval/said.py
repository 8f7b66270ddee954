"""Questions about what someone said: who is asked about, and which stored statements are theirs.

Pure: the question's text and stored statements in, the asked speaker and ranked statements out. The
engine (retrieval/service.py) fetches statements from the index and turns the chosen ones into citations.

A person is matched by surname, allowing a small misspelling ("Zelenskyy" ≈ "Zelensky"); a country or an
institution ("Russia", "the Kremlin", "China") by the alias-table keys the statement's speaker speaks for
("Kremlin spokesman Dmitry Peskov" speaks for Russia).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.speakers import person_aliases, personal_name
from index.store_statements import StoredStatement
from retrieval.answer import context_line
from retrieval.query import Query, find_speakers, load_speakers, stem, tokenize
from retrieval.said_roles import asked_office, holds_office

SPEECH_VERB = (
    r"(?:tweet|tweeted|describe|described|"
    r"say|said|says|tell|told|announce|announced|warn|warned|deny|denied|claim|claimed|state|stated|"
    r"declare|declared|write|wrote|post|posted|respond|responded|reply|replied|argue|argued|accuse|"
    r"accused|reveal|revealed|admit|admitted|promise|promised|pledge|pledged|threaten|threatened|urge|"
    r"urged|suggest|suggested|insist|insisted|call|called|comment|commented|add|added|stress|stressed)"
)
_ASKS = (
    # what did X say / what has X told … / what was X saying
    re.compile(
        # X stays inside the question: "What is the variant …? Experts say …" asks no speaker.
        rf"^\s*what\s+(?:did|does|do|has|have|had|was|is|were)\s+(?P<x>[^?]+?)\s+(?:just\s+)?{SPEECH_VERB}\b",
        re.IGNORECASE,
    ),
    # X's statement / message / remarks …
    re.compile(
        r"(?:^|\bwhat\s+(?:was|were|is)\s+)(?P<x>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})['’]s?\s+"
        r"(?:statement|message|remarks|comments|words|response|reaction|speech|address|warning|"
        r"announcement|claim|post)s?\b",
    ),
    # X statement / X said / X on D (terse): the question is a name (with its title) and at most a
    # speech word
    re.compile(
        r"^\s*(?P<x>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|spokesman|spokeswoman|spokesperson|"
        r"minister|president|secretary|general|chancellor)){0,5})"
        r"(?:\s+(?:statement|statements|said|says|remarks|comments|quotes?|on|about))*\s*[?.!,;:]?\s*$",
    ),
)
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ROLE_WORDS = re.compile(
    r"\b(?:president|prime|minister|foreign|defense|defence|secretary|general|spokesman|spokeswoman|"
    r"spokesperson|chancellor|ambassador|chief|head|leader|senator|sen\.|rep\.|gov\.|governor|mayor)\b",
    re.IGNORECASE,
)
SURNAME_CUTOFF = 0.85  # difflib ratio: "zelenskyy" ≈ "zelensky", "stoltenburg" ≈ "stoltenberg"


@dataclass(frozen=True)
class AskedSpeaker:
    text: str  # as the question writes it: "Lavrov", "the Kremlin"
    surname: str  # lowercased last capitalised word: a person's surname if `person`
    keys: tuple[str, ...]  # alias-table keys the words name ("Kremlin" → russia)
    person: bool  # matched by surname; else by the keys (a country or an institution)
    given: str = ""  # a person's first name when the question gives one ("dmytro" Kuleba)
    office: str = ""  # asked by office, not name: "Putin's spokesman" → "spokesman" (retrieval/said_roles.py)

    def matches(self, s: StoredStatement) -> bool:
        if self.person:
            names = name_words(s.canonical)
            if not any(same_name(self.surname, w) for w in names + name_words(s.speaker)):
                return False
            # "Dmytro Kuleba" is not "Oleksiy Kuleba": a full name must agree on the first name too.
            return not (self.given and len(names) >= 2 and not same_given(self.given, names[0]))
        if self.office:  # by office: a title of it, for the country or body when one is named
            return holds_office(s.speaker, self.office) and (
                not self.keys or any(k in s.affiliations for k in self.keys)
            )
        return any(k in s.affiliations for k in self.keys)


# Capitalised words before a surname that are not a first name: titles and bodies ("NATO Chief X").
_NOT_GIVEN = frozenset(
    "NATO UN EU US U.S. UK Kremlin Russian Ukrainian Chinese French German British American Secretary "
    "General President Minister Foreign Prime Chancellor Chief Spokesman Spokeswoman Spokesperson Mr Mrs Ms "
    "Dr Sen Rep Gov Pope King Queen Prince".split()
)


def same_given(asked: str, written: str) -> bool:
    return same_name(asked, written) or (len(asked) == 1 and written.startswith(asked))


def as_person(asked: AskedSpeaker, statements: Sequence[StoredStatement]) -> AskedSpeaker:
    """Decide between a person and a country or institution from the archive itself: the asked word
    is a surname when some statement's speaker has it as the last word of a full name ("Volodymyr
    Zelenskyy", "Dmitry Medvedev"); "Russia" or "Kremlin" never ends one. A word the alias table does
    not list is a name either way."""
    if not asked.surname:
        return asked
    if not asked.keys:
        return AskedSpeaker(asked.text, asked.surname, (), True, asked.given)
    for s in statements:
        full = personal_name(s.canonical.split())
        if len(full) >= 2 and same_name(asked.surname, full[-1].lower()):
            return AskedSpeaker(asked.text, asked.surname, asked.keys, True, asked.given)
    return asked


def name_words(name: str) -> list[str]:
    return [w.lower().strip(".'’") for w in re.findall(r"[A-Za-zÀ-ÿ'’.-]+", name) if w[:1].isupper()]


def same_name(asked: str, written: str) -> bool:
    a, w = asked.lower().replace("'", ""), written.lower().replace("'", "")
    if a == w:
        return True
    return len(a) >= 5 and len(w) >= 5 and difflib.SequenceMatcher(None, a, w).ratio() >= SURNAME_CUTOFF


def asked_speaker(query: Query) -> AskedSpeaker | None:
    """Who a "what did X say …" question asks about (None: it asks about something else)."""
    text = query.content.strip()
    for pattern in _ASKS:
        m = pattern.search(text)
        if m:
            return _speaker(_LEADING.sub("", m.group("x").strip()))
    return None


def _speaker(x: str) -> AskedSpeaker | None:
    keys = tuple(s.key for s in find_speakers(x, load_speakers()))
    office = asked_office(x)
    if office:  # "Putin's spokesman", "the Russian president": whoever holds it then
        return AskedSpeaker(x, "", keys, False, office=office)
    words = [w for w in re.findall(r"[\w.'’-]+", x) if not _ROLE_WORDS.fullmatch(w)]
    capital = [re.sub(r"['’]s$", "", w.strip("'’")) for w in words if w[:1].isupper()]
    surname = capital[-1].lower() if capital else ""
    if not surname and not keys:
        return None
    person = bool(surname) and (not keys or capital[-1] in person_aliases())
    full = personal_name([re.sub(r"['’]s$", "", w) for w in words])
    given = full[0].lower() if len(full) >= 2 and full[0] not in _NOT_GIVEN else ""
    return AskedSpeaker(x, surname, keys, person, given)


def topic_words(query: Query, asked: AskedSpeaker) -> set[str]:
    """What the question asks the speaker about ("about sanctions" → {"sanction"}), without the name."""
    named = {stem(w) for w in tokenize(asked.text)}
    return {stem(t) for t in query.terms} - named


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = [w for w in tokenize(text) if w]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def reported_by(statements: Sequence[StoredStatement], texts: dict[tuple[str, int], str]) -> list[int]:
    """For each statement, how many other articles carry the same words (five in a row): the
    statement of the day that many outlets quote is the news, a passing remark is not."""
    grams = [shingles(texts.get((s.article_id, s.begin), "")) for s in statements]
    owners: dict[tuple[str, ...], set[str]] = {}
    for s, g in zip(statements, grams, strict=True):
        for gram in g:
            owners.setdefault(gram, set()).add(s.article_id)
    out = []
    for s, g in zip(statements, grams, strict=True):
        carriers: set[str] = set()
        for gram in g:
            carriers |= owners[gram]
        out.append(len(carriers - {s.article_id}))
    return out


def rank_statements(
    statements: Sequence[StoredStatement],
    texts: dict[tuple[str, int], str],
    topic: set[str],
    article_rank: dict[str, int],
) -> list[StoredStatement]:
    """Statements best first: those about the question's topic words; then those of the articles the
    engine ranks first; then those other articles carry too (the widely reported words); then ones
    dated in their own words over ones dated by publication; then the earliest in the article (news
    is written as an inverted pyramid: the lede states what was said, later quotes colour it).
    (Calibration half of tests/data/eval_statements.jsonl: article rank before reporting count,
    quote-hit 0.55 against 0.53; lede before direct quotes costs one question of 38 there, 0.53 against
    0.55, and is kept because the lede is what a reader asking "what did X say" wants first.)"""
    reported = reported_by(statements, texts)

    def key(i: int) -> tuple[int, float, int, int, int, int, int]:
        s = statements[i]
        text = texts.get((s.article_id, s.begin), "")
        words = {stem(w) for w in tokenize(text)}
        overlap = len(topic & words) / len(topic) if topic else 0.0
        return (
            int(context_line(text)),  # a headline or caption restates; the story's sentence says
            -overlap,
            article_rank.get(s.article_id, 10_000),
            -reported[i],
            int(s.day_inferred),
            s.begin,
            int(s.kind != "direct"),
        )

    return [statements[i] for i in sorted(range(len(statements)), key=key)]


def display_name(statements: Sequence[StoredStatement], asked: AskedSpeaker) -> str:
    """How to name the speaker in a reply: the canonical name the matching statements give most often,
    or the question's own words when there are none."""
    names = [s.canonical for s in statements if s.canonical]
    if not names:
        return asked.text
    return max(set(names), key=lambda n: (names.count(n), len(n)))


WHO_SAID = re.compile(
    r"^\s*who\s+(?:has\s+|had\s+)?(?:said|says|called|calls|told|warned|described|accused|claimed|declared|"
    r"wrote|stated|announced|vowed|urged|compared|likened|threatened|dismissed|denied|promised|pledged|"
    r"insisted|argued|tweeted|posted)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"[\"“”«»](?P<q>[^\"“”«»]{3,})[\"“”«»]|(?<![\w])['‘](?P<s>[^'‘’]{3,})['’](?![\w])")


def asks_who_said(query: Query) -> bool:
    return bool(WHO_SAID.search(query.content))


def quoted_fragment(question: str) -> str:
    """The words a who-said question quotes ("who said \"a brutal act of war\"?"), or ""."""
    m = QUOTED.search(question)
    return (m.group("q") or m.group("s") or "").strip() if m else ""


def normalized(text: str) -> str:
    """Lowercase words only: quotes match across case, punctuation and straight or curly marks."""
    return " ".join(w for w in tokenize(text) if w)


def who_said_score(statement_text: str, question_terms: set[str], fragment: str) -> float:
    """How well a statement is the one a who-said question asks about: 2 + the share of the question's
    words it holds when it carries the quoted fragment, else the share alone."""
    words = {stem(w) for w in tokenize(statement_text)}
    share = len(question_terms & words) / len(question_terms) if question_terms else 0.0
    if fragment and normalized(fragment) in normalized(statement_text):
        return 2.0 + share
    return share
