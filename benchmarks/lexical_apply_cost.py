"""What keeping the tantivy lexical folder current costs an ingest: the time spent in its per-batch
adds and commits, against the whole ingest, into a fresh temporary index (docs/benchmarks.md).

    head -400 ../shared/corpora/realtimeqa/articles_ukraine_russia.jsonl > /tmp/ukr400.jsonl
    .venv/bin/python benchmarks/lexical_apply_cost.py /tmp/ukr400.jsonl
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from index import lexical
from newsdesk.settings import Settings
from newsdesk.wiring import open_engine


def main(archive: Path) -> None:
    spent = [0.0, 0]
    apply = lexical.LexicalIndex.apply

    def timed(self: lexical.LexicalIndex, removed: list[int], added: list[lexical.Row]) -> None:
        started = time.perf_counter()
        apply(self, removed, added)
        spent[0] += time.perf_counter() - started
        spent[1] += 1

    lexical.LexicalIndex.apply = timed  # type: ignore[method-assign,assignment]
    with tempfile.TemporaryDirectory() as folder:
        engine = open_engine(Settings(_env_file=None, index_dir=Path(folder)), allow_empty=True)
        started = time.perf_counter()
        summary = engine.ingest([archive])
        total = time.perf_counter() - started
        engine.close()
    print(
        f"ingest {total:.1f} s, {summary.chunks} chunks; lexical adds {spent[0] * 1000:.0f} ms over "
        f"{spent[1]} batches ({100 * spent[0] / total:.1f}% of the ingest)"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
