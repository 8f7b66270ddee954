"""The search surface retrieval needs from an index, as one small typed Protocol.

`index.store.Store` (SQLite + FAISS + a derived tantivy index) is the one implementation today. A
distributed engine (OpenSearch/Elasticsearch BM25 + k-NN with date filters, Qdrant with payload filters)
can be added behind the same six methods; tests/test_backend_conformance.py is the suite it must pass
(docs/scaling.md says when one machine stops being enough).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol, runtime_checkable

import numpy as np

from index.store_read import StoredChunk


@runtime_checkable
class SearchBackend(Protocol):
    def search_dense(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(chunk ids, inner products) of the k passages nearest the normalized `query`, best first."""
        ...

    def search_lexical(self, fts_query: str, k: int, weights: tuple[float, float]) -> list[tuple[int, float]]:
        """(chunk id, BM25 score; higher is better), best first, at most k, for an expression of quoted
        terms joined by OR; `weights`: passage text and article title."""
        ...

    def chunks_dated_between(self, start: date, end: date, limit: int) -> list[int]:
        """Up to `limit` passages mentioning a date that lies inside start..end (inclusive)."""
        ...

    def chunks_published_between(self, start: date, end: date, limit: int) -> list[int]:
        """Up to `limit` passages of articles published start..end (inclusive)."""
        ...

    def chunk_vectors(self, ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of `ids`, one row each, in the order asked."""
        ...

    def chunks(self, ids: Iterable[int]) -> dict[int, StoredChunk]:
        """The passages of `ids` the index holds (unknown ids are absent)."""
        ...
