"""What the archive knows of a question's words: how many passages hold each, and near spellings.

Reads SQLite through the store (FTS5 and its fts5vocab view); the weighing is in retrieval/answerable.py.
"""

from __future__ import annotations

import difflib
import re
import threading
from dataclasses import replace

from index.store import Store
from retrieval.config import DEFAULT_CONFIG, RankingConfig
from retrieval.query import WORD, Query, TermEvidence, alias_words, fts_expression, suffix_stem, tokenize


def surfaces(question: str) -> dict[str, tuple[str, bool]]:
    """Each lowercased token → (as written, capitalised and not the question's first word)."""
    out: dict[str, tuple[str, bool]] = {}
    for i, m in enumerate(WORD.finditer(question)):
        raw = m.group(0)
        for token in tokenize(raw):
            written = re.sub(r"['’]s$", "", raw).strip(".'’-")
            out.setdefault(token, (written, i > 0 and raw[:1].isupper()))
    return out


class TermCache:
    """Passage counts per word and the indexed words per first letter, for one index generation: the
    same words come back question after question, and a vocabulary scan costs ~15 ms per letter."""

    def __init__(self, size: int = 8192) -> None:
        self.size = size
        self.generation = -1
        self.counts: dict[str, int] = {}
        self.vocab: dict[str, list[str]] = {}
        self.lock = threading.Lock()

    def fresh(self, generation: int) -> None:
        with self.lock:
            if generation != self.generation:
                self.generation, self.counts, self.vocab = generation, {}, {}

    def count(self, store: Store, term: str, cap: int) -> int:
        with self.lock:
            found = self.counts.get(term)
        if found is None:
            found = store.passages_matching(fts_expression((term,)), cap)
            with self.lock:
                if len(self.counts) >= self.size:
                    self.counts.clear()
                self.counts[term] = found
        return found

    def words(self, store: Store, first: str) -> list[str]:
        with self.lock:
            found = self.vocab.get(first)
        if found is None:
            found = store.vocabulary_between(first, chr(ord(first) + 1))
            with self.lock:
                self.vocab[first] = found
        return found


def near_spelling(store: Store, term: str, cutoff: float, cache: TermCache) -> str:
    """An indexed word close to `term` (same first letter, similar length), as an article writes it."""
    if "-" in term or not term.isalpha():
        return ""
    first = term[0]
    vocab = [t for t in cache.words(store, first) if abs(len(t) - len(term)) <= 2]
    # FTS5 stores Porter stems ("mariupol" stays, "ukrainian" → "ukrainian"): compare stem to stem.
    best = difflib.get_close_matches(suffix_stem(term), vocab, n=1, cutoff=cutoff)
    if not best:
        return ""
    text = store.first_matching_text(fts_expression((best[0],)))
    found = re.search(r"\b" + re.escape(best[0]) + r"\w*", text, re.IGNORECASE)
    return found.group(0) if found else best[0]


def term_evidence(
    store: Store, query: Query, passages: int, cache: TermCache, config: RankingConfig = DEFAULT_CONFIG
) -> Query:
    """The query with `evidence` filled in, and each word no passage holds replaced by a near spelling
    that passages do hold, so a misspelt name still finds its articles (in the lexical search and in the
    question's vector alike)."""
    words = surfaces(query.content)
    evidence = []
    for term in query.terms:
        surface, capital = words.get(term, (term, False))
        count = cache.count(store, term, config.term_count_cap)
        # A known entity of the speaker table ("American", "Kremlin") is not a name the archive may lack.
        item = TermEvidence(term, surface, count, capital and term not in alias_words(), capitalised=capital)
        if count == 0 and len(term) >= config.min_name_length:
            item = replace(item, nearest=near_spelling(store, term, config.near_spelling_cutoff, cache))
        evidence.append(item)
    query = replace(query, evidence=tuple(evidence), passages=passages)
    fixes = [e for e in evidence if e.passages == 0 and e.nearest]
    if not fixes:
        return query
    content = query.content
    for e in fixes:
        content = re.sub(re.escape(e.surface), e.nearest, content, flags=re.IGNORECASE)
    respelt = {e.term: e.nearest.lower() for e in fixes}
    return replace(query, content=content, terms=tuple(respelt.get(t, t) for t in query.terms))
