"""FAISS over normalized vectors with the store's chunk ids; the index type is chosen by size."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

DIRECT_MAP: Any = getattr(faiss, "DirectMap")  # noqa: B009 (faiss's stubs lack it)

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
        if isinstance(inner, faiss.IndexIVF):
            # IVF keeps the ids it is given in its lists. An IDMap over it goes wrong after a removal:
            # the map is compacted, the lists' internal ids are not, and searches return shifted ids.
            inner.set_direct_map_type(DIRECT_MAP.Hashtable)  # reconstruct() by chunk id
            return inner
        return faiss.IndexIDMap2(inner)

    def core(self) -> Any:
        """The index that stores the vectors (inside the id map, when there is one)."""
        index = self._index
        return faiss.downcast_index(index.index) if isinstance(index, faiss.IndexIDMap2) else index

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)

    @property
    def supports_remove(self) -> bool:
        return not self.factory.startswith("HNSW")

    def build(self, vectors: np.ndarray, ids: np.ndarray) -> None:
        """Replace the contents, training first where the index type needs it."""
        self._index = self._new(self.factory)
        inner: Any = self.core()
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

    def reconstruct(self, ids: Sequence[int]) -> np.ndarray | None:
        """The stored vectors of these chunk ids, in order; None when the index cannot give them exactly
        (a compressed index, or an id it does not hold): the caller reads them from the store instead."""
        core = self.core()
        if not isinstance(core, faiss.IndexFlat | faiss.IndexIVFFlat) or not len(ids):
            return None
        try:
            return np.asarray(
                self._index.reconstruct_batch(np.asarray(ids, dtype=np.int64)), dtype=np.float32
            )
        except RuntimeError:  # an id removed since the caller listed it
            return None

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(path.suffix + ".tmp")
        faiss.write_index(self._index, str(tmp))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # atomic: a crash leaves the old file or the new one, never half

    @classmethod
    def load(cls, path: Path, dim: int, factory: str) -> VectorIndex:
        vi = cls(dim, factory)
        vi._index = _native_ids(faiss.read_index(str(path)))
        inner: Any = vi.core()
        if hasattr(inner, "nprobe"):
            inner.nprobe = _nprobe_for(inner.nlist)
        if hasattr(inner, "hnsw"):
            inner.hnsw.efSearch = 128
        return vi


def _native_ids(index: Any) -> Any:
    """An IVF index saved inside an id map (as this module once built them) becomes one that stores the
    chunk ids in its own lists. Its lists must hold internal ids 0..n-1 exactly once: after a removal the
    map no longer matches them, the file gives wrong answers, and it is refused as damaged (RuntimeError:
    the store rebuilds it from SQLite)."""
    if not isinstance(index, faiss.IndexIDMap2):  # read_index gives the concrete type, and owns it
        if isinstance(index, faiss.IndexIVF) and index.direct_map.type == DIRECT_MAP.NoMap:
            index.set_direct_map_type(DIRECT_MAP.Hashtable)
        return index
    inner: Any = faiss.downcast_index(index.index)
    if not isinstance(inner, faiss.IndexIVF):
        return index
    id_map = faiss.vector_to_array(index.id_map)
    lists: Any = inner.invlists
    seen = 0
    for no in range(inner.nlist):
        size = lists.list_size(no)
        if not size:
            continue
        internal = faiss.rev_swig_ptr(lists.get_ids(no), size).copy()
        if internal.min() < 0 or internal.max() >= len(id_map):
            raise RuntimeError("vector file's id map does not match its lists (a removal was saved)")
        external = np.ascontiguousarray(id_map[internal], dtype=np.int64)
        lists.update_entries(no, 0, size, faiss.swig_ptr(external), lists.get_codes(no))
        seen += size
    if seen != len(id_map):
        raise RuntimeError("vector file's id map does not match its lists (a removal was saved)")
    # `inner` is a view into the map, which owns and frees it: keep the map alive as long as the view.
    setattr(inner, "referenced_objects", [index])  # noqa: B010 (not in faiss's stubs)
    inner.set_direct_map_type(DIRECT_MAP.Hashtable)
    return inner
