"""The FAISS side of the store: ids stay right through removals, and vectors read back exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np
import pytest

from index.vectors import VectorIndex

DIM = 16
IDS = np.arange(1000, 4000, dtype=np.int64)  # chunk ids start anywhere and have gaps after deletions


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    x = np.random.default_rng(7).standard_normal((len(IDS), DIM)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _nearest(vi: VectorIndex, v: np.ndarray) -> int:
    return int(vi.search(v, 1)[0][0])


@pytest.mark.parametrize("factory", ["Flat", "IVF16,Flat"])
def test_a_search_after_a_removal_returns_the_right_passages(factory: str, vectors: np.ndarray) -> None:
    # Re-ingesting a changed article removes its passages: every other passage keeps its own id. (An id
    # map over IVF once shifted every later id by the number removed.)
    vi = VectorIndex(DIM, factory)
    vi.build(vectors, IDS)
    vi.remove(IDS[:10])
    assert [_nearest(vi, vectors[i]) for i in (10, 500, 2999)] == [IDS[10], IDS[500], IDS[2999]]
    vi.add(vectors[:3], IDS[:3])
    assert _nearest(vi, vectors[1]) == IDS[1]


@pytest.mark.parametrize("factory", ["Flat", "IVF16,Flat"])
def test_vectors_read_back_exactly_by_chunk_id(factory: str, vectors: np.ndarray, tmp_path: Path) -> None:
    vi = VectorIndex(DIM, factory)
    vi.build(vectors, IDS)
    vi.remove(IDS[:10])
    held = vi.reconstruct([int(IDS[600]), int(IDS[20])])
    assert held is not None and np.array_equal(held, vectors[[600, 20]])
    assert vi.reconstruct([int(IDS[0])]) is None  # removed: the caller reads the store instead
    vi.save(tmp_path / "v.faiss")
    again = VectorIndex.load(tmp_path / "v.faiss", DIM, factory)
    assert _nearest(again, vectors[700]) == IDS[700]
    held = again.reconstruct([int(IDS[700])])
    assert held is not None and np.array_equal(held[0], vectors[700])


def _legacy(vectors: np.ndarray, path: Path, removed: int) -> None:
    """An IVF file as earlier versions wrote it: inside an id map."""
    index: Any = faiss.IndexIDMap2(faiss.index_factory(DIM, "IVF16,Flat", faiss.METRIC_INNER_PRODUCT))
    faiss.downcast_index(index.index).train(vectors)
    index.add_with_ids(vectors, IDS)
    if removed:
        index.remove_ids(IDS[:removed])
    faiss.write_index(index, str(path))


def test_an_earlier_ivf_file_loads_and_keeps_its_ids(vectors: np.ndarray, tmp_path: Path) -> None:
    _legacy(vectors, tmp_path / "v.faiss", removed=0)
    vi = VectorIndex.load(tmp_path / "v.faiss", DIM, "IVF16,Flat")
    assert vi.ntotal == len(IDS)
    vi.remove(IDS[:10])
    assert [_nearest(vi, vectors[i]) for i in (10, 1500)] == [IDS[10], IDS[1500]]


def test_an_earlier_ivf_file_saved_after_a_removal_is_refused_as_damaged(
    vectors: np.ndarray, tmp_path: Path
) -> None:
    # Its answers are wrong: the store treats the file as damaged and rebuilds it from SQLite.
    _legacy(vectors, tmp_path / "v.faiss", removed=10)
    with pytest.raises(RuntimeError, match="does not match"):
        VectorIndex.load(tmp_path / "v.faiss", DIM, "IVF16,Flat")
