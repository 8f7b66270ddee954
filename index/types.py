"""Plain values the index stage produces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Granularity = Literal["day", "week", "month", "year"]


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
