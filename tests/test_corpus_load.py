"""Loading real files of every supported format, and reporting broken ones without stopping."""

from __future__ import annotations

import gzip
import shutil
from datetime import date
from pathlib import Path

import pytest

from corpus.article import Article, LoadProblem
from corpus.load import iter_articles

FIXTURES = Path(__file__).parent / "data" / "corpus"


def load(*paths: Path, **kwargs: int) -> tuple[list[Article], list[LoadProblem]]:
    items = list(iter_articles(list(paths), **kwargs))
    articles = [item for item in items if isinstance(item, Article)]
    problems = [item for item in items if isinstance(item, LoadProblem)]
    assert len(articles) + len(problems) == len(items)
    return articles, problems


def load_one(path: Path) -> Article:
    articles, problems = load(path)
    assert problems == []
    assert len(articles) == 1
    return articles[0]


# --- one file of each format ---------------------------------------------------------------------------


def test_txt_with_front_matter_uses_the_given_fields_and_cleans_the_body() -> None:
    article = load_one(FIXTURES / "harbor_front_matter.txt")
    assert article.id == "harbor-2024-03"
    assert article.title == "Harbor authority opens a second grain terminal"
    assert article.source == "Newsdesk Test Wire"
    assert article.url == "https://example.org/news/harbor-grain-terminal"
    assert article.published == date(2024, 3, 14)
    assert article.inferred == frozenset()
    assert article.text.startswith(
        "The port authority of Pivdenne opened a second grain terminal on March 14"
    )
    assert article.text.endswith("formed outside the port last autumn.")
    for furniture in ("Skip to content", "Getty Images", "AI assistance", "Subscribe", "News Feed", "Storm"):
        assert furniture not in article.text


def test_txt_without_front_matter_infers_and_marks_id_title_and_date() -> None:
    article = load_one(FIXTURES / "river_ferry_no_front_matter.txt")
    assert article.id == "river_ferry_no_front_matter"
    assert article.title == "Ferry service resumes across the Dnipro estuary"
    assert article.published == date(2023, 6, 3)
    assert article.inferred == {"id", "title", "published"}
    assert article.source == ""
    assert article.text.startswith("KHERSON, June 3, 2023 — Passenger ferries resumed crossings")


def test_markdown_markup_goes_and_every_sentence_stays() -> None:
    article = load_one(FIXTURES / "school_meals.md")
    assert article.title == "City expands free school meals"
    assert article.published == date(2022, 9, 1)  # front matter "date:" is the published date
    assert article.inferred == {"id"}
    text = article.text
    for markup in ("#", "**", "](", "![", "`", "> ", "- Kitchens", "https://"):
        assert markup not in text
    for sentence in (
        "The city council voted on Thursday to extend free lunches to all primary schools, "
        "a measure that will cover about 41,000 pupils from September.",
        "according to the council's budget note, and is funded by a levy on large advertising boards.",
        "Kitchens in 14 schools will be renovated first.",
        '"No child should learn on an empty stomach," said deputy mayor Iryna Koval.',
        "Parents can read the full menu on the school-meals page of the city website.",
    ):
        assert sentence in text
    assert not text.startswith("City expands free school meals")  # the heading is the title, not a paragraph


def test_markdown_without_any_title_line_takes_the_file_name() -> None:
    article = load_one(FIXTURES / "no_title.md")
    assert article.title == "No title"
    assert article.inferred == {"id", "title"}
    assert article.published is None


def test_html_main_text_and_metadata() -> None:
    article = load_one(FIXTURES / "metro_extension.html")
    assert article.id == "metro_extension"
    assert article.title == "Metro extension to the airport approved"
    assert article.published == date(2022, 3, 16)
    assert article.url == "https://example.org/city/metro-extension-airport"
    assert article.source == "Newsdesk Test Gazette"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The city council approved on Wednesday a seven-kilometer extension")
    assert paragraphs[-1].startswith("Opposition councillors questioned the cost estimate")
    assert len(paragraphs) == 4
    for furniture in ("Bus fares", "Privacy policy", "All rights reserved", "Subscribe", "Related stories"):
        assert furniture not in article.text


def test_jsonl_one_article_per_line_with_dates_and_inferred_fields() -> None:
    articles, problems = load(FIXTURES / "wire.jsonl")
    assert problems == []
    first, second, third = articles
    assert (first.id, first.published, first.inferred) == ("wire-001", date(2022, 3, 16), frozenset())
    assert first.origin.endswith("wire.jsonl:1")
    assert first.text == (
        "The western border crossing reopened for freight trucks on Wednesday after a two-day closure.\n\n"
        "Customs officers said the queue on the approach road had grown to about 600 trucks."
    )
    assert second.published == date(2023, 2, 28)  # "published" works as well as "date"
    assert "Need a news break" not in second.text
    assert "most of the increase, the ministry added." in second.text
    assert third.id == "wire-3"
    assert third.title == "Power restored in eastern districts"
    assert third.inferred == {"id", "title"}
    assert third.text.startswith("Electricity was restored")


def test_jsonl_gz_loads_like_the_plain_file(tmp_path: Path) -> None:
    plain, _ = load(FIXTURES / "wire.jsonl")
    packed = tmp_path / "wire.jsonl.gz"
    packed.write_bytes(gzip.compress((FIXTURES / "wire.jsonl").read_bytes()))
    unpacked, problems = load(packed)
    assert problems == []
    assert [(a.id, a.title, a.text, a.published) for a in unpacked] == [
        (a.id, a.title, a.text, a.published) for a in plain
    ]
    assert unpacked[0].origin == f"{packed}:1"


def test_gzipped_html_page_loads(tmp_path: Path) -> None:
    packed = tmp_path / "metro.html.gz"
    packed.write_bytes(gzip.compress((FIXTURES / "metro_extension.html").read_bytes()))
    article = load_one(packed)
    assert article.id == "metro"
    assert article.title == "Metro extension to the airport approved"


# --- folders, and what goes wrong -----------------------------------------------------------------------


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A folder of good files with broken ones mixed in, nested, with hidden entries."""
    root = tmp_path / "archive"
    (root / "2024" / "march").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(FIXTURES / "harbor_front_matter.txt", root / "2024" / "march" / "harbor.txt")
    shutil.copy(FIXTURES / "school_meals.md", root / "2024" / "school_meals.md")
    shutil.copy(FIXTURES / "river_ferry_no_front_matter.txt", root / "ferry.txt")
    (root / ".git" / "notes.txt").write_text("Not an article.\n", encoding="utf-8")
    (root / ".hidden.txt").write_text("Not an article either.\n", encoding="utf-8")
    (root / "broken_utf8.txt").write_bytes(b"Kyiv \xff\xfe news about the harbor.\n")
    (root / "bad_yaml.txt").write_text("---\ntitle: Kyiv: a city: under fire\n---\nBody.\n", encoding="utf-8")
    (root / "empty.md").write_bytes(b"")
    (root / "report.pdf").write_bytes(b"%PDF-1.7")
    (root / "wire.jsonl").write_text(
        '{"id": "w1", "title": "Good", "date": "2022-03-16", "text": "The first line loads fine today."}\n'
        '{"id": "w2", "title": "Broken line", "text": "missing the closing quote}\n'
        '{"id": "w3", "title": "No text here", "date": "2022-03-17"}\n'
        '{"id": "w4", "title": "Bad date", "date": "next week", "text": "A date nobody can read."}\n'
        '{"id": "w5", "title": "Good too", "date": "2022-03-18", "text": "The last line loads as well."}\n',
        encoding="utf-8",
    )
    return root


def test_good_files_load_and_each_broken_one_is_reported(archive: Path) -> None:
    articles, problems = load(archive)
    assert sorted(a.id for a in articles) == ["ferry", "harbor-2024-03", "school_meals", "w1", "w5"]
    by_origin = {Path(p.origin).name: p for p in problems}
    assert set(by_origin) == {
        "broken_utf8.txt",
        "bad_yaml.txt",
        "empty.md",
        "report.pdf",
        "wire.jsonl:2",
        "wire.jsonl:3",
        "wire.jsonl:4",
    }
    assert "UTF-8" in by_origin["broken_utf8.txt"].message
    assert "YAML" in by_origin["bad_yaml.txt"].message
    assert "empty" in by_origin["empty.md"].message
    assert "not valid JSON" in by_origin["wire.jsonl:2"].message
    assert "'text' is missing" in by_origin["wire.jsonl:3"].message
    assert "'date'" in by_origin["wire.jsonl:4"].message and "YYYY-MM-DD" in by_origin["wire.jsonl:4"].message
    assert [p.skipped for p in problems if not p.origin.endswith(".pdf")] == [False] * 6


def test_unsupported_file_is_reported_as_skipped(archive: Path) -> None:
    _, problems = load(archive / "report.pdf")
    assert problems == [
        LoadProblem(
            str(archive / "report.pdf"),
            "skipped: unsupported file type .pdf (supported: .txt .md .html .htm .jsonl .jsonl.gz)",
            skipped=True,
        )
    ]


def test_folder_order_is_sorted_and_repeatable(archive: Path) -> None:
    first = [item.origin for item in iter_articles([archive])]
    assert first == [item.origin for item in iter_articles([archive])]
    files = [Path(o.rsplit(":", 1)[0] if o.endswith(tuple("0123456789")) else o) for o in first]
    assert [f.relative_to(archive).parts for f in files] == sorted(
        f.relative_to(archive).parts for f in files
    )
    assert not any(".git" in o or ".hidden" in o for o in first)


def test_missing_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    articles, problems = load(tmp_path / "nowhere", FIXTURES / "no_title.md")
    assert len(articles) == 1
    assert len(problems) == 1
    assert problems[0].origin == str(tmp_path / "nowhere")
    assert "no such file or folder" in problems[0].message


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    _, problems = load(FIXTURES / "harbor_front_matter.txt", max_file_bytes=100)
    assert len(problems) == 1
    assert "100-byte limit" in problems[0].message


def test_duplicate_id_is_reported_and_the_second_article_skipped(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "harbor_front_matter.txt", tmp_path / "a.txt")
    shutil.copy(FIXTURES / "harbor_front_matter.txt", tmp_path / "b.txt")
    articles, problems = load(tmp_path)
    assert [a.origin for a in articles] == [str(tmp_path / "a.txt")]
    assert problems[0].origin == str(tmp_path / "b.txt")
    assert "duplicate id 'harbor-2024-03'" in problems[0].message


def test_page_with_only_furniture_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "menu.txt"
    page.write_text("Skip to content\nHome\nWorld\nSubscribe\n* indicates required\n", encoding="utf-8")
    _, problems = load(page)
    assert len(problems) == 1
    assert "no article text" in problems[0].message


def test_truncated_gzip_reports_where_it_stopped(tmp_path: Path) -> None:
    packed = gzip.compress((FIXTURES / "wire.jsonl").read_bytes())
    broken = tmp_path / "cut.jsonl.gz"
    broken.write_bytes(packed[: len(packed) // 2])
    articles, problems = load(broken)
    assert problems and "truncated" in problems[-1].message
    assert len(articles) < 3
