"""Gathering candidates: dense (FAISS) ∪ lexical (FTS5 BM25) ∪ passages dated as the question asks ∪
passages from the days up to the question's `today` (for freshness, see retrieval/rank.py).

The dated and recent pools can hold thousands of passages; only their EXTRA_KEEP most similar ones (by
vector, before any text is read) join the relevance pools, which keeps a question's cost bounded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from index.store import Store
from retrieval.query import Query, fts_expression
from retrieval.rank import RECENT_DAYS, Candidate, wants_recent

# Dated passages fetched for a dated question, on top of the relevance pools.
DATED_LIMIT = 2000
# Passages published in the RECENT_DAYS up to `today`, fetched for a question that wants fresh news.
RECENT_LIMIT = 3000
# Of the dated and recent passages, how many (the most similar to the question) are ranked.
EXTRA_KEEP = 300


def dated_pool(store: Store, query: Query) -> set[int]:
    """Chunks that mention a date in the question's range, or whose article was published in it."""
    c = query.date
    if c is None:
        return set()
    lo, hi = store.date_span()
    if lo is None or hi is None:
        return set()
    pool: set[int] = set()
    for start, end in c.windows(lo - timedelta(days=400), hi + timedelta(days=400)):
        pool.update(store.chunks_dated_between(start, end, DATED_LIMIT))
        pool.update(store.chunks_published_between(start, end, DATED_LIMIT))
    return pool


def recent_pool(store: Store, query: Query) -> set[int]:
    """Chunks of articles published in the RECENT_DAYS up to the question's `today`."""
    if query.today is None or not wants_recent(query):
        return set()
    start = query.today - timedelta(days=RECENT_DAYS)
    return set(store.chunks_published_between(start, query.today, RECENT_LIMIT))


@dataclass(frozen=True)
class TextPools:
    """What can be found without the question's vector, fetched while the question is encoded. Only
    SQLite work goes here: it releases the GIL, where Python-heavy work would slow the encoding."""

    lexical: list[tuple[int, float]]  # (chunk id, BM25 score), best first
    lexical_vectors: np.ndarray  # their vectors, one row each
    extra: list[int]  # dated and recent chunk ids
    extra_vectors: np.ndarray


def text_pools(store: Store, query: Query, k: int) -> TextPools:
    lexical = store.search_lexical(fts_expression(query.terms), k)
    extra = sorted(dated_pool(store, query) | recent_pool(store, query))
    vectors = store.chunk_vectors([cid for cid, _ in lexical] + extra)
    return TextPools(lexical, vectors[: len(lexical)], extra, vectors[len(lexical) :])


def gather(
    store: Store, query: Query, qvec: np.ndarray, k: int, pools: TextPools | None = None
) -> list[Candidate]:
    pools = pools or text_pools(store, query, k)
    q = qvec.reshape(-1)
    dense_ids, dense_scores = store.search_dense(qvec, k)
    dense_rank = {int(i): r for r, i in enumerate(dense_ids)}
    dense = {int(i): float(s) for i, s in zip(dense_ids, dense_scores, strict=True)}
    lex_rank = {cid: r for r, (cid, _) in enumerate(pools.lexical)}
    lex = dict(pools.lexical)
    rows = [r for r, i in enumerate(pools.extra) if i not in dense]
    if rows:
        sims = pools.extra_vectors[rows] @ q
        keep = np.argsort(-sims, kind="stable")[:EXTRA_KEEP]
        dense.update((pools.extra[rows[i]], float(sims[i])) for i in keep)
    rows = [r for r, (cid, _) in enumerate(pools.lexical) if cid not in dense]
    if rows:
        sims = pools.lexical_vectors[rows] @ q
        dense.update((pools.lexical[r][0], float(sim)) for r, sim in zip(rows, sims.tolist(), strict=True))
    chunks = store.chunks(dense)
    articles = store.articles(c.article_id for c in chunks.values())
    dates = store.chunk_dates(chunks) if query.date is not None else {}
    out = []
    for cid, ch in sorted(chunks.items()):  # chunk order breaks exact ties (duplicate texts) the same way
        art = articles.get(ch.article_id)
        out.append(
            Candidate(
                chunk_id=cid,
                article_id=ch.article_id,
                text=ch.text,
                published=art.published if art else None,
                dense=dense[cid],
                lexical=lex.get(cid, 0.0),
                dense_rank=dense_rank.get(cid),
                lexical_rank=lex_rank.get(cid),
                dates=tuple(dates.get(cid, ())),
                title=art.title if art else "",
                ordinal=ch.ordinal,
            )
        )
    return out
