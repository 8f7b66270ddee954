"""What the bot says, as blocks (see bot.format): answers, passages, help and archive texts.

Pure functions of plain values (retrieval.types), so every message can be tested without Telegram.
"""

from __future__ import annotations

from bot.format import (
    BLANK,
    Block,
    Span,
    format_date,
    is_web_url,
    line,
    shorten,
)
from retrieval.answerable import Reason, offered_heading
from retrieval.types import Answer, ArchiveStats, Citation

EXAMPLES = (
    "What did China say on May 27?",
    "What did Wang Yi tell Blinken on July 27?",
    "Who supplies Russia with components for drones?",
)
APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment."
EXPIRED = "That answer is no longer available. Please ask again."
NON_TEXT_HINT = "I answer text questions: send me your question as a message (or see /help)."
PASSAGE_BUDGET = 3600  # UTF-16 units shared by the passages of one page (the message limit is 4096)


def citation_meta(citation: Citation) -> str:
    """'Kyiv Independent, 27 May 2025' (whatever is known)."""
    return ", ".join(part for part in (citation.source, format_date(citation.published)) if part)


def speaker_blocks(citation: Citation) -> list[Block]:
    """`Jens Stoltenberg, 24 February 2022:` over a quote that is a statement (none for other quotes)."""
    if not citation.speaker:
        return []
    when = format_date(citation.statement_date)
    return [line(Span(citation.speaker, bold=True), f", {when}:" if when else ":")]


def _when(citation: Citation) -> str:
    """The day a statement was made, else the day its article was published."""
    return format_date(citation.statement_date or citation.published) or "undated"


def citation_line(number: int, citation: Citation) -> Block:
    """`[1] <title> — <source>, 27 May 2025`, the title linked when the article has a web URL."""
    title = Span(citation.title or "Untitled article", href=citation.url if is_web_url(citation.url) else "")
    meta = citation_meta(citation)
    return line(f"[{number}] ", title, f" — {meta}" if meta else "")


def page_bounds(total: int, page: int, per_page: int) -> tuple[int, int]:
    start = max(0, page) * per_page
    return min(start, total), min(start + per_page, total)


def page_count(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def _question_header(question: str) -> list[Block]:
    return [line(Span("Q: ", bold=True), Span(question, bold=True)), BLANK]


def _range_note(start: int, end: int, total: int) -> list[Block]:
    if start == 0:
        return []
    return [line(Span(f"Sources {start + 1}–{end} of {total}", italic=True))]


def answer_blocks(
    answer: Answer, page: int = 0, per_page: int = 3, *, show_question: bool = False
) -> list[Block]:
    """The cited answer: the answering sentences as quotes, then the numbered citations."""
    if not answer.answered:
        return not_found_blocks(answer, show_question=show_question)
    start, end = page_bounds(len(answer.citations), page, per_page)
    shown = answer.citations[start:end]
    blocks = _question_header(answer.question) if show_question else []
    if answer.suggestion and start == 0:
        blocks.append(line(Span(answer.suggestion, italic=True)))
    blocks += _range_note(start, end, len(answer.citations))
    for number, citation in enumerate(shown, start=start + 1):
        blocks += speaker_blocks(citation)
        blocks.append(line(" ".join(citation.quote.split()), f" [{number}]", quote="quote"))
    blocks.append(BLANK)
    blocks += [citation_line(number, c) for number, c in enumerate(shown, start=start + 1)]
    return blocks


def passage_spans(passage: str, quote: str) -> tuple[Span, ...]:
    """The passage with the quoted sentences in bold (found verbatim; else the passage as is)."""
    at = passage.find(quote) if quote else -1
    if at < 0:
        return (Span(passage),)
    return (Span(passage[:at]), Span(quote, bold=True), Span(passage[at + len(quote) :]))


def excerpt(passage: str, quote: str, limit: int) -> tuple[Span, ...]:
    """The passage, cut to about `limit` characters around the quote when it is longer."""
    if len(passage) <= limit:
        return passage_spans(passage, quote)
    at = max(passage.find(quote), 0)
    spare = max(limit - len(quote), 0)
    lo = max(0, at - spare // 2)
    hi = min(len(passage), max(at + len(quote), lo + limit))
    if lo > 0:
        space = passage.find(" ", lo)
        lo = space + 1 if 0 <= space < at else lo
    if hi < len(passage):
        space = passage.rfind(" ", at + len(quote), hi)
        hi = space if space > 0 else hi
    text = ("…" if lo > 0 else "") + passage[lo:hi] + ("…" if hi < len(passage) else "")
    return passage_spans(text, quote) if quote in text else (Span(shorten(text, limit)),)


def passage_blocks(
    answer: Answer, page: int = 0, per_page: int = 3, *, show_question: bool = False
) -> list[Block]:
    """'Full passage': each citation of the page with its passage in an expandable blockquote."""
    start, end = page_bounds(len(answer.citations), page, per_page)
    shown = answer.citations[start:end]
    budget = PASSAGE_BUDGET // max(1, len(shown))
    blocks = _question_header(answer.question) if show_question else []
    for number, citation in enumerate(shown, start=start + 1):
        blocks.append(citation_line(number, citation))
        blocks += speaker_blocks(citation)
        blocks.append(Block(excerpt(citation.passage, citation.quote, budget), "expandable"))
    return blocks


def not_found_blocks(answer: Answer, *, show_question: bool = False) -> list[Block]:
    """An honest 'not found', listing the nearest dated passages when the question had a date."""
    blocks = _question_header(answer.question) if show_question else []
    blocks.append(line(answer.message or "I couldn't find an answer to that in the archive."))
    if answer.suggestion:
        blocks.append(line(Span(answer.suggestion, italic=True)))
    if answer.nearest:
        heading = offered_heading(answer.reason, answer.date_label)
        blocks += [BLANK, line(Span(f"{heading}, tap one to read it:", italic=True))]
        for citation in answer.nearest:
            who = (Span(citation.speaker, bold=True), " · ") if citation.speaker else ()
            blocks.append(line(f"• {_when(citation)} — ", *who, Span(citation.title or "Untitled article")))
    else:
        blocks += [BLANK, line("Try other words, or see /about for what the archive covers.")]
    return blocks


def nearest_blocks(answer: Answer, index: int) -> list[Block]:
    """One of the nearest dated passages, shown as a cited answer with a note that the date differs."""
    citation = answer.nearest[index]
    return [
        line(Span(nearest_note(answer, citation), italic=True)),
        *speaker_blocks(citation),
        line(" ".join(citation.quote.split()), " [1]", quote="quote"),
        BLANK,
        citation_line(1, citation),
        Block(excerpt(citation.passage, citation.quote, PASSAGE_BUDGET // 2), "expandable"),
    ]


def nearest_note(answer: Answer, citation: Citation) -> str:
    """What one passage offered beside a decline is, over it (offered_heading speaks of them all)."""
    wanted = f" (you asked about {answer.date_label})" if answer.date_label else ""
    if answer.reason in ("", Reason.NOTHING_DATED):
        return f"Closest dated passage: {_when(citation)}{wanted}"
    if answer.reason == Reason.NO_STATEMENT:
        return f"Statement nearest in date: {_when(citation)}{wanted}"
    if answer.reason == Reason.DATED_NO_SUPPORT:
        return f"A passage dated {answer.date_label}; it does not answer the question"
    return "A close passage; it does not answer the question"


def nearest_label(citation: Citation) -> str:
    """Button text for a nearest dated passage: '26 May 2025 · Title' ('… · Wang Yi · Title')."""
    who = f"{citation.speaker} · " if citation.speaker else ""
    return shorten(f"{_when(citation)} · {who}{citation.title}", 60)


def inline_title(citation: Citation) -> str:
    when = format_date(citation.published)
    return shorten(f"{citation.title} · {when}" if when else citation.title, 120)


def inline_description(citation: Citation) -> str:
    """The quote, after its speaker when it is a statement: 'Wang Yi: “…”'."""
    return shorten(f"{citation.speaker}: {citation.quote}" if citation.speaker else citation.quote, 200)


def greeting_blocks(name: str) -> list[Block]:
    hello = f"Hello, {name}!" if name else "Hello!"
    blocks = [
        line(Span(hello, bold=True)),
        line("Ask me about the news archive and I'll answer with the cited passage."),
        BLANK,
        line("Try one of these:"),
    ]
    blocks += [line(f"• {example}") for example in EXAMPLES]
    return blocks


def help_blocks(bot_username: str, is_admin: bool) -> list[Block]:
    at = f"@{bot_username}" if bot_username else "@bot"
    blocks = [
        line(Span("Ask a question about the news archive", bold=True)),
        line("• Here: just send it, e.g. ", Span(EXAMPLES[0], italic=True)),
        line(f"• In a group: /ask your question, mention {at}, or reply to one of my messages."),
        line(f"• Anywhere (channels too): type {at} and your question, then pick a card."),
        BLANK,
        line(
            "Answers quote the sentences that answer you and cite their articles. Buttons show "
            "the full passage, more sources and the article, and take your 👍 / 👎."
        ),
        BLANK,
        line(Span("Who said what", bold=True)),
        line(
            "• /quote ", Span("a phrase", italic=True), " — every article carrying it, and who each credits"
        ),
        line(
            "• /timeline ",
            Span("Wang Yi", italic=True),
            " — a speaker's statements in date order (",
            Span("/timeline Lavrov about sanctions", italic=True),
            " keeps those on a topic)",
        ),
        BLANK,
        line("/about — what the archive holds · /help — this message"),
    ]
    if is_admin:
        blocks.append(line("Admin: /ingest (caption or reply to a file) · /reload · /stats"))
    return blocks


def archive_blocks(stats: ArchiveStats) -> list[Block]:
    first, last = format_date(stats.first_date), format_date(stats.last_date)
    span = f"{first} – {last}" if first and last else "undated"
    sources = ", ".join(stats.sources[:8]) + (
        f" and {len(stats.sources) - 8} more" if len(stats.sources) > 8 else ""
    )
    return [
        line(Span("The archive", bold=True)),
        line(f"Articles: {stats.articles:,} ({stats.chunks:,} passages)"),
        line(f"Sources ({len(stats.sources)}): {sources or 'none'}"),
        line(f"Dates: {span}"),
    ]


def too_long(length: int, limit: int) -> str:
    return f"That question is {length:,} characters long; please keep it under {limit:,}."


def slow_down(seconds: float, per_minute: int) -> str:
    return (
        f"You're asking faster than I can answer: the limit is {per_minute} questions a minute. "
        f"Please try again in {max(1, round(seconds))} s."
    )


_CHAT_KIND = {"private": "chat", "group": "group", "supergroup": "group", "channel": "channel"}


def refusal(chat_type: str) -> str:
    kind = _CHAT_KIND.get(chat_type, "chat")
    return (
        f"Sorry, this bot only serves the newsroom's chats, and this {kind} isn't one of them. "
        "Ask an admin to add it if you need access."
    )
