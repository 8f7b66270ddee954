"""The derived lexical index (index/lexical.py) as the store keeps it: stamped with the SQLite generation,
rebuilt from SQLite when stale, missing or damaged, kept current by incremental ingests."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import pytest

from index.lexical import LEXICAL_DIR, LexicalIndex
from index.manifest import read_manifest, write_manifest
from index.store import Store
from tests.fakes import FakeEmbedder

WEIGHTS = (1.0, 0.5)


def _articles(folder: Path, words: list[str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for w in words:
        p = folder / f"{w}.md"
        p.write_text(
            f"---\nid: {w}\ntitle: About {w}\npublished: 2024-01-02\n---\nThe {w} was seen in town.\n"
        )
        paths.append(p)
    return paths


def _open(index_dir: Path) -> Store:
    fake = FakeEmbedder()
    return Store(index_dir, fake.name, fake.dim, backend=fake.backend)


def _found(store: Store, word: str) -> set[str]:
    hits = store.search_lexical(f'"{word}"', 10, WEIGHTS)
    return {store.chunks([c])[c].article_id for c, _ in hits}


@pytest.fixture()
def index_dir(tmp_path: Path) -> Path:
    from newsdesk.settings import Settings
    from newsdesk.wiring import open_engine

    folder = tmp_path / "index"
    engine = open_engine(
        Settings(_env_file=None, index_dir=folder), embedder=FakeEmbedder(), allow_empty=True
    )
    engine.ingest(_articles(tmp_path / "a", ["walrus", "heron"]))
    engine.close()
    return folder


def test_an_ingest_writes_the_folder_and_stamps_it(index_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    manifest = read_manifest(index_dir)
    assert manifest is not None and manifest.lexical_generation == manifest.generation > 0
    with caplog.at_level(logging.INFO, logger="index.store"):
        store = _open(index_dir)
    assert "rebuilding the lexical index" not in caplog.text
    assert store.lexical is not None and store.lexical.path == index_dir / LEXICAL_DIR
    assert _found(store, "walrus") == {"walrus"}
    store.close()


def test_an_incremental_ingest_keeps_the_folder_current(index_dir: Path, tmp_path: Path) -> None:
    from newsdesk.settings import Settings
    from newsdesk.wiring import open_engine

    engine = open_engine(Settings(_env_file=None, index_dir=index_dir), embedder=FakeEmbedder())
    assert engine.ingest(_articles(tmp_path / "b", ["otter"])).added == 1
    assert _found(engine.store, "otter") == {"otter"}  # the running engine sees it at once
    engine.close()
    manifest = read_manifest(index_dir)
    assert manifest is not None and manifest.lexical_generation == manifest.generation
    store = _open(index_dir)
    assert store.lexical is not None and store.lexical.count == store.count_chunks() == 3
    assert _found(store, "otter") == {"otter"} and _found(store, "heron") == {"heron"}
    store.close()


@pytest.mark.parametrize(
    "damage", ["stale stamp", "missing folder", "garbage meta", "emptied folder", "another schema"]
)
def test_a_stale_or_damaged_folder_is_rebuilt_from_sqlite(
    index_dir: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    folder = index_dir / LEXICAL_DIR
    manifest = read_manifest(index_dir)
    assert manifest is not None
    if damage == "stale stamp":
        write_manifest(index_dir, replace(manifest, lexical_generation=manifest.generation - 1))
    elif damage == "missing folder":
        import shutil

        shutil.rmtree(folder)
    elif damage == "garbage meta":
        (folder / "meta.json").write_text("{not json")
    elif damage == "emptied folder":
        for f in folder.iterdir():
            f.unlink()
    else:  # an index of another layout (an older Newsdesk, say) under the same name and stamp
        import shutil

        import tantivy

        shutil.rmtree(folder)
        folder.mkdir()
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("body", stored=True)
        tantivy.Index(builder.build(), path=str(folder))
    with caplog.at_level(logging.INFO, logger="index.store"):
        store = _open(index_dir)
    assert "rebuilding the lexical index from 2 stored chunks" in caplog.text
    assert _found(store, "walrus") == {"walrus"} and _found(store, "heron") == {"heron"}
    store.close()
    fixed = read_manifest(index_dir)
    assert fixed is not None and fixed.lexical_generation == fixed.generation  # written back, stamped
    assert json.loads((folder / "meta.json").read_text())
    assert LexicalIndex.open(folder).count == 2


def test_fts5_alone_needs_no_folder(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    store = Store(tmp_path / "index", fake.name, fake.dim, backend=fake.backend, lexical="fts5")
    assert store.lexical is None and not (tmp_path / "index" / LEXICAL_DIR).exists()
    store.close()
