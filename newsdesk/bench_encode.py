"""`newsdesk bench --encode`: the encoder backends side by side on the same real passage texts.

For each backend (torch, onnx, onnx-int8): chunks/s at a few batch sizes (its best is its figure), query
encode p50/p95, and the cosine of its vectors to torch fp32 (mean and min). One process, one run, so the
ratios are comparable even where the machine's speed drifts between runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from index.embed import Embedder

Log = Callable[[str], None]

BATCHES = {"torch": (16, 64), "onnx": (8, 16, 32), "onnx-int8": (8, 16, 32)}


def passage_texts(corpus: Path, n: int, embedder: Embedder) -> list[str]:
    """The first `n` passages of `corpus`, chunked exactly as ingest chunks them."""
    from corpus.article import Article
    from corpus.load import iter_articles
    from index.ingest import split_article
    from retrieval.config import IngestConfig

    cfg = IngestConfig()
    texts: list[str] = []
    for item in iter_articles([corpus]):
        if isinstance(item, Article):
            chunks, _ = split_article(item, embedder, cfg.max_tokens, cfg.overlap)
            texts.extend(c.text for c in chunks)
            if len(texts) >= n:
                break
    return texts[:n]


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def bench_encode(
    corpus: Path, questions: list[str], n_texts: int = 1024, threads: int = 0, log: Log = print
) -> dict[str, Any]:
    from index.embed import BACKENDS, load_embedder, use_threads

    use_threads(threads or 2)
    embedders = {b: load_embedder(b) for b in reversed(BACKENDS)}  # torch first: the reference
    first = embedders["torch"]
    texts = passage_texts(corpus, n_texts, first)
    pieces = first.count_tokens(texts)
    log(f"encode: {len(texts)} passages, mean {np.mean(pieces):.0f} word pieces; backends {list(embedders)}")
    out: dict[str, Any] = {"passages": len(texts), "mean_word_pieces": round(float(np.mean(pieces)), 1)}
    reference: np.ndarray | None = None
    for name, emb in embedders.items():
        emb.encode(texts[:16])  # warm up
        rates = {}
        vectors = None
        for batch in BATCHES[name]:
            t = time.perf_counter()
            vectors = emb.encode(texts, batch_size=batch)
            rates[batch] = len(texts) / (time.perf_counter() - t)
            log(f"encode: {name} batch {batch}: {rates[batch]:.1f} passages/s")
        assert vectors is not None
        if reference is None:
            reference = vectors
        cos = np.sum(vectors * reference, axis=1)
        q_ms = []
        for q in questions:
            t = time.perf_counter()
            emb.encode_query(q)
            q_ms.append((time.perf_counter() - t) * 1000)
        best = max(rates, key=lambda b: rates[b])
        out[name] = {
            "chunks_per_s": {str(b): round(r, 1) for b, r in rates.items()},
            "best_batch": best,
            "best_chunks_per_s": round(rates[best], 1),
            "cosine_to_torch_mean": round(float(cos.mean()), 4),
            "cosine_to_torch_min": round(float(cos.min()), 4),
            "query_p50_ms": round(_pct(q_ms, 50), 2),
            "query_p95_ms": round(_pct(q_ms, 95), 2),
        }
    torch_rate = out["torch"]["best_chunks_per_s"]
    for name in embedders:
        out[name]["ratio_to_torch"] = round(out[name]["best_chunks_per_s"] / torch_rate, 2)
    out["threads"] = threads or 2
    return out


def table(r: dict[str, Any]) -> str:
    rows = [
        f"{r['passages']} passages of ~{r['mean_word_pieces']:.0f} word pieces, {r['threads']} threads\n",
        "| backend | best chunks/s (batch) | × torch | cosine to torch fp32 mean / min | query p50 / p95 |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in ("torch", "onnx", "onnx-int8"):
        b = r[name]
        rows.append(
            f"| {name} | {b['best_chunks_per_s']:.1f} ({b['best_batch']}) | **{b['ratio_to_torch']:.2f}×** | "
            f"{b['cosine_to_torch_mean']:.4f} / {b['cosine_to_torch_min']:.4f} | "
            f"{b['query_p50_ms']:.1f} / {b['query_p95_ms']:.1f} ms |"
        )
    return "\n".join(rows)
