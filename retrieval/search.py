"""Gathering candidates: dense (FAISS) ∪ lexical (FTS5 BM25) ∪ passages dated as the question asks."""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from index.embed import Embedder
from index.store import Store
from retrieval.query import Query, fts_expression
from retrieval.rank import Candidate

# Dated passages fetched for a dated question, on top of the relevance pools.
DATED_LIMIT = 2000


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


def gather(
    store: Store, embedder: Embedder, query: Query, k: int, qvec: np.ndarray | None = None
) -> list[Candidate]:
    if qvec is None:
        qvec = embedder.encode_query(query.content)
    dense_ids, dense_scores = store.search_dense(qvec, k)
    lexical = store.search_lexical(fts_expression(query.terms), k)
    dense_rank = {int(i): r for r, i in enumerate(dense_ids)}
    dense = {int(i): float(s) for i, s in zip(dense_ids, dense_scores, strict=True)}
    lex_rank = {cid: r for r, (cid, _) in enumerate(lexical)}
    lex = dict(lexical)
    pool = set(dense) | set(lex) | dated_pool(store, query)
    missing = [i for i in pool if i not in dense]
    if missing:
        dense.update(zip(missing, (store.chunk_vectors(missing) @ qvec.reshape(-1)).tolist(), strict=True))
    chunks = store.chunks(pool)
    articles = store.articles(c.article_id for c in chunks.values())
    dates = store.chunk_dates(chunks) if query.date is not None else {}
    out = []
    for cid, ch in chunks.items():
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
            )
        )
    return out
