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
            "statements": [
                {
                    "begin": st.begin,
                    "end": st.end,
                    "speaker": st.speaker,
                    "canonical": st.canonical,
                    "affiliations": list(st.affiliations),
                    "kind": st.kind,
                    "statement_date": st.day.isoformat() if st.day else None,
                    "date_inferred": st.day_inferred,
                    "text": text[st.begin : st.end],
                }
                for st in view.statements
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = [f"{k}: {v}" for k, v in head.items()]
    lines += ["", "--- cleaned text ---", text, "", f"--- {len(chunks)} chunks ---"]
    for ch, ms in chunks:
        when = ", ".join(_mention_text(m) for m in ms) or "none"
        lines += [f"[{ch.ordinal}] chars {ch.start}–{ch.end}; dates: {when}", ch.text, ""]
    lines.append(f"--- {len(view.statements)} statements ---")
    for st in view.statements:
        day = st.day.isoformat() if st.day else "undated"
        inferred = " (publication date)" if st.day_inferred else ""
        speaks_for = f" for {', '.join(st.affiliations)}" if st.affiliations else ""
        lines += [
            f"chars {st.begin}–{st.end}; {st.kind}; {st.canonical or st.speaker}{speaks_for}"
            f" (written {st.speaker!r}); {day}{inferred}",
            f"  {text[st.begin : st.end]}",
        ]
    return "\n".join(lines)
