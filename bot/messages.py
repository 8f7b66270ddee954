"""What the bot says, as blocks (see bot.format): answers, passages, help, archive and ingest texts.

Pure functions of plain values (retrieval.types), so every message can be tested without Telegram.
"""

from __future__ import annotations

from bot.feedback import FeedbackCounts
from bot.format import (
    BLANK,
    Block,
    Span,
    format_date,
    is_web_url,
    line,
    shorten,
)
from corpus.formats import SUPPORTED
from retrieval.answerable import offered_heading
from retrieval.types import Answer, ArchiveStats, Citation, IngestSummary

EXAMPLES = (
    "What did China say on May 27?",
    "What did Wang Yi tell Blinken on July 27?",
    "Who supplies Russia with components for drones?",
)
UPLOAD_SUFFIXES = SUPPORTED
APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment."
EXPIRED = "That answer is no longer available. Please ask again."
NON_TEXT_HINT = "I answer text questions: send me your question as a message (or see /help)."
NOT_ADMIN = "Only the archive's admins can do that."
PASSAGE_BUDGET = 3600  # UTF-16 units shared by the passages of one page (the message limit is 4096)


def citation_meta(citation: Citation) -> str:
    """'Kyiv Independent, 27 May 2025' (whatever is known)."""
    return ", ".join(part for part in (citation.source, format_date(citation.published)) if part)


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
            when = format_date(citation.published) or "undated"
            blocks.append(line(f"• {when} — ", Span(citation.title or "Untitled article")))
    else:
        blocks += [BLANK, line("Try other words, or see /about for what the archive covers.")]
    return blocks


def nearest_blocks(answer: Answer, index: int) -> list[Block]:
    """One of the nearest dated passages, shown as a cited answer with a note that the date differs."""
    citation = answer.nearest[index]
    wanted = f" (you asked about {answer.date_label})" if answer.date_label else ""
    when = format_date(citation.published) or "undated"
    if answer.reason in ("", "nothing dated"):
        note = f"Closest dated passage: {when}{wanted}"
    else:
        note = f"{offered_heading(answer.reason, answer.date_label)}: {when}"
    return [
        line(Span(note, italic=True)),
        line(" ".join(citation.quote.split()), " [1]", quote="quote"),
        BLANK,
        citation_line(1, citation),
        Block(excerpt(citation.passage, citation.quote, PASSAGE_BUDGET // 2), "expandable"),
    ]


def nearest_label(citation: Citation) -> str:
    """Button text for a nearest dated passage: '26 May 2025 · Title'."""
    when = format_date(citation.published) or "undated"
    return shorten(f"{when} · {citation.title}", 60)


def inline_title(citation: Citation) -> str:
    when = format_date(citation.published)
    return shorten(f"{citation.title} · {when}" if when else citation.title, 120)


def inline_description(citation: Citation) -> str:
    return shorten(citation.quote, 200)


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


def stats_blocks(stats: ArchiveStats, counts: FeedbackCounts) -> list[Block]:
    return [
        *archive_blocks(stats),
        line(f"Model: {stats.model} · index size {stats.size_bytes / 1e6:.1f} MB"),
        BLANK,
        line(Span("Use", bold=True)),
        line(
            f"Answers in chats: {counts.answers:,} to {counts.users:,} users · "
            f"inline queries: {counts.inline:,}"
        ),
        line(f"Feedback: 👍 {counts.up:,} · 👎 {counts.down:,}"),
    ]


def ingest_progress_text(file_name: str, done: int, total: int) -> str:
    percent = f" ({100 * done // total}%)" if total else ""
    return f"Ingesting {file_name}: {done:,} of {total:,} articles{percent}…"


def ingest_summary_blocks(file_name: str, summary: IngestSummary, problems_shown: int = 5) -> list[Block]:
    blocks = [
        line(Span(f"Ingested {file_name}", bold=True), f" in {summary.seconds:.1f} s"),
        line(
            f"Added {summary.added:,} · updated {summary.updated:,} · unchanged {summary.unchanged:,} · "
            f"failed {summary.failed:,} · skipped {summary.skipped:,} · {summary.chunks:,} passages"
        ),
    ]
    if summary.added or summary.updated:
        blocks.append(line("The new articles can be asked about now."))
    if summary.problems:
        blocks += [BLANK, line(Span("Problems:", italic=True))]
        blocks += [line(f"• {shorten(p, 300)}") for p in summary.problems[:problems_shown]]
        if len(summary.problems) > problems_shown:
            blocks.append(line(f"… and {len(summary.problems) - problems_shown} more"))
    return blocks


def upload_refusal(file_name: str, size: int, max_bytes: int) -> str | None:
    """Why an uploaded document can't be ingested, or None when it can."""
    if not file_name.lower().endswith(UPLOAD_SUFFIXES):
        return (
            f"I can ingest {', '.join(UPLOAD_SUFFIXES)} files; {file_name or 'this file'} is none of those."
        )
    if size > max_bytes:
        return f"{file_name} is {size / 1e6:.1f} MB; the upload limit is {max_bytes / 1e6:.1f} MB."
    return None


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
