"""The pure core of retrieval: question parsing, date tiers, speaker evidence, quote selection."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from retrieval.answer import SentenceInfo, nearness, select_quote, sentence_infos
from retrieval.query import content_terms, fts_expression, parse_query, stem
from retrieval.rank import TIER_MENTION, TIER_NONE, TIER_PUBLISHED, Candidate, distinct_articles, rank

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("question", "speaker", "speech"),
    [
        ("what did China say on May 27?", "china", True),
        ("What did Beijing say?", "china", True),
        ("How did the Kremlin react to the sanctions?", "russia", True),
        ("What did Mao Ning tell reporters?", "china", True),
        ("what did the U.S. announce?", "united states", True),
        ("Where did Wang Yi meet Blinken?", "china", False),
        ("how many drones were shot down", None, False),
    ],
)
def test_speaker_and_speech_question(question: str, speaker: str | None, speech: bool) -> None:
    q = parse_query(question, TODAY)
    assert (speaker in {s.key for s in q.speakers}) if speaker else not q.speakers
    assert q.asks_speech is speech


@pytest.mark.parametrize(
    ("text", "not_speakers"),
    [
        ("Tell us about the UN and the US", set()),
        ("us and them, un-named sources", {"united states", "united nations"}),
    ],
)
def test_acronyms_match_only_in_capitals(text: str, not_speakers: set[str]) -> None:
    keys = {s.key for s in parse_query(text, TODAY).speakers}
    assert not keys & not_speakers


@pytest.mark.parametrize(
    ("question", "content", "label"),
    [
        ("what did China say on May 27?", "what did China say?", "27 May"),
        ("What did China say on 27.05?", "What did China say?", "27 May"),
        ("what happened in March 2022 in Mariupol", None, "March 2022"),
        ("who is Mao Ning", "who is Mao Ning", ""),
    ],
)
def test_date_is_taken_out_of_the_searched_text(question: str, content: str | None, label: str) -> None:
    q = parse_query(question, TODAY)
    assert (q.date.label if q.date else "") == label
    if content is not None:
        assert q.content == content
    assert "27" not in q.terms and "may" not in q.terms


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("What did China's ministry say?", ("china", "ministry")),
        ("the 2022 invasion, 80 drones", ("2022", "invasion", "drones")),
        ('a "quoted" NEAR(x) -minus *star', ("quoted", "near", "x", "minus", "star")),
    ],
)
def test_content_terms(text: str, terms: tuple[str, ...]) -> None:
    assert content_terms(text) == terms


def test_fts_expression_quotes_every_term_so_operators_are_text() -> None:
    assert fts_expression(("near", "or", "and")) == '"near" OR "or" OR "and"'
    assert fts_expression(()) == ""


def _cand(
    cid: int,
    article: str,
    dense: float,
    dates: tuple[tuple[date, date], ...] = (),
    *,
    text: str = "Some text.",
    published: date | None = None,
    dense_rank: int | None = None,
) -> Candidate:
    return Candidate(cid, article, text, published, dense, dense_rank=dense_rank, dates=dates)


MAY27 = (date(2025, 5, 27), date(2025, 5, 27))
JUL27 = (date(2024, 7, 27), date(2024, 7, 27))


def test_a_dated_question_puts_matching_passages_first_whatever_their_similarity() -> None:
    q = parse_query("what did China say on May 27?", TODAY)
    ranked = rank(
        [
            _cand(1, "july", 0.9, (JUL27,), dense_rank=0),
            _cand(2, "may", 0.3, (MAY27,), dense_rank=1),
            _cand(3, "pub", 0.5, (), published=date(2023, 5, 27), dense_rank=2),
        ],
        q,
    )
    assert [c.chunk_id for c in ranked] == [2, 3, 1]
    assert [c.tier for c in ranked] == [TIER_MENTION, TIER_PUBLISHED, TIER_NONE]


def test_a_coarse_mention_does_not_count_as_the_day() -> None:
    q = parse_query("what did China say on May 27?", TODAY)
    year = (date(2025, 1, 1), date(2025, 12, 31))
    assert rank([_cand(1, "a", 0.5, (year,))], q)[0].tier == TIER_NONE


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Beijing denied the claims on Tuesday.", 1.0),
        ("Mao Ning said the position is clear.", 1.0),
        ("Trade with Beijing grew.", 0.5),
        ("Ukraine said it had evidence.", 0.0),
    ],
)
def test_speaker_evidence(text: str, evidence: float) -> None:
    q = parse_query("what did China say?", TODAY)
    assert rank([_cand(1, "a", 0.5, text=text)], q)[0].speaker == evidence


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("what did the US say about the aid package?", "speaks"),  # the speaker's statement wins
        ("how big is the US aid package?", "closer"),  # naming the US is no evidence: the closer text wins
    ],
)
def test_speaker_evidence_counts_only_for_questions_about_what_was_said(question: str, first: str) -> None:
    speaks = _cand(1, "speaks", 0.50, text="The White House said the package would pass.")
    closer = _cand(2, "closer", 0.55, text="The package is worth $40 billion.")
    assert rank([closer, speaks], parse_query(question, TODAY))[0].article_id == first


def test_citations_come_from_distinct_articles() -> None:
    cands = [_cand(1, "a", 0.9), _cand(2, "a", 0.8), _cand(3, "b", 0.7), _cand(4, "c", 0.6)]
    assert [c.chunk_id for c in distinct_articles(cands, 2)] == [1, 3]


PASSAGE = (
    "Talks resumed in Geneva. China on May 27 denied the accusations. "
    '"We never supplied weapons," she added. Separately, on April 17 Kyiv said otherwise.'
)


def _infos(passage: str, dates: dict[str, tuple[date, date]]) -> list[SentenceInfo]:
    from index.sentences import split_sentences

    mentions = [(passage.index(k), passage.index(k) + len(k), *v) for k, v in dates.items()]
    return sentence_infos(split_sentences(passage), mentions)


def test_quote_is_the_dated_sentence_and_its_continuation() -> None:
    q = parse_query("what did China say on May 27?", TODAY)
    infos = _infos(PASSAGE, {"May 27": MAY27, "April 17": (date(2025, 4, 17), date(2025, 4, 17))})
    s, e, _ = select_quote(PASSAGE, infos, q)
    assert PASSAGE[s:e] == 'China on May 27 denied the accusations. "We never supplied weapons," she added.'


def test_quote_avoids_a_sentence_dated_another_day() -> None:
    q = parse_query("what did Kyiv say on April 17?", TODAY)
    infos = _infos(PASSAGE, {"May 27": MAY27, "April 17": (date(2025, 4, 17), date(2025, 4, 17))})
    s, e, _ = select_quote(PASSAGE, infos, q)
    assert "April 17" in PASSAGE[s:e] and "May 27" not in PASSAGE[s:e]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 3, 3), date(2025, 3, 3), 0),
        (date(2025, 1, 1), date(2025, 12, 31), 182),
        (date(2025, 3, 1), date(2025, 3, 1), 2),
    ],
)
def test_nearness_prefers_precise_dates(start: date, end: date, expected: int) -> None:
    q = parse_query("what happened on 3 March 2025", TODAY)
    assert q.date is not None
    assert nearness(q.date.distance_days, start, end) == expected


@pytest.mark.parametrize(
    ("question", "dated", "answering"),
    [
        # An asked month: the lede that holds the question's words beats a sentence dated "Thursday".
        (
            "Which Chelsea FC owner did the UK add to its sanctions list in March 2022?",
            "The ministry said in a statement on Thursday that assets would be frozen.",
            "The UK has added Chelsea FC owner Roman Abramovich to its sanctions list.",
        ),
        (
            "Where was the June 2025 NATO summit held?",
            "Allies will announce a hike in defense spending this week.",
            "Here is what to know about the NATO summit at The Hague in the Netherlands.",
        ),
    ],
)
def test_a_date_inside_an_asked_month_does_not_outweigh_the_question_words(
    question: str, dated: str, answering: str
) -> None:
    passage = f"{dated} {answering}"
    mention = {"Thursday": (date(2022, 3, 10),) * 2, "this week": (date(2025, 6, 23), date(2025, 6, 29))}
    key = next(k for k in mention if k in dated)
    q = parse_query(question, TODAY)
    s, e, _ = select_quote(passage, _infos(passage, {key: mention[key]}), q)
    assert passage[s:e] == answering


def test_an_asked_day_still_picks_the_sentence_dated_that_day() -> None:
    passage = (
        "The UK added Roman Abramovich to its sanctions list. On March 10 the ministry froze his assets."
    )
    q = parse_query("What did the UK do about Roman Abramovich's sanctions on March 10, 2022?", TODAY)
    s, e, _ = select_quote(passage, _infos(passage, {"March 10": (date(2022, 3, 10),) * 2}), q)
    assert "On March 10 the ministry froze his assets." in passage[s:e]


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("damage", "damaged", "damages"), True),
        (("state", "states"), True),
        (("resign", "resigned", "resigns", "resigning"), True),
        (("shut", "shutting"), True),
        (("stop", "stopped", "stopping"), True),
        (("kill", "killed", "killing"), True),
        (("state", "statue"), False),
        (("cease", "ceasefire"), False),
        # irregular past forms meet their verb
        (("win", "won"), True),
        (("think", "thought", "thinking"), True),
        (("take", "took", "taken"), True),
        (("sell", "sold", "selling"), True),
        # but not a past form that is a word of its own
        (("leave", "left"), False),
        # (the suffix strip leaves 4-letter words alone: "wins" stays apart from "win")
        (("win", "wins"), False),
    ],
)
def test_stem_meets_inflections(words: tuple[str, ...], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) is same


def test_an_ampersand_name_is_one_searchable_word() -> None:
    assert parse_query("What did AT&T shut down this week?", TODAY).terms == ("at&t", "shut")


def test_ranking_keeps_everything_a_citation_shows() -> None:
    """rank() rebuilds each candidate with its tier, speaker and score: the passage's text, title,
    date mentions, place in its article and both lists' ranks must come through unchanged."""
    original = Candidate(
        chunk_id=7,
        article_id="a1",
        text="China's foreign ministry said on May 27 that talks would resume.",
        published=date(2022, 5, 28),
        dense=0.61,
        lexical=3.2,
        dense_rank=2,
        lexical_rank=0,
        dates=((date(2022, 5, 27), date(2022, 5, 27)),),
        title="China says talks will resume",
        ordinal=0,
    )
    (ranked,) = rank([original], parse_query("what did China say on May 27?", today=date(2022, 6, 1)))
    assert ranked.tier == TIER_MENTION and ranked.score > 0
    for field in fields(Candidate):
        if field.name not in ("tier", "speaker", "score"):
            assert getattr(ranked, field.name) == getattr(original, field.name), field.name
