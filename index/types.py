"""Plain values the index stage produces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Granularity = Literal["day", "week", "month", "year"]


def spans_overlap(begin: int, end: int, other_begin: int, other_end: int) -> bool:
    """Do ``text[begin:end]`` and ``text[other_begin:other_end]`` share a character? A date mention cut
    by a chunk or sentence boundary dates both sides."""
    return begin < other_end and end > other_begin


@dataclass(frozen=True)
class DateMention:
    """A date expression in a text, resolved to a calendar range [start, end] (inclusive).

    "on May 27" in an article published 2025-05-27 → start = end = 2025-05-27, granularity "day".
    "in March 2022" → 2022-03-01 .. 2022-03-31, "month". Offsets are character offsets into the text.
    """

    begin: int
    end_offset: int
    text: str
    start: date
    end: date
    granularity: Granularity

    def overlaps(self, begin: int, end_offset: int) -> bool:
        """Does the mention share a character with ``text[begin:end_offset]`` (a chunk's span)?"""
        return spans_overlap(self.begin, self.end_offset, begin, end_offset)


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences of one article, within the model's window.

    `start`/`end` are character offsets into `Article.text`; `text == article.text[start:end]`.
    """

    article_id: str
    ordinal: int
    start: int
    end: int
    text: str
