"""split_sentences: news-prose sentence spans (pure, no model)."""

from __future__ import annotations

import pytest

from index.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   \n\n  ", []),
        ("One sentence.", ["One sentence."]),
        ("No final punctuation", ["No final punctuation"]),
        ("First one. Second one.", ["First one.", "Second one."]),
        ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
        # Abbreviations before names and numbers keep the sentence going.
        ("Gen. Mark Milley met Mr. Smith and Dr. Jones.", ["Gen. Mark Milley met Mr. Smith and Dr. Jones."]),
        ("The U.S. Army said so. It left.", ["The U.S. Army said so.", "It left."]),
        ("He spoke on Nov. 21 in Kyiv.", ["He spoke on Nov. 21 in Kyiv."]),
        ("On Jan. 5 and Sept. 3 they met.", ["On Jan. 5 and Sept. 3 they met."]),
        ("They met at St. Peter's Square.", ["They met at St. Peter's Square."]),
        ("It starts at 9 a.m. Monday in Kyiv.", ["It starts at 9 a.m. Monday in Kyiv."]),
        ("Former GOP Rep. Will Hurd of Texas spoke.", ["Former GOP Rep. Will Hurd of Texas spoke."]),
        (
            "The Supreme Court overturned Roe v. Wade in June.",
            ["The Supreme Court overturned Roe v. Wade in June."],
        ),
        (
            "A fire in Ocala, Fla. Police said no one was hurt.",
            ["A fire in Ocala, Fla. Police said no one was hurt."],
        ),
        (
            "Victoria Nuland, U.S. Under Secretary, said so.",
            ["Victoria Nuland, U.S. Under Secretary, said so."],
        ),
        ("He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
        # ... but they do end a sentence before a typical opener.
        ("It was sold to Apple Inc. The deal closed.", ["It was sold to Apple Inc.", "The deal closed."]),
        ("Prices are high in the U.S. They rose again.", ["Prices are high in the U.S.", "They rose again."]),
        ("It ended at 10 p.m. The crowd left.", ["It ended at 10 p.m.", "The crowd left."]),
        ("He said no. It was over.", ["He said no.", "It was over."]),
        # Initials.
        (
            "John F. Kennedy was shot. J. K. Rowling wrote.",
            ["John F. Kennedy was shot.", "J. K. Rowling wrote."],
        ),
        ("He chose Plan B. But it failed.", ["He chose Plan B.", "But it failed."]),
        # Decimals, percentages, domains, numbers at sentence ends.
        (
            "Prices rose 3.5% in May. Rates were 4.25 percent.",
            ["Prices rose 3.5% in May.", "Rates were 4.25 percent."],
        ),
        ("See cnn.com for more. Thanks.", ["See cnn.com for more.", "Thanks."]),
        ("It began in 2014. 15 people died.", ["It began in 2014.", "15 people died."]),
        ("U.S.-led talks resumed. Good.", ["U.S.-led talks resumed.", "Good."]),
        # Quotes.
        ('"We will win," she said. "They know it."', ['"We will win," she said.', '"They know it."']),
        ("“We will win,” she said. “They know it.”", ["“We will win,” she said.", "“They know it.”"]),
        ('"Why?" she asked. He shrugged.', ['"Why?" she asked.', "He shrugged."]),
        ("He called it “absurd.” Then he left.", ["He called it “absurd.”", "Then he left."]),
        ("(It was late.) They slept.", ["(It was late.)", "They slept."]),
        ("He said 'no.' She left.", ["He said 'no.'", "She left."]),
        # Ellipses.
        ("He paused... and went on.", ["He paused... and went on."]),
        ("Wait... The doors opened.", ["Wait...", "The doors opened."]),
        ("So… We begin.", ["So…", "We begin."]),
        # Line breaks always end a sentence: paragraphs, headings, captions.
        ("Heading Without Punctuation\nBody text here.", ["Heading Without Punctuation", "Body text here."]),
        ("First para.\n\nSecond para.", ["First para.", "Second para."]),
        ("A line with Gen.\nNext line", ["A line with Gen.", "Next line"]),
        ("Windows line\r\nnext", ["Windows line", "next"]),
        (
            "Caption text (Photo: AP)\nStory starts. Goes on.",
            ["Caption text (Photo: AP)", "Story starts.", "Goes on."],
        ),
        # List markers at the start of a line are not sentences.
        ("1. First point is here.\n2. Second point.", ["1. First point is here.", "2. Second point."]),
        ("Mr. and Mrs. Smith arrived.", ["Mr. and Mrs. Smith arrived."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "  Leading and trailing spaces.   Another one.  ",
        "Tabs\tinside. And\tthen  some.\n\n\n  Indented para.  \n",
        "Unicode — dashes … and “quotes.” Done.\u2028Next line.",
        "No punctuation at all across\nseveral\nlines",
    ],
)
def test_spans_are_verbatim_trimmed_and_ordered(text: str) -> None:
    spans = split_sentences(text)
    assert spans, text
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert "\n" not in piece
        previous = end
    # Nothing but whitespace is left out.
    covered = set().union(*(range(s, e) for s, e in spans))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_real_article_shape() -> None:
    text = (
        "The Chinese Foreign Ministry on May 27 denied Ukraine's accusations.\n\n"
        "Ivashchenko also mentioned that as of early 2025, 80% of components were of Chinese origin.\n\n"
        '"We\'ve been committed to bringing about a ceasefire. China has never provided lethal weapons," '
        "Mao said during a press conference."
    )
    assert sentences(text) == [
        "The Chinese Foreign Ministry on May 27 denied Ukraine's accusations.",
        "Ivashchenko also mentioned that as of early 2025, 80% of components were of Chinese origin.",
        "\"We've been committed to bringing about a ceasefire.",
        'China has never provided lethal weapons," Mao said during a press conference.',
    ]
