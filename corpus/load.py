"""Loading articles from files and folders: the one place in `corpus` that touches the file system.

    for item in iter_articles([Path("archive/"), Path("extra.jsonl.gz")]):
        if isinstance(item, Article): ...
        else: print(item.origin, item.message)   # a LoadProblem: the rest goes on

Formats: .txt and .md (optional YAML front matter), .html and .htm (also gzipped), .jsonl and .jsonl.gz
(one article per line). Folders are walked recursively in sorted order, skipping hidden entries.
Nothing raised for a bad file escapes: each becomes one LoadProblem with a message that says what to do.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from corpus.article import Article, LoadProblem
from corpus.formats import MAX_FILE_BYTES, SUPPORTED
from corpus.formats_html import load_html
from corpus.formats_jsonl import count_lines, iter_jsonl
from corpus.formats_text import load_text

# Saved pages are often gzipped ("page.html.gz"); they load like the plain file.
_GZIPPED_HTML = (".html.gz", ".htm.gz")
# One web page unpacked: past this it is not an article, and parsing it would take gigabytes.
MAX_PAGE_BYTES = 20_000_000


def iter_articles(
    paths: Sequence[Path], *, max_file_bytes: int = MAX_FILE_BYTES
) -> Iterator[Article | LoadProblem]:
    """Articles from files and folders, in order, with a LoadProblem for anything that cannot be loaded.

    No file larger than `max_file_bytes` is opened. JSONL files are streamed line by line (a 26k-article
    archive is never held whole); other files are read whole, one at a time.
    An id seen twice is reported once more and the later article skipped: ids must be unique.
    """
    seen: dict[str, str] = {}
    for path in paths:
        for item in _iter_path(Path(path), max_file_bytes):
            if isinstance(item, Article):
                first = seen.setdefault(item.id, item.origin)
                if first != item.origin:
                    yield LoadProblem(
                        item.origin,
                        f"duplicate id {item.id!r} (first used by {first}): skipped; give each article its "
                        "own id",
                    )
                    continue
            yield item


def count_items(paths: Sequence[Path]) -> int:
    """About how many items iter_articles will yield (a JSONL line or a file each), for a progress bar's
    total: it reads JSONL files through once, which costs a second or two per gigabyte."""
    n = 0
    for path in paths:
        files = _walk(path) if path.is_dir() else iter([path] if path.exists() else [])
        for file in files:
            try:
                n += count_lines(file) if _kind(file) == "jsonl" else 1
            except (OSError, EOFError):
                n += 1
    return n


def _iter_path(path: Path, max_file_bytes: int) -> Iterator[Article | LoadProblem]:
    if path.is_dir():
        for file in _walk(path):
            yield from _iter_file(file, max_file_bytes)
    elif path.exists():
        yield from _iter_file(path, max_file_bytes)
    else:
        yield LoadProblem(
            str(path), "no such file or folder: check the path (relative paths start at the working folder)"
        )


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder`, depth first in sorted order; hidden files and folders (".git") are skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return  # an unreadable subfolder: its files cannot be listed, _iter_file reports nothing either
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def _iter_file(path: Path, max_file_bytes: int) -> Iterator[Article | LoadProblem]:
    origin = str(path)
    kind = _kind(path)
    if kind is None:
        yield LoadProblem(
            origin,
            f"skipped: unsupported file type {_suffix(path) or '(none)'} (supported: {' '.join(SUPPORTED)})",
            skipped=True,
        )
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield LoadProblem(origin, f"cannot read the file ({exc.strerror or exc}): check its permissions")
        return
    if size == 0:
        yield LoadProblem(origin, "empty file: nothing to load")
        return
    if size > max_file_bytes:
        yield LoadProblem(
            origin,
            f"file is {size:,} bytes, over the {max_file_bytes:,}-byte limit: split it, or raise "
            "max_file_bytes",
        )
        return
    try:
        if kind == "jsonl":
            yield from _nonempty(iter_jsonl(path), origin)
        else:
            yield _load_whole_file(path, kind, max_file_bytes)
    except OSError as exc:
        yield LoadProblem(origin, f"cannot read the file ({exc.strerror or exc}): check its permissions")


def _load_whole_file(path: Path, kind: str, max_file_bytes: int) -> Article | LoadProblem:
    origin = str(path)
    if path.name.lower().endswith(".gz"):
        try:
            limit = min(max_file_bytes, MAX_PAGE_BYTES)
            with gzip.open(path, "rb") as gz:
                data = gz.read(limit + 1)  # bounded: a small .gz can unpack to gigabytes
        except (gzip.BadGzipFile, EOFError) as exc:
            return LoadProblem(origin, f"not a readable gzip file ({exc}): re-compress or unzip it")
        if len(data) > limit:
            return LoadProblem(
                origin, f"unzipped, the page is over {limit:,} bytes, too large for one article: skipped"
            )
    else:
        data = path.read_bytes()
    if not data or data.isspace():
        return LoadProblem(origin, "file holds only whitespace: nothing to load")
    if kind == "html":
        return load_html(path, data)
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return LoadProblem(
            origin,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
            "re-save the file as UTF-8",
        )
    return load_text(path, content.replace("\r\n", "\n"), markdown=kind == "md")


def _nonempty(items: Iterator[Article | LoadProblem], origin: str) -> Iterator[Article | LoadProblem]:
    count = 0
    for item in items:
        count += 1
        yield item
    if count == 0:
        yield LoadProblem(origin, "no articles: the file has only blank lines")


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    if name.endswith((".html", ".htm", *_GZIPPED_HTML)):
        return "html"
    if name.endswith(".md"):
        return "md"
    if name.endswith(".txt"):
        return "txt"
    return None


def _suffix(path: Path) -> str:
    suffixes = path.suffixes
    if len(suffixes) >= 2 and suffixes[-1].lower() == ".gz":
        return "".join(suffixes[-2:])
    return path.suffix
