"""Line tests for `corpus.clean`: what a line of page text is (furniture, a caption, prose, a headline).

Internal to the cleaners; `corpus.clean` re-exports the public ones.
"""

from __future__ import annotations

import re

from corpus import clean_patterns as pat

# A line with at least this many words, a sentence end and real sentences (not "Low 57F.") is prose.
PROSE_MIN_WORDS = 12
PROSE_MIN_WORDS_PER_SENTENCE = 6
# A short statement before the body (a lede) is kept; shorter fragments per sentence are a ticker.
SHORT_SENTENCE_MIN_WORDS = 4
SHORT_SENTENCE_MIN_WORDS_PER_SENTENCE = 5
# Consecutive lines this short (without a sentence end) are a menu or a tag list, wherever they are.
MENU_MAX_WORDS = 4
MENU_MIN_RUN = 4
# A headline in a list of related stories is at most this long.
HEADLINE_MAX_WORDS = 25
# Share of longer words capitalised from which a line is a Title Case headline.
TITLE_CASE_SHARE = 0.8
# A blurb cut off without an ellipsis is a teaser only if it is this long (shorter ones are link text).
TEASER_MIN_WORDS = 20
# An unpunctuated line before the body is a paragraph (that lost its period to a link) from this length.
LOST_PERIOD_MIN_WORDS = 30


def is_boilerplate_line(line: str) -> bool:
    """True for a line that is page furniture: navigation, a form, a banner, a prompt, a photo caption."""
    text = line.strip()
    return bool(text) and (is_page_furniture(text) or is_photo_caption(text))


def strip_photo_credit(line: str) -> str:
    """The line without a trailing photo credit ("... in Kyiv. Carlos Barria/Reuters" → "... in Kyiv.")."""
    text = line.strip()
    if pat.CREDIT_ALONE.match(text):
        return ""
    if "Caption" in text:
        text = pat.GALLERY_COUNTER.sub("", text).rstrip()
    if text.endswith((")", "]")):
        text = pat.CREDIT_IN_BRACKETS.sub("", pat.CREDIT_IN_PARENS.sub("", text)).rstrip()
    if "/" in text:  # every bare credit has one: "Carlos Barria/Reuters" (checked first: the regex is slow)
        text = pat.BARE_CREDIT.sub("", text).rstrip()
    if "via " in text:
        text = pat.CREDIT_TAIL.sub("", text).rstrip()
    return "" if not pat.WORD.search(text) else text


def is_photo_caption(line: str) -> bool:
    """A caption ends in a photo credit ("(Name/Pool/AFP via Getty Images)") or says it is a photo."""
    text = line.strip()
    if pat.CAPTION_START.match(text) or pat.CREDIT_ALONE.match(text):
        return True
    if text.endswith(")") and pat.CREDIT_IN_PARENS.search(text):
        return True
    if text.endswith("]") and pat.CREDIT_IN_BRACKETS.search(text):
        return True
    return ("/" in text and bool(pat.BARE_CREDIT.search(text))) or (
        "via " in text and bool(pat.CREDIT_TAIL.search(text))
    )


def is_prose(line: str) -> bool:
    """A paragraph of running text: long enough, ending like a sentence, not a Title Case headline."""
    if word_count(line) < PROSE_MIN_WORDS or not ends_sentence(line) or is_title_case(line):
        return False
    # Weather boxes and tickers are strings of fragments: "Clear to partly cloudy. Low 57F. Winds SSE ..."
    return words_per_sentence(line) >= PROSE_MIN_WORDS_PER_SENTENCE


def looks_like_headline(line: str) -> bool:
    """A title-like line: short and not ending like a sentence (or cut off with an ellipsis)."""
    text = line.strip()
    words = word_count(text)
    return 0 < words <= HEADLINE_MAX_WORDS and (not ends_sentence(text) or text.endswith(("…", "...")))


# --- smaller tests, shared with corpus.clean -------------------------------------------------------------


def is_page_furniture(text: str) -> bool:
    """Navigation, a form, a banner or a prompt (not a caption: feed texts keep those)."""
    if len(text) <= pat.WHOLE_LINE_MAX_CHARS and pat.WHOLE_LINE_BOILERPLATE.match(text):
        return True
    if pat.is_promo(text):
        return True
    return bool(pat.INLINE_LINK_LINE.match(text)) and word_count(text) <= HEADLINE_MAX_WORDS + 5


def word_count(text: str) -> int:
    return len(pat.WORD.findall(text))


def words_per_sentence(text: str) -> float:
    return word_count(text) / max(1, len(re.findall(r"[.!?](?:\s|$)", text)))


def ends_sentence(text: str) -> bool:
    return bool(pat.SENTENCE_END.search(text.rstrip()))


def is_cut_off_blurb(text: str) -> bool:
    """A teaser blurb: ends in an ellipsis, or is long and stops mid-sentence ("a source close to")."""
    stripped = text.rstrip()
    if stripped.endswith(("…", "...")):
        return True
    return word_count(stripped) >= TEASER_MIN_WORDS and bool(re.search(r"\w$", stripped))


def is_short_sentence(line: str) -> bool:
    # Only statements: short questions before the body are related-story links ("Will Europe ...?").
    if word_count(line) < SHORT_SENTENCE_MIN_WORDS or not re.search(r"\.[\"'”’)]*$", line):
        return False
    return words_per_sentence(line) >= SHORT_SENTENCE_MIN_WORDS_PER_SENTENCE


def lost_its_period(line: str) -> bool:
    # A paragraph whose final period the page lost (it ended in a link); decks and headlines are shorter.
    return word_count(line) >= LOST_PERIOD_MIN_WORDS and not is_title_case(line)


def is_title_case(line: str) -> bool:
    # Headlines capitalise (nearly) every longer word; running text capitalises a few names.
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def is_end_heading(line: str) -> bool:
    return len(line) <= pat.HEADING_MAX_CHARS and bool(pat.END_SECTION_HEADING.match(line))


def is_box_heading(line: str) -> bool:
    return len(line) <= pat.HEADING_MAX_CHARS and bool(pat.INLINE_SECTION_HEADING.match(line))


def is_text_like(line: str) -> bool:
    return ends_sentence(line) or word_count(line) >= SHORT_SENTENCE_MIN_WORDS


def is_menu_item(line: str) -> bool:
    return word_count(line) <= MENU_MAX_WORDS and not ends_sentence(line)
