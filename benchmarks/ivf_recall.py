"""Recall of an index's FAISS search against exact search, on real questions and real chunk vectors.

`newsdesk bench --scaling` measures recall on synthetic clustered vectors; this checks the same on an
archive's own vectors (e.g. the auto-chosen IVF index of the 312,502-chunk RealTime QA archive):

    .venv/bin/python benchmarks/ivf_recall.py INDEX_DIR QUESTIONS.jsonl
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date
from pathlib import Path

import numpy as np

from index.embed import Embedder, load_embedder
from index.manifest import read_manifest
from index.store import DB_FILE, Store
from retrieval.query import parse_query


def question_vectors(embedder: Embedder, questions: Path) -> np.ndarray:
    """The vectors the engine searches with for each quiz question (its `question_date` as today)."""
    rows = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    return np.stack(
        [
            embedder.encode_query(
                parse_query(r["question"], date.fromisoformat(r["question_date"])).content
            ).reshape(-1)
            for r in rows
        ]
    ).astype(np.float32)


def archive_vectors(index_dir: Path, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """(chunk ids, vectors) of every chunk of an index, read from its SQLite file."""
    db = sqlite3.connect(f"file:{index_dir / DB_FILE}?mode=ro", uri=True)
    ids, blobs = zip(*db.execute("SELECT id, vector FROM chunks"), strict=True)
    return np.asarray(ids), np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(ids), dim).copy()


def main(index_dir: Path, questions: Path) -> None:
    manifest = read_manifest(index_dir)
    if manifest is None:
        sys.exit(f"no index in {index_dir}")
    embedder = load_embedder(manifest.backend)
    store = Store(index_dir, embedder.name, embedder.dim, backend=embedder.backend)
    queries = question_vectors(embedder, questions)
    ids, matrix = archive_vectors(index_dir, embedder.dim)
    exact = ids[np.argsort(-(queries @ matrix.T), axis=1)[:, :60]]
    print(f"{manifest.faiss_factory} over {len(ids):,} chunks, {len(queries)} questions")
    for k in (10, 60):
        found = [store.search_dense(q, k)[0] for q in queries]
        pairs = zip(found, exact, strict=True)
        recall = [len({int(i) for i in f} & set(e[:k].tolist())) / k for f, e in pairs]
        print(f"recall@{k} vs exact: mean {np.mean(recall):.3f}, min {np.min(recall):.2f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
