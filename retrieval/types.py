"""Plain values the retrieval stage hands to the fronts (CLI, bot)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from index.store_read import StoredArticle, StoredChunk
from index.store_statements import StoredStatement
from index.types import DateMention
from retrieval.answerable import Support


@dataclass(frozen=True)
class Citation:
    """One cited source: the answering sentences (verbatim) inside their passage (verbatim)."""

    rank: int
    article_id: str
    title: str
    source: str
    published: date | None
    url: str
    quote: str
    passage: str
    score: float
    chunk_id: int = -1
    # For a quote that is a statement: who made it (the canonical name the article gives) and when.
    speaker: str = ""
    statement_date: date | None = None


@dataclass(frozen=True)
class Answer:
    """What a question gets.

    answered=False with `message` set means nothing good enough was found ("Nothing dated 27 May in
    the archive"); `nearest` then holds the closest dated passages, if the question had a date.
    `date_label` is the question's date constraint as a person reads it ("27 May"), or "".
    `citations` may hold more than the fronts show at first ("More sources" pages through them).
    """

    question: str
    answered: bool
    citations: tuple[Citation, ...] = ()
    message: str = ""
    date_label: str = ""
    nearest: tuple[Citation, ...] = ()
    # Why (retrieval.answerable.Reason's value: "answered", "out-of-range date", "unknown name", "nothing
    # dated", "dated passages do not answer", "no support"). `suggestion`: "Did you mean Mariupol?" when a
    # word of the question was respelt to one the archive holds (the answer is for that spelling).
    reason: str = ""
    suggestion: str = ""
    # The evidence the decision weighed for the first citation (None when it declined before citing):
    # for `ask --json` readers and for calibrating the thresholds (benchmarks/calibrate_answerability.py).
    support: Support | None = None


@dataclass(frozen=True)
class IngestSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    chunks: int = 0
    seconds: float = 0.0
    problems: tuple[str, ...] = ()  # one line each: "path:line: what is wrong"


@dataclass(frozen=True)
class ArchiveStats:
    articles: int
    chunks: int
    sources: tuple[str, ...]
    first_date: date | None
    last_date: date | None
    model: str
    size_bytes: int
    backend: str = ""  # the encoder that made the vectors: onnx-int8, onnx or torch


@dataclass(frozen=True)
class ArticleView:
    """One article as indexed: metadata, cleaned text, and each passage with the date mentions in it."""

    meta: StoredArticle
    text: str
    passages: tuple[tuple[StoredChunk, tuple[DateMention, ...]], ...]
    statements: tuple[StoredStatement, ...] = ()  # who said what in it, and when
