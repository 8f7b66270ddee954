"""The index on disk: clean chunks, idempotent and incremental ingest, refusal of mismatches, crash safety."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus.bundled import bundled_paths
from index.embed import Embedder
from index.errors import IndexMismatchError
from index.store import Store
from newsdesk.settings import Settings
from newsdesk.wiring import open_engine
from retrieval.service import Newsdesk
from tests.fakes import FakeEmbedder

ROOT = Path(__file__).resolve().parents[1]

BOILERPLATE = [
    "Subscribe",
    "indicates required",
    "News Feed",
    "Become a member",
    "Skip to content",
    "AI assistance",
    "Muslimova",
    "von der Leyen",
    "Editors' Picks",
]
BODY = [
    "The Chinese Foreign Ministry on May 27 denied Ukraine's accusations",
    "China has never provided lethal weapons to any party to the conflict",
    "Kyiv on April 22 presented Beijing with evidence",
    "China's Foreign Minister Wang Yi told U.S. Secretary of State Antony Blinken on July 27",
    "we will continue to promote peace talks between Russia and Ukraine",
]


def _all_chunks(engine: Newsdesk) -> list[str]:
    return [r[0] for r in engine.store.db.execute("SELECT text FROM chunks")]


@pytest.mark.parametrize("needle", BOILERPLATE)
def test_no_chunk_holds_page_boilerplate(bundled_engine: Newsdesk, needle: str) -> None:
    assert not [c for c in _all_chunks(bundled_engine) if needle in c]


@pytest.mark.parametrize("sentence", BODY)
def test_body_sentences_are_indexed(bundled_engine: Newsdesk, sentence: str) -> None:
    assert any(sentence in c for c in _all_chunks(bundled_engine))


def test_chunks_fit_the_model_window(bundled_engine: Newsdesk) -> None:
    chunks = _all_chunks(bundled_engine)
    counts = bundled_engine.embedder.count_tokens(chunks)
    assert len(chunks) >= 4  # the two seeds are long enough to need several chunks each
    assert max(counts) <= bundled_engine.tuning.ingest.max_tokens <= bundled_engine.embedder.max_tokens - 2


def test_reingest_is_a_no_op(fake_engine: Newsdesk) -> None:
    first = fake_engine.ingest(bundled_paths())
    chunks = fake_engine.store.count_chunks()
    again = fake_engine.ingest(bundled_paths())
    assert (first.added, again.added, again.updated, again.unchanged) == (2, 0, 0, 2)
    assert fake_engine.store.count_chunks() == chunks == fake_engine.store.vectors.ntotal


def _article(path: Path, aid: str, body: str, published: str = "2024-03-01") -> Path:
    path.write_text(
        f"---\nid: {aid}\ntitle: Test {aid}\nsource: Test Wire\npublished: {published}\n---\n{body}\n"
    )
    return path


def test_a_changed_article_replaces_its_chunks(fresh_engine: Newsdesk, tmp_path: Path) -> None:
    p = _article(tmp_path / "a.txt", "a1", "The harbour of Odesa reopened on Monday after repairs.")
    fresh_engine.ingest([p])
    _article(p, "a1", "The lighthouse of Chornomorsk was repainted blue on Tuesday by volunteers.")
    s = fresh_engine.ingest([p])
    assert (s.added, s.updated) == (0, 1)
    texts = _all_chunks(fresh_engine)
    assert not any("harbour" in t for t in texts) and any("lighthouse" in t for t in texts)
    assert fresh_engine.store.vectors.ntotal == fresh_engine.store.count_chunks()
    a = fresh_engine.ask("What was repainted blue by volunteers?")
    assert a.answered and "lighthouse" in a.citations[0].quote


def test_a_changed_articles_new_title_and_date_are_cited(fake_engine: Newsdesk, tmp_path: Path) -> None:
    # article metadata is kept in memory between questions; a re-ingest must not leave it stale
    p = _article(tmp_path / "a.txt", "a1", "The harbour of Odesa reopened on Monday after repairs.")
    fake_engine.ingest([p])
    assert fake_engine.store.articles(["a1"])["a1"].title == "Test a1"
    p.write_text(
        "---\nid: a1\ntitle: Odesa harbour reopens\nsource: Test Wire\npublished: 2024-03-05\n---\n"
        "The harbour of Odesa reopened on Tuesday after repairs.\n"
    )
    fake_engine.ingest([p])
    meta = fake_engine.store.articles(["a1"])["a1"]
    assert (meta.title, str(meta.published)) == ("Odesa harbour reopens", "2024-03-05")


def test_a_past_form_the_archive_lacks_is_not_respelt_as_its_verb(
    fake_engine: Newsdesk, tmp_path: Path
) -> None:
    # "fought" is spelt right: offering "fighting" for it would be a false "did you mean"
    fake_engine.ingest([_article(tmp_path / "a.txt", "a1", "Soldiers were fighting near Bakhmut on Monday.")])
    query = fake_engine.question("Where have the soldiers fought?")
    fought = next(e for e in query.evidence if e.term == "fought")
    assert (fought.passages, fought.nearest) == (0, "")
    # a misspelling still finds the word the archive has
    query = fake_engine.question("Where were soldiers fighting near Bakhmet?")
    assert next(e for e in query.evidence if e.term == "bakhmet").nearest == "Bakhmut"


def test_a_bad_file_among_good_ones_is_reported_and_the_rest_ingested(
    fake_engine: Newsdesk, tmp_path: Path
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(3):
        _article(
            folder / f"good{i}.txt", f"g{i}", f"Article number {i} reports that the bridge {i} was rebuilt."
        )
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00garbage \xc3\x28 not utf-8")
    (folder / "lines.jsonl").write_text(
        json.dumps(
            {
                "id": "j1",
                "title": "Good line",
                "date": "2024-01-02",
                "text": "A good line about grain exports.",
            }
        )
        + "\n{this is not json\n"
        + json.dumps(
            {"id": "j2", "title": "Another", "date": "2024-01-03", "text": "Another line about ports."}
        )
        + "\n"
    )
    s = fake_engine.ingest([folder])
    assert s.added == 5
    assert s.failed == 2
    assert any("broken.txt" in p for p in s.problems)
    assert any("lines.jsonl:2" in p for p in s.problems)


def test_model_mismatch_is_refused_with_the_fix(tmp_path: Path) -> None:
    embedder = FakeEmbedder()
    Store(tmp_path, embedder.name, embedder.dim).close()
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    manifest["model"], manifest["dimension"] = "some-other-model", 768
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError, match="newsdesk ingest --rebuild"):
        Store(tmp_path, embedder.name, embedder.dim)


# Several ingest batches' worth (one batch is index.ingest.FLUSH_CHUNKS chunks), so a kill lands mid-way.
# Many flushes (index.ingest.FLUSH_CHUNKS chunks each): with the int8 encoder a few batches pass in a second.
N_SYNTHETIC = 6000


def _synthetic_archive(path: Path, n: int) -> None:
    with path.open("w") as fh:
        for i in range(n):
            body = f"Town {i} voted on its budget. The council of town {i} debated item {i % 7} for an hour."
            fh.write(
                json.dumps({"id": f"s{i}", "title": f"Town {i}", "date": "2024-05-01", "text": body}) + "\n"
            )


def test_kill_9_mid_ingest_leaves_a_loadable_index_with_whole_articles(
    tmp_path: Path, embedder: Embedder
) -> None:
    archive = tmp_path / "big.jsonl"
    _synthetic_archive(archive, N_SYNTHETIC)
    index_dir = tmp_path / "index"
    # An index already saved (FAISS file, lexical folder, manifest), so the killed ingest is one that
    # changes those files in place, not one building them for the first time.
    first = open_engine(Settings(_env_file=None, index_dir=index_dir), embedder=embedder, allow_empty=True)
    assert first.ingest(bundled_paths()).added == 2
    first.close()
    env = os.environ | {"NEWSDESK_INDEX_DIR": str(index_dir), "NEWSDESK_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "ingest", str(archive)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    db_path = index_dir / "newsdesk.sqlite3"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=1) as db:
                    if db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] > 2:
                        break
            except sqlite3.Error:
                pass
        time.sleep(0.05)
    time.sleep(random.uniform(0.0, 1.0))  # anywhere in the next batches: encoding, or writing one
    assert proc.poll() is None, "ingest finished before it could be killed; make the archive bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    store = Store(index_dir, embedder.name, embedder.dim)
    n_articles = store.count_articles() - 2
    assert 0 < n_articles < N_SYNTHETIC
    per_article = dict(
        store.db.execute("SELECT article_id, COUNT(*) FROM chunks GROUP BY article_id").fetchall()
    )
    assert set(per_article) == {r[0] for r in store.db.execute("SELECT id FROM articles")}
    synthetic = [n for a, n in per_article.items() if a.startswith("s")]
    assert set(synthetic) == {1}, "every article in the index has all of its chunks"
    assert store.vectors.ntotal == store.count_chunks()
    # The lexical index answers for exactly what SQLite holds: every article written, nothing else.
    assert store.lexical is not None and store.lexical.count == store.count_chunks()
    hits = store.search_lexical('"council"', N_SYNTHETIC, (1.0, 0.5))
    assert len(hits) == n_articles and len(store.chunks(c for c, _ in hits)) == n_articles
    store.close()

    engine = open_engine(Settings(_env_file=None, index_dir=index_dir), embedder=embedder)
    s = engine.ingest([archive])
    assert s.unchanged == n_articles and s.added == N_SYNTHETIC - n_articles
    assert engine.store.count_articles() == N_SYNTHETIC + 2
    assert len(engine.store.search_lexical('"council"', 2 * N_SYNTHETIC, (1.0, 0.5))) == N_SYNTHETIC
    engine.close()
