"""Pure message formatting: HTML escaping, UTF-16 lengths, splitting between whole elements.

A message is a list of `Block`s (one line or one blockquote each), joined by newlines. Text is kept
raw inside `Span`s and escaped only when rendered, so a split can never fall inside a tag or an
entity: an over-long block is cut into several blocks of the same kind, each closed properly.
Lengths are what Telegram counts: UTF-16 code units of the text after HTML parsing.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

# Re-exported: the bot's messages write dates exactly as the CLI does.
from corpus.date_words import format_date as format_date

TELEGRAM_LIMIT = 4096
CAPTION_ELLIPSIS = "…"

QuoteKind = Literal["", "quote", "expandable"]


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Escape text for Telegram HTML: `<`, `>` and `&` (quotes need no escaping outside attributes)."""
    return html.escape(text, quote=False)


def is_web_url(url: str) -> bool:
    """Only http(s) URLs become links and buttons: Telegram rejects anything else."""
    return url.startswith(("https://", "http://")) and len(url) > len("https://") and " " not in url


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary when one is near, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + CAPTION_ELLIPSIS


@dataclass(frozen=True)
class Span:
    """A run of raw text with at most one style; `href` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""

    def render(self) -> str:
        out = escape(self.text)
        if self.bold:
            out = f"<b>{out}</b>"
        if self.italic:
            out = f"<i>{out}</i>"
        if self.href:
            out = f'<a href="{html.escape(self.href, quote=True)}">{out}</a>'
        return out


@dataclass(frozen=True)
class Block:
    """One element of a message: a line (or paragraph) of spans, optionally inside a blockquote."""

    spans: tuple[Span, ...]
    quote: QuoteKind = ""

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    def length(self) -> int:
        return utf16_len(self.text)

    def render(self) -> str:
        body = "".join(span.render() for span in self.spans if span.text)
        if self.quote == "quote":
            return f"<blockquote>{body}</blockquote>"
        if self.quote == "expandable":
            return f"<blockquote expandable>{body}</blockquote>"
        return body


def line(*parts: str | Span, quote: QuoteKind = "") -> Block:
    """A block from plain strings and spans."""
    return Block(tuple(Span(p) if isinstance(p, str) else p for p in parts), quote)


BLANK = Block(())


def render(blocks: Sequence[Block]) -> str:
    return "\n".join(block.render() for block in blocks)


def _cut_index(text: str, budget: int) -> int:
    """Largest index i so that text[:i] fits `budget` UTF-16 units, preferring a whitespace boundary."""
    used = 0
    hard = 0
    for i, char in enumerate(text):
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > budget:
            break
        used += size
        hard = i + 1
    if hard >= len(text):
        return hard
    soft = max(text.rfind(" ", 0, hard), text.rfind("\n", 0, hard))
    if soft > hard // 2:
        return soft + 1  # keep the space on the first piece; the next piece starts with a word
    return hard


def split_block(block: Block, limit: int) -> list[Block]:
    """Cut a block that is longer than `limit` into blocks of the same kind, each within `limit`."""
    if block.length() <= limit:
        return [block]
    pieces: list[Block] = []
    current: list[Span] = []
    room = limit
    queue = list(block.spans)
    while queue:
        span = queue.pop(0)
        size = utf16_len(span.text)
        if size <= room:
            current.append(span)
            room -= size
            continue
        cut = _cut_index(span.text, room)
        if current and (cut == 0 or room < min(size, limit) // 4):
            queue.insert(0, span)  # too little room left: start the span in the next piece
        else:
            cut = max(cut, 1)
            current.append(replace(span, text=span.text[:cut]))
            queue.insert(0, replace(span, text=span.text[cut:]))
        pieces.append(Block(tuple(current), block.quote))
        current, room = [], limit
    if current:
        pieces.append(Block(tuple(current), block.quote))
    return [piece for piece in pieces if piece.text.strip()]


def _trim_blank_edges(blocks: list[Block]) -> list[Block]:
    while blocks and not blocks[0].text.strip():
        blocks.pop(0)
    while blocks and not blocks[-1].text.strip():
        blocks.pop()
    return blocks


def split_messages(blocks: Iterable[Block], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Render blocks as one or more HTML messages, each at most `limit` UTF-16 units once parsed.

    Messages break between whole blocks; only a block longer than a whole message is itself cut.
    """
    messages: list[list[Block]] = []
    current: list[Block] = []
    size = 0
    for block in blocks:
        for piece in split_block(block, limit):
            extra = piece.length() + (1 if current else 0)
            if current and size + extra > limit:
                messages.append(current)
                current, size = [], 0
                extra = piece.length()
            current.append(piece)
            size += extra
    messages.append(current)
    rendered = [render(_trim_blank_edges(list(m))) for m in messages]
    return [text for text in rendered if text] or [""]


def fit_message(blocks: Sequence[Block], limit: int = TELEGRAM_LIMIT) -> str:
    """Render blocks as ONE message (an edit or an inline result), dropping trailing text to fit."""
    kept: list[Block] = []
    size = 0
    marker = line(CAPTION_ELLIPSIS)
    budget = limit - marker.length() - 1
    for block in blocks:
        extra = block.length() + (1 if kept else 0)
        if size + extra <= budget:
            kept.append(block)
            size += extra
            continue
        room = budget - size - (1 if kept else 0)
        if room > 20:
            kept.append(split_block(block, room)[0])
        kept.append(marker)
        break
    return render(_trim_blank_edges(kept))
