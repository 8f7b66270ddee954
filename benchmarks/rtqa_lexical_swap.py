"""What the whole ranker scores on RealTime QA when its lexical search is tantivy instead of SQLite FTS5
(the archive-scale issue), on an existing index, with ask()'s own latency. A measurement, not the
product: the engine's store answers `search_lexical` from a tantivy index built here from the same
chunk texts and titles, with the same column weights.

    .venv/bin/pip install tantivy                     # not a project dependency yet
    NEWSDESK_INDEX_DIR=… .venv/bin/python benchmarks/rtqa_lexical_swap.py \
        ../shared/corpora/realtimeqa/questions_with_gold_article.jsonl [fts5|tantivy]
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from newsdesk.settings import Settings
from newsdesk.wiring import open_engine
from retrieval.rank import distinct_articles


def tantivy_search(db_path: Path):  # type: ignore[no-untyped-def]
    import sqlite3

    import tantivy

    db = sqlite3.connect(db_path)
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, fast=True)
    builder.add_text_field("text", stored=False, tokenizer_name="en_stem")
    builder.add_text_field("title", stored=False, tokenizer_name="en_stem")
    folder = Path(tempfile.mkdtemp(prefix="tantivy-"))
    index = tantivy.Index(builder.build(), path=str(folder))
    writer = index.writer(heap_size=512_000_000, num_threads=2)
    rows = db.execute("SELECT c.id, c.text, a.title FROM chunks c JOIN articles a ON a.id = c.article_id")
    for cid, text, title in rows:
        writer.add_document(tantivy.Document(id=cid, text=text, title=title or ""))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()

    def search(fts_query: str, k: int, weights: tuple[float, float]) -> list[tuple[int, float]]:
        if not fts_query:
            return []
        try:
            query = index.parse_query(
                fts_query, ["text", "title"], field_boosts={"title": weights[1] / weights[0]}
            )
        except ValueError:
            return []
        hits = searcher.search(query, k).hits
        return [(searcher.doc(addr)["id"][0], float(score)) for score, addr in hits]

    return search, folder


def main() -> None:
    qfile, engine_name = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "tantivy")
    engine = open_engine(Settings())
    folder = None
    if engine_name == "tantivy":
        t0 = time.perf_counter()
        search, folder = tantivy_search(engine.store.dir / "newsdesk.sqlite3")
        engine.store.search_lexical = search  # type: ignore[method-assign]
        print(f"tantivy built in {time.perf_counter() - t0:.1f} s")
    n = r1 = r10 = 0
    times = []
    with open(qfile) as fh:
        for line in fh:
            row = json.loads(line)
            gold = set(row["gold_ids_union"])
            t0 = time.perf_counter()
            engine.ask(row["question"], today=date.fromisoformat(row["question_date"]))
            times.append((time.perf_counter() - t0) * 1000)
            query = engine.question(row["question"], today=date.fromisoformat(row["question_date"]))
            top = [c.article_id for c in distinct_articles(engine.ranked(query), 10)]
            n += 1
            r1 += bool(top and top[0] in gold)
            r10 += bool(gold & set(top))
    times.sort()
    print(
        f"{engine_name}: {n} questions, ranker order R@1 {r1 / n:.4f}, R@10 {r10 / n:.4f}; "
        f"ask() p50 {times[n // 2]:.1f} ms, p95 {times[int(0.95 * n)]:.1f} ms"
    )
    if folder is not None:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
