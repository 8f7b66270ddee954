"""Dates in article text and in questions (pure; "now" is always a parameter)."""

from __future__ import annotations

from datetime import date

import pytest

from index.dates import DateConstraint, find_dates, parse_question_date, strip_date

PUB = date(2025, 5, 27)  # a Tuesday
TODAY = date(2026, 11, 24)  # a Tuesday

Found = list[tuple[str, str, str, str]]  # (text, start, end, granularity)


def found(text: str, published: date | None = PUB) -> Found:
    return [
        (m.text, m.start.isoformat(), m.end.isoformat(), m.granularity) for m in find_dates(text, published)
    ]


def day(text: str, iso: str) -> tuple[str, str, str, str]:
    return (text, iso, iso, "day")


# --- article text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Month-day without a year: the year closest to publication, favouring the past.
        ("The ministry on May 27 denied it.", PUB, [day("May 27", "2025-05-27")]),
        ("It happened on Dec. 30.", date(2025, 1, 3), [day("Dec. 30", "2024-12-30")]),
        ("He spoke on Nov. 21 in Kyiv.", date(2024, 11, 24), [day("Nov. 21", "2024-11-21")]),
        ("Talks began on April 17.", PUB, [day("April 17", "2025-04-17")]),
        ("Strikes on Oct. 7 shocked Israel.", PUB, [day("Oct. 7", "2024-10-07")]),
        ("The June 2 talks in Istanbul.", PUB, [day("June 2", "2025-06-02")]),
        ("The Aug. 1 deadline looms.", PUB, [day("Aug. 1", "2025-08-01")]),
        ("On Sept. 3 they met.", date(2025, 9, 20), [day("Sept. 3", "2025-09-03")]),
        ("Since Sep 3 nothing.", date(2025, 9, 20), [day("Sep 3", "2025-09-03")]),
        ("It fell on May 27th.", PUB, [day("May 27th", "2025-05-27")]),
        ("It fell on the 27th of May.", PUB, [day("27th of May", "2025-05-27")]),
        ("On 27 May officials said so.", PUB, [day("27 May", "2025-05-27")]),
        ("Born Feb. 29.", PUB, [day("Feb. 29", "2024-02-29")]),  # the nearest year that has one
        # A future verb in the same clause places it ahead.
        ("Talks will be held on June 2.", PUB, [day("June 2", "2025-06-02")]),
        ("The vote is scheduled for Nov. 3.", PUB, [day("Nov. 3", "2025-11-03")]),
        ("They voted on Nov. 3.", PUB, [day("Nov. 3", "2024-11-03")]),
        # ... but not most of a year ahead: such a date line is stale, not a plan for next year.
        ("Stage 4 will begin July 4.", date(2020, 7, 16), [day("July 4", "2020-07-04")]),
        # A weekday next to the date decides the year.
        ("Wednesday, May 28", date(2025, 1, 3), [day("Wednesday, May 28", "2025-05-28")]),
        ("on Tuesday, May 28", date(2025, 1, 3), [day("Tuesday, May 28", "2024-05-28")]),
        # Absolute dates.
        ("May 27, 2025 was hot.", PUB, [day("May 27, 2025", "2025-05-27")]),
        ("Published 27 May 2025 in Kyiv.", PUB, [day("27 May 2025", "2025-05-27")]),
        ("By Monday, March 3, 2025, it was over.", PUB, [day("Monday, March 3, 2025", "2025-03-03")]),
        ("Putin met Xi in Astana on July 3, 2024.", PUB, [day("July 3, 2024", "2024-07-03")]),
        ("MAY 27, 2025", PUB, [day("MAY 27, 2025", "2025-05-27")]),
        ("Filed 2022-03-16 in court.", PUB, [day("2022-03-16", "2022-03-16")]),
        ("Filed 16.03.2022 in court.", PUB, [day("16.03.2022", "2022-03-16")]),
        (
            "Filed 16/03/2022 and 03/16/2022.",
            PUB,
            [day("16/03/2022", "2022-03-16"), day("03/16/2022", "2022-03-16")],
        ),
        # Ranges.
        ("The summit on March 16-17 ended.", PUB, [("March 16-17", "2025-03-16", "2025-03-17", "day")]),
        ("On 16-17 March 2022 they met.", PUB, [("16-17 March 2022", "2022-03-16", "2022-03-17", "day")]),
        ("From March 16 to 17, 2022.", PUB, [("March 16 to 17, 2022", "2022-03-16", "2022-03-17", "day")]),
        ("Open March 30-April 2.", PUB, [("March 30-April 2", "2025-03-30", "2025-04-02", "day")]),
        ("Closed Dec. 30-Jan. 2.", date(2025, 1, 1), [("Dec. 30-Jan. 2", "2024-12-30", "2025-01-02", "day")]),
        # Months.
        ("Arrested in March 2022.", PUB, [("March 2022", "2022-03-01", "2022-03-31", "month")]),
        ("In March of 2022 it began.", PUB, [("March of 2022", "2022-03-01", "2022-03-31", "month")]),
        ("Since Jan. 2022 prices rose.", PUB, [("Jan. 2022", "2022-01-01", "2022-01-31", "month")]),
        ("In March, prices rose.", PUB, [("March", "2025-03-01", "2025-03-31", "month")]),
        ("In July, prices rose.", PUB, [("July", "2024-07-01", "2024-07-31", "month")]),
        (
            "Flights cut through mid-January.",
            date(2022, 1, 4),
            [("mid-January", "2022-01-11", "2022-01-20", "month")],
        ),
        ("The house was built in 1777.", PUB, [("1777", "1777-01-01", "1777-12-31", "year")]),
        ("Adopted June 14, 1777.", PUB, [day("June 14, 1777", "1777-06-14")]),
        ("It will reopen in July.", PUB, [("July", "2025-07-01", "2025-07-31", "month")]),
        ("In May, Theresa May said no.", PUB, [("May", "2025-05-01", "2025-05-31", "month")]),
        ("It snowed in December.", date(2025, 1, 10), [("December", "2024-12-01", "2024-12-31", "month")]),
        ("Prices fell last March.", date(2025, 3, 10), [("last March", "2024-03-01", "2024-03-31", "month")]),
        ("Prices fell last March.", PUB, [("last March", "2025-03-01", "2025-03-31", "month")]),
        ("It opens next March.", date(2025, 3, 10), [("next March", "2026-03-01", "2026-03-31", "month")]),
        ("Fighting in mid-March.", PUB, [("mid-March", "2025-03-11", "2025-03-20", "month")]),
        ("In early March it rained.", PUB, [("early March", "2025-03-01", "2025-03-10", "month")]),
        ("In late February it rained.", PUB, [("late February", "2025-02-21", "2025-02-28", "month")]),
        ("By the end of March 2022.", PUB, [("the end of March 2022", "2022-03-21", "2022-03-31", "month")]),
        # Years.
        ("Crimea was annexed in 2014.", PUB, [("2014", "2014-01-01", "2014-12-31", "year")]),
        ("As of early 2025, 80% were Chinese.", PUB, [("early 2025", "2025-01-01", "2025-04-30", "year")]),
        ("Until mid-2023 it held.", PUB, [("mid-2023", "2023-05-01", "2023-08-31", "year")]),
        ("The 2022-23 season.", PUB, [("2022-23", "2022-01-01", "2023-12-31", "year")]),
        ("From 2014-2022 it grew.", PUB, [("2014-2022", "2014-01-01", "2022-12-31", "year")]),
        # Weekdays: the latest such day on or before publication.
        ("The ministry said on Monday.", PUB, [day("Monday", "2025-05-26")]),
        ("The ministry said Tuesday.", PUB, [day("Tuesday", "2025-05-27")]),
        ("The ministry said Wednesday.", PUB, [day("Wednesday", "2025-05-21")]),
        ("Officials said Monday night.", PUB, [day("Monday", "2025-05-26")]),
        ("Sunday's vote was close.", PUB, [day("Sunday", "2025-05-25")]),
        ("It happened last Monday.", date(2025, 5, 26), [day("last Monday", "2025-05-19")]),
        ("They meet next Monday.", PUB, [day("next Monday", "2025-06-02")]),
        ("They met this Monday.", PUB, [day("this Monday", "2025-05-26")]),
        ("The summit is scheduled for Monday.", PUB, [day("Monday", "2025-06-02")]),
        ("He will travel, and on Monday he said so.", PUB, [day("Monday", "2025-05-26")]),
        # Relative days, weeks, months, years.
        ("He said yesterday.", PUB, [day("yesterday", "2025-05-26")]),
        ("He says today.", PUB, [day("today", "2025-05-27")]),
        ("Today, he says.", PUB, [day("Today", "2025-05-27")]),
        ("He will say tomorrow.", PUB, [day("tomorrow", "2025-05-28")]),
        ("Shelling last night.", PUB, [day("last night", "2025-05-26")]),
        ("Shelling yesterday morning.", PUB, [day("yesterday morning", "2025-05-26")]),
        ("Shelling this morning.", PUB, [day("this morning", "2025-05-27")]),
        ("Talks the day before yesterday.", PUB, [day("the day before yesterday", "2025-05-25")]),
        ("Talks three days ago.", PUB, [day("three days ago", "2025-05-24")]),
        ("He left last week.", PUB, [("last week", "2025-05-19", "2025-05-25", "week")]),
        ("He left this week.", PUB, [("this week", "2025-05-26", "2025-06-01", "week")]),
        ("He leaves next week.", PUB, [("next week", "2025-06-02", "2025-06-08", "week")]),
        ("He left earlier this week.", PUB, [("earlier this week", "2025-05-26", "2025-05-27", "week")]),
        ("Over the past week it fell.", PUB, [("past week", "2025-05-20", "2025-05-27", "week")]),
        ("It fell two weeks ago.", PUB, [("two weeks ago", "2025-05-12", "2025-05-18", "week")]),
        ("Markets this weekend.", PUB, [("this weekend", "2025-05-31", "2025-06-01", "week")]),
        ("Markets last weekend.", PUB, [("last weekend", "2025-05-24", "2025-05-25", "week")]),
        ("Announced earlier this month.", PUB, [("earlier this month", "2025-05-01", "2025-05-27", "month")]),
        ("Announced later this month.", PUB, [("later this month", "2025-05-27", "2025-05-31", "month")]),
        ("Announced last month.", PUB, [("last month", "2025-04-01", "2025-04-30", "month")]),
        ("Announced this month.", PUB, [("this month", "2025-05-01", "2025-05-31", "month")]),
        ("Announced next month.", PUB, [("next month", "2025-06-01", "2025-06-30", "month")]),
        ("Announced last month.", date(2025, 1, 15), [("last month", "2024-12-01", "2024-12-31", "month")]),
        ("Announced a month ago.", PUB, [("a month ago", "2025-04-01", "2025-04-30", "month")]),
        ("It grew last year.", PUB, [("last year", "2024-01-01", "2024-12-31", "year")]),
        ("It grew this year.", PUB, [("this year", "2025-01-01", "2025-12-31", "year")]),
        ("Invaded nearly two years ago.", PUB, [("two years ago", "2023-01-01", "2023-12-31", "year")]),
    ],
)
def test_find_dates(text: str, published: date, expected: Found) -> None:
    assert found(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "China may say that it will never supply weapons.",
        "A march on Kyiv was planned.",
        "The blast came at 1:35 AM local time.",
        "80% of 20 Russian facilities were hit.",
        "Su-27 jets and Su-25 attack planes flew 27 sorties.",
        "It may 27 times have failed.",  # lower-case "may" is never a month in article text
        "USA TODAY reported it. USA Today said so too.",
        "Black Friday sales and Super Tuesday results; Cyber Monday.",
        "Theresa May's government and May's allies.",
        "Prices rose 3.5 points, version 2.10, 24/7 coverage, 1,000 troops.",
        "A meeting at Mar-a-Lago with Jan Smith and April.",
        "In the 1990s and the 2020s.",
        "He paid $2022 for it, and 2,022 people came.",
        "Open Mondays and Fridays.",
        "Feb. 30 and April 31 do not exist; nor does 2022-13-01.",
        "05/06/2022 could be May or June.",
        "May 27-20 is no range.",
        "About 1500 troops and 1850 tanks.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert found(text) == []


def test_possessive_relative_dates_are_dates() -> None:
    assert found("Last week's talks and this year's budget.") == [
        ("Last week", "2025-05-19", "2025-05-25", "week"),
        ("this year", "2025-01-01", "2025-12-31", "year"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Signed March 16, 2022 and 2022-03-17.",
            [day("March 16, 2022", "2022-03-16"), day("2022-03-17", "2022-03-17")],
        ),
        ("Arrested in 1999.", [("1999", "1999-01-01", "1999-12-31", "year")]),
        ("On May 27, yesterday, last week, on Monday, in March.", []),
    ],
)
def test_without_publication_date_only_absolute_dates(text: str, expected: Found) -> None:
    assert found(text, None) == expected


def test_offsets_are_verbatim() -> None:
    text = "Skip.\n\nThe ministry on May 27 denied it; on Monday, in March 2022 and last week too."
    mentions = find_dates(text, PUB)
    assert [m.text for m in mentions] == ["May 27", "Monday", "March 2022", "last week"]
    for m in mentions:
        assert text[m.begin : m.end_offset] == m.text


def test_may_27_is_not_july_27() -> None:
    (may,) = find_dates("On May 27 China said so.", PUB)
    (july,) = find_dates("On July 27 China said so.", date(2025, 7, 29))
    question = parse_question_date("What did China say on May 27?", TODAY)
    assert question is not None
    assert question.matches(may.start, may.end)
    assert not question.matches(july.start, july.end)
    assert question.distance_days(july.start, july.end) == 61


# --- questions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "text", "label", "annual"),
    [
        ("What did China say on May 27?", "May 27", "27 May", ((5, 27), (5, 27))),
        ("what did china say on may 27", "may 27", "27 May", ((5, 27), (5, 27))),
        ("News from May 27th?", "May 27th", "27 May", ((5, 27), (5, 27))),
        ("What happened on 27 May?", "27 May", "27 May", ((5, 27), (5, 27))),
        ("What happened on the 27th of May?", "27th of May", "27 May", ((5, 27), (5, 27))),
        ("What happened on 27.05?", "27.05", "27 May", ((5, 27), (5, 27))),
        ("What happened on 27/05?", "27/05", "27 May", ((5, 27), (5, 27))),
        ("What happened on 5/27?", "5/27", "27 May", ((5, 27), (5, 27))),
        ("What happened on Nov. 21?", "Nov. 21", "21 November", ((11, 21), (11, 21))),
        ("Anything on 29 Feb?", "29 Feb", "29 February", ((2, 29), (2, 29))),
        ("What happened on March 16-17?", "March 16-17", "16–17 March", ((3, 16), (3, 17))),
        ("What happened in March?", "March", "March", ((3, 1), (3, 31))),
        ("What happened in early march?", "early march", "1–10 March", ((3, 1), (3, 10))),
    ],
)
def test_yearless_question_dates(question: str, text: str, label: str, annual: tuple) -> None:
    c = parse_question_date(question, TODAY)
    assert c is not None
    assert (c.text, c.label, (c.annual_first, c.annual_last), c.start, c.end) == (
        text,
        label,
        annual,
        None,
        None,
    )
    assert c.yearless
    assert question[c.begin : c.end_offset] == c.text


@pytest.mark.parametrize(
    ("question", "text", "label", "start", "end", "granularity"),
    [
        ("What happened on 27.05.2025?", "27.05.2025", "27 May 2025", "2025-05-27", "2025-05-27", "day"),
        ("What happened on 2022-03-16?", "2022-03-16", "16 March 2022", "2022-03-16", "2022-03-16", "day"),
        (
            "What happened on March 16, 2022?",
            "March 16, 2022",
            "16 March 2022",
            "2022-03-16",
            "2022-03-16",
            "day",
        ),
        ("What happened on 27 May 2025?", "27 May 2025", "27 May 2025", "2025-05-27", "2025-05-27", "day"),
        ("What happened in March 2022?", "March 2022", "March 2022", "2022-03-01", "2022-03-31", "month"),
        ("What happened in 2022?", "2022", "2022", "2022-01-01", "2022-12-31", "year"),
        (
            "What happened in early 2025?",
            "early 2025",
            "January–April 2025",
            "2025-01-01",
            "2025-04-30",
            "year",
        ),
        (
            "What happened yesterday?",
            "yesterday",
            "yesterday (23 Nov 2026)",
            "2026-11-23",
            "2026-11-23",
            "day",
        ),
        ("What happened today?", "today", "today (24 Nov 2026)", "2026-11-24", "2026-11-24", "day"),
        (
            "What happened last week?",
            "last week",
            "last week (16–22 Nov 2026)",
            "2026-11-16",
            "2026-11-22",
            "week",
        ),
        # A news week starts with the weekend before it (an article's "this week" is the calendar week).
        (
            "What happened this week?",
            "this week",
            "this week (21–29 Nov 2026)",
            "2026-11-21",
            "2026-11-29",
            "week",
        ),
        (
            "What happened last month?",
            "last month",
            "last month (October 2026)",
            "2026-10-01",
            "2026-10-31",
            "month",
        ),
        (
            "What happened this month?",
            "this month",
            "this month (November 2026)",
            "2026-11-01",
            "2026-11-30",
            "month",
        ),
        ("What happened on Monday?", "Monday", "Monday (23 Nov 2026)", "2026-11-23", "2026-11-23", "day"),
        ("What happened on Tuesday?", "Tuesday", "Tuesday (17 Nov 2026)", "2026-11-17", "2026-11-17", "day"),
        (
            "What happened last Monday?",
            "last Monday",
            "last Monday (23 Nov 2026)",
            "2026-11-23",
            "2026-11-23",
            "day",
        ),
        (
            "What happened last March?",
            "last March",
            "last March (March 2026)",
            "2026-03-01",
            "2026-03-31",
            "month",
        ),
    ],
)
def test_absolute_question_dates(
    question: str, text: str, label: str, start: str, end: str, granularity: str
) -> None:
    c = parse_question_date(question, TODAY)
    assert c is not None
    assert (c.text, c.label, c.start, c.end, c.granularity) == (
        text,
        label,
        date.fromisoformat(start),
        date.fromisoformat(end),
        granularity,
    )
    assert not c.yearless
    assert question[c.begin : c.end_offset] == c.text


def test_week_label_across_months() -> None:
    c = parse_question_date("last week", date(2026, 11, 4))
    assert c is not None and c.label == "last week (26 Oct–1 Nov 2026)"


@pytest.mark.parametrize(
    "question",
    [
        "What may China say about the war?",
        "Why did the Su-27 crash?",
        "What did the 2020 election change?",  # a year as a topic, not a date to filter on
        "What has happened since 2020?",  # open-ended: not expressible as a constraint
        "Did inflation reach 3.5% after the march on Kyiv?",
        "Is the shop open 24/7?",
        "What happened at 1:35?",
        "Who is Theresa May?",
        "Who hosts the Today show?",
        "Who anchors “Today” on NBC?",
        "",
    ],
)
def test_questions_without_dates(question: str) -> None:
    assert parse_question_date(question, TODAY) is None


def test_most_precise_date_wins() -> None:
    c = parse_question_date("In 2022, what did Zelensky say on May 27?", TODAY)
    assert c is not None and c.text == "May 27"


# --- matching ----------------------------------------------------------------------------------------


def constraint(question: str) -> DateConstraint:
    c = parse_question_date(question, TODAY)
    assert c is not None
    return c


D = date.fromisoformat


@pytest.mark.parametrize(
    ("question", "start", "end", "matches", "contains", "distance"),
    [
        # Year-less day: any year.
        ("on May 27", "2025-05-27", "2025-05-27", True, True, 0),
        ("on May 27", "2019-05-27", "2019-05-27", True, True, 0),
        ("on May 27", "2025-07-27", "2025-07-27", False, False, 61),
        ("on May 27", "2025-05-28", "2025-05-28", False, False, 1),
        ("on May 27", "2024-12-30", "2024-12-30", False, False, 148),
        ("on May 27", "2025-05-20", "2025-05-31", True, False, 0),  # a week that contains it
        ("on May 27", "2025-01-01", "2025-12-31", True, False, 0),  # a year mention overlaps only
        ("on 29 Feb", "2024-02-29", "2024-02-29", True, True, 0),
        ("on 29 Feb", "2025-03-01", "2025-03-01", False, False, 366),
        ("in March", "2023-03-16", "2023-03-16", True, True, 0),
        ("in March", "2023-04-02", "2023-04-02", False, False, 2),
        ("in February", "2025-02-28", "2025-02-28", True, True, 0),
        # Absolute.
        ("on 27 May 2025", "2025-05-27", "2025-05-27", True, True, 0),
        ("on 27 May 2025", "2024-05-27", "2024-05-27", False, False, 365),
        ("on 27 May 2025", "2025-05-29", "2025-05-29", False, False, 2),
        ("in March 2022", "2022-03-16", "2022-03-16", True, True, 0),
        ("in March 2022", "2022-04-05", "2022-04-05", False, False, 5),
        ("in March 2022", "2022-01-01", "2022-12-31", True, False, 0),
        ("in 2022", "2021-12-20", "2022-01-03", True, False, 0),
        ("last week", "2026-11-18", "2026-11-18", True, True, 0),
        ("last week", "2026-11-24", "2026-11-24", False, False, 2),
    ],
)
def test_matching(question: str, start: str, end: str, matches: bool, contains: bool, distance: int) -> None:
    c = constraint(question)
    assert c.matches(D(start), D(end)) is matches
    assert c.contains(D(start), D(end)) is contains
    assert c.distance_days(D(start), D(end)) == distance


def test_windows_of_a_yearless_constraint() -> None:
    c = constraint("on May 27")
    assert c.windows(D("2023-01-01"), D("2025-06-30")) == [
        (D("2023-05-27"), D("2023-05-27")),
        (D("2024-05-27"), D("2024-05-27")),
        (D("2025-05-27"), D("2025-05-27")),
    ]
    assert constraint("in 2022").windows(D("2023-01-01"), D("2023-12-31")) == []


def test_wrapping_yearless_range_matches_across_new_year() -> None:
    c = constraint("between Dec. 30-Jan. 2")
    assert c.matches(D("2025-01-01"), D("2025-01-01"))
    assert c.matches(D("2024-12-31"), D("2024-12-31"))
    assert not c.matches(D("2025-01-03"), D("2025-01-03"))


# --- strip_date --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "stripped"),
    [
        ("What did China say on May 27?", "What did China say?"),
        ("On May 27, what did China say?", "what did China say?"),
        ("What happened in Kyiv yesterday?", "What happened in Kyiv?"),
        ("What happened yesterday in Kyiv?", "What happened in Kyiv?"),
        ("What did Zelensky say on the 27th of May about talks?", "What did Zelensky say about talks?"),
        ("Which deals were signed in March 2022?", "Which deals were signed?"),
        ("27.05 Kyiv strikes", "Kyiv strikes"),
        ("Kyiv news last week", "Kyiv news"),
    ],
)
def test_strip_date(question: str, stripped: str) -> None:
    assert strip_date(question, constraint(question)) == stripped
