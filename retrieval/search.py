"""Gathering candidates: dense (FAISS) ∪ lexical (BM25: tantivy, or SQLite FTS5) ∪ passages dated as the
question asks ∪ passages from the days up to the question's `today` (for freshness, see retrieval/rank.py).

The dated and recent pools can hold thousands of passages; only their `extra_keep` most similar ones
(by vector, before any text is read) join the relevance pools, which keeps a question's cost bounded.
Limits and weights: retrieval/config.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from index.store import Store
from retrieval.config import DEFAULT_CONFIG, RankingConfig
from retrieval.query import Query, fts_expression
from retrieval.rank import Candidate, wants_recent


def dated_pool(store: Store, query: Query, config: RankingConfig = DEFAULT_CONFIG) -> set[int]:
    """Chunks that mention a date in the question's range, or whose article was published in it."""
    c = query.date
    if c is None:
        return set()
    lo, hi = store.date_span()
    if lo is None or hi is None:
        return set()
    pool: set[int] = set()
    margin = timedelta(days=config.date_window_days)
    for start, end in c.windows(lo - margin, hi + margin):
        pool.update(store.chunks_dated_between(start, end, config.dated_limit))
        pool.update(store.chunks_published_between(start, end, config.dated_limit))
    return pool


def recent_pool(store: Store, query: Query, config: RankingConfig = DEFAULT_CONFIG) -> set[int]:
    """Chunks of articles published in the `recent_days` up to the question's `today`."""
    if query.today is None or not wants_recent(query, config):
        return set()
    start = query.today - timedelta(days=config.recent_days)
    return set(store.chunks_published_between(start, query.today, config.recent_limit))


@dataclass(frozen=True)
class TextPools:
    """What can be found without the question's vector, fetched while the question is encoded. Only
    SQLite work goes here: it releases the GIL, where Python-heavy work would slow the encoding."""

    lexical: list[tuple[int, float]]  # (chunk id, BM25 score), best first
    lexical_vectors: np.ndarray  # their vectors, one row each
    extra: list[int]  # dated and recent chunk ids
    extra_vectors: np.ndarray


def text_pools(store: Store, query: Query, config: RankingConfig = DEFAULT_CONFIG) -> TextPools:
    lexical = store.search_lexical(fts_expression(query.terms), config.candidates, config.bm25_weights)
    extra = sorted(dated_pool(store, query, config) | recent_pool(store, query, config))
    vectors = store.chunk_vectors([cid for cid, _ in lexical] + extra)
    return TextPools(lexical, vectors[: len(lexical)], extra, vectors[len(lexical) :])


def gather(
    store: Store,
    query: Query,
    qvec: np.ndarray,
    config: RankingConfig = DEFAULT_CONFIG,
    pools: TextPools | None = None,
) -> list[Candidate]:
    pools = pools or text_pools(store, query, config)
    q = qvec.reshape(-1)
    dense_ids, dense_scores = store.search_dense(qvec, config.candidates)
    dense_rank = {int(i): r for r, i in enumerate(dense_ids)}
    dense = {int(i): float(s) for i, s in zip(dense_ids, dense_scores, strict=True)}
    lex_rank = {cid: r for r, (cid, _) in enumerate(pools.lexical)}
    lex = dict(pools.lexical)
    rows = [r for r, i in enumerate(pools.extra) if i not in dense]
    if rows:
        sims = pools.extra_vectors[rows] @ q
        keep = np.argsort(-sims, kind="stable")[: config.extra_keep]
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
