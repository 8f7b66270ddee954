"""Memory, disk, speed and recall of FAISS index types on an archive's own vectors (docs/scaling.md).

Builds Flat, IVF-Flat and IVF-PQ over every chunk vector of an index (the 312,502 of the RealTime QA
archive), searches them with real questions' vectors one at a time on one thread, and prints per index:
build seconds, bytes per vector (serialized, which is also what a loaded index holds in memory), the
resident memory the build added, search p50/p95 and recall@10 against exact search. Per-million-chunk
figures in docs/scaling.md are these bytes per vector × 1,000,000.

    .venv/bin/python benchmarks/faiss_footprint.py INDEX_DIR QUESTIONS.jsonl
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np
from ivf_recall import archive_vectors, question_vectors  # the script beside this one

from index.embed import load_embedder
from index.manifest import read_manifest


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


def main(index_dir: Path, questions: Path) -> None:
    manifest = read_manifest(index_dir)
    if manifest is None:
        sys.exit(f"no index in {index_dir}")
    embedder = load_embedder(manifest.backend)
    queries = question_vectors(embedder, questions)
    _, matrix = archive_vectors(index_dir, embedder.dim)
    n, dim = matrix.shape
    nlist = 1 << int(np.log2(4 * np.sqrt(n)))
    exact = np.argsort(-(queries @ matrix.T), axis=1)[:, :10]
    faiss.omp_set_num_threads(2)
    print(f"{n:,} vectors of {dim} floats, {len(queries)} questions; nlist {nlist}")
    print("| index | build s | bytes/vector | RSS added MiB | search p50 / p95 ms | recall@10 |")
    print("|---|---:|---:|---:|---|---:|")
    rng = np.random.default_rng(0)
    train = matrix[rng.choice(n, size=min(n, 100_000), replace=False)]
    for factory, nprobe in (
        ("Flat", 0),
        (f"IVF{nlist},Flat", 32),
        (f"IVF{nlist},PQ48", 32),
        (f"IVF{nlist},PQ96", 32),
    ):
        before = rss_mib()
        t0 = time.perf_counter()
        index = faiss.index_factory(dim, factory, faiss.METRIC_INNER_PRODUCT)
        if not index.is_trained:
            index.train(train)
        index.add(matrix)
        build = time.perf_counter() - t0
        added = rss_mib() - before
        if nprobe:
            faiss.extract_index_ivf(index).nprobe = nprobe
        with tempfile.NamedTemporaryFile() as tmp:
            faiss.write_index(index, tmp.name)
            size = Path(tmp.name).stat().st_size
        faiss.omp_set_num_threads(1)
        times, found = [], []
        for q in queries:
            t = time.perf_counter()
            _, got = index.search(q.reshape(1, -1), 10)
            times.append((time.perf_counter() - t) * 1000)
            found.append(got[0])
        faiss.omp_set_num_threads(2)
        recall = np.mean(
            [len(set(f.tolist()) & set(e.tolist())) / 10 for f, e in zip(found, exact, strict=True)]
        )
        label = factory + (f" (nprobe {nprobe})" if nprobe else "")
        print(
            f"| {label} | {build:.1f} | {size / n:.0f} | {added:.0f} | "
            f"{np.percentile(times, 50):.2f} / {np.percentile(times, 95):.2f} | {recall:.3f} |"
        )
        del index


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
