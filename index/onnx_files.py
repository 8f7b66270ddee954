"""The exported-model cache: folder layout, its info file, its lock, and checks. No torch, no
onnxruntime here."""

from __future__ import annotations

import fcntl
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import NewsdeskError

# Bump when the export steps change, so an old export is not mistaken for the current recipe.
EXPORT_RECIPE = "torch.onnx-eager-opset17+ort-bert-opt1+dynamic-int8-per-channel/v2"
FP32_FILE = "model.onnx"
INT8_FILE = "model_int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
INFO_FILE = "export.json"
SOURCE_FILES = ("model.safetensors", "config.json", TOKENIZER_FILE)


@dataclass(frozen=True)
class ExportInfo:
    source: str
    source_checksum: str
    recipe: str
    int8_kind: str
    max_seq_length: int
    dimension: int
    sha256: dict[str, str] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def source_key(model_dir: Path) -> str:
    """A cheap key for the source weights (path, sizes, modification times) that names the cache
    folder, so finding the export at start-up costs a few stat calls, not hashing 90 MB."""
    h = hashlib.sha256(EXPORT_RECIPE.encode())
    h.update(str(model_dir.resolve()).encode())
    for name in SOURCE_FILES:
        path = model_dir / name
        if path.exists():
            st = path.stat()
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def export_dir(cache_dir: Path, model_dir: Path) -> Path:
    return cache_dir / f"{model_dir.name}-{source_key(model_dir)}"


@contextmanager
def export_lock(cache_dir: Path) -> Iterator[None]:
    """Held while exporting into `cache_dir`: one exporter at a time per machine and cache."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        lock = open(cache_dir / ".export.lock", "a+")  # noqa: SIM115 (held across the yield)
    except OSError as exc:
        raise NewsdeskError(
            f"cannot write the model cache {cache_dir} ({exc.strerror}): set NEWSDESK_MODEL_CACHE_DIR "
            "to a writable folder"
        ) from exc
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def read_export(folder: Path) -> ExportInfo | None:
    """The export in `folder`, or None when it is missing or incomplete."""
    try:
        data = json.loads((folder / INFO_FILE).read_text(encoding="utf-8"))
        info = ExportInfo(**data)
    except (OSError, ValueError, TypeError):
        return None
    if info.recipe != EXPORT_RECIPE or not all((folder / n).is_file() for n in info.sha256):
        return None
    return info


def verify_file(folder: Path, info: ExportInfo, name: str) -> bool:
    return info.sha256.get(name) == file_sha256(folder / name)
