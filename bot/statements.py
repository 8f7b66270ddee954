"""What /quote and /timeline say, as blocks (see bot.format): pure functions of StatementViews.

/quote PHRASE: every article carrying the phrase, earliest first, with the speaker each credits.
/timeline SPEAKER [about WORDS]: the speaker's statements in date order, repeats merged with a count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.format import BLANK, Block, Span, format_date, is_web_url, line, shorten
from bot.messages import page_bounds, page_count
from retrieval.said_views import StatementView, credit_note

ListKind = Literal["quote", "timeline"]
PER_PAGE = 5  # articles or statements a page: 5 quotes of QUOTE_CHARS and their lines fit one message
QUOTE_CHARS = 500
TITLE_CHARS = 150
QUOTE_EXAMPLE = "strictly controls dual-use items"
QUOTE_USAGE = f"Usage: /quote a phrase, e.g. /quote {QUOTE_EXAMPLE}"
TIMELINE_USAGE = "Usage: /timeline a speaker, e.g. /timeline Wang Yi, or /timeline Lavrov about sanctions"
_ABOUT = re.compile(r"(?:^|\s)about(?:\s|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Listing:
    """A /quote or /timeline list as the bot shows it; `key` (carried by its page buttons) is "" when
    it fits one page and was not stored."""

    key: str
    kind: ListKind
    asked: str  # what followed the command: the phrase, or "speaker [about words]"
    name: str  # the phrase, or the speaker's name as the archive gives it
    about: str
    views: tuple[StatementView, ...]
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return page_count(len(self.views), self.per_page)


def timeline_args(text: str) -> tuple[str, str]:
    """'Lavrov about sanctions' -> ('Lavrov', 'sanctions'); 'Wang Yi' -> ('Wang Yi', '')."""
    speaker, *about = _ABOUT.split(" ".join(text.split()), maxsplit=1)
    return speaker.strip(), " ".join(about).strip()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _quote_spans(quote: str, phrase: str) -> tuple[Span, ...]:
    """The quote (shortened when long), the phrase in bold where it appears as typed."""
    text = shorten(quote, QUOTE_CHARS)
    wanted = " ".join(phrase.split())
    lowered = text.lower()
    at = lowered.find(wanted.lower()) if wanted and len(lowered) == len(text) else -1
    if at < 0:
        return (Span(text),)
    end = at + len(wanted)
    return (Span(text[:at]), Span(text[at:end], bold=True), Span(text[end:]))


def _article_line(view: StatementView, extra: str = "") -> Block:
    """`<title> — Kyiv Independent, 27 May 2025`, the title linked when the article has a web URL."""
    title = Span(
        shorten(view.title or "Untitled article", TITLE_CHARS), href=view.url if is_web_url(view.url) else ""
    )
    meta = ", ".join(part for part in (view.source, format_date(view.published)) if part)
    return line(title, f" — {meta}" if meta else "", extra)


def _range_note(listing: Listing, start: int, end: int, noun: str) -> list[Block]:
    if listing.pages < 2:
        return []
    return [line(Span(f"{noun} {start + 1}–{end} of {len(listing.views)}", italic=True))]


def quote_blocks(listing: Listing, page: int = 0) -> list[Block]:
    """Page `page` of the articles carrying the phrase, each with the speaker it credits."""
    phrase, views = listing.name, listing.views
    if not views:
        return [line(f"No article in the archive carries “{phrase}”.")]
    carry = "carries" if len(views) == 1 else "carry"
    head = Span(f"{_plural(len(views), 'article')} {carry} “{phrase}”", bold=True)
    blocks = [line(head, ", earliest first.")]
    note = credit_note(views)
    if note:
        blocks.append(line(Span(note, italic=True)))
    start, end = page_bounds(len(views), page, listing.per_page)
    blocks += _range_note(listing, start, end, "Articles")
    for number, view in enumerate(views[start:end], start=start + 1):
        who = Span(view.speaker, bold=True) if view.speaker else Span("no speaker credited", italic=True)
        said = format_date(view.statement_date)
        blocks += [
            BLANK,
            line(f"[{number}] ", who, f", {said}" if said else ""),
            Block(_quote_spans(view.quote, phrase), "quote"),
            _article_line(view),
        ]
    return blocks


def timeline_blocks(listing: Listing, page: int = 0) -> list[Block]:
    """Page `page` of the speaker's statements in date order."""
    views = listing.views
    about = f" about “{listing.about}”" if listing.about else ""
    if not views:
        return [line(f"No statements by {listing.name} in the archive{about}.")]
    count = _plural(len(views), "statement")
    blocks = [line(Span(listing.name, bold=True), f": {count}{about}, in date order.")]
    start, end = page_bounds(len(views), page, listing.per_page)
    blocks += _range_note(listing, start, end, "Statements")
    for number, view in enumerate(views[start:end], start=start + 1):
        more = view.count - 1
        also = f" · and {_plural(more, 'more article')}" if more > 0 else ""
        when = format_date(view.statement_date or view.published) or "undated"
        blocks += [
            BLANK,
            line(f"[{number}] ", Span(when, bold=True)),
            Block(_quote_spans(view.quote, ""), "quote"),
            _article_line(view, also),
        ]
    return blocks


def listing_blocks(listing: Listing, page: int = 0) -> list[Block]:
    return quote_blocks(listing, page) if listing.kind == "quote" else timeline_blocks(listing, page)
