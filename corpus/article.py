"""The article: what every loader produces and every later stage consumes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One cleaned article.

    `text` is the cleaned body: paragraphs separated by a blank line ("\\n\\n"), every sentence verbatim.
    `inferred` names the metadata fields that were guessed rather than given ("id", "title", "published").
    `origin` says where it came from ("path" or "path:line"), for messages.
    """

    id: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: date | None = None
    inferred: frozenset[str] = field(default_factory=frozenset)
    origin: str = ""

    def content_hash(self) -> str:
        """Changes whenever anything stored for the article would change: re-ingest compares it."""
        h = hashlib.sha256()
        for part in (self.id, self.title, self.text, self.source, self.url, str(self.published or "")):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class LoadProblem:
    """A file or line that could not be turned into an article; the rest of the input goes on."""

    origin: str  # "path" or "path:line"
    message: str  # what is wrong and what to do about it
    skipped: bool = False  # True for files deliberately ignored (unsupported extension), not broken
