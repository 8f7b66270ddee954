"""The ONNX Runtime encoder: the model's own tokenizer, the exported graph, mean pooling and L2 in numpy.

Imports neither torch nor transformers, so answering starts in a fraction of a second.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.errors import NewsdeskError
from index.onnx_files import FP32_FILE, INT8_FILE, TOKENIZER_FILE, ExportInfo, export_dir, read_export
from index.wordpieces import WordPieces

log = logging.getLogger(__name__)

# Texts per ONNX run when ingesting. Batches are sorted by length, so little padding is computed; 8
# measured fastest for int8 and fp32 (docs/benchmarks.md, `newsdesk bench --encode`).
DEFAULT_BATCH = 8


@dataclass(frozen=True)
class Export:
    folder: Path
    info: ExportInfo


def ensure_export(model_dir: Path, cache_dir: Path) -> Export:
    """The cached export of `model_dir`; made once (about 20 s, with torch) if it is missing."""
    folder = export_dir(cache_dir, model_dir)
    info = read_export(folder)
    if info is None:
        log.warning("exporting %s to ONNX into %s (once, about 20 s)", model_dir.name, folder)
        try:
            from index.onnx_export import export_model

            info = export_model(model_dir, cache_dir)  # waits for, then reuses, a concurrent export
        except ImportError as exc:
            raise NewsdeskError(
                f"no ONNX export of {model_dir.name} in {cache_dir} and torch is not installed to "
                f"make one ({exc}): run `newsdesk model export` where torch is, or set "
                "NEWSDESK_BACKEND=torch"
            ) from exc
    return Export(folder, info)


def mean_pool(token_embeddings: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors under the mask, then L2-normalized: sentence-transformers' Pooling
    (mean tokens) followed by Normalize."""
    mask = attention_mask[:, :, None].astype(np.float32)
    summed = (token_embeddings * mask).sum(axis=1)
    counts = np.clip(mask.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return np.ascontiguousarray(pooled / np.clip(norms, 1e-12, None), dtype=np.float32)


def length_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of similar length (longest first), so padding costs little."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


class OnnxEmbedder:
    def __init__(self, export: Export, name: str, *, int8: bool = True, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.name = name
        self.backend = "onnx-int8" if int8 else "onnx"
        self.dim = export.info.dimension
        self.max_tokens = export.info.max_seq_length
        self.export = export
        self.threads = threads
        file = export.folder / (INT8_FILE if int8 else FP32_FILE)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # A spinning worker steals the core a concurrent request needs; with one thread nothing spins.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "1" if threads > 1 else "0")
        opts.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(str(file), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors for a damaged file
            raise NewsdeskError(
                f"cannot load {file} ({exc}): delete {export.folder} and run `newsdesk model export`"
            ) from exc
        self._tok = Tokenizer.from_file(str(export.folder / TOKENIZER_FILE))
        self._tok.no_padding()
        self._tok.enable_truncation(max_length=self.max_tokens)
        self._pieces = WordPieces(export.folder / TOKENIZER_FILE)

    def encode(self, texts: Sequence[str], batch_size: int = 0) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tok.encode_batch(list(texts))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for batch in length_batches([len(e.ids) for e in encodings], batch_size or DEFAULT_BATCH):
            width = len(encodings[batch[0]].ids)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            (tokens,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            out[batch] = mean_pool(tokens, mask)
        return out

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text], batch_size=1)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self._pieces(texts)
