"""Pure formatting: escaping, UTF-16 lengths, dates, splitting between whole elements, the views."""

from __future__ import annotations

from datetime import date

import pytest

from bot.admin_messages import upload_refusal
from bot.format import (
    BLANK,
    Block,
    QuoteKind,
    Span,
    escape,
    fit_message,
    format_date,
    is_web_url,
    line,
    render,
    shorten,
    split_block,
    split_messages,
    utf16_len,
)
from bot.messages import (
    answer_blocks,
    excerpt,
    not_found_blocks,
    passage_blocks,
)
from retrieval.types import Answer, Citation
from standin.parse_mode import parse_html


def cite(n: int, *, title: str = "Title", quote: str = "China denied it.", url: str = "https://e.com/a",
         passage: str = "", published: date | None = date(2025, 5, 27)) -> Citation:  # fmt: skip
    return Citation(n, f"art{n}", title, "Kyiv Independent", published, url, quote,
                    passage or f"Before. {quote} After.", 0.5)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "units"),
    [("", 0), ("abc", 3), ("é", 1), ("日本", 2), ("👍", 2), ("a👍b", 4), ("🇺🇦", 4), ("\n", 1)],
)
def test_utf16_len_counts_what_telegram_counts(text: str, units: int) -> None:
    assert utf16_len(text) == units


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (date(2025, 5, 27), "27 May 2025"),
        (date(2024, 1, 2), "2 January 2024"),
        (date(1999, 12, 31), "31 December 1999"),
        (None, ""),
    ],
)
def test_format_date(value: date | None, shown: str) -> None:
    assert format_date(value) == shown


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<b>", "&lt;b&gt;"),
        ("a & b", "a &amp; b"),
        ("</a>", "&lt;/a&gt;"),
        ("&amp;", "&amp;amp;"),
        ('"q"', '"q"'),
    ],
)
def test_escape(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped
    assert parse_html(escape(raw))[0] == raw


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://kyivindependent.com/a", True), ("http://x.org/p?a=1&b=2", True), ("", False),
     ("javascript:alert(1)", False), ("ftp://x", False), ("https://", False), ("https://a b", False)],
)  # fmt: skip
def test_only_web_urls_become_links(url: str, ok: bool) -> None:
    assert is_web_url(url) is ok


def test_span_renders_hostile_text_and_urls_safely() -> None:
    span = Span("x</a><b>&", href='https://e.com/?q="1"&r=<2>')
    plain, entities = parse_html(span.render())
    assert plain == "x</a><b>&"
    assert entities[0].type == "text_link" and entities[0].url == 'https://e.com/?q="1"&r=<2>'


@pytest.mark.parametrize("limit", [50, 100, 333])
@pytest.mark.parametrize("quote", ["", "quote", "expandable"])
def test_split_block_keeps_kind_and_limit(limit: int, quote: QuoteKind) -> None:
    text = (
        "Mao said China never provided lethal weapons & <strictly> controls dual-use items. 👍 " * 20
    ).strip()
    block = Block((Span(text[:300]), Span(text[300:900], bold=True), Span(text[900:])), quote)
    pieces = split_block(block, limit)
    assert all(piece.length() <= limit and piece.quote == quote for piece in pieces)
    assert "".join(piece.text for piece in pieces) == text
    for piece in pieces:
        parse_html(piece.render())  # each piece is valid HTML on its own


def test_split_block_never_splits_a_surrogate_pair() -> None:
    pieces = split_block(line("👍" * 100), 7)
    assert all(piece.text == "👍" * (len(piece.text)) for piece in pieces)
    assert sum(len(piece.text) for piece in pieces) == 100


@pytest.mark.parametrize("limit", [200, 1000, 4096])
def test_split_messages_breaks_between_whole_blocks(limit: int) -> None:
    link = "https://e.com/a?b=1&c=2"
    blocks = [
        line(f"[{i}] ", Span(f"Title {i} <&>", href=link), " — Source, 27 May 2025") for i in range(300)
    ]
    messages = split_messages(blocks, limit)
    assert len(messages) > 1
    seen = []
    for html_text in messages:
        plain, _ = parse_html(html_text)
        assert utf16_len(plain) <= limit
        seen += plain.split("\n")
    assert seen == [block.text for block in blocks]


def test_split_messages_cuts_a_huge_block_into_closed_blockquotes() -> None:
    huge = line(
        ("A long quoted sentence with an emoji 🇺🇦 and <tags> & entities. " * 300).strip(), quote="quote"
    )
    messages = split_messages([huge, BLANK, line("[1] source")], 4096)
    assert len(messages) >= 4
    for html_text in messages:
        plain, _ = parse_html(html_text)
        assert utf16_len(plain) <= 4096
    assert all(m.startswith("<blockquote>") for m in messages[:-1])


def test_split_messages_of_short_text_is_one_message() -> None:
    assert split_messages([line("hello")]) == ["hello"]


def test_fit_message_truncates_with_an_ellipsis() -> None:
    blocks = [line("x" * 3000), line("y" * 3000), line("z")]
    text = fit_message(blocks, 4096)
    plain, _ = parse_html(text)
    assert utf16_len(plain) <= 4096 and plain.startswith("x" * 3000) and plain.endswith("…")


@pytest.mark.parametrize(("limit", "expected"), [(100, "short text"), (8, "short…")])
def test_shorten(limit: int, expected: str) -> None:
    assert shorten("short   text", limit) == expected


def test_answer_view_puts_quotes_first_then_numbered_citations() -> None:
    answer = Answer(
        "What did China say on May 27?", True, (cite(1, title="China denies <b>"), cite(2, url=""))
    )
    html_text = render(answer_blocks(answer, 0, 3))
    plain, entities = parse_html(html_text)
    lines = plain.split("\n")
    assert lines[0] == "China denied it. [1]"
    assert "[1] China denies <b> — Kyiv Independent, 27 May 2025" in lines
    assert "[2] Title — Kyiv Independent, 27 May 2025" in lines
    assert entities[0].type == "blockquote"
    links = [e for e in entities if e.type == "text_link"]
    assert [e.url for e in links] == ["https://e.com/a"]  # the citation without URL isn't linked


def test_answer_view_pages_number_on() -> None:
    answer = Answer("q", True, tuple(cite(i) for i in range(1, 8)))
    plain, _ = parse_html(render(answer_blocks(answer, 1, 3)))
    assert (
        "Sources 4–6 of 7" in plain and "[4] Title" in plain and "[6] Title" in plain and "[7]" not in plain
    )


def test_passage_view_bolds_the_quote_inside_an_expandable_blockquote() -> None:
    answer = Answer("q", True, (cite(1, quote="The answer.", passage="Intro <x>. The answer. Outro & end."),))
    plain, entities = parse_html(render(passage_blocks(answer, 0, 3)))
    assert "Intro <x>. The answer. Outro & end." in plain
    kinds = {e.type for e in entities}
    assert {"expandable_blockquote", "bold", "text_link"} <= kinds


def test_excerpt_keeps_the_quote_of_a_long_passage() -> None:
    passage = "Filler words here. " * 200 + "The answer is here. " + "More filler. " * 200
    spans = excerpt(passage, "The answer is here.", 500)
    text = "".join(s.text for s in spans)
    assert "The answer is here." in text and len(text) <= 520 and text.startswith("…") and text.endswith("…")
    assert any(s.bold and s.text == "The answer is here." for s in spans)


def test_not_found_is_honest_and_lists_nearest_dates() -> None:
    message = "Nothing dated 28 May in the archive answers this."
    answer = Answer(
        "What happened?", False, message=message, date_label="28 May", nearest=(cite(1, title="Near"),)
    )
    plain, _ = parse_html(render(not_found_blocks(answer)))
    assert plain.startswith("Nothing dated 28 May") and "27 May 2025 — Near" in plain


@pytest.mark.parametrize(
    ("name", "size", "ok"),
    [("a.txt", 10, True), ("A.JSONL.GZ", 10, True), ("x.html", 10, True), ("x.md", 10, True),
     ("x.pdf", 10, False), ("x.jsonl", 10**9, False), ("", 1, False)],
)  # fmt: skip
def test_upload_refusal(name: str, size: int, ok: bool) -> None:
    assert (upload_refusal(name, size, 20_000_000) is None) is ok
