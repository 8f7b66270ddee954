"""Settings → engine: the one place the entry points (CLI, bot) turn configuration into a Newsdesk."""

from __future__ import annotations

from newsdesk.settings import Settings
from retrieval.errors import IndexMissingError
from retrieval.service import Newsdesk, Tuning


def tuning(settings: Settings) -> Tuning:
    return Tuning(
        max_tokens=settings.max_chunk_tokens,
        overlap=settings.chunk_overlap_sentences,
        batch_size=settings.embed_batch_size,
        candidates=settings.candidates,
        max_file_bytes=settings.max_file_bytes,
        **({"min_score": settings.min_answer_score} if settings.min_answer_score else {}),
    )


def open_engine(
    settings: Settings, *, build: bool, progress: bool = False, allow_empty: bool = False
) -> Newsdesk:
    """Load the model and the index. `build`: an empty index is first built from the bundled corpus;
    `allow_empty`: an empty index is fine (about to be ingested into)."""
    from corpus.bundled import bundled_paths

    from index.embed import load_embedder

    build_from = bundled_paths() if build else None
    if build and not build_from:
        raise IndexMissingError("no index and no bundled corpus: run `newsdesk ingest PATH...` first")
    return Newsdesk.open(
        settings.index_dir,
        embedder=load_embedder(
            settings.backend, settings.model_path, settings.model_cache_dir, settings.device
        ),
        build_from=build_from,
        progress=progress,
        faiss_factory=settings.faiss_factory,
        tuning=tuning(settings),
        allow_empty=allow_empty,
    )
