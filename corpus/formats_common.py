"""What every format loader shares: given metadata, the guesses for what is missing, the finished Article."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from corpus.article import Article, LoadProblem
from corpus.metadata import infer_published, infer_title

# When a title must come from the text itself, it is cut to this many characters.
TITLE_FROM_TEXT_MAX_CHARS = 90


@dataclass(frozen=True)
class GivenFields:
    """Metadata as the file states it; None where the file says nothing."""

    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None


def finish_article(
    given: GivenFields,
    *,
    text: str,
    raw: str,
    origin: str,
    default_id: str,
    default_title: str | None,
) -> Article | LoadProblem:
    """The Article, with missing id/title/published guessed (from `raw`, the text as found) and marked."""
    if not text.strip():
        return LoadProblem(
            origin,
            "no article text left after removing page furniture (menus, banners, captions): "
            "check that the file holds an article body",
        )
    inferred: set[str] = set()
    article_id = _clean(given.id)
    if not article_id:
        article_id = default_id
        inferred.add("id")
    title = _clean(given.title)
    if not title:
        title = infer_title(raw) or default_title or _title_from_text(text)
        inferred.add("title")
    text = _without_leading_title(text, title)
    published = given.published
    if published is None:
        published = infer_published(raw)
        if published is not None:
            inferred.add("published")
    return Article(
        id=article_id,
        title=title,
        text=text,
        source=_clean(given.source),
        url=_clean(given.url),
        published=published,
        inferred=frozenset(inferred),
        origin=origin,
    )


def _without_leading_title(text: str, title: str) -> str:
    # Pages and feeds often repeat the headline as the first line: it is the title, not a paragraph.
    first, sep, rest = text.partition("\n\n")
    if sep and _clean(first).casefold() == _clean(title).casefold():
        return rest
    return text


def _clean(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


def _title_from_text(text: str) -> str:
    # Last resort (a JSONL line with neither title nor a title-like first line): the opening words.
    first = text.split("\n", 1)[0].strip()
    if len(first) <= TITLE_FROM_TEXT_MAX_CHARS:
        return first
    cut = first[:TITLE_FROM_TEXT_MAX_CHARS].rsplit(" ", 1)[0]
    return f"{cut}…"
