"""Speakers asked by office: which office a question names, and who held it (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from index.store_statements import StoredStatement
from retrieval.query import parse_query
from retrieval.said import asked_speaker
from retrieval.said_roles import asked_office, holds_office, office_holder


@pytest.mark.parametrize(
    ("x", "office"),
    [
        ("Putin's spokesman", "spokesman"),
        ("the Russian president", "president"),
        ("Ukraine's foreign minister", "foreign minister"),
        ("the NATO chief", "chief"),
        ("Russian President Vladimir Putin", ""),  # ends with a name: asked by name
        ("Lavrov", ""),
    ],
)
def test_asked_office(x: str, office: str) -> None:
    assert asked_office(x) == office


@pytest.mark.parametrize(
    ("written", "office", "holds"),
    [
        ("Kremlin spokesman Dmitry Peskov", "spokesman", True),
        ("Foreign Ministry spokeswoman Maria Zakharova", "spokesman", True),
        ("Russian Foreign Minister Sergey Lavrov", "foreign minister", True),
        ("Russian President Vladimir Putin", "foreign minister", False),
        ("NATO Secretary General Jens Stoltenberg", "chief", True),
        ("Peskov", "spokesman", False),
    ],
)
def test_holds_office(written: str, office: str, holds: bool) -> None:
    assert holds_office(written, office) is holds


def _s(speaker: str, canonical: str, keys: tuple[str, ...], day: date = date(2022, 3, 1)) -> StoredStatement:
    return StoredStatement("a", 0, 1, speaker, canonical, keys, "reported", day, False)


def test_the_holder_is_the_person_most_often_written_with_the_office_for_that_country() -> None:
    statements = [
        _s("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", ("russia",)),
        _s("Putin's spokesman Dmitry Peskov", "Dmitry Peskov", ("russia",)),
        _s("Foreign Ministry spokeswoman Maria Zakharova", "Maria Zakharova", ("russia",)),
        _s("White House spokeswoman Jen Psaki", "Jen Psaki", ("united states",)),
        _s("White House spokeswoman Jen Psaki", "Jen Psaki", ("united states",)),
        _s("White House spokeswoman Jen Psaki", "Jen Psaki", ("united states",)),
        _s("Peskov", "Dmitry Peskov", ("russia",)),  # not written with the office: not counted
    ]
    assert office_holder("spokesman", ("russia",), statements) == "Dmitry Peskov"
    assert office_holder("spokesman", ("united states",), statements) == "Jen Psaki"
    assert office_holder("president", ("russia",), statements) == ""


def test_a_question_naming_an_office_asks_by_office() -> None:
    today = date(2026, 1, 1)
    asked = asked_speaker(parse_query("What did the Russian president say on 7 November 2024?", today))
    assert asked is not None and asked.office == "president" and "russia" in asked.keys and not asked.person
    named = asked_speaker(parse_query("What did Russian President Vladimir Putin say on 7 May?", today))
    assert named is not None and named.office == "" and named.surname == "putin"


def test_unresolved_an_office_matches_statements_written_with_it_for_that_country() -> None:
    asked = asked_speaker(parse_query("What did the Kremlin spokesman say?", date(2026, 1, 1)))
    assert asked is not None and asked.office == "spokesman"
    assert asked.matches(_s("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", ("russia",)))
    assert not asked.matches(_s("White House spokeswoman Jen Psaki", "Jen Psaki", ("united states",)))
    assert not asked.matches(_s("Russian President Vladimir Putin", "Vladimir Putin", ("russia",)))


@pytest.mark.parametrize(
    ("question", "surname"),
    [
        ("What did Sergei Lavrov say about the talks?", "lavrov"),
        ("What has the Kremlin said on Monday?", "kremlin"),
        ("What did Yahoo! chief executive Marissa Mayer say?", "mayer"),
        # A second sentence's "say" belongs to it: the question asks no speaker.
        ("What is the name of the variant now dominant in the US? Experts say it spreads faster.", None),
    ],
)
def test_the_asked_speaker_stays_inside_the_question(question: str, surname: str | None) -> None:
    asked = asked_speaker(parse_query(question, date(2026, 1, 1)))
    assert (asked.surname if asked else None) == surname
