"""The index's small JSON manifest: what built it, how big it is, and whether the FAISS file is current."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from index.errors import IndexMismatchError
from index.schema import FORMAT_VERSION

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    format_version: int
    model: str
    dimension: int
    articles: int = 0
    chunks: int = 0
    faiss_factory: str = "Flat"
    generation: int = 0  # the SQLite generation the FAISS file was written at
    # The encoder that made the vectors. Manifests from before backends existed were all torch.
    backend: str = "torch"
    # The SQLite generation the lexical folder (index/lexical.py) was written at; -1: none written.
    lexical_generation: int = -1

    def check(self, model: str, dimension: int, index_dir: Path, backend: str) -> None:
        fix = f"rebuild it: newsdesk ingest --rebuild PATH... (or delete {index_dir} and ingest again)"
        if self.format_version != FORMAT_VERSION:
            raise IndexMismatchError(
                f"index at {index_dir} has format {self.format_version}, this Newsdesk reads "
                f"format {FORMAT_VERSION}: {fix}"
            )
        if self.model != model or self.dimension != dimension:
            raise IndexMismatchError(
                f"index at {index_dir} was built with model {self.model} ({self.dimension}-d) but this run "
                f"uses {model} ({dimension}-d): set NEWSDESK_MODEL_PATH back, or {fix}"
            )
        # The backends' vectors agree to a cosine of about 0.99, not exactly: a question encoded by one
        # and searched against the other's vectors ranks differently from what `newsdesk eval` measured.
        if self.backend != backend:
            raise IndexMismatchError(
                f"index at {index_dir} was built with the {self.backend} encoder but this run uses "
                f"{backend}: set NEWSDESK_BACKEND={self.backend}, or {fix}"
            )


def read_manifest(index_dir: Path) -> Manifest | None:
    path = index_dir / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(**{k: data[k] for k in Manifest.__dataclass_fields__ if k in data})
    except (ValueError, TypeError, KeyError) as exc:
        raise IndexMismatchError(
            f"{path} is unreadable ({exc}): delete {index_dir} and ingest again"
        ) from exc


def write_manifest(index_dir: Path, manifest: Manifest) -> None:
    path = index_dir / MANIFEST
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
