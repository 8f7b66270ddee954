"""A "how many NOUN" question: the quote is the number about that noun, not any number."""

from __future__ import annotations

from datetime import date

import pytest

from retrieval.answer import SentenceInfo, counts_thing, select_quote
from retrieval.config import DEFAULT_CONFIG
from retrieval.query import counted_noun, parse_query

TODAY = date(2026, 7, 8)


@pytest.mark.parametrize(
    ("clause", "counted"),
    [
        ("How many doses of the vaccine did he buy?", ("doses",)),
        ("How many national anti-doping agencies called for a ban?", ("agencies",)),
        ("How many Russians were cleared to compete?", ("russians",)),
        ("How many people died when the bridge collapsed?", ("people",)),
        ("how many Ukrainian refugees had fled to Poland?", ("refugees",)),
        ("How many were killed?", ()),
        ("How much did Russia pay?", ()),
        ("How many Christmas trees are displayed at the White House?", ("trees",)),
        # the last plural: not a present-tense verb or a name after it
        ("How many people live in Mariupol?", ("people",)),
        ("How many soldiers remain in Bakhmut?", ("soldiers",)),
        ("How many Ukrainians now live abroad?", ("ukrainians",)),
        ("How many votes Biden received?", ("votes",)),
        ("How many Covid-19 deaths were recorded?", ("deaths",)),
        ("What is the death toll?", ()),
    ],
)
def test_counted_noun(clause: str, counted: tuple[str, ...]) -> None:
    assert counted_noun(clause) == counted


@pytest.mark.parametrize(
    ("question", "sentence", "counts"),
    [
        ("How many doses did Matovic buy?", "Matovic had purchased two million doses of Sputnik V.", True),
        (
            "How many anti-doping agencies called for a ban?",
            "37 national drug-testing agencies signed it.",
            True,
        ),
        ("How many doses did Matovic buy?", "The country has 9,496 deaths and 357,910 cases.", False),
        # a year is not a count, and the noun must follow the number closely
        ("How many Russians competed?", "In 2026 Russians competed as neutrals.", False),
        (
            "How many doses did Matovic buy?",
            "Two ministers resigned over the purchase of the vaccine doses.",
            False,
        ),
        (
            "How many were killed?",
            "Three people were killed.",
            False,
        ),  # nothing counted: the kind alone decides
    ],
)
def test_counts_thing(question: str, sentence: str, counts: bool) -> None:
    assert counts_thing(sentence, parse_query(question, TODAY)) is counts


DOSES = "How many doses of Sputnik V did Slovakia's prime minister buy?"


def _quote_of_two(first: str, second: str, question: str) -> str:
    """The quote chosen from a passage of two sentences."""
    passage = f"{first} {second}"
    cut = len(first) + 1
    infos = [SentenceInfo(0, cut - 1, ()), SentenceInfo(cut, len(passage), ())]
    start, end, _ = select_quote(passage, infos, parse_query(question, TODAY), DEFAULT_CONFIG)
    return passage[start:end]


def test_how_many_quotes_the_number_about_the_asked_thing() -> None:
    quote = _quote_of_two(
        "Slovakia is hit by a third wave, with 9,496 deaths and 357,910 cases among 5.4 million people.",
        "It emerged this month that Matovic had purchased two million doses of the Sputnik V vaccine.",
        DOSES,
    )
    assert "two million doses" in quote
    assert "9,496" not in quote


def test_the_number_about_the_asked_thing_beats_a_sentence_with_more_question_words() -> None:
    quote = _quote_of_two(
        "Slovakia's prime minister Matovic faced 9,496 deaths from the virus.",
        "He had purchased two million doses.",
        DOSES,
    )
    assert quote == "He had purchased two million doses."
