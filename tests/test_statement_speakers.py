"""extract_statements: who the speaker is, within one article, and whom they speak for (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from index.speakers import alias_table
from index.statements import Statement, extract_statements

PUB = date(2022, 2, 25)  # a Friday


def statements(text: str) -> list[Statement]:
    return extract_statements(text, PUB)


def by(text: str, quote: str) -> Statement:
    """The one statement whose span holds ``quote``."""
    [found] = [s for s in statements(text) if quote in text[s.begin : s.end]]
    return found


# --- who: coreference within the article -----------------------------------------------------------


def test_a_surname_is_the_person_named_in_full_earlier() -> None:
    text = "Kremlin spokesman Dmitry Peskov said talks were over.\n\nPeskov said Moscow was ready."
    second = by(text, "Moscow was ready")
    assert (second.speaker, second.canonical, second.affiliations) == ("Peskov", "Dmitry Peskov", ("russia",))


def test_a_surname_first_takes_the_full_name_given_later() -> None:
    text = "Peskov said talks were over.\n\nKremlin spokesman Dmitry Peskov later said Moscow was ready."
    assert by(text, "talks were over").canonical == "Dmitry Peskov"


def test_a_chinese_name_is_matched_by_its_first_word() -> None:
    text = (
        "Chinese Foreign Ministry spokesperson Mao Ning said China's position was clear.\n\n"
        "“China never provided weapons,” Mao said."
    )
    s = by(text, "never provided")
    assert (s.canonical, s.affiliations) == ("Mao Ning", ("china",))


@pytest.mark.parametrize(
    ("later", "canonical"),
    [
        ("“Talks are over,” he said.", "Dmitry Peskov"),
        ("“Talks are over,” the spokesman added.", "Dmitry Peskov"),
        ("“Talks are over,” the minister said.", "Sergei Lavrov"),
        ("“Talks are over,” the ministry said.", "Russian Foreign Ministry"),
    ],
)
def test_pronouns_and_titles_resolve_to_an_earlier_speaker(later: str, canonical: str) -> None:
    text = (
        "The Russian Foreign Ministry said on Monday it had summoned the envoy.\n\n"
        "Foreign Minister Sergei Lavrov told reporters the West was to blame.\n\n"
        "Kremlin spokesman Dmitry Peskov said Moscow was ready.\n\n" + later
    )
    s = by(text, "Talks are over")
    assert s.canonical == canonical
    assert s.affiliations == ("russia",)


def test_two_people_quoted_in_alternation() -> None:
    text = (
        "“We are ready,” said Kremlin spokesman Dmitry Peskov.\n\n"
        "“We are not,” said Ukrainian Foreign Minister Dmytro Kuleba.\n\n"
        "“Then talk,” Peskov added.\n\n"
        "“Stop shooting first,” the minister replied.\n\n"
        "“We will see,” the spokesman said.\n\n"
        "“So will we,” Kuleba said."
    )
    got = [(text[s.begin : s.end].split("”")[0], s.canonical) for s in statements(text)]
    assert got == [
        ("“We are ready,", "Dmitry Peskov"),
        ("“We are not,", "Dmytro Kuleba"),
        ("“Then talk,", "Dmitry Peskov"),
        ("“Stop shooting first,", "Dmytro Kuleba"),
        ("“We will see,", "Dmitry Peskov"),
        ("“So will we,", "Dmytro Kuleba"),
    ]


def test_a_person_whose_speech_is_mentioned_is_the_next_he() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov said on Monday that talks were over.\n\n"
        "Dozens of diplomats walked out on a speech by Russian Foreign Minister Sergei Lavrov in Geneva.\n\n"
        "He accused the West of “Russophobic frenzy.”"
    )
    found = statements(text)
    assert [s.canonical for s in found] == ["Dmitry Peskov", "Sergei Lavrov"]
    assert "Russophobic" in text[found[1].begin : found[1].end]
    assert found[1].speaker == "He"


def test_a_pronoun_after_an_intervening_speaker_is_the_person_the_paragraph_is_about() -> None:
    text = (
        "Kharkiv Mayor Ihor Terekhov said Tuesday that the city was surrounded.\n\n"
        "“The situation is grave,” he told the Post.\n\n"
        "More than 100 diplomats walked out on a speech by Russian Foreign Minister Sergei Lavrov to the "
        "council on Tuesday. Lavrov spoke remotely because he said his flight path was blocked. He "
        "accused the West of “Russophobic frenzy.”"
    )
    s = by(text, "Russophobic")
    assert (s.speaker, s.canonical) == ("He", "Sergei Lavrov")
    assert by(text, "The situation is grave").canonical == "Ihor Terekhov"


def test_a_speaker_named_by_a_characterizing_verb_is_the_next_he() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov said talks were over.\n\n"
        "Ukrainian Foreign Minister Dmytro Kuleba called the attack a “deliberate slaughter.”\n\n"
        "“They knew the station was full,” he said."
    )
    assert by(text, "station was full").canonical == "Dmytro Kuleba"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        # With no speaker yet, a pronoun is the person named with a title in the sentence before.
        (
            "Russian Foreign Minister Sergei Lavrov arrived in New Delhi.\n\nHe accused the West of lying.",
            "Sergei Lavrov",
        ),
        # A person opening the pronoun's own sentence comes first.
        ("Peskov spoke.\n\nSen. Jane Roe took the floor, and she said the talks had failed.", "Jane Roe"),
    ],
)
def test_pronoun_fallbacks(text: str, canonical: str) -> None:
    assert statements(text)[-1].canonical == canonical


def test_a_pronoun_with_no_one_to_point_to_is_dropped() -> None:
    assert statements("He said the talks were over.") == []


def test_the_gender_of_a_title_steers_pronouns() -> None:
    text = (
        "“No,” said Maria Zakharova, the ministry spokeswoman.\n\n"
        "“Yes,” said Kremlin spokesman Dmitry Peskov.\n\n"
        "“Maybe,” she added."
    )
    assert by(text, "Maybe").canonical == "Maria Zakharova"


@pytest.mark.parametrize(
    ("speaker_text", "affiliations"),
    [
        ("Kremlin spokesman Dmitry Peskov", ("russia",)),
        ("Russian Foreign Minister Sergey Lavrov", ("russia",)),
        ("Chinese Foreign Ministry spokesperson Mao Ning", ("china",)),
        ("The Chinese Foreign Ministry", ("china",)),
        ("The Pentagon", ("united states",)),
        ("NATO Secretary General Jens Stoltenberg", ("nato",)),
        # A posting names where one serves, not whom one speaks for.
        ("US Ambassador to the United Nations Linda Thomas-Greenfield", ("united states",)),
        ("Estonian Ambassador to the US Kristjan Prikk", ()),
        # "Security Council" (the UN's) inside another body's name does not count.
        ("US National Security Council spokeswoman Emily Horne", ("united states",)),
        ("Deputy head of the Russian Security Council Dmitry Medvedev", ("russia",)),
    ],
)
def test_affiliations(speaker_text: str, affiliations: tuple[str, ...]) -> None:
    [s] = statements(f"{speaker_text} said the talks were over.")
    assert s.speaker == speaker_text
    assert s.affiliations == affiliations


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("The Chinese Foreign Ministry said so.", "Chinese Foreign Ministry"),
        ("US Ambassador to the United Nations Linda Thomas-Greenfield said so.", "Linda Thomas-Greenfield"),
        ("Assistant Secretary of State for European Affairs Karen Donfried said so.", "Karen Donfried"),
        ("Republican Sen. Rick Scott of Florida said so.", "Rick Scott"),
        ("Former national security adviser H.R. McMaster said so.", "H.R. McMaster"),
        ("Russia's ambassador to Lebanon said so.", "Russia's ambassador to Lebanon"),
        ("European Commission President Ursula von der Leyen said so.", "Ursula von der Leyen"),
        ("President-elect Donald Trump said so.", "Donald Trump"),
    ],
)
def test_canonical_names(text: str, canonical: str) -> None:
    [s] = statements(text)
    assert s.canonical == canonical


def test_the_alias_table_lives_in_index_and_retrieval_reads_it() -> None:
    from retrieval.query import load_speakers

    assert [s.key for s in load_speakers()] == list(alias_table())
    assert {"russia", "ukraine", "china", "united states"} <= set(alias_table())


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        # A full name written anywhere in the article, spoken or not, completes a surname.
        (
            "President Vladimir Putin cast the sanctions aside.\n\nPutin said the West had lied.",
            "Vladimir Putin",
        ),
        # Not when the article pairs the surname with two first names.
        ("Joe Biden met Hunter Biden on Monday.\n\nBiden said the talks went well.", "Biden"),
    ],
)
def test_a_surname_is_completed_from_the_article(text: str, canonical: str) -> None:
    [s] = statements(text)
    assert s.canonical == canonical
