""".jsonl and .jsonl.gz archives: one article per line, streamed (a 26k-article file is never held whole).

Each line is checked with a pydantic model, the only place pydantic is used: a bad line becomes a
LoadProblem naming its line number and the other lines still load.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from corpus.article import Article, LoadProblem
from corpus.clean import clean_feed_text
from corpus.formats_common import GivenFields, finish_article
from corpus.metadata import article_stem, parse_date

# A line longer than this is not an article (a whole dump on one line, or a zip bomb): it is reported
# and skipped without being held in memory, so one line costs at most this much however long it is.
MAX_LINE_BYTES = 16_000_000
_DRAIN = 1 << 20


class JsonlRecord(BaseModel):
    """One line of an article archive. Extra fields (authors, bookkeeping) are ignored."""

    # Archives number their articles: 17 and "17" are the same id.
    model_config = ConfigDict(extra="ignore", populate_by_name=True, coerce_numbers_to_str=True)

    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date_: str | None = Field(default=None, alias="date")
    published: str | None = None
    text: str = Field(min_length=1)

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is blank")
        return value


def iter_jsonl(path: Path) -> Iterator[Article | LoadProblem]:
    """Articles (and problems, with line numbers) from a .jsonl or .jsonl.gz file, one line at a time."""
    stem = article_stem(path)
    number = 0
    try:
        with gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb") as stream:
            for number, raw_line in enumerate(bounded_lines(stream, MAX_LINE_BYTES), start=1):
                origin = f"{path}:{number}"
                if isinstance(raw_line, int):
                    yield LoadProblem(
                        origin,
                        f"line is {raw_line:,} bytes, over the {MAX_LINE_BYTES:,}-byte limit for one "
                        "article: put one article per line",
                    )
                elif raw_line.strip():
                    yield _parse_line(raw_line, origin, default_id=f"{stem}-{number}")
    except (OSError, EOFError) as exc:  # a truncated or corrupt .gz fails mid-stream
        yield LoadProblem(
            str(path), f"could not read past line {number} ({exc}): the file may be truncated; re-copy it"
        )


class _Lines(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def bounded_lines(stream: _Lines, limit: int) -> Iterator[bytes | int]:
    """The lines of a binary stream; a line over `limit` bytes is read past in small pieces, never held
    whole, and stands as its length in bytes (an int) instead."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        del line
        while part := stream.readline(_DRAIN):
            size += len(part)
            if part.endswith(b"\n"):
                break
        yield size


def count_lines(path: Path) -> int:
    """Lines in a .jsonl or .jsonl.gz file, counted in 1 MiB blocks (for a progress bar's total)."""
    n, last = 0, b"\n"
    with gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb") as stream:
        while block := stream.read(_DRAIN):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def _parse_line(raw_line: bytes, origin: str, *, default_id: str) -> Article | LoadProblem:
    try:
        data = json.loads(raw_line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return LoadProblem(origin, f"not valid UTF-8 at byte {exc.start}: re-save the file as UTF-8")
    except json.JSONDecodeError as exc:
        return LoadProblem(
            origin, f"not valid JSON ({exc.msg} at column {exc.colno}): each line must be one JSON object"
        )
    if not isinstance(data, dict):
        return LoadProblem(origin, f"expected a JSON object with a 'text' field, got a {type(data).__name__}")
    try:
        record = JsonlRecord.model_validate(data)
    except ValidationError as exc:
        return LoadProblem(origin, _describe(exc))
    try:
        published = parse_date(record.published or record.date_)
    except ValueError as exc:
        field = "published" if record.published else "date"
        return LoadProblem(origin, f"field '{field}': {exc}")
    given = GivenFields(
        id=record.id, title=record.title, url=record.url, source=record.source, published=published
    )
    return finish_article(
        given,
        text=clean_feed_text(record.text),
        raw=record.text,
        origin=origin,
        default_id=default_id,
        default_title=None,
    )


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or "line"
        if error["type"] == "missing":
            parts.append(f"field '{field}' is missing")
        else:
            parts.append(f"field '{field}' {error['msg'].lower()}")
    return "; ".join(parts) + " (each line needs at least a non-empty 'text')"
