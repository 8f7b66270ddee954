"""What the bot says to admins, as blocks (see bot.format): /stats, /ingest's progress and summary.

Pure functions of plain values, like bot.messages.
"""

from __future__ import annotations

from bot.feedback import FeedbackCounts
from bot.format import BLANK, Block, Span, line, shorten
from bot.messages import archive_blocks
from corpus.formats import SUPPORTED
from retrieval.types import ArchiveStats, IngestSummary

UPLOAD_SUFFIXES = SUPPORTED
NOT_ADMIN = "Only the archive's admins can do that."


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
