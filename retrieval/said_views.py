"""`quote` and `timeline`: every article carrying a phrase, and one speaker's statements in order.

Read through the store; ordering, de-duplication and the "credited to different speakers" note are pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from index.store import Store
from index.store_statements import StoredStatement
from retrieval.config import RankingConfig
from retrieval.query import content_terms, parse_query, stem, tokenize
from retrieval.said import AskedSpeaker, as_person, asked_speaker, normalized, shingles
from retrieval.said_answer import statement_texts


@dataclass(frozen=True)
class StatementView:
    """One occurrence of a statement: where it was published and who the article credits."""

    article_id: str
    published: date | None
    statement_date: date | None
    speaker: str  # the canonical name the article credits ("" when no one is credited)
    quote: str
    title: str
    source: str
    url: str
    count: int = 1  # articles carrying (nearly) the same words, for a timeline entry


def quote_occurrences(store: Store, phrase: str, config: RankingConfig) -> list[StatementView]:
    """Every article carrying `phrase` (across case, punctuation and straight or curly quotes),
    earliest first, with the speaker the article credits for it."""
    wanted = normalized(phrase)
    if not wanted:
        return []
    expression = '"' + wanted.replace('"', "") + '"'
    hits = store.search_lexical(expression, config.quote_limit, config.bm25_weights)
    chunks = store.chunks(cid for cid, _ in hits)
    by_article = store.statements_of({c.article_id for c in chunks.values()})
    articles = store.articles(c.article_id for c in chunks.values())
    out: dict[str, StatementView] = {}
    for ch in sorted(chunks.values(), key=lambda c: (c.article_id, c.ordinal)):
        if ch.article_id in out or wanted not in normalized(ch.text):
            continue
        text = store.article_text(ch.article_id) or ""
        at = _locate(text, phrase, ch.start, ch.end)
        said = next((s for s in by_article.get(ch.article_id, []) if s.begin <= at < s.end), None)
        art = articles[ch.article_id]
        quote = text[said.begin : said.end] if said else _sentence_around(ch.text, phrase)
        out[ch.article_id] = StatementView(
            art.id,
            art.published,
            said.day if said else None,
            (said.canonical or said.speaker) if said else "",
            quote,
            art.title,
            art.source,
            art.url,
        )
    return sorted(out.values(), key=lambda v: (v.published or date.max, v.article_id))


def credit_note(views: Sequence[StatementView]) -> str:
    """ "Articles credit different speakers: A (3), B (1)." when they do, else ""."""
    counts: dict[str, int] = {}
    for v in views:
        if v.speaker:
            counts[v.speaker] = counts.get(v.speaker, 0) + 1
    if len(counts) < 2:
        return ""
    listed = ", ".join(f"{name} ({n})" for name, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    return f"Articles credit different speakers: {listed}."


def timeline(
    store: Store,
    speaker: str,
    config: RankingConfig,
    about: str = "",
    start: date | None = None,
    end: date | None = None,
) -> tuple[str, list[StatementView]]:
    """The speaker's name as the archive gives it, and their statements in order of the day they were
    made; near-identical quotes carried by several articles shown once, with the count."""
    asked = asked_speaker(parse_query(f"what did {speaker} say", date.today()))
    if asked is None:
        return speaker, []
    candidates = store.statements_matching([asked.surname], config.said_limit) if asked.surname else []
    asked = as_person(asked, candidates) if asked.keys and not asked.person else asked
    if not asked.person:
        lo, hi = store.date_span()
        if lo is None or hi is None:
            return speaker, []
        candidates = store.statements_between(start or lo, end or hi, config.said_limit)
    found = [
        s
        for s in candidates
        if asked.matches(s)
        and s.day is not None
        and (start is None or s.day >= start)
        and (end is None or s.day <= end)
    ]
    texts = statement_texts(store, found)
    if about:
        topic = {stem(w) for w in content_terms(about)}
        found = [s for s in found if topic & {stem(w) for w in tokenize(texts[(s.article_id, s.begin)])}]
    found.sort(key=lambda s: (s.day or date.max, s.article_id, s.begin))
    views = _views(store, found, texts)
    name = _display(asked, found)
    return name, merge_repeats(views)


def merge_repeats(views: Sequence[StatementView], overlap: float = 0.5) -> list[StatementView]:
    """One entry per statement: a later view sharing at least `overlap` of its five-word runs with an
    earlier one (the same quote carried by another article) adds to that one's count."""
    kept: list[tuple[StatementView, set[tuple[str, ...]]]] = []
    for v in views:
        grams = shingles(v.quote)
        for i, (k, kg) in enumerate(kept):
            if grams and kg and len(grams & kg) >= overlap * min(len(grams), len(kg)):
                kept[i] = (replace(k, count=k.count + 1), kg)
                break
        else:
            kept.append((v, grams))
    return [v for v, _ in kept]


def _display(asked: AskedSpeaker, found: Sequence[StoredStatement]) -> str:
    names = [s.canonical for s in found if s.canonical and asked.person]
    return max(set(names), key=lambda n: (names.count(n), len(n))) if names else asked.text


def _views(
    store: Store, found: Sequence[StoredStatement], texts: dict[tuple[str, int], str]
) -> list[StatementView]:
    articles = store.articles(s.article_id for s in found)
    return [
        StatementView(
            s.article_id,
            articles[s.article_id].published,
            s.day,
            s.canonical or s.speaker,
            texts[(s.article_id, s.begin)],
            articles[s.article_id].title,
            articles[s.article_id].source,
            articles[s.article_id].url,
        )
        for s in found
    ]


def _locate(text: str, phrase: str, lo: int, hi: int) -> int:
    """Where in `text[lo:hi]` the phrase starts (its first word, found case-insensitively)."""
    first = next(iter(tokenize(phrase)), "")
    at = text.lower().find(first, lo, hi) if first else -1
    return at if at >= 0 else lo


def _sentence_around(passage: str, phrase: str) -> str:
    from index.sentences import split_sentences

    wanted = normalized(phrase)
    for s, e in split_sentences(passage):
        if wanted in normalized(passage[s:e]):
            return passage[s:e]
    return passage
