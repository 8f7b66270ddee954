"""What a speaker phrase denotes: a named person, an institution, a group, a title, or a pronoun.

"Kremlin spokesman Dmitry Peskov" is the person "Dmitry Peskov" with the title "Kremlin spokesman";
"the Chinese Foreign Ministry" an institution; "US officials" a group; "the spokesman" and "he" point
back to someone named earlier (resolved in `index.cast`). The alias table (`index/data/aliases.json`)
says whom a speaker speaks for: "Kremlin" → russia.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from index.phrases import Phrase
from index.speech_lexicon import (
    DEMONYMS,
    FEMALE_WORDS,
    GROUP_NOUNS,
    INSTITUTION_HEADS,
    MALE_WORDS,
    MEDIA,
    NAME_PARTICLES,
    NON_PERSONS,
    NON_SPEAKERS,
    PERSON_NOUNS,
    QUANTIFIERS,
    ROLE_WORDS,
    SENTENCE_OPENERS,
    TITLE_WORDS,
)

PRONOUNS = frozenset(("he", "she", "it"))
_PARTY = re.compile(r"[DRI]-[A-Z][A-Za-z]*")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_MAX_NAME = 3  # capitalized words: "Recep Tayyip Erdogan", "Kim Jong Un"
# A destination, a posting or a field in a title is not whom the speaker speaks for: "Ambassador to the
# United Nations", "an analyst at the Russian embassy in Washington", "an expert on Russia".
_DESTINATION = re.compile(
    r"\b(?:to|in|at|on|about)\s+(?:the\s+)?[A-Z][\w.'’\-]*(?:\s+(?:of\s+)?[A-Z][\w.'’\-]*)*"
)


@dataclass(frozen=True)
class Speaker:
    """A classified speaker phrase.

    ``kind``: "person" (a name), "role" (a title with no name: "a Kremlin spokesman", "the minister"),
    "institution", "group" or "pronoun". ``label`` is the name, or the phrase without its article.
    ``definite`` marks "the spokesman"/"the ministry": someone named before, to be looked up.
    """

    kind: str
    written: str
    label: str
    name: tuple[str, ...] = ()
    role: str = ""  # the title and apposition ("Kremlin spokesman", "the ministry's spokeswoman")
    head: str = ""  # the noun a later "the <head>" refers back with ("spokesman", "ministry")
    definite: bool = False

    @property
    def gender(self) -> str:
        words = set((self.role + " " + self.written).lower().split())
        return "f" if words & FEMALE_WORDS else "m" if words & MALE_WORDS else ""


def classify(phrase: Phrase, text: str, at_sentence_start: bool, known_name: KnownName) -> Speaker | None:
    """The speaker a phrase names, or None when it names no one who speaks ("The report", "Others")."""
    words = list(phrase.words)
    begin = phrase.begin
    if at_sentence_start and (
        words[0] in SENTENCE_OPENERS or (words[0].endswith("ing") and not known_name(words[0]))
    ):  # "But Peskov said", "Rejecting the claims, Peskov said"
        begin = text.index(words[0], begin) + len(words[0])
        words = words[1:]
        while begin < phrase.end and not text[begin].isalpha():
            begin += 1
    if not words:
        return None
    written = text[begin : phrase.end]
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return Speaker("pronoun", written, words[0].lower(), head=words[0].lower())
    if len(words) == 1 and _PARTY.fullmatch(words[0].rstrip(".")):
        return None  # "…, R-Mont. posted": a party tag left over from a list of names
    det = words[0].lower() if words[0].lower() in QUANTIFIERS else ""
    rest = words[1:] if det else words
    if not rest:
        return None
    label = written[len(words[0]) :].lstrip() if det else written
    last = rest[-1]
    low = [w.lower() for w in rest]
    if _possessive(last) or low[-1] in NON_SPEAKERS or label.lower().removeprefix("the ") in MEDIA:
        return None
    if any(w.islower() and w in NON_SPEAKERS for w in rest):
        return None
    if rest[-1] in DEMONYMS:
        return None
    if low[-1] in GROUP_NOUNS:
        if at_sentence_start and not det and (low[0] in GROUP_NOUNS or low[0] in ROLE_WORDS):
            label = label[0].lower() + label[1:]  # "Officials said" → "officials"
        return Speaker("group", written, label, role=phrase.appositive, head=low[-1])
    if _coordinated(rest):
        return None  # "Germany and Turkey", "Biden and Scholz" (but "Ukrainian and US officials" above)
    # "The office of President Zelenskyy", "the Ministry of Foreign Affairs" are bodies; "Governor of
    # the National Bank of Ukraine Valeriia Gontareva" is a person.
    first_of = low.index("of") if "of" in low else -1
    owned = first_of > 0 and low[first_of - 1] in INSTITUTION_HEADS
    name = personal_name(rest)
    titled = bool(name) and len(name) < len(rest) and is_title(rest[len(rest) - len(name) - 1])
    if name and not owned and (det not in ("the", "a", "an") or titled):  # "the EU's top diplomat X"
        alone = len(rest) == 1 and at_sentence_start and begin == phrase.begin
        if alone and name[0].endswith("s") and not known_name(name[0]):
            return None  # "Voters said": a plural capitalized only because it opens the sentence
        title = label[: label.rfind(name[0])].strip(" ,")
        return Speaker("person", written, " ".join(name), name, _join(title, phrase.appositive))
    head = _person_head(low)
    if head:
        return Speaker("role", written, label, (), _join(label, phrase.appositive), head, det == "the")
    if owned:
        return Speaker("institution", written, label, (), _join(label, phrase.appositive), low[-1])
    if all(is_title(w) for w in rest):
        return None  # "Lt. Col." with the name out of reach
    definite = det == "the" and len(rest) == 1 and low[-1] in INSTITUTION_HEADS
    if definite or rest[-1][0].isupper() or low[-1] in INSTITUTION_HEADS:
        return Speaker("institution", written, label, (), _join(label, phrase.appositive), low[-1], definite)
    return None


class KnownName:
    """Is a capitalized word at a sentence's start a name? Yes if the article also writes it capitalized
    inside a sentence, or the alias table lists it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.inside: frozenset[str] | None = None

    def __call__(self, word: str) -> bool:
        if word in alias_names():
            return True
        if self.inside is None:  # one pass, and only for articles that need it
            self.inside = frozenset(_INSIDE_CAPITAL.findall(self.text))
        return word in self.inside


_INSIDE_CAPITAL = re.compile(r"(?<=[\w,;:] )[A-Z][\w'’\-]*")


def affiliations(*texts: str) -> tuple[str, ...]:
    """The alias-table keys the texts name (a title, a name): "Kremlin spokesman" → ("russia",)."""
    found: set[str] = set()
    for t in texts:
        found.update(_keys(_DESTINATION.sub(" ", t)))
    return tuple(key for key, _ in alias_patterns() if key in found)


@lru_cache(maxsize=4096)
def _keys(text: str) -> frozenset[str]:
    return frozenset(
        key for key, pattern in alias_patterns() if any(_names(text, m) for m in pattern.finditer(text))
    )


def _names(text: str, m: re.Match[str]) -> bool:
    """Does an alias match stand for itself? A multi-word alias inside a longer name does not: "Security
    Council" (the UN's) in "US National Security Council" or "the Russian Security Council"."""
    if " " not in m.group():
        return True
    before = text[max(0, m.start() - 40) : m.start()].split()
    if not before or not before[-1][0].isupper():
        return True
    word = before[-1].lower()  # a title or an article may stand before: "President Xi Jinping"
    return word in TITLE_WORDS or word in PERSON_NOUNS or word in QUANTIFIERS


@cache
def alias_table() -> dict[str, tuple[str, ...]]:
    raw = json.loads(resources.files("index").joinpath("data/aliases.json").read_text(encoding="utf-8"))
    return {key: tuple(names) for key, names in raw.items() if not key.startswith("_")}


@cache
def alias_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for key, names in alias_table().items():
        longest = sorted(names, key=len, reverse=True)
        # Acronyms match in their case only, so "us" and "un-" do not count.
        parts = [re.escape(n) if n.isupper() else "(?i:" + re.escape(n) + ")" for n in longest]
        out.append((key, re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?!\w)")))
    return tuple(out)


@cache
def alias_names() -> frozenset[str]:
    """Every word of every alias ("Kremlin", "Dmitry", "Peskov")."""
    return frozenset(w for names in alias_table().values() for n in names for w in n.split())


@cache
def person_aliases() -> frozenset[str]:
    """Alias words that name people: the words of multi-word aliases that read as a personal name
    ("Vladimir Putin" → "Vladimir", "Putin"), so "Putin" alone is known to be a person."""
    out: set[str] = set()
    for names in alias_table().values():
        for n in names:
            words = n.split()
            if len(words) > 1 and personal_name(words) == tuple(words):
                out.update(words)
    return frozenset(out)


def personal_name(words: list[str]) -> tuple[str, ...]:
    """The trailing personal name: "Kremlin spokesman Dmitry Peskov" → ("Dmitry", "Peskov"). Three
    capitalized words only right after a title or alone, else two ("Assistant Secretary of State for
    European and Eurasian Affairs Karen Donfried" → "Karen Donfried"). A name before "of" or "from"
    wins over a place after it: "Sen. Rick Scott of Florida" → "Rick Scott"."""
    for i, w in enumerate(words):
        if w in ("of", "from") and 0 < i < len(words) - 1 and _name_word(words[i - 1]):
            before = _trailing_name(words[:i])
            if before:
                return before
    return _trailing_name(words)


def _trailing_name(words: list[str]) -> tuple[str, ...]:
    i = len(words)
    capitals = 0
    while i > 0 and capitals < _MAX_NAME:
        w = words[i - 1]
        if w in NAME_PARTICLES and capitals and i > 1:
            i -= 1
            continue
        if not _name_word(w):
            break
        capitals += 1
        i -= 1
    while i < len(words) and words[i] in NAME_PARTICLES:
        i += 1
    name = words[i:]
    if i > 0 and words[i - 1] in ("to", "in", "at", "for", "of"):
        return ()  # "Russia's ambassador to Lebanon", "the Ministry of Internal Affairs": not a name
    if capitals == _MAX_NAME and i > 0 and not is_title(words[i - 1]):
        name = name[1:]
    return tuple(name)


def _name_word(w: str) -> bool:
    if not w[0].isupper() or _possessive(w) or w in NON_PERSONS or is_title(w):
        return False
    low = w.lower()
    if low in INSTITUTION_HEADS or low in GROUP_NOUNS or low in QUANTIFIERS or low in PERSON_NOUNS:
        return False
    if w.endswith(".") and not _INITIALS.fullmatch(w):
        return False  # "Gen.", "Sen." — but "John F. Kennedy", "H.R. McMaster" ("U.S." is a place)
    return not (w.isupper() and len(w) > 1 and w.isalpha())  # "NATO", "WADA"


def is_title(w: str) -> bool:
    """A word of a title ("Foreign", "Minister", "spokesman", "Gen.")."""
    return w.lower() in TITLE_WORDS or w.lower() in ROLE_WORDS


def _person_head(low: list[str]) -> str:
    """The title noun of an unnamed speaker: "a senior US official" → "official", "a spokesperson for
    the ministry" → "spokesperson"."""
    for i, w in enumerate(low):
        if w in ("of", "for", "to", "at") and i and low[i - 1] in PERSON_NOUNS:
            return low[i - 1]
    return low[-1] if low[-1] in PERSON_NOUNS else ""


def _coordinated(words: list[str]) -> bool:
    """ "Germany and Turkey", "Biden and Scholz": several speakers at once, which we do not split."""
    for i, w in enumerate(words):
        if w == "and" and 0 < i < len(words) - 1:
            before = words[:i]
            return not any(is_title(b) for b in before)
    return False


def _possessive(w: str) -> bool:
    return w.endswith(("'s", "’s", "s'", "s’"))


def _join(*parts: str) -> str:
    return ", ".join(p for p in parts if p)
