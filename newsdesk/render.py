"""Terminal and JSON renderings of an answer. Pure."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict

from corpus.date_words import format_date
from retrieval.answerable import offered_heading
from retrieval.said_views import StatementView
from retrieval.types import Answer, ArchiveStats, Citation, IngestSummary


def citation_json(c: Citation) -> dict[str, object]:
    return {
        "rank": c.rank,
        "article_id": c.article_id,
        "title": c.title,
        "source": c.source,
        "published": c.published.isoformat() if c.published else None,
        "url": c.url,
        "quote": c.quote,
        "passage": c.passage,
        "score": c.score,
        "speaker": c.speaker or None,
        "statement_date": c.statement_date.isoformat() if c.statement_date else None,
    }


def answer_json(a: Answer) -> str:
    return json.dumps(
        {
            "question": a.question,
            "answered": a.answered,
            "citations": [citation_json(c) for c in a.citations],
            "reason": a.reason,
            "message": answer_message(a),
            "nearest": [citation_json(c) for c in a.nearest],
            "suggestion": a.suggestion,
            "support": (
                {k: None if v is None else round(v, 4) for k, v in asdict(a.support).items()}
                if a.support
                else None
            ),
        },
        ensure_ascii=False,
    )


def speaker_line(c: Citation) -> str:
    """ "Jens Stoltenberg, 24 February 2022": who made the quoted statement, and when."""
    when = format_date(c.statement_date) if c.statement_date else ""
    return c.speaker + (f", {when}" if when else "")


def answer_message(a: Answer) -> str:
    """The sentence a person sees first: the decline's reason, or the answer's lead."""
    if not a.answered:
        return a.message or "Not found."
    return a.citations[0].quote if a.citations else ""


def _wrap(text: str, indent: str) -> str:
    return "\n".join(
        textwrap.fill(p, 100, initial_indent=indent, subsequent_indent=indent)
        for p in text.split("\n")
        if p.strip()
    )


def _source_line(c: Citation) -> str:
    parts = [c.title, "—", c.source or "unknown source", ",", format_date(c.published) or "undated"]
    return f"[{c.rank}] " + " ".join(parts).replace(" ,", ",") + f"  ({c.article_id})"


def answer_text(a: Answer, passages: bool = True) -> str:
    lines: list[str] = []
    if not a.answered:
        lines.append(a.message or "Not found.")
        if a.suggestion:
            lines.append(a.suggestion)
        if a.nearest:
            lines.append("")
            lines.append(offered_heading(a.reason, a.date_label) + ":")
            for c in a.nearest:
                lines.append(_source_line(c))
                if c.speaker:
                    lines.append(f"    {speaker_line(c)}:")
                lines.append(_wrap(f"“{c.quote}”", "    "))
        return "\n".join(lines)
    first = a.citations[0]
    if a.suggestion:
        lines.append(a.suggestion)
    if first.speaker:
        lines.append(f"{speaker_line(first)}:")
    lines.append(_wrap(f"“{first.quote}”", "  "))
    lines.append("")
    for c in a.citations:
        lines.append(_source_line(c))
        if c.url:
            lines.append(f"    {c.url}")
        if c.rank > 1:
            if c.speaker:
                lines.append(f"    {speaker_line(c)}:")
            lines.append(_wrap(f"“{c.quote}”", "    "))
        if passages:
            lines.append("    Passage:")
            lines.append(_wrap(c.passage, "      "))
        lines.append("")
    return "\n".join(lines).rstrip()


def summary_text(s: IngestSummary) -> str:
    head = (
        f"{s.added} added, {s.updated} updated, {s.unchanged} unchanged, {s.failed} failed"
        + (f", {s.skipped} skipped" if s.skipped else "")
        + f"; {s.chunks} chunks in {s.seconds:.1f} s"
    )
    return "\n".join([head, *(f"  problem: {p}" for p in s.problems)])


def stats_text(s: ArchiveStats) -> str:
    return "\n".join(
        [
            f"articles:   {s.articles}",
            f"chunks:     {s.chunks}",
            f"sources:    {', '.join(s.sources) or '-'}",
            f"dates:      {format_date(s.first_date) or 'undated'} – {format_date(s.last_date) or 'undated'}",
            f"model:      {s.model} ({s.backend})",
            f"disk:       {s.size_bytes / 1e6:.1f} MB",
        ]
    )


def statement_json(v: StatementView) -> dict[str, object]:
    return {
        "article_id": v.article_id,
        "published": v.published.isoformat() if v.published else None,
        "statement_date": v.statement_date.isoformat() if v.statement_date else None,
        "speaker": v.speaker or None,
        "quote": v.quote,
        "title": v.title,
        "source": v.source,
        "url": v.url,
        "count": v.count,
    }


def statement_text(n: int, v: StatementView) -> str:
    when = format_date(v.statement_date or v.published) or "undated"
    also = f"  (and {v.count - 1} more article(s))" if v.count > 1 else ""
    lines = [f"[{n}] {when} — {v.speaker or 'no speaker credited'}{also}", _wrap(f"“{v.quote}”", "    ")]
    lines.append(f"    {v.title} — {v.source or 'unknown source'}, {format_date(v.published) or 'undated'}")
    if v.url:
        lines.append(f"    {v.url}")
    return "\n".join(lines)
