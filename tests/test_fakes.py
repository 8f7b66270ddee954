"""The FakeEmbedder keeps the Embedder contract: normalized float32 vectors, stable, additive counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from tests.fakes import FakeEmbedder

if TYPE_CHECKING:
    from index.embed import Embedder

TEXTS = ["The harbour of Odesa reopened.", "Grain exports rose in May.", ""]


def test_vectors_are_normalized_float32_rows_of_the_stated_width() -> None:
    fake: Embedder = FakeEmbedder(dim=32)  # type-checks against the protocol
    vectors = fake.encode(TEXTS, batch_size=2)
    assert vectors.shape == (3, 32) and vectors.dtype == np.float32 and vectors.flags.c_contiguous
    np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, rtol=1e-6)
    assert not vectors[2].any()  # nothing to count, nothing to point at
    assert fake.encode([]).shape == (0, 32)
    assert fake.encode_query(TEXTS[0]).shape == (1, 32)


def test_vectors_are_the_same_in_every_instance_and_ignore_case() -> None:
    np.testing.assert_array_equal(FakeEmbedder().encode(TEXTS), FakeEmbedder().encode(TEXTS))
    np.testing.assert_array_equal(
        FakeEmbedder().encode_query("ODESA harbour"), FakeEmbedder().encode_query("odesa Harbour")
    )


def test_shared_words_bring_a_query_closer() -> None:
    fake = FakeEmbedder()
    passages = fake.encode(TEXTS[:2])
    scores = passages @ fake.encode_query("When did the Odesa harbour reopen?")[0]
    assert scores[0] > scores[1]


def test_token_counts_are_words_and_punctuation_and_add_up() -> None:
    fake = FakeEmbedder()
    assert fake.count_tokens(["Grain exports rose.", "", "Odesa, again"]) == [4, 0, 3]
    whole, *parts = fake.count_tokens([TEXTS[0] + " " + TEXTS[1], *TEXTS[:2]])
    assert whole == sum(parts)
