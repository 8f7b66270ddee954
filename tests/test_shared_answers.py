"""Opt-in (run in CI, where ../shared exists): the behaviours the statements and answerability issues
describe, over the seeds and the 1,122 real Ukraine/Russia articles (one index: tests/conftest.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from tests.conftest import SHARED

if TYPE_CHECKING:
    from retrieval.service import Newsdesk

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} not present"),
]
TODAY = date(2026, 11, 24)


# --- who said what, when -------------------------------------------------------------------------------


def test_stoltenberg_on_24_february_2022_is_quoted_from_that_day(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("what did Stoltenberg say on Feb 24 2022?", today=TODAY)
    assert a.answered, a.message
    first = a.citations[0]
    assert "Stoltenberg" in first.speaker
    assert first.statement_date == date(2022, 2, 24)
    assert first.published == date(2022, 2, 24)


def test_zelensky_on_24_february_2022_is_his_own_statement(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("What did Zelensky say on February 24, 2022?", today=TODAY)
    assert a.answered, a.message
    first = a.citations[0]
    assert "Zelensk" in first.speaker  # USA Today spells him Zelenskyy
    assert first.statement_date == date(2022, 2, 24)
    assert "lectern" not in first.quote and "Russian military forces enter" not in first.quote


def test_no_statement_by_lavrov_on_10_march_2022_is_said_plainly(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("What did Lavrov say on March 10, 2022?", today=TODAY)
    assert not a.answered
    assert "Lavrov" in a.message and "10 March 2022" in a.message and a.message.startswith("No statement")
    # His statements nearest in date are offered, each his, each dated.
    assert a.nearest
    assert all("Lavrov" in c.speaker and c.statement_date is not None for c in a.nearest)
    assert all(c.statement_date != date(2022, 3, 10) for c in a.nearest)


def test_lavrov_in_march_2022_is_a_statement_of_his_not_the_walkout(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("What did Lavrov say in March 2022?", today=TODAY)
    assert a.answered, a.message
    first = a.citations[0]
    assert "Lavrov" in first.speaker
    assert first.statement_date is not None and (first.statement_date.year, first.statement_date.month) == (
        2022,
        3,
    )
    assert "walked out" not in first.quote


def test_a_speaker_asked_by_office_is_the_office_holder(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("What did Putin's spokesman say on 14 June 2018?", today=TODAY)
    assert a.answered, a.message
    assert a.citations[0].speaker == "Dmitry Peskov"
    assert a.citations[0].statement_date == date(2018, 6, 14)


def test_a_reported_lede_is_followed_by_the_speakers_own_words(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("What did Shoigu tell Putin on 11 March 2022?", today=TODAY)
    assert a.answered, a.message
    first = a.citations[0]
    assert "Shoigu" in first.speaker and first.statement_date == date(2022, 3, 11)
    assert "“" in first.quote or '"' in first.quote  # his quoted words, not only the paraphrase


def test_russia_on_27_may_is_medvedev_in_the_larger_archive(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("What did Russia say on May 27?", today=TODAY)
    assert a.answered, a.message
    first = a.citations[0]
    assert first.statement_date is not None and (first.statement_date.month, first.statement_date.day) == (
        5,
        27,
    )
    assert "Chinese" not in first.speaker and "China" not in first.speaker


def test_over_the_bundled_corpus_russia_said_nothing_on_27_may(bundled_engine: Newsdesk) -> None:
    a = bundled_engine.ask("What did Russia say on May 27?", today=TODAY)
    assert not a.answered
    assert a.message.startswith("No statement by Russia dated 27 May")


def test_who_said_names_the_speaker_first(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask('Who said "a brutal act of war"?', today=TODAY)
    assert a.answered, a.message
    assert "Stoltenberg" in a.citations[0].speaker
    assert "brutal act of war" in a.citations[0].quote


def test_quote_lists_every_article_earliest_first_with_its_speaker(ukraine_engine: Newsdesk) -> None:
    views = ukraine_engine.quote("brutal act of war")
    assert len(views) >= 2
    published = [v.published for v in views]
    assert published == sorted(published)  # type: ignore[type-var]
    assert all("brutal act of war" in v.quote.lower() for v in views)
    assert any("Stoltenberg" in v.speaker for v in views)


def test_timeline_is_in_date_order_and_within_the_range(ukraine_engine: Newsdesk) -> None:
    name, views = ukraine_engine.timeline("Stoltenberg", start=date(2022, 2, 1), end=date(2022, 3, 31))
    assert "Stoltenberg" in name
    days = [v.statement_date for v in views]
    assert days and days == sorted(days)  # type: ignore[type-var]
    assert all(d is not None and date(2022, 2, 1) <= d <= date(2022, 3, 31) for d in days)
    assert all("Stoltenberg" in v.speaker for v in views)


# --- answers that know when they know ------------------------------------------------------------------


def test_a_year_after_the_archive_is_declined_with_its_range(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("What did NATO decide at its 2030 summit?", today=TODAY)
    assert not a.answered and a.reason == "out-of-range date"
    assert a.message == "The archive runs from 24 June 2013 to 7 July 2026; nothing in it is dated 2030."


def test_a_name_no_article_has_is_declined(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("Who is Vasyl Kovalchuk-Dorosh?", today=TODAY)
    assert not a.answered and a.reason == "unknown name"
    assert "Nothing in the archive mentions" in a.message and "Kovalchuk-Dorosh" in a.message


@pytest.mark.parametrize(
    ("question", "name"),
    [
        # The archive's only Volodymyr Bondarenko is Kyiv's deputy mayor: no passage about medals names him.
        ("How many medals did Volodymyr Bondarenko win at the Paris Olympics?", "Bondarenko"),
        # The article that names the compact, not the closer one about the summit that doesn't.
        (
            "How many NATO nations' leaders signed the Ukraine Compact "
            "at the July 2024 summit in Washington?",
            "Compact",
        ),
    ],
)
def test_an_answer_about_a_rare_name_comes_from_an_article_that_names_it(
    ukraine_engine: Newsdesk, question: str, name: str
) -> None:
    a = ukraine_engine.ask(question, today=TODAY)
    if a.answered:
        article = ukraine_engine.article(a.citations[0].article_id)
        assert article is not None and name in article.text
    else:
        assert a.reason == "no support" and name in a.message


def test_how_much_with_no_figure_in_the_closest_passages_is_declined(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("How much did Russia pay Ukraine in war reparations?", today=TODAY)
    assert not a.answered and a.reason == "no support", a.citations[:1]
    assert a.nearest, "the closest passages are still offered"


def test_an_event_the_archive_does_not_report_is_declined(ukraine_engine: Newsdesk) -> None:
    # The archive has the bridge's explosion, not an earthquake: the closest passage lacks the question's
    # most specific word and holds little else of it.
    a = ukraine_engine.ask(
        "How many people died when the Crimean bridge collapsed in an earthquake?", today=TODAY
    )
    assert not a.answered and a.reason == "no support", a.citations[:1]
    assert a.nearest, "the closest passages are still offered"


def test_a_misspelt_name_still_finds_its_articles(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("Who is the mayor of Mariupl?", today=TODAY)
    assert a.suggestion == "Did you mean Mariupol?"
    assert a.answered and "Mariupol" in a.citations[0].passage


def test_a_real_name_in_a_wrong_office_is_declined(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("When did Sergey Lavrov become Russia's defense minister?", today=TODAY)
    assert not a.answered and a.reason == "role not in archive"
    assert a.message == "Nothing in the archive calls Sergey Lavrov defense minister."
    right = ukraine_engine.ask("When did Andrei Belousov become Russia's defense minister?", today=TODAY)
    assert right.answered and "Belousov" in right.citations[0].quote


@pytest.mark.parametrize(
    ("question", "name"),
    [
        # Germany's Leopards are in the archive, Portugal's are not.
        ("How many Leopard 2 tanks did Portugal hand over to Ukraine?", "Portugal"),
        # Kalush Orchestra's Eurovision win is; a Grammy is not.
        ("Which Grammy did Kalush Orchestra win after their Eurovision victory?", "Grammy"),
    ],
)
def test_a_name_the_closest_articles_never_write_is_declined(
    ukraine_engine: Newsdesk, question: str, name: str
) -> None:
    a = ukraine_engine.ask(question, today=TODAY)
    assert not a.answered and a.reason == "no support", a.citations[:1]
    assert name in a.message and a.nearest


@pytest.mark.parametrize(
    ("question", "name", "speaker"),
    [
        (
            "What did Chinese foreign ministry spokeswoman Mao Ning say about the destruction "
            "of the Kakhovka dam?",
            "Kakhovka",
            "Mao Ning",
        ),
        # A live blog names Norway, but not in his statement's paragraphs or the blog's opening.
        (
            "What was the name of the Eurovision song Jens Stoltenberg wrote for Norway?",
            "Norway",
            "Stoltenberg",
        ),
    ],
)
def test_a_statement_about_a_thing_the_speakers_articles_never_name_is_declined(
    ukraine_engine: Newsdesk, question: str, name: str, speaker: str
) -> None:
    a = ukraine_engine.ask(question, today=TODAY)
    assert not a.answered and a.reason == "no support", a.citations[:1]
    assert name in a.message and speaker in a.message
    assert a.nearest, "their statements are still offered"


@pytest.mark.parametrize(
    "question",
    [
        "What was Ursula von der Leyen's first decision as NATO secretary general?",
        "What did Rafael Grossi get done in his time as UN secretary-general?",
    ],
)
def test_a_real_name_in_an_office_after_a_possessive_is_declined(
    ukraine_engine: Newsdesk, question: str
) -> None:
    a = ukraine_engine.ask(question, today=TODAY)
    assert not a.answered and a.reason == "role not in archive", a.citations[:1]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # The article's lede holds the name, not the year: the passage two paragraphs down does.
        ("When was New York's Russian Tea Room opened?", "1927"),
        # The closest passage of the trial report lacks the witness; the next one names and describes him.
        (
            "Who is Mikhail Tetyushkin, the witness brought in by Brittney Griner's lawyers in July 2022?",
            "narcologist",
        ),
    ],
)
def test_another_passage_of_the_cited_article_answers_when_the_first_does_not(
    ukraine_engine: Newsdesk, question: str, answer: str
) -> None:
    a = ukraine_engine.ask(question, today=TODAY)
    assert a.answered, (a.reason, a.message)
    assert answer in a.citations[0].passage


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # The name is the whole question: the model finds the passages that merely name him far from it
        # (his cosine is 0.12, under min_score), the lexical search puts them first.
        ("Who is Max Blain?", "spokesman"),
        ("Who is Guy-Laurent Epstein?", "Epstein"),
    ],
)
def test_a_bare_name_is_answered_from_the_passage_that_writes_it(
    ukraine_engine: Newsdesk, question: str, answer: str
) -> None:
    a = ukraine_engine.ask(question, today=TODAY)
    assert a.answered, (a.reason, a.message)
    assert answer in a.citations[0].quote


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # "Mr." is no name an article must write, and ends no sentence.
        ("Whom did Mr. Putin pick as Russia's new defense minister in May 2024?", "Belousov"),
        # A spelling the articles do not use ("Luhansk"), a nationality for its country ("Montenegro's").
        (
            "What did Putin declare in the battle for Ukraine's Lugansk province in early July 2022?",
            "victory",
        ),
        ("How many personnel are in the Montenegrin army, according to Balkan Insight?", "2,000"),
        # A title before a name states no office of the word before it.
        ("Where was Russian President Vladimir Putin on Victory Day?", "Putin"),
    ],
)
def test_rewordings_of_answerable_questions_are_answered(
    ukraine_engine: Newsdesk, question: str, answer: str
) -> None:
    a = ukraine_engine.ask(question, today=TODAY)
    assert a.answered, (a.reason, a.message)
    assert answer in a.citations[0].quote + a.citations[0].passage


def test_how_many_quotes_a_number_about_poland_not_a_subheading(ukraine_engine: Newsdesk) -> None:
    a = ukraine_engine.ask("How many Ukrainian refugees had fled to Poland by mid-March 2022?", today=TODAY)
    assert a.answered, a.message
    quote = a.citations[0].quote
    assert "Poland" in quote and any(ch.isdigit() for ch in quote)
    assert "flee to Moldova" not in quote


def test_how_many_quotes_the_number_about_the_counted_thing(ukraine_engine: Newsdesk) -> None:
    # The article's strongest passage has numbers too (deaths, cases); the answer is the doses bought.
    a = ukraine_engine.ask(
        "How many doses of Russia's Sputnik V vaccine did Slovakia's prime minister buy in early 2021?",
        today=TODAY,
    )
    assert a.answered, a.message
    assert "two million doses" in a.citations[0].quote


def test_a_named_edition_of_the_games_is_answered_from_that_years_article(ukraine_engine: Newsdesk) -> None:
    # "the 2026 Winter Olympics", not the 2024 Paris Games that more articles are about
    a = ukraine_engine.ask(
        "How many Russians were cleared to compete as neutral athletes at the 2026 Winter Olympics?",
        today=TODAY,
    )
    assert a.answered, a.message
    first = a.citations[0]
    assert first.published is not None and first.published.year == 2026
    assert "13 Russians" in first.quote


def test_who_is_mao_ning_over_the_bundled_corpus(bundled_engine: Newsdesk) -> None:
    a = bundled_engine.ask("who is Mao Ning", today=TODAY)
    assert a.answered, a.message
    assert "spokesperson Mao Ning" in a.citations[0].quote


def test_a_reply_never_says_nothing_is_dated_when_it_shows_passages_of_that_day(
    ukraine_engine: Newsdesk,
) -> None:
    for question in (
        "How many goals did Ovechkin score on February 24, 2022?",
        "What did the weather forecast say on February 24, 2022?",
    ):
        a = ukraine_engine.ask(question, today=TODAY)
        assert not a.answered
        if a.message.startswith("Nothing dated"):
            assert all(c.published != date(2022, 2, 24) for c in a.nearest), a.message
