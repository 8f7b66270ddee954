"""Lexical engines side by side on an existing index (the archive-scale issue): SQLite FTS5 (what
`newsdesk ask` uses), tantivy (block-max WAND) and bm25s, each over the same chunk texts and titles,
asked the same OR query of each question's content terms for the top 60 chunks, one query at a time.

Prints build time and size, query p50/p95, article-level R@1/R@10 of the lexical list alone against
RealTime QA's gold, and how much of FTS5's top 60 each engine returns.

    .venv/bin/pip install tantivy bm25s PyStemmer      # not project dependencies: measurement only
    .venv/bin/python benchmarks/lexical_engines.py INDEX_DIR \
        ../shared/corpora/realtimeqa/questions_with_gold_article.jsonl
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from retrieval.query import fts_expression, parse_query

K = 60


def articles_of(ids: list[int], article: dict[int, str]) -> list[str]:
    return list(dict.fromkeys(article[i] for i in ids))[:10]


def measure(
    name: str,
    search: Callable[[tuple[str, ...]], list[int]],
    questions: list[dict],
    article: dict[int, str],
    reference: dict[int, list[int]] | None,
) -> dict[int, list[int]]:
    times, r1, r10, overlap, out = [], 0, 0, [], {}
    for n, q in enumerate(questions):
        t0 = time.perf_counter()
        ids = search(q["terms"])
        times.append((time.perf_counter() - t0) * 1000)
        out[n] = ids
        top = articles_of(ids, article)
        r1 += bool(top and top[0] in q["gold"])
        r10 += bool(set(top) & q["gold"])
        if reference is not None and reference[n]:
            overlap.append(len(set(ids) & set(reference[n])) / len(reference[n]))
    times.sort()
    p = lambda f: times[min(len(times) - 1, int(f * len(times)))]  # noqa: E731
    extra = f", top-{K} overlap with FTS5 {statistics.mean(overlap):.3f}" if overlap else ""
    print(
        f"{name}: query p50 {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms; lexical R@1 {r1 / len(questions):.3f}, "
        f"R@10 {r10 / len(questions):.3f}{extra}"
    )
    return out


def main() -> None:
    index_dir, qfile = Path(sys.argv[1]), sys.argv[2]
    db = sqlite3.connect(index_dir / "newsdesk.sqlite3")
    rows = db.execute(
        "SELECT c.id, c.article_id, c.text, a.title FROM chunks c JOIN articles a ON a.id = c.article_id"
    ).fetchall()
    article = {r[0]: r[1] for r in rows}
    print(f"{len(rows):,} chunks")
    questions = []
    with open(qfile) as fh:
        for line in fh:
            row = json.loads(line)
            query = parse_query(row["question"], date.fromisoformat(row["question_date"]))
            questions.append({"terms": query.terms, "gold": set(row["gold_ids_union"])})

    def fts(terms: tuple[str, ...]) -> list[int]:
        sql = (
            "SELECT rowid, bm25(chunks_fts, 1.0, 0.5) AS s FROM chunks_fts WHERE chunks_fts MATCH ? "
            "ORDER BY s LIMIT ?"
        )
        return [r[0] for r in db.execute(sql, (fts_expression(terms), K))] if terms else []

    reference = measure("sqlite fts5", fts, questions, article, None)

    import tantivy

    folder = Path(tempfile.mkdtemp(prefix="tantivy-"))
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, fast=True)
    builder.add_text_field("text", stored=False, tokenizer_name="en_stem")
    builder.add_text_field("title", stored=False, tokenizer_name="en_stem")
    schema = builder.build()
    t0 = time.perf_counter()
    tindex = tantivy.Index(schema, path=str(folder))
    writer = tindex.writer(heap_size=512_000_000, num_threads=2)
    for cid, _, text, title in rows:
        writer.add_document(tantivy.Document(id=cid, text=text, title=title or ""))
    writer.commit()
    writer.wait_merging_threads()
    tindex.reload()
    size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
    print(f"tantivy: built in {time.perf_counter() - t0:.1f} s, {size:.0f} MB on disk")
    searcher = tindex.searcher()

    def tant(terms: tuple[str, ...]) -> list[int]:
        if not terms:
            return []
        query = tindex.parse_query(" ".join(terms), ["text", "title"], field_boosts={"title": 0.5})
        hits = searcher.search(query, K).hits
        return [searcher.doc(addr)["id"][0] for _, addr in hits]

    measure("tantivy", tant, questions, article, reference)
    shutil.rmtree(folder)

    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    t0 = time.perf_counter()
    corpus = bm25s.tokenize(
        [f"{title or ''} {text}" for _, _, text, title in rows],
        stopwords="en",
        stemmer=stemmer,
        show_progress=False,
    )
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    print(f"bm25s: built in {time.perf_counter() - t0:.1f} s (in memory, rebuilt on every change)")
    ids = [r[0] for r in rows]

    def bm(terms: tuple[str, ...]) -> list[int]:
        if not terms:
            return []
        tokens = bm25s.tokenize([" ".join(terms)], stopwords="en", stemmer=stemmer, show_progress=False)
        found, _ = retriever.retrieve(tokens, k=K, show_progress=False, n_threads=1)
        return [ids[i] for i in found[0]]

    measure("bm25s", bm, questions, article, reference)


if __name__ == "__main__":
    main()
