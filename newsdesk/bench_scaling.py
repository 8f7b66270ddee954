"""Index scaling on synthetic data: flat vs HNSW vs IVF at growing sizes, through the production VectorIndex.

The vectors are clustered like sentence embeddings are (Gaussian blobs around a few thousand random
centres, normalized), and the queries are held-out points drawn the same way. Recall@10 is measured
against exact (flat) search over the same vectors; latency is one query at a time, as the engine asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import faiss
import numpy as np

from index.vectors import VectorIndex, choose_factory

DIM = 384
CENTRES = 3000
QUERIES = 300
K = 10


@dataclass(frozen=True)
class ScalingRow:
    kind: str  # "flat", "hnsw", "ivf"
    n: int
    factory: str
    params: str  # search-time setting, e.g. "nprobe=32"
    build_s: float
    p50_ms: float
    p95_ms: float
    recall10: float
    memory_mb: float
    auto: bool  # the type choose_factory picks at this size

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def clustered(n: int, dim: int = DIM, centres: int = CENTRES, seed: int = 0) -> np.ndarray:
    """n unit vectors in `centres` blobs of varying spread (cosine to their centre 0.7–0.9)."""
    rng = np.random.default_rng(seed)
    centre_rng = np.random.default_rng(12345)  # the same centres for the base set and the queries
    c = centre_rng.standard_normal((centres, dim), dtype=np.float32)
    c /= np.linalg.norm(c, axis=1, keepdims=True)
    spread = centre_rng.uniform(0.5, 1.0, centres).astype(np.float32)
    out = np.empty((n, dim), dtype=np.float32)
    step = 100_000
    for at in range(0, n, step):
        m = min(step, n - at)
        which = rng.integers(0, centres, m)
        noise = rng.standard_normal((m, dim), dtype=np.float32) / np.float32(np.sqrt(dim))
        block = c[which] + spread[which, None] * noise
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[at : at + m] = block
    return out


def exact_neighbours(base: np.ndarray, queries: np.ndarray, k: int = K) -> np.ndarray:
    flat = faiss.IndexFlatIP(base.shape[1])
    flat.add(base)
    _, ids = flat.search(queries, k)
    return np.asarray(ids)


def factories_for(n: int) -> dict[str, str]:
    """The three index types at this size: flat, HNSW, and IVF with the nlist the chooser would use."""
    auto = choose_factory(n)
    ivf = auto if auto.startswith("IVF") else _ivf_factory(n)
    return {"flat": "Flat", "hnsw": "HNSW32", "ivf": ivf}


def _ivf_factory(n: int) -> str:
    nlist = 1 << int(np.log2(max(4 * np.sqrt(n), 16)))
    return f"IVF{nlist},Flat"


def _timed_search(vi: VectorIndex, queries: np.ndarray) -> tuple[np.ndarray, list[float]]:
    for q in queries[:5]:  # warm caches
        vi.search(q, K)
    found = np.full((len(queries), K), -1, dtype=np.int64)
    times = []
    for i, q in enumerate(queries):
        t = time.perf_counter()
        ids, _ = vi.search(q, K)
        times.append((time.perf_counter() - t) * 1000)
        found[i, : len(ids)] = ids
    return found, times


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(len(set(f.tolist()) & set(t.tolist())) for f, t in zip(found, truth, strict=True))
    return hits / truth.size


def _memory_mb(vi: VectorIndex) -> float:
    return len(faiss.serialize_index(vi._index)) / 2**20


def _set_param(vi: VectorIndex, value: int) -> str:
    inner = vi.core()
    if hasattr(inner, "nprobe"):
        if value:
            inner.nprobe = value
        return f"nprobe={inner.nprobe}"
    if hasattr(inner, "hnsw"):
        if value:
            inner.hnsw.efSearch = value
        return f"efSearch={inner.hnsw.efSearch}"
    return "exact"


def measure(
    n: int,
    kinds: Sequence[str] = ("flat", "hnsw", "ivf"),
    sweep: Mapping[str, Sequence[int]] | None = None,
    log: Callable[[str], None] = print,
) -> list[ScalingRow]:
    """Rows for one size: each kind at its production setting, then any swept settings."""
    base = clustered(n, seed=1)
    queries = clustered(QUERIES, seed=2)
    truth = exact_neighbours(base, queries)
    ids = np.arange(n, dtype=np.int64)
    auto = choose_factory(n)
    rows = []
    for kind in kinds:
        factory = factories_for(n)[kind]
        log(f"  {n:>9,} {factory}: building")
        vi = VectorIndex(DIM, factory)
        t = time.perf_counter()
        vi.build(base, ids)
        build_s = time.perf_counter() - t
        mem = _memory_mb(vi)
        for value in [0, *((sweep or {}).get(kind, ()))]:
            params = _set_param(vi, value)
            found, times = _timed_search(vi, queries)
            row = ScalingRow(
                kind=kind,
                n=n,
                factory=factory,
                params=params,
                build_s=round(build_s, 2),
                p50_ms=round(float(np.percentile(times, 50)), 3),
                p95_ms=round(float(np.percentile(times, 95)), 3),
                recall10=round(recall_at_k(found, truth), 4),
                memory_mb=round(mem, 1),
                auto=(factory == auto and value == 0),
            )
            log(
                f"  {row.n:>9,} {row.factory:<14} {row.params:<13} p50 {row.p50_ms:8.3f} ms  "
                f"recall@10 {row.recall10:.3f}  build {row.build_s:.1f} s"
            )
            rows.append(row)
        del vi
    return rows


def table(rows: Sequence[ScalingRow]) -> str:
    head = (
        "| vectors | type | factory | search setting | build s | p50 ms | p95 ms | recall@10 | memory MB |"
        " chosen |\n|---:|---|---|---|---:|---:|---:|---:|---:|:---:|"
    )
    lines = [
        f"| {r.n:,} | {r.kind} | `{r.factory}` | {r.params} | {r.build_s:.1f} | {r.p50_ms:.2f} | "
        f"{r.p95_ms:.2f} | {r.recall10:.3f} | {r.memory_mb:,.0f} | {'✓' if r.auto else ''} |"
        for r in rows
    ]
    return "\n".join([head, *lines])


def plot(rows: Sequence[ScalingRow], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=120)
    production: dict[tuple[str, int], ScalingRow] = {}
    for r in rows:  # the first row per (kind, n) is the production setting
        production.setdefault((r.kind, r.n), r)
    for kind, marker in (("flat", "o"), ("hnsw", "s"), ("ivf", "^")):
        pts = sorted((r.n, r.p50_ms, r.recall10) for (k, _), r in production.items() if k == kind)
        if not pts:
            continue
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        label = {"flat": "Flat (exact)", "hnsw": "HNSW32", "ivf": "IVF (nlist ~4√n)"}[kind]
        ax.plot(xs, ys, marker=marker, label=label)
        for x, y, rec in pts:
            if kind != "flat":
                ax.annotate(f"R@10 {rec:.2f}", (x, y), textcoords="offset points", xytext=(4, 4), fontsize=7)
    ax.axhline(10, color="grey", linestyle=":", linewidth=1)
    ax.text(min(r.n for r in rows), 10.5, "10 ms target", fontsize=7)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("vectors in the index (384-d, normalized, clustered)")
    ax.set_ylabel("p50 latency per query (ms)")
    ax.set_title("FAISS query latency vs index size (one query at a time, 2 CPU cores)")
    ax.title.set_fontsize(9)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
