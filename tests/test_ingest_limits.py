"""Ingest under hostile input and contention: a zip bomb stays small, two ingests never collide."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from index.lock import LOCK_FILE
from newsdesk.bench import RUN_CLI, peak_command

ROOT = Path(__file__).resolve().parents[1]
BOMB_LINE_BYTES = 1_200_000_000
RSS_LIMIT_MIB = 500


def _env(index_dir: Path) -> dict[str, str]:
    return os.environ | {"NEWSDESK_INDEX_DIR": str(index_dir), "NEWSDESK_LOG_LEVEL": "WARNING"}


def _ingest(index_dir: Path, *paths: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "ingest", *map(str, paths)],
        env=_env(index_dir),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _write_bomb(path: Path) -> None:
    """A 1.2 GB first line packed into about a megabyte, then one ordinary article."""
    block = b"a" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=6) as gz:
        gz.write(b'{"id": "bomb", "text": "')
        for _ in range(BOMB_LINE_BYTES // len(block)):
            gz.write(block)
        gz.write(b'"}\n')
        gz.write(
            json.dumps(
                {"id": "after", "title": "After the bomb", "date": "2024-05-01", "text": "Kyiv held a vote."}
            ).encode()
            + b"\n"
        )


def test_a_zip_bomb_line_is_reported_without_filling_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    _write_bomb(bomb)
    assert bomb.stat().st_size < 20_000_000
    r = subprocess.run(
        peak_command(RUN_CLI, "ingest", str(bomb)),
        env=_env(tmp_path / "index"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = r.stdout + r.stderr
    peak_mib = int(out.split("PEAK_KIB")[-1].split()[0]) / 1024
    assert r.returncode == 1, out  # something failed: the bomb line
    assert f"{bomb}:1" in out and "limit for one article" in out, out
    assert "1 added" in out, out  # the ordinary line after it still loads
    print(f"peak RSS {peak_mib:.0f} MiB")
    assert peak_mib < RSS_LIMIT_MIB, f"peak RSS {peak_mib:.0f} MiB"


def _archive(path: Path, n: int, prefix: str) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = (
                f"Town {i} voted on its budget. The council of town {i} debated item {i % 7} for an hour. "
                * 4
            )
            fh.write(
                json.dumps({"id": f"{prefix}{i}", "title": f"Town {i}", "date": "2024-05-01", "text": body})
            )
            fh.write("\n")


def test_a_second_ingest_is_refused_while_one_runs_and_neither_corrupts_the_index(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first_archive, second_archive = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    _archive(first_archive, 1500, "a")
    _archive(second_archive, 3, "b")
    first = _ingest(index_dir, first_archive)
    lock = index_dir / LOCK_FILE
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and first.poll() is None:
        if lock.exists() and lock.read_text().strip():
            break
        time.sleep(0.05)
    assert first.poll() is None, "the first ingest ended before the second could start"
    second = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "ingest", str(second_archive)],
        env=_env(index_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert second.returncode == 2
    assert "being written by another ingest" in second.stderr and "wait for it" in second.stderr
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert "1500 added" in out, out
    # Now free: the second one runs, and everything is there, once.
    again = _ingest(index_dir, second_archive)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0 and "3 added" in out, err
    stats = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "stats", "--json"],
        env=_env(index_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert json.loads(stats.stdout)["articles"] == 1503
