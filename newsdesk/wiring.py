"""Settings → engine: the one place where configuration becomes a running Newsdesk (CLI, bot, benchmarks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.settings import Settings
from retrieval.config import DEFAULT_CONFIG, IngestConfig, load_config, with_overrides
from retrieval.errors import IndexMissingError
from retrieval.service import Newsdesk, Tuning

if TYPE_CHECKING:
    from index.embed import Embedder


def tuning(settings: Settings) -> Tuning:
    ranking = load_config(settings.ranking_config) if settings.ranking_config else DEFAULT_CONFIG
    overrides: dict[str, float] = {}
    if settings.candidates:
        overrides["candidates"] = settings.candidates
    if settings.min_answer_score:
        overrides["min_score"] = settings.min_answer_score
    return Tuning(
        IngestConfig(
            max_tokens=settings.max_chunk_tokens,
            overlap=settings.chunk_overlap_sentences,
            batch_size=settings.embed_batch_size,
            max_file_bytes=settings.max_file_bytes,
        ),
        with_overrides(ranking, overrides, "settings"),
    )


def load_encoder(settings: Settings) -> Embedder:
    from index.embed import load_embedder

    return load_embedder(settings.backend, settings.model_path, settings.model_cache_dir, settings.device)


def open_engine(
    settings: Settings,
    *,
    build: bool = False,
    progress: bool = False,
    allow_empty: bool = False,
    embedder: Embedder | None = None,
) -> Newsdesk:
    """Load the model and the index. `build`: an empty index is first built from the bundled corpus;
    `allow_empty`: an empty index is fine (about to be ingested into); `embedder`: one already loaded
    (tests and benchmarks that open several indexes load the model once)."""
    from corpus.bundled import bundled_paths
    from index.store import Store

    encoder = embedder or load_encoder(settings)
    store = Store(
        settings.index_dir,
        encoder.name,
        encoder.dim,
        settings.faiss_factory,
        backend=encoder.backend,
        lexical=settings.lexical_engine,
    )
    engine = Newsdesk(store, encoder, tuning(settings))
    if store.count_articles() == 0 and not allow_empty:
        build_from = bundled_paths() if build else []
        if not build_from:
            engine.close()
            raise IndexMissingError(
                f"the index at {settings.index_dir} is empty: run `newsdesk ingest PATH...` with your archive"
                if not build
                else "no index and no bundled corpus: run `newsdesk ingest PATH...` first"
            )
        engine.ingest(build_from, progress=progress)
    engine.refresh_statements()
    return engine
