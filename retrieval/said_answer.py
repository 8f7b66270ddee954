"""Answering "what did X say …" from the statements index: X's own statements, on the asked day.

The speaker is a hard constraint like the day: the first citation is a statement by X (never a sentence
that only mentions X, nor someone else's reply), dated as asked. When X made none on that day, the reply
says so and offers X's statements nearest in date. Choosing among statements is pure (retrieval/said.py);
this module reads them from the store and builds citations.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from index.store import Store
from index.store_statements import StoredStatement
from retrieval.answerable import Reason
from retrieval.citations import article_citation
from retrieval.config import RankingConfig
from retrieval.names import folded, required_names, written_in
from retrieval.query import Query, TermEvidence, stem, tokenize
from retrieval.rank import Candidate
from retrieval.said import (
    AskedSpeaker,
    as_person,
    display_name,
    normalized,
    quoted_fragment,
    rank_statements,
    topic_words,
    who_said_score,
)
from retrieval.said_roles import office_holder, office_words
from retrieval.types import Answer, Citation


def said_answer(
    store: Store,
    query: Query,
    ranked: list[Candidate],
    asked: AskedSpeaker,
    config: RankingConfig,
    limit: int,
) -> Answer | None:
    """The answer from X's statements, a decline saying X made none on the asked date, or None when the
    statements index cannot tell (no date asked and no statement by X among the ranked articles)."""
    if not asked.person and asked.surname and asked.keys:
        asked = as_person(asked, store.statements_matching([asked.surname], config.said_limit))
    if asked.office and query.date is not None:
        asked = _office_holder(store, query, asked, config)
    article_rank: dict[str, int] = {}
    for c in ranked:
        article_rank.setdefault(c.article_id, len(article_rank))
    if query.date is not None:
        lo, hi = store.date_span()
        if lo is None or hi is None:
            return None
        margin = timedelta(days=config.date_window_days)
        found: list[StoredStatement] = []
        for start, end in query.date.windows(lo - margin, hi + margin):
            found += store.statements_between(start, end, config.said_limit)
        found = [
            s for s in found if s.day is not None and query.date.contains(s.day, s.day) and asked.matches(s)
        ]
    else:
        top = list(article_rank)[: config.said_articles]
        found = [s for ss in store.statements_of(top).values() for s in ss if asked.matches(s)]
    if not found:
        return _none_dated(store, query, asked, config) if query.date is not None else None
    bodies = _bodies(store, found)
    texts = _texts_in(bodies, found)
    topic = topic_words(query, asked)
    spoken = set(tokenize(asked.text))
    names = [n for n in required_names(query.evidence, query.text) if n.term not in spoken]
    on_topic = [s for s in found if _names_around(bodies[s.article_id], s, names, config)]
    if not on_topic:  # "Mao Ning on the Kakhovka dam": her statements in the archive are about other things
        offered = _distinct(rank_statements(found, texts, topic, article_rank), config.nearest_citations)
        return Answer(
            query.text,
            False,
            message=(
                f"None of {display_name(found, asked)}'s statements in the archive mentions "
                f"{' and '.join(n.surface for n in sorted(names, key=query.evidence.index))}."
            ),
            date_label=query.date.label if query.date else "",
            nearest=tuple(_cite(store, offered, texts)),
            reason=Reason.NO_SUPPORT.value,
        )
    found = on_topic
    chosen = _distinct(rank_statements(found, texts, topic, article_rank), limit)
    texts = _with_own_words(bodies, chosen, found, texts, config.said_join_chars)
    return Answer(
        query.text,
        True,
        tuple(_cite(store, chosen, texts)),
        date_label=query.date.label if query.date else "",
        reason=Reason.ANSWERED.value,
    )


def who_said_answer(
    store: Store, query: Query, ranked: list[Candidate], config: RankingConfig, limit: int
) -> Answer | None:
    """ "Who said …?": the statement carrying the quoted words (or most of the question's words) among
    the passages the ranker puts first, led by its speaker. None when no statement fits well enough."""
    fragment = quoted_fragment(query.text)
    terms = {stem(t) for t in query.terms}
    chunk_ids = [c.chunk_id for c in ranked[: config.said_articles]]
    if fragment:  # the passages carrying the quoted words, wherever the ranker put them
        phrase = '"' + normalized(fragment).replace('"', "") + '"'
        chunk_ids += [
            cid for cid, _ in store.search_lexical(phrase, config.said_articles, config.bm25_weights)
        ]
    chunks = store.chunks(chunk_ids)
    by_article = store.statements_of({c.article_id for c in chunks.values()})
    found = [
        s
        for ch in chunks.values()
        for s in by_article.get(ch.article_id, [])
        if ch.start <= s.begin < ch.end or s.begin <= ch.start < s.end
    ]
    if not found:
        return None
    found = list({(s.article_id, s.begin): s for s in found}.values())
    texts = statement_texts(store, found)
    scored = sorted(found, key=lambda s: -who_said_score(texts[(s.article_id, s.begin)], terms, fragment))
    best = who_said_score(texts[(scored[0].article_id, scored[0].begin)], terms, fragment)
    if best < config.who_said_min_share:
        return None
    keep = [
        s for s in scored if who_said_score(texts[(s.article_id, s.begin)], terms, fragment) >= best - 0.01
    ]
    keep.sort(key=lambda s: (s.day or date.max, s.article_id))  # the earliest report first
    return Answer(
        query.text,
        True,
        tuple(_cite(store, _distinct(keep, limit), texts)),
        reason=Reason.ANSWERED.value,
    )


def _office_holder(store: Store, query: Query, asked: AskedSpeaker, config: RankingConfig) -> AskedSpeaker:
    """The person who held the asked office around the asked date, asked about by name from here."""
    assert query.date is not None
    lo, hi = store.date_span()
    if lo is None or hi is None:
        return asked
    near = timedelta(days=config.said_office_days)
    windows = query.date.windows(lo - near, hi + near)
    if not windows:
        return asked
    span = (min(w[0] for w in windows) - near, max(w[1] for w in windows) + near)
    pool = [
        s
        for s in store.statements_matching(office_words(asked.office), config.said_limit, span, any_word=True)
        if s.day is not None and query.date.distance_days(s.day, s.day) <= config.said_office_days
    ]
    holder = office_holder(asked.office, asked.keys, pool).split()
    if not holder:
        return asked
    return AskedSpeaker(asked.text, holder[-1].lower(), asked.keys, True, holder[0].lower(), asked.office)


def _none_dated(store: Store, query: Query, asked: AskedSpeaker, config: RankingConfig) -> Answer:
    assert query.date is not None
    if asked.person:
        by_speaker = [
            s for s in store.statements_matching([asked.surname], config.said_limit) if asked.matches(s)
        ]
    else:  # a country or an institution: its statements in the weeks around the asked date
        by_speaker = []
        lo, hi = store.date_span()
        if lo is not None and hi is not None:
            margin = timedelta(days=config.date_window_days)
            near = timedelta(days=config.said_nearest_days)
            for start, end in query.date.windows(lo - margin, hi + margin):
                found = store.statements_between(start - near, end + near, config.said_limit)
                by_speaker += [s for s in found if asked.matches(s)]
            if not by_speaker:  # none in those weeks: the nearest anywhere in the archive
                by_speaker = [
                    s for s in store.statements_between(lo, hi, config.said_limit) if asked.matches(s)
                ]
    name = display_name(by_speaker, asked) if asked.person else asked.text
    constraint = query.date
    dated = [s for s in by_speaker if s.day is not None]
    dated.sort(key=lambda s: (constraint.distance_days(s.day, s.day) if s.day else 0, s.day_inferred))
    nearest = _distinct(dated, config.nearest_citations)
    return Answer(
        query.text,
        False,
        message=f"No statement by {name} dated {constraint.label} in the archive.",
        date_label=constraint.label,
        nearest=tuple(_cite(store, nearest, statement_texts(store, nearest))),
        reason=Reason.NO_STATEMENT.value,
    )


def _distinct(statements: list[StoredStatement], limit: int) -> list[StoredStatement]:
    out: list[StoredStatement] = []
    seen: set[str] = set()
    for s in statements:
        if s.article_id not in seen:
            seen.add(s.article_id)
            out.append(s)
            if len(out) == limit:
                break
    return out


def _with_own_words(
    bodies: dict[str, str],
    chosen: list[StoredStatement],
    found: list[StoredStatement],
    texts: dict[tuple[str, int], str],
    gap: int,
) -> dict[tuple[str, int], str]:
    """A reported statement (the lede: "Kuleba said Sunday on Meet the Press that …") is followed by
    the speaker's first quotation of the same day in the article, within `gap` characters after it:
    the reader gets what was said and the words it was said in."""
    out = dict(texts)
    for s in chosen:
        if s.kind == "direct":
            continue
        after = [
            t
            for t in found
            if t.article_id == s.article_id
            and s.end <= t.begin <= s.end + gap
            and t.canonical == s.canonical
            and t.kind == "direct"
        ]
        if not after:
            continue
        t = min(after, key=lambda t: t.begin)
        body = bodies[s.article_id]
        between = body[s.end : t.begin]
        joined = between if between.strip() == "" else " … "
        out[(s.article_id, s.begin)] = body[s.begin : s.end] + joined + body[t.begin : t.end]
    return out


def _names_around(
    body: str, s: StoredStatement, names: Sequence[TermEvidence], config: RankingConfig
) -> bool:
    """The article's opening or the statement's own paragraphs write every one of the names."""
    near = config.said_topic_around_chars
    text = folded(body[: config.said_topic_lede_chars] + "\n" + body[max(0, s.begin - near) : s.end + near])
    return all(written_in(text, n, config) for n in names)


def _bodies(store: Store, statements: Sequence[StoredStatement]) -> dict[str, str]:
    return {a: store.article_text(a) or "" for a in {s.article_id for s in statements}}


def _texts_in(bodies: dict[str, str], statements: Sequence[StoredStatement]) -> dict[tuple[str, int], str]:
    return {(s.article_id, s.begin): bodies[s.article_id][s.begin : s.end] for s in statements}


def statement_texts(store: Store, statements: Sequence[StoredStatement]) -> dict[tuple[str, int], str]:
    """Each statement's words as its article writes them, keyed by (article id, offset)."""
    return _texts_in(_bodies(store, statements), statements)


def _cite(
    store: Store, statements: list[StoredStatement], texts: dict[tuple[str, int], str]
) -> list[Citation]:
    articles = store.articles(s.article_id for s in statements)
    out = []
    for number, s in enumerate(statements, start=1):
        art = articles[s.article_id]
        chunks = store.article_chunks(s.article_id)
        chunk = next((c for c in chunks if c.start <= s.begin < c.end), chunks[0] if chunks else None)
        quote = texts[(s.article_id, s.begin)]
        out.append(
            article_citation(
                number,
                art,
                quote,
                chunk.text if chunk else quote,
                0.0,
                chunk.id if chunk else -1,
                speaker=s.canonical or s.speaker,
                statement_date=s.day,
            )
        )
    return out
