"""Ranking evidence beyond a passage's own text: freshness, the headline, the lede, a story told at length.

Each case pits two passages whose text matches the question equally well; the evidence decides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from retrieval.query import parse_query
from retrieval.rank import Candidate, distinct_articles, rank, recency, year_match

TODAY = date(2022, 6, 10)


def _cand(
    cid: int,
    article: str,
    *,
    published: date | None = None,
    dense: float = 0.6,
    title: str = "",
    ordinal: int | None = None,
    dates: tuple[tuple[date, date], ...] = (),
) -> Candidate:
    return Candidate(cid, article, "Some text.", published, dense, dates=dates, title=title, ordinal=ordinal)


def _first_article(question: str, candidates: list[Candidate]) -> str:
    return distinct_articles(rank(candidates, parse_query(question, TODAY)), 1)[0].article_id


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (TODAY, 1.0),
        (TODAY - timedelta(days=5), 0.5),
        (TODAY - timedelta(days=10), 0.25),
        (TODAY + timedelta(days=1), 0.0),  # after the question was asked: not news to it
        (None, 0.0),
    ],
)
def test_recency_halves_every_half_life_and_ignores_the_future(
    published: date | None, expected: float
) -> None:
    assert recency(published, TODAY, half_life=5.0) == pytest.approx(expected)


def test_an_undated_question_prefers_this_weeks_story_over_last_years() -> None:
    old = _cand(1, "old", published=TODAY - timedelta(days=365), dense=0.62)
    fresh = _cand(2, "fresh", published=TODAY - timedelta(days=2), dense=0.6)
    assert _first_article("Which golfer won the US Women's Open?", [old, fresh]) == "fresh"


def test_a_question_about_a_past_year_gets_no_freshness() -> None:
    q = parse_query("Which golfer won the US Women's Open in 2019?", TODAY)
    old = _cand(1, "old", published=date(2019, 6, 3), dense=0.62)
    fresh = _cand(2, "fresh", published=TODAY - timedelta(days=2), dense=0.6)
    assert distinct_articles(rank([old, fresh], q), 1)[0].article_id == "old"


def test_the_headline_naming_the_question_words_wins_a_tie() -> None:
    other = _cand(1, "other", title="Sports roundup: the weekend in pictures")
    named = _cand(2, "named", title="Minjee Lee wins US Women's Open golf title")
    assert _first_article("Which golfer won the US Women's Open?", [other, named]) == "named"


def test_a_storys_lede_beats_a_passing_mention_deep_in_a_digest() -> None:
    digest = _cand(1, "digest", ordinal=7, dense=0.62)
    lede = _cand(2, "story", ordinal=0, dense=0.6)
    assert _first_article("Which golfer won the US Women's Open?", [digest, lede]) == "story"


def test_a_lede_does_not_beat_a_clearly_better_passage() -> None:
    better = _cand(1, "better", ordinal=5, dense=0.75)
    lede = _cand(2, "story", ordinal=0, dense=0.6)
    assert _first_article("Which golfer won the US Women's Open?", [better, lede]) == "better"


def test_a_story_told_over_several_passages_beats_one_passing_mention() -> None:
    passing = _cand(1, "passing", dense=0.61)
    story = [_cand(2, "story", dense=0.6), _cand(3, "story", dense=0.58)]
    assert _first_article("Which golfer won the US Women's Open?", [passing, *story]) == "story"


@pytest.mark.parametrize(
    ("published", "dates", "years", "expected"),
    [
        (date(2026, 2, 10), (), [2026], True),
        (date(2024, 7, 26), (), [2026], False),
        # a 2024 article looking ahead to the next Games, dated in 2026 by its text
        (date(2024, 7, 26), ((date(2026, 2, 6), date(2026, 2, 22)),), [2026], True),
        (date(2024, 7, 26), ((date(2025, 1, 1), date(2027, 12, 31)),), [2026], True),
        (None, (), [2018], False),
        (date(2018, 2, 9), (), [], False),
    ],
)
def test_year_match(
    published: date | None, dates: tuple[tuple[date, date], ...], years: list[int], expected: bool
) -> None:
    assert year_match(_cand(1, "a", published=published, dates=dates), years) is expected


def test_a_named_edition_of_an_event_prefers_that_years_articles() -> None:
    # "the 2026 Winter Olympics": the 2024 Games' story matches the words as well, but is another edition
    q = "How many Russians were cleared to compete at the 2026 Winter Olympics?"
    paris = _cand(1, "paris", published=date(2024, 7, 12), dense=0.64)
    milan = _cand(2, "milan", published=date(2026, 2, 10), dense=0.6)
    assert _first_article(q, [paris, milan]) == "milan"
    # without the year, nothing favours the later article
    assert _first_article(
        "How many Russians were cleared to compete at the Winter Olympics?", [paris, milan]
    ) == ("paris")


def test_a_named_year_does_not_beat_a_clearly_better_passage() -> None:
    better = _cand(1, "better", published=date(2024, 7, 12), dense=0.85)
    same_year = _cand(2, "same-year", published=date(2026, 2, 10), dense=0.6)
    assert (
        _first_article("Who won the 2026 Winter Olympics ice hockey final?", [better, same_year]) == "better"
    )
