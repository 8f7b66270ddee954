"""Cleaning: each kind of page furniture goes, every body sentence stays (pure functions, no files)."""

from __future__ import annotations

import pytest

from corpus.clean import clean_feed_text, clean_scraped_text, is_photo_caption, strip_photo_credit

# A made-up article body: three paragraphs long enough to be recognised as prose.
BODY = [
    "The city council approved a new budget for road repairs on Tuesday, after a debate of six hours.",
    "Council members said the money will go first to the bridges damaged during the winter floods last year.",
    "Work on the first two bridges is expected to start in May and to be finished before the school year.",
]


def page(*before: str, after: tuple[str, ...] = ()) -> str:
    """A scraped page: furniture lines, the body paragraphs, then trailing furniture."""
    return "\n".join([*before, "", *"\n\n".join(BODY).split("\n"), "", *after])


def assert_body_intact(cleaned: str) -> None:
    for sentence in BODY:
        assert sentence in cleaned


@pytest.mark.parametrize(
    ("furniture", "page_text"),
    [
        ("Skip to content", page("Skip to content", "Home", "World", "Politics", "Business", "Sport")),
        ("Politics", page("Home", "World", "Politics", "Business", "Sport")),
        ("AI assistance", page("This audio is created with AI assistance")),
        ("Become a member", page(after=("Become a member Gift membership",))),
        ("Gift membership", page(after=("Become a member Gift membership",))),
        (
            "funded by our readers",
            page("Three years of reporting, funded by our readers — become a member now and help us grow."),
        ),
        ("new members", page(after=("Help us get 1,000 new members!",))),
        ("americanExpress", page(after=("visa masterCard americanExpress",))),
        ("Subscribe", page(after=("Enter your email to subscribe", "Subscribe", "* indicates required"))),
        ("indicates required", page(after=("* indicates required",))),
        ("Successfuly", page(after=("Successfuly subscribed",))),
        ("Thank you for signing up", page(after=("Thank you for signing up for this newsletter.",))),
        ("cookies", page("We use cookies to improve your experience on our site.", "Accept all")),
        ("cookie", page(after=("By using this website you agree to our cookie policy.",))),
        ("JOIN US ON TELEGRAM", page(after=("JOIN US ON TELEGRAM",))),
        ("Getty Images", page("Workers on the bridge in May. (Ivan Petrenko/Pool/AFP via Getty Images)")),
        ("POOL", page("Photo for illustrative purposes: a bridge in Kyiv. (Olha Ivanova / POOL / AFP)")),
        ("Reuters", page("Cars queue at the checkpoint near the border. Oksana Levchenko/Reuters")),
        ("Armed Forces", page("Soldiers at a drill. (Illustrative photo: Armed Forces of Ukraine)")),
        ("consider becoming", page(after=("Enjoyed this story? Please consider becoming a member today.",))),
        ("Cookiebot", page("This website uses cookies", "Cookiebot counts the visitors.", "Allow all")),
    ],
)
def test_scraped_furniture_line_is_removed_and_body_kept(furniture: str, page_text: str) -> None:
    cleaned = clean_scraped_text(page_text)
    assert furniture not in cleaned
    assert_body_intact(cleaned)


@pytest.mark.parametrize("heading", ["News Feed", "MORE NEWS", "Editors' Picks", "Related", "Read more"])
def test_everything_after_an_end_section_heading_is_removed(heading: str) -> None:
    after = (
        heading,
        "Mayor opens the new ferry terminal",
        "The mayor opened the new ferry terminal on the left bank on Saturday morning, officials said.",
        "Enter your email to subscribe",
    )
    cleaned = clean_scraped_text(page(after=after))
    assert heading not in cleaned
    assert "ferry terminal" not in cleaned
    assert_body_intact(cleaned)


@pytest.mark.parametrize(
    "blurb",
    [
        "The city weighs new tolls for heavy trucks, but drivers warn that prices would rise as a result of…",
        "The city weighs new tolls for heavy trucks to pay for the repairs, while drivers and shop owners "
        "warn of higher prices, a source close to",
    ],
)
@pytest.mark.parametrize("where", ["inside the body", "after the body"])
def test_related_article_teaser_is_removed(blurb: str, where: str) -> None:
    teaser = ["Exclusive: City eyes tolls on trucks, but drivers wary", blurb]
    lines = [BODY[0], *teaser, *BODY[1:]] if where == "inside the body" else [*BODY, *teaser, "News Feed"]
    cleaned = clean_scraped_text("\n".join(lines))
    assert cleaned == "\n\n".join(BODY)


@pytest.mark.parametrize(
    "body_line",
    [
        "More than 2,000 readers subscribe to the council's printed bulletin, the press office said.",
        "Police said the two cases were related and that both suspects had been detained on Monday night.",
        "Finland asked to become a member of the alliance in May, ending decades of military neutrality.",
        "A local bakery sold 3,000 cookies at the charity fair, raising money for the children's hospital.",
        "You can read more about the plan in the annex, the minister told journalists at the briefing.",
        "The ministry published the photo on Telegram, saying it showed the damaged bridge (before repairs).",
    ],
)
def test_body_line_with_a_furniture_word_mid_sentence_is_kept(body_line: str) -> None:
    cleaned = clean_scraped_text(page(after=(body_line,)))
    assert body_line in cleaned
    assert_body_intact(cleaned)


def test_links_box_inside_the_article_goes_but_the_body_after_it_stays() -> None:
    text = "\n".join([BODY[0], "Read also:", "Bridge repairs delayed again", BODY[1], BODY[2]])
    cleaned = clean_scraped_text(text)
    assert "Bridge repairs delayed again" not in cleaned
    assert_body_intact(cleaned)


def test_sentence_split_by_an_ad_is_joined_back() -> None:
    text = "\n".join(
        [
            BODY[0],
            "The repairs will cost 40 million hryvnias,",
            "Advertisement",
            "the finance department said.",
            *BODY[1:],
        ]
    )
    cleaned = clean_scraped_text(text)
    assert "The repairs will cost 40 million hryvnias, the finance department said." in cleaned
    assert "Advertisement" not in cleaned


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    cleaned = clean_scraped_text("\r\n".join(["Skip to content", BODY[0], "", "", BODY[1], BODY[2]]))
    assert cleaned == "\n\n".join(BODY)


@pytest.mark.parametrize("raw", ["", "   \n\n  ", "Subscribe\n* indicates required\nSkip to content"])
def test_nothing_but_furniture_cleans_to_empty(raw: str) -> None:
    assert clean_scraped_text(raw) == ""


# --- feed texts (JSONL archives, extracted HTML) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The Winter Olympics will be held in Sochi%2C Russia in 2014", "held in Sochi, Russia in 2014"),
        ("The flame will go on a 39%2C000-mile trip.", "a 39,000-mile trip."),
        ("See https://example.org/a%2Cb for details.", "https://example.org/a%2Cb"),
    ],
)
def test_feed_text_decodes_escaped_commas_outside_urls(raw: str, expected: str) -> None:
    assert expected in clean_feed_text(raw)


@pytest.mark.parametrize(
    "furniture",
    [
        "Need a news break? Check out the all new PLAY hub with puzzles, games and more!",
        "Sign up here for the '5 Things' newsletter.",
        "Support local journalism. Subscribe to azcentral.com today.",
        "Stefani Reynolds/AFP/Getty Images",
    ],
)
def test_feed_text_furniture_line_is_removed(furniture: str) -> None:
    cleaned = clean_feed_text("\n".join([BODY[0], furniture, BODY[1]]))
    assert cleaned == f"{BODY[0]}\n\n{BODY[1]}"


def test_feed_text_trailing_read_more_is_removed() -> None:
    assert clean_feed_text(f"{BODY[0]}\nRead More") == BODY[0]


def test_feed_text_never_cuts_body_after_a_heading_mid_text() -> None:
    raw = "\n".join([BODY[0], "Read more:", "Council to vote on tolls", BODY[1], "Related", BODY[2]])
    cleaned = clean_feed_text(raw)
    assert_body_intact(cleaned)
    assert "Read more:" not in cleaned


def test_feed_text_keeps_a_caption_but_drops_its_credit() -> None:
    caption = "Residents refuel at a gas station in Mariupol, eastern Ukraine. Carlos Barria/Reuters"
    cleaned = clean_feed_text(f"{BODY[0]}\n{caption}")
    assert "Residents refuel at a gas station in Mariupol, eastern Ukraine." in cleaned
    assert "Reuters" not in cleaned


def test_feed_text_lines_become_paragraphs() -> None:
    assert clean_feed_text("\n".join(BODY)) == "\n\n".join(BODY)


# --- captions and credits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "is_caption"),
    [
        ("Putin meets Xi in Astana on July 3, 2024. (Pavel Volkov/Pool/AFP via Getty Images)", True),
        ("Photo for illustrative purposes: Xi and Putin in Moscow. (Sergei Ilnitskii / POOL / AFP)", True),
        ("People stand in silence in Kyiv on February 24, 2026 [Gleb Garanich/Reuters]", True),
        ("The talks were held in Geneva (Switzerland) on Thursday.", False),
        ("He said the strike was planned and/or carried out by the same unit.", False),
    ],
)
def test_photo_caption_recognised(line: str, is_caption: bool) -> None:
    assert is_photo_caption(line) is is_caption


@pytest.mark.parametrize(
    ("line", "stripped"),
    [
        ("A girl in a shelter in Mariupol. Evgeniy Maloletka/AP", "A girl in a shelter in Mariupol."),
        ("Sunrise in Kyiv (Image credit: Daniel Leal/AFP/Getty Images)", "Sunrise in Kyiv"),
        (
            "Children play on tanks in Kyiv on February 16. Hide Caption 254 of 266",
            "Children play on tanks in Kyiv on February 16.",
        ),
        ("Trade between the two ports resumed in March.", "Trade between the two ports resumed in March."),
    ],
)
def test_strip_photo_credit(line: str, stripped: str) -> None:
    assert strip_photo_credit(line) == stripped
