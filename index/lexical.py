"""Lexical top-k search over passage text and article title: a tantivy index derived from SQLite.

SQLite FTS5 scores every passage holding any word of a question (no top-k pruning): 100 ms a question
over 312,502 passages. tantivy's block-max WAND skips the blocks that cannot reach the top k (1.6 ms on
the same archive; docs/scaling.md). Like vectors.faiss, this index is only a cache: SQLite holds the
text, the manifest stamps the SQLite generation the folder was written at, and a stale, missing or
damaged folder is rebuilt from SQLite (in memory on open; on disk when the index is next saved).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import tantivy

LEXICAL_DIR = "lexical"
# English stemming, as FTS5's porter tokenizer does ("resigned" finds "resigns").
TOKENIZER = "en_stem"
# Memory the writer buffers before it flushes a segment (tantivy's minimum is 15 MB per thread).
WRITER_HEAP = 64_000_000
WRITER_THREADS = 1

Row = tuple[int, str, str]  # chunk id, passage text, article title


class LexicalIndexError(RuntimeError):
    """The lexical folder could not be opened: a cache miss, rebuilt from SQLite."""


def _schema() -> Any:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    # Title and passage in one field, normalised by their joint length as FTS5's bm25() does: scoring
    # them as separate fields lost 0.012 of RealTime QA R@10 (docs/scaling.md). The title alone again,
    # for its extra weight.
    builder.add_text_field("all", stored=False, tokenizer_name=TOKENIZER)
    builder.add_text_field("title", stored=False, tokenizer_name=TOKENIZER)
    return builder.build()


FIELDS = ["all", "title"]


class LexicalIndex:
    """BM25 over (text, title) with per-field weights, returning chunk ids. `path` None: in memory."""

    def __init__(self, index: Any, path: Path | None) -> None:
        self._index = index
        self.path = path

    @classmethod
    def in_memory(cls, rows: Iterable[Row] = ()) -> LexicalIndex:
        lexical = cls(tantivy.Index(_schema()), None)
        lexical.apply((), rows)
        return lexical

    @classmethod
    def open(cls, path: Path) -> LexicalIndex:
        try:
            if not tantivy.Index.exists(str(path)):
                raise LexicalIndexError(f"no lexical index at {path}")
            index = tantivy.Index.open(str(path))
            index.reload()
            index.searcher()
            index.parse_query('"probe"', FIELDS)  # a folder of another schema lacks these fields
        except (ValueError, OSError) as exc:
            raise LexicalIndexError(str(exc)) from exc
        return cls(index, path)

    @classmethod
    def build_on_disk(cls, path: Path, rows: Iterable[Row]) -> LexicalIndex:
        """A fresh folder at `path`, written beside it first and swapped in: a crash leaves the old folder
        or the new one (and the manifest, written after, says whether it is current)."""
        fresh = path.with_name(path.name + ".new")
        old = path.with_name(path.name + ".old")
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        fresh.mkdir(parents=True)
        lexical = cls(tantivy.Index(_schema(), path=str(fresh)), fresh)
        lexical.apply((), rows)
        del lexical
        if path.exists():
            path.rename(old)
        fresh.rename(path)
        shutil.rmtree(old, ignore_errors=True)
        return cls.open(path)

    @property
    def count(self) -> int:
        return int(self._index.searcher().num_docs)

    def apply(self, removed: Sequence[int], added: Iterable[Row]) -> None:
        """Delete the passages `removed`, add `added`, and commit: searches see all of it or none."""
        writer = self._index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
        for chunk_id in removed:
            writer.delete_documents_by_term("id", int(chunk_id))
        for chunk_id, text, title in added:
            writer.add_document(tantivy.Document(id=int(chunk_id), all=f"{title}\n{text}", title=title))
        writer.commit()
        writer.wait_merging_threads()  # also releases the folder's writer lock
        self._index.reload()

    def search(self, expression: str, k: int, weights: tuple[float, float]) -> list[tuple[int, float]]:
        """(chunk id, BM25 score; higher is better), best first, for the question's FTS5-style expression
        (`"word" OR "two words"`); `weights`: the text and title weights (retrieval/config.py)."""
        if not expression or k <= 0:
            return []
        text_weight, title_weight = weights
        try:
            query = self._index.parse_query(
                expression, FIELDS, field_boosts={"all": text_weight, "title": title_weight}
            )
        except ValueError:
            return []
        searcher = self._index.searcher()
        # count=False: counting every match would visit every block, the cost this index avoids.
        hits = searcher.search(query, k, count=False).hits
        return [(int(searcher.doc(address)["id"][0]), float(score)) for score, address in hits]
