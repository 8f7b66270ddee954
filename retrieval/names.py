"""The question's names, and whether an article writes them. Pure.

An article that answers "How many Leopard 2 tanks did Portugal hand over?" writes "Portugal"; one that
answers "What did Mao Ning say about the Kakhovka dam?" writes "Kakhovka". The answer step cites an
article only when it writes every name of the question (retrieval/answering.py), and a statement only
when its paragraphs do (retrieval/said_answer.py).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

from index.sentences import split_sentences
from retrieval.config import DEFAULT_CONFIG, RankingConfig
from retrieval.query import TermEvidence, suffix_stem, tokenize

# Nationalities, singular or plural: "Spanish island" is answered by an article that writes "in Spain",
# "English county" by one that writes "Hertfordshire, England", "millions of Americans" by one on the US.
_DEMONYM = re.compile(r"(?:ian|ean|ish|ese|ican)s?$")
_DEMONYMS = frozenset("dutch french greek swiss welsh czech thai arab afghan israeli iraqi saudi".split())
# Honorifics and titles' abbreviations, which articles write their own way or not at all, and the "II" of
# "World War II" (the "Second World War" elsewhere); two-letter words ("US", "UK") are initials an
# article may spell out. Three-letter acronyms ("CIA", "IOC") and other numerals ("Leo XIV") stay names.
_NOT_REQUIRED = frozenset("mr mrs ms dr jr sr st lt gen sen rep gov ii".split())
# Words inside a quotation of the question are the quoted speaker's, not names it asks about.
_QUOTED = re.compile(r"[\"“«]([^\"”»]+)[\"”»]")
_FIRST_WORD = re.compile(r"[\"“«(\s]*([A-Za-z][\w'’-]*)")


def _loose_words(question: str) -> set[str]:
    """A sentence's first word ("… this week. Approximately how many …"; the splitter knows "Mr." and
    "U.S." end no sentence) and quoted words ("Who told Wagner fighters "Don't give in"?")."""
    words: set[str] = set()
    for start, end in split_sentences(question):
        m = _FIRST_WORD.match(question, start, end)
        if m:
            words |= set(tokenize(m.group(1)))
    for m in _QUOTED.finditer(question):
        words |= set(tokenize(m.group(1)))
    return words


def _describes(surface: str) -> bool:
    """A compound with a lowercase part ("WWII-era", "Russian-owned") or nationalities only
    ("British-Belgian") describes rather than names."""
    parts = [p for p in surface.split("-") if p]
    return any(p[:1].islower() for p in parts) or all(
        _DEMONYM.search(p.lower()) or p.lower() in _DEMONYMS for p in parts
    )


def required_names(evidence: Sequence[TermEvidence], question: str) -> list[TermEvidence]:
    """The question's names an article that answers it writes, rarest first: Portugal in "How many
    Leopard tanks did Portugal send?", the Grammy in "Which Grammy did Kalush Orchestra win?". Not a
    word no passage holds (the unknown-name decision's), nor an honorific or initials an article writes
    its own way ("Mr", "II", "UK"), a sentence opener, a quoted word, a nationality or a describing
    compound."""
    loose = _loose_words(question)
    return sorted(
        (
            e
            for e in evidence
            if e.name
            and (e.passages > 0 or e.nearest)
            and len(e.term) > 2
            and e.term not in _NOT_REQUIRED
            and e.term not in loose
            and not _describes(e.surface)
        ),
        key=lambda e: e.passages,
    )


def folded(text: str) -> str:
    """Lowercase, without accents or periods: "Kraków" is "krakow", "J.D." is "jd". Letters outside the
    Latin alphabet (and curly quotes) drop out: names are matched as the question writes them, in Latin."""
    lowered = text.lower()
    if not lowered.isascii():
        lowered = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    return lowered.replace(".", "")


def written_in(text: str, name: TermEvidence, config: RankingConfig = DEFAULT_CONFIG) -> bool:
    """A `folded` text (an article checked for several names is folded once) holds the name word as
    written, with an inflection ("Olympics" and "Olympic") or a near spelling ("Odessa" and "Odesa",
    "Lugansk" and "Luhansk", "Moldovan" and "Moldova"; difflib ratio ≥ near_spelling_cutoff); a
    hyphenated one ("Trump-Putin") also when it holds each part with letters ("Covid-19": "COVID")."""
    word = folded(name.nearest or name.term)
    parts = [word] if "-" not in word else [word, *[p for p in word.split("-") if not p.isdigit()]]
    found = [_holds(text, p, config.near_spelling_cutoff) for p in parts]
    return found[0] or (len(found) > 1 and all(found[1:]))


def _holds(text: str, word: str, cutoff: float) -> bool:
    if re.search(r"\b" + re.escape(suffix_stem(word)), text):
        return True
    if len(word) < 5:  # a short word has too many near spellings
        return False
    # Words of the same opening and a similar length, compared whole. A name of five letters keeps its
    # last letter too: "Odesa" is "Odessa" and "Irpin" "Irpen", but "Blain" is not "Blair".
    near = {
        w
        for w in re.findall(r"\b" + re.escape(word[:2]) + r"[\w'’-]*", text)
        if abs(len(w) - len(word)) <= 2 and (len(word) > 5 or w[-1] == word[-1])
    }
    return any(difflib.SequenceMatcher(None, word, w).ratio() >= cutoff for w in near)
