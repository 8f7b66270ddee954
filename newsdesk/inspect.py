"""`newsdesk inspect ID`: what the index holds for one article."""

from __future__ import annotations

import json

from index.errors import NewsdeskError
from index.types import DateMention
from retrieval.service import Newsdesk


def _mention_json(m: DateMention) -> dict[str, str]:
    return {
        "text": m.text,
        "start": m.start.isoformat(),
        "end": m.end.isoformat(),
        "granularity": m.granularity,
    }


def _mention_text(m: DateMention) -> str:
    span = m.start.isoformat() if m.start == m.end else f"{m.start.isoformat()}..{m.end.isoformat()}"
    return f"{m.text!r} → {span}"


def inspect_article(engine: Newsdesk, article_id: str, *, as_json: bool) -> str:
    view = engine.article(article_id)
    if view is None:
        raise NewsdeskError(f"no article with id {article_id!r}: `newsdesk stats` shows what is indexed")
    meta, text, chunks = view.meta, view.text, view.passages
    head = {
        "id": meta.id,
        "title": meta.title,
        "source": meta.source,
        "url": meta.url,
        "published": meta.published.isoformat() if meta.published else None,
        "inferred": sorted(meta.inferred),
        "origin": meta.origin,
    }
    if as_json:
        data = head | {
            "text": text,
            "chunks": [
                {
                    "id": ch.id,
                    "ordinal": ch.ordinal,
                    "start": ch.start,
                    "end": ch.end,
                    "text": ch.text,
                    "dates": [_mention_json(m) for m in ms],
                }
                for ch, ms in chunks
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = [f"{k}: {v}" for k, v in head.items()]
    lines += ["", "--- cleaned text ---", text, "", f"--- {len(chunks)} chunks ---"]
    for ch, ms in chunks:
        when = ", ".join(_mention_text(m) for m in ms) or "none"
        lines += [f"[{ch.ordinal}] chars {ch.start}–{ch.end}; dates: {when}", ch.text, ""]
    return "\n".join(lines)
