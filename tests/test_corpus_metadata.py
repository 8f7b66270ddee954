"""Metadata: front matter, dates as news pages write them, and guesses for a missing title or date."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import PurePath

import pytest

from corpus.metadata import (
    FrontMatterError,
    article_stem,
    infer_published,
    infer_title,
    parse_date,
    split_front_matter,
    title_from_name,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-03-16T10:00:00Z", date(2022, 3, 16)),
        ("2022-03-16T23:30:00+02:00", date(2022, 3, 16)),
        ("2022-03-16", date(2022, 3, 16)),
        (date(2024, 7, 27), date(2024, 7, 27)),
        (datetime(2024, 7, 27, 18, 5), date(2024, 7, 27)),
        ("May 27, 2025", date(2025, 5, 27)),
        ("27 May 2025", date(2025, 5, 27)),
        ("Feb. 23, 2026", date(2026, 2, 23)),
        ("27/02/2026", date(2026, 2, 27)),
        ("Tue, February 24, 2026 at 2:24 PM UTC", date(2026, 2, 24)),
        (None, None),
        ("", None),
    ],
)
def test_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["soon", "2022-13-45", "03/04/2025", 20220316, ["2022-03-16"]])
def test_parse_date_rejects_what_is_not_a_date(value: object) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ferry service resumes\nPublished: June 3, 2023\n\nPassengers returned on Saturday.",
            date(2023, 6, 3),
        ),
        (
            "KHERSON, June 3, 2023 — Passenger ferries resumed crossings of the estuary on Saturday.",
            date(2023, 6, 3),
        ),
        (
            "Besieged Russians\nby\nDaniel Thomas\n27/02/2026\nThe occupiers are being hunted down.",
            date(2026, 2, 27),
        ),
        # A photo caption carries the day the photo was taken, not the publication date.
        ("Xi and Putin in Astana on July 3, 2024. (Pavel Volkov/Pool/AFP via Getty Images)\nText.", None),
        ("The ministry on May 27 denied the accusations, a spokesperson said at a press conference.", None),
    ],
)
def test_infer_published(text: str, expected: date | None) -> None:
    assert infer_published(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# City expands free school meals\n\nThe council voted on Thursday.",
            "City expands free school meals",
        ),
        (
            "Skip to content\nFerry service resumes across the estuary\nText.",
            "Ferry service resumes across the estuary",
        ),
        (
            "Ukraine claws back territory | Russia-Ukraine war News | Al Jazeera\nMenu",
            "Ukraine claws back territory",
        ),
        (
            "Besieged Russians in Kupiansk high-rises - Euromaidan Press\n",
            "Besieged Russians in Kupiansk high-rises",
        ),
        ("The council approved the budget on Tuesday after a long debate.\nMore text.", None),
        ("", None),
    ],
)
def test_infer_title(text: str, expected: str | None) -> None:
    assert infer_title(text) == expected


@pytest.mark.parametrize(
    ("name", "stem", "title"),
    [
        ("china-denies_supplies.txt", "china-denies_supplies", "China denies supplies"),
        ("archive.jsonl.gz", "archive", "Archive"),
        ("page.html.gz", "page", "Page"),
    ],
)
def test_names(name: str, stem: str, title: str) -> None:
    assert article_stem(PurePath(name)) == stem
    assert title_from_name(PurePath(name)) == title


def test_front_matter_split() -> None:
    fields, body = split_front_matter('---\nid: "007"\npublished: 2025-05-27\nurl: ""\n---\nBody line.\n')
    assert fields == {"id": "007", "published": date(2025, 5, 27), "url": ""}
    assert body == "Body line.\n"


def test_no_front_matter_leaves_text_alone() -> None:
    assert split_front_matter("Title\n---\nBody") == ({}, "Title\n---\nBody")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: x\nBody without a closing fence", "never closed"),
        ("---\ntitle: Kyiv: a city: under fire\n---\nBody", "not valid YAML on line 2"),
        ("---\n- a list\n- not fields\n---\nBody", "key: value"),
    ],
)
def test_bad_front_matter_says_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(FrontMatterError, match=message):
        split_front_matter(text)
