"""Test doubles. FakeEmbedder: a deterministic stand-in for the real model (like simonw/llm's EmbedDemo).

It satisfies the `index.embed.Embedder` protocol with hashed bag-of-words vectors: each word (and each
punctuation mark) adds one to a bucket picked by a stable hash, and the vector is L2-normalized, so inner
product is cosine like the real model's. Texts sharing words are near; texts sharing none are orthogonal
(bar hash collisions). Token counts are one per word or punctuation mark, additive like WordPiece.

Use it where the model adds nothing: index bookkeeping (what was added, updated, refused). Anything that
checks which passage answers a question keeps the real model.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

TOKEN = re.compile(r"\w+|[^\w\s]")


class FakeEmbedder:
    backend = "fake"

    def __init__(self, dim: int = 64, max_tokens: int = 256, name: str = "fake-bag-of-words") -> None:
        self.name = name
        self.dim = dim
        self.max_tokens = max_tokens

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for token in TOKEN.findall(text.lower()):
            v[zlib.crc32(token.encode("utf-8")) % self.dim] += 1.0
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v

    def encode(self, texts: Sequence[str], batch_size: int = 0) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.ascontiguousarray(np.vstack([self._vector(t) for t in texts]), dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(TOKEN.findall(t)) for t in texts]
