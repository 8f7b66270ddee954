""".txt and .md articles: optional YAML front matter, then the body (scraped page text or Markdown)."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.article import Article, LoadProblem
from corpus.clean import clean_scraped_text
from corpus.formats_common import GivenFields, finish_article
from corpus.metadata import FrontMatterError, article_stem, parse_date, split_front_matter, title_from_name

# Hard-wrapped plain text (lines cut at ~72 columns) is unwrapped before cleaning; page dumps never are.
WRAP_MIN_CHARS = 40
WRAP_MAX_CHARS = 100
WRAP_MIN_SHARE = 0.6

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_INLINE_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`([^`\n]+)`")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def load_text(path: Path, content: str, *, markdown: bool) -> Article | LoadProblem:
    """One article from a text file's content (already decoded)."""
    origin = str(path)
    try:
        fields, body = split_front_matter(content)
        given = _given_fields(fields)
    except FrontMatterError as exc:
        return LoadProblem(origin, f"{exc} (the fields go between two '---' lines at the top)")
    except ValueError as exc:
        return LoadProblem(origin, f"front matter: {exc}")
    raw = markdown_to_text(body) if markdown else unwrap_hard_wrapped(body)
    return finish_article(
        given,
        text=clean_scraped_text(raw),
        raw=body if markdown else raw,  # Markdown headings are how a title is recognised
        origin=origin,
        default_id=article_stem(path),
        default_title=title_from_name(path),
    )


def markdown_to_text(markdown: str) -> str:
    """The text of a Markdown document: markup that is not text goes, every sentence stays.

    Paragraphs become one line each (Markdown wraps them at will); headings and list items stay lines.
    """
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(" ".join(paragraph))
            paragraph.clear()

    for line in _HTML_COMMENT.sub("", markdown).split("\n"):
        if _FENCE.match(line) or _RULE.match(line) or _LINK_DEFINITION.match(line):
            flush()
            continue
        if _SETEXT_UNDERLINE.match(line) and paragraph:
            flush()  # the line above was a heading: keep it as its own line
            continue
        if not line.strip():
            flush()
            out.append("")
            continue
        heading = _HEADING.match(line)
        if heading or _BULLET.match(line) or re.match(r"^\s*\d+[.)]\s+", line) or "|" in line:
            flush()
            if _TABLE_SEPARATOR.match(line):
                continue
            text = heading.group(1) if heading else _BULLET.sub("", line)
            out.append(_inline_markdown(text.strip().strip("|").strip()))
            continue
        paragraph.append(_inline_markdown(_QUOTE.sub("", line).strip()))
    flush()
    return "\n".join(out)


def unwrap_hard_wrapped(text: str) -> str:
    """Join lines of plain text that was wrapped at a fixed width; leave one-line-per-paragraph text alone."""
    blocks = re.split(r"\n[ \t]*\n", text)
    inner = [line for block in blocks for line in block.split("\n")[:-1] if line.strip()]
    if not inner or max(len(line) for line in text.split("\n")) > WRAP_MAX_CHARS:
        return text
    wrapped = sum(len(line.rstrip()) >= WRAP_MIN_CHARS for line in inner)
    if wrapped < WRAP_MIN_SHARE * len(inner):
        return text
    joined = (" ".join(line.strip() for line in block.split("\n") if line.strip()) for block in blocks)
    return "\n\n".join(joined)


def _inline_markdown(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(lambda m: m.group(m.lastindex or 0), text)
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def _given_fields(fields: dict[str, object]) -> GivenFields:
    def text(key: str) -> str | None:
        value = fields.get(key)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            raise ValueError(f"'{key}' must be a single value, not a list or mapping")
        return str(value)

    published_value = fields.get("published", fields.get("date"))
    try:
        published = parse_date(published_value)
    except ValueError as exc:
        raise ValueError(f"'published': {exc}") from exc
    return GivenFields(
        id=text("id"),
        title=text("title"),
        url=text("url"),
        source=text("source"),
        published=published,
    )
