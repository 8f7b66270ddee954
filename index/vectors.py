"""FAISS over normalized vectors with the store's chunk ids; the index type is chosen by size."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import faiss
import numpy as np

# Below this many vectors exact search is fast enough (~7 ms at 100k on 2 cores) and needs no training.
FLAT_MAX = 200_000


def choose_factory(n_vectors: int, override: str = "") -> str:
    """FAISS index-factory string for an index of this size (documented in docs/benchmarks.md)."""
    if override:
        return override
    if n_vectors <= FLAT_MAX:
        return "Flat"
    nlist = int(4 * np.sqrt(n_vectors))
    nlist = 1 << int(np.log2(nlist))  # a power of two keeps k-means balanced and the string readable
    return f"IVF{nlist},Flat"


# One query at a time runs on one OpenMP thread: a second thread only adds wake-up and barrier latency,
# which on a busy 2-core machine turned 0.3 ms IVF searches into 16 ms (docs/benchmarks.md).
SEARCH_THREADS = 1


def _nprobe_for(nlist: int) -> int:
    return max(16, nlist // 64)


class VectorIndex:
    """Inner-product search returning chunk ids. Exact (Flat) unless the factory says otherwise."""

    def __init__(self, dim: int, factory: str = "Flat") -> None:
        self.dim = dim
        self.factory = factory
        self._index: Any = self._new(factory)

    def _new(self, factory: str) -> Any:  # faiss's SWIG types are too loose for mypy to follow
        inner = faiss.index_factory(self.dim, factory, faiss.METRIC_INNER_PRODUCT)
        return faiss.IndexIDMap2(inner)

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)

    @property
    def supports_remove(self) -> bool:
        return not self.factory.startswith("HNSW")

    def build(self, vectors: np.ndarray, ids: np.ndarray) -> None:
        """Replace the contents, training first where the index type needs it."""
        self._index = self._new(self.factory)
        inner: Any = faiss.downcast_index(self._index.index)
        if not inner.is_trained and len(vectors):
            inner.train(vectors)
        if hasattr(inner, "nprobe"):
            inner.nprobe = _nprobe_for(inner.nlist)
        if hasattr(inner, "hnsw"):
            inner.hnsw.efSearch = 128
        if len(vectors):
            self._index.add_with_ids(vectors, ids.astype(np.int64))

    def add(self, vectors: np.ndarray, ids: np.ndarray) -> None:
        if len(vectors):
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids.astype(np.int64))

    def remove(self, ids: np.ndarray) -> None:
        if len(ids):
            self._index.remove_ids(ids.astype(np.int64))

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) of the k nearest, best first; missing slots are dropped."""
        if self.ntotal == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        previous = faiss.omp_get_max_threads()  # per calling thread: other threads keep theirs
        faiss.omp_set_num_threads(SEARCH_THREADS)
        try:
            scores, ids = self._index.search(query.reshape(1, -1).astype(np.float32), min(k, self.ntotal))
        finally:
            faiss.omp_set_num_threads(previous)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(path.suffix + ".tmp")
        faiss.write_index(self._index, str(tmp))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # atomic: a crash leaves the old file or the new one, never half

    @classmethod
    def load(cls, path: Path, dim: int, factory: str) -> VectorIndex:
        vi = cls(dim, factory)
        vi._index = faiss.read_index(str(path))
        inner: Any = faiss.downcast_index(vi._index.index)
        if hasattr(inner, "nprobe"):
            inner.nprobe = _nprobe_for(inner.nlist)
        if hasattr(inner, "hnsw"):
            inner.hnsw.efSearch = 128
        return vi
