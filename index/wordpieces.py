"""Word-piece counts with the model's own tokenizer file (no torch, no transformers)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class WordPieces:
    """Counts word pieces with the model's own tokenizer file: whole texts (no truncation), without
    [CLS]/[SEP], which the chunker adds to its budget itself. Its own tokenizer object, since ingest
    counts on one thread while encode() tokenizes on another, and one Rust tokenizer refuses to be
    borrowed by two threads at once."""

    def __init__(self, tokenizer_file: Path) -> None:
        from tokenizers import Tokenizer

        self._tok = Tokenizer.from_file(str(tokenizer_file))
        self._tok.no_padding()
        self._tok.no_truncation()

    def __call__(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        return [len(e.ids) for e in self._tok.encode_batch(list(texts), add_special_tokens=False)]
