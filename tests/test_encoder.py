"""The encoder backends: ONNX vectors match sentence-transformers', answering never imports torch, an
index refuses a backend other than the one that built it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embed import Embedder, load_embedder
from index.embed_onnx import length_batches, mean_pool
from index.errors import IndexMismatchError
from index.store import Store

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    "The Chinese Foreign Ministry on May 27 denied Ukraine's accusations.",
    "Kremlin spokesman Dmitry Peskov told reporters on Thursday that talks had stalled.",
    "NATO",
    "A much longer passage about refugees crossing into Poland, counted by the Border Guard at more than "
    "1.2 million by early March, with queues at every crossing and volunteers handing out food. " * 3,
]


@pytest.fixture(scope="module")
def torch_embedder() -> Embedder:
    return load_embedder("torch")


@pytest.fixture(scope="module")
def onnx_fp32() -> Embedder:
    return load_embedder("onnx")


def test_mean_pool_averages_only_unmasked_tokens_then_normalizes() -> None:
    tokens = np.array([[[1.0, 0.0], [3.0, 4.0], [100.0, 100.0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0]])
    pooled = mean_pool(tokens, mask)
    np.testing.assert_allclose(pooled, [[2.0 / np.hypot(2, 2), 2.0 / np.hypot(2, 2)]], rtol=1e-6)


@pytest.mark.parametrize(("lengths", "size"), [([5, 1, 9, 3], 2), ([1], 4), ([], 3), ([2, 2, 2], 1)])
def test_length_batches_cover_every_text_once_longest_first(lengths: list[int], size: int) -> None:
    batches = length_batches(lengths, size)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert all(len(b) <= size for b in batches)
    assert [lengths[i] for i in flat] == sorted(lengths, reverse=True)


def test_onnx_fp32_pools_and_normalizes_as_sentence_transformers(
    torch_embedder: Embedder, onnx_fp32: Embedder
) -> None:
    ref = torch_embedder.encode(TEXTS)
    got = onnx_fp32.encode(TEXTS)
    assert got.shape == ref.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, rtol=1e-5)
    assert float(np.min(np.sum(got * ref, axis=1))) > 0.9999


def test_int8_vectors_stay_close_to_torch_and_rank_the_same(torch_embedder: Embedder) -> None:
    int8 = load_embedder("onnx-int8")
    ref, got = torch_embedder.encode(TEXTS), int8.encode(TEXTS)
    assert float(np.min(np.sum(got * ref, axis=1))) > 0.98
    q_ref = torch_embedder.encode_query("what did China deny?")
    q_got = int8.encode_query("what did China deny?")
    assert int(np.argmax(ref @ q_ref.reshape(-1))) == int(np.argmax(got @ q_got.reshape(-1))) == 0


def test_batching_does_not_change_vectors(onnx_fp32: Embedder) -> None:
    one_by_one = np.vstack([onnx_fp32.encode([t]) for t in TEXTS])
    np.testing.assert_allclose(onnx_fp32.encode(TEXTS, batch_size=3), one_by_one, atol=1e-5)


def test_token_counts_agree_across_backends(torch_embedder: Embedder, onnx_fp32: Embedder) -> None:
    assert onnx_fp32.count_tokens(TEXTS) == torch_embedder.count_tokens(TEXTS)
    # Counts exclude [CLS] and [SEP]: the chunker adds those two to its budget itself.
    assert onnx_fp32.count_tokens(["hello world"]) == [2]


def test_an_index_refuses_another_backend_with_the_fix(tmp_path: Path) -> None:
    Store(tmp_path, "all-MiniLM-L6-v2", 384, backend="onnx-int8").close()
    with pytest.raises(IndexMismatchError, match=r"NEWSDESK_BACKEND=onnx-int8.*--rebuild"):
        Store(tmp_path, "all-MiniLM-L6-v2", 384, backend="torch")


def test_answering_never_imports_torch(tmp_path: Path) -> None:
    """`newsdesk ask` on the default backend, in a fresh process: no torch, transformers or
    sentence-transformers in sys.modules after answering."""
    script = (
        "import sys\n"
        "from newsdesk.cli import main\n"
        "rc = main(['ask', '--short', 'what did China say on May 27?'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('torch', 'transformers', 'sentence_transformers'))\n"
        "print('HEAVY', heavy, 'RC', rc)\n"
    )
    env = os.environ | {"NEWSDESK_INDEX_DIR": str(tmp_path / "index"), "NEWSDESK_LOG_LEVEL": "WARNING"}
    env.pop("NEWSDESK_BACKEND", None)
    r = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stderr
    assert "HEAVY [] RC 0" in r.stdout, r.stdout[-500:]
    assert "denied Ukraine's accusations" in r.stdout
