"""Sentence-aware chunks of one article, each within the embedding model's window.

all-MiniLM-L6-v2 reads 256 word pieces including [CLS] and [SEP]; anything beyond is cut off
silently, so a chunk that is too long loses its end from the index. Chunks are runs of whole
sentences (pieces of a sentence only when one sentence alone is too long) so that a cited passage
reads naturally.

Token counts are taken once per sentence and summed. That is exact for WordPiece (BERT) tokenizers,
which split on whitespace before anything else, and the sentences of a chunk are separated by
whitespace. Callers can count all sentences of an article with one batched call (`count_many`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from index.types import Chunk

TokenCounter = Callable[[str], int]
_WORD = re.compile(r"\S+")


def token_counter(tokenizer: Any) -> TokenCounter:
    """Word pieces of a text without special tokens, for a HuggingFace tokenizer."""

    def count(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    return count


def count_many(tokenizer: Any, texts: Sequence[str]) -> list[int]:
    """Word pieces of each text (no special tokens), in one batched tokenizer call."""
    if not texts:
        return []
    backend = getattr(tokenizer, "backend_tokenizer", None)
    # The Rust tokenizer directly is ~40% faster, but it keeps the truncation/padding of the last
    # public call (SentenceTransformer.encode truncates!), which would cap the counts: use it only
    # when neither is set.
    if backend is not None and backend.truncation is None and backend.padding is None:
        return [len(e.ids) for e in backend.encode_batch(list(texts), add_special_tokens=False)]
    encoded = tokenizer(
        list(texts),
        add_special_tokens=False,
        return_attention_mask=False,
        return_token_type_ids=False,
        verbose=False,
    )
    return [len(ids) for ids in encoded["input_ids"]]


@dataclass(frozen=True)
class _Piece:
    """A sentence, or a part of an over-long one: characters start..end, its token count, and
    whether a line break separates it from the piece before (a paragraph boundary)."""

    start: int
    end: int
    tokens: int
    paragraph: bool


def chunk_text(
    article_id: str,
    text: str,
    sentences: list[tuple[int, int]],
    count_tokens: TokenCounter,
    max_tokens: int = 200,
    overlap_sentences: int = 1,
    sentence_tokens: list[int] | None = None,
    min_fill: float = 0.6,
) -> list[Chunk]:
    """Pack the sentences of one article into chunks of at most ``max_tokens`` word pieces.

    ``sentences`` are the article's sentence spans (`index.sentences.split_sentences`);
    ``sentence_tokens``, when given, their precounted word pieces (no special tokens), else
    ``count_tokens`` counts each sentence once. Consecutive chunks share ``overlap_sentences``
    sentences (fewer where they would not fit). Once a chunk holds ``min_fill`` of ``max_tokens``,
    it ends at the last paragraph boundary that fits rather than mid-paragraph. A sentence longer
    than ``max_tokens`` is cut at word boundaries. Every chunk's text is ``text[start:end]``.
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be positive, got {max_tokens}")
    if sentence_tokens is not None and len(sentence_tokens) != len(sentences):
        raise ValueError(f"{len(sentence_tokens)} token counts for {len(sentences)} sentences")
    if not sentences:
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        if start >= end:
            return []
        sentences, sentence_tokens = [(start, end)], None
    counts = (
        sentence_tokens if sentence_tokens is not None else [count_tokens(text[s:e]) for s, e in sentences]
    )
    pieces: list[_Piece] = []
    previous_end: int | None = None
    for (start, end), tokens in zip(sentences, counts, strict=True):
        paragraph = previous_end is not None and "\n" in text[previous_end:start]
        if tokens <= max_tokens:
            pieces.append(_Piece(start, end, tokens, paragraph))
        else:
            parts = _split_long(text, start, end, count_tokens, max_tokens)
            pieces += [_Piece(s, e, n, paragraph and i == 0) for i, (s, e, n) in enumerate(parts)]
        previous_end = end
    spans = _pack(pieces, max_tokens, max(0, overlap_sentences), min_fill)
    return [Chunk(article_id, i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]


def _pack(pieces: list[_Piece], max_tokens: int, overlap: int, min_fill: float) -> list[tuple[int, int]]:
    sums = [0, *accumulate(p.tokens for p in pieces)]  # tokens of pieces[i:k] = sums[k] - sums[i]
    spans: list[tuple[int, int]] = []
    i, n = 0, len(pieces)
    while i < n:
        k = i + 1  # every piece fits on its own, so a chunk always gets at least one
        while k < n and sums[k + 1] - sums[i] <= max_tokens:
            k += 1
        if k < n and not pieces[k].paragraph:
            # Cut at the last paragraph boundary instead, if the chunk is reasonably full by then.
            for cut in range(k - 1, i, -1):
                if sums[cut] - sums[i] < min_fill * max_tokens:
                    break
                if pieces[cut].paragraph:
                    k = cut
                    break
        spans.append((pieces[i].start, pieces[k - 1].end))
        if k >= n:
            break
        # The next chunk repeats the last `overlap` pieces, as many as fit beside the next piece.
        nxt = max(k - overlap, i + 1)
        while nxt < k and sums[k + 1] - sums[nxt] > max_tokens:
            nxt += 1
        i = nxt
    return spans


def _split_long(
    text: str, start: int, end: int, count: TokenCounter, max_tokens: int
) -> list[tuple[int, int, int]]:
    """Cut an over-long sentence into runs of whole words of at most ``max_tokens`` word pieces each
    (binary search on the number of words: O(log n) counts per run); a single word that is itself
    too long is cut between characters."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    parts: list[tuple[int, int, int]] = []
    i = 0
    while i < len(words):
        # Every word is at least one word piece, so a run never has more than max_tokens words.
        lo, hi, lo_tokens = i, min(len(words), i + max_tokens), 0
        while lo < hi:  # the longest run words[i:k] (k in lo+1..hi) that fits
            mid = (lo + hi + 1) // 2
            tokens = count(text[words[i][0] : words[mid - 1][1]])
            if tokens <= max_tokens:
                lo, lo_tokens = mid, tokens
            else:
                hi = mid - 1
        if lo == i:  # the word alone is too long
            parts += _split_word(text, *words[i], count, max_tokens)
            i += 1
        else:
            parts.append((words[i][0], words[lo - 1][1], lo_tokens))
            i = lo
    return parts


def _split_word(
    text: str, start: int, end: int, count: TokenCounter, max_tokens: int
) -> list[tuple[int, int, int]]:
    parts: list[tuple[int, int, int]] = []
    while start < end:
        lo, hi, lo_tokens = start + 1, end, count(text[start : start + 1])
        while lo < hi:
            mid = (lo + hi + 1) // 2
            tokens = count(text[start:mid])
            if tokens <= max_tokens:
                lo, lo_tokens = mid, tokens
            else:
                hi = mid - 1
        parts.append((start, lo, lo_tokens))
        start = lo
    return parts
