"""`newsdesk inspect ID`: what the index holds for one article."""

from __future__ import annotations

import json

from index.errors import NewsdeskError
from retrieval.service import Newsdesk


def inspect_article(engine: Newsdesk, article_id: str, *, as_json: bool) -> str:
    store = engine.store
    meta = store.articles([article_id]).get(article_id)
    text = store.article_text(article_id)
    if meta is None or text is None:
        raise NewsdeskError(f"no article with id {article_id!r}: `newsdesk stats` shows what is indexed")
    mentions = store.mentions([article_id])[article_id]
    chunks = []
    for ch in store.article_chunks(article_id):
        dates = [
            {
                "text": m.text,
                "start": m.start.isoformat(),
                "end": m.end.isoformat(),
                "granularity": m.granularity,
            }
            for m in mentions
            if m.begin < ch.end and m.end_offset > ch.start
        ]
        chunks.append(
            {
                "id": ch.id,
                "ordinal": ch.ordinal,
                "start": ch.start,
                "end": ch.end,
                "text": ch.text,
                "dates": dates,
            }
        )
    data = {
        "id": meta.id,
        "title": meta.title,
        "source": meta.source,
        "url": meta.url,
        "published": meta.published.isoformat() if meta.published else None,
        "inferred": sorted(meta.inferred),
        "origin": meta.origin,
        "text": text,
        "chunks": chunks,
    }
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = [f"{k}: {data[k]}" for k in ("id", "title", "source", "url", "published", "inferred", "origin")]
    lines += ["", "--- cleaned text ---", text, "", f"--- {len(chunks)} chunks ---"]
    for c in chunks:
        when = ", ".join(
            f"{d['text']!r} → {d['start']}" + ("" if d["start"] == d["end"] else f"..{d['end']}")
            for d in c["dates"]
        )  # type: ignore[index]
        lines.append(f"[{c['ordinal']}] chars {c['start']}–{c['end']}; dates: {when or 'none'}")
        lines.append(str(c["text"]))
        lines.append("")
    return "\n".join(lines)
