"""`newsdesk bench` plumbing on tiny inputs (seconds): the synthetic data, the scaling rows, the plot."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from newsdesk.bench_report import text
from newsdesk.bench_scaling import clustered, exact_neighbours, measure, plot, recall_at_k, table

if TYPE_CHECKING:
    from retrieval.service import Newsdesk


def test_clustered_vectors_are_unit_length_and_clustered() -> None:
    v = clustered(2000, dim=32, centres=10, seed=3)
    assert v.shape == (2000, 32) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    # Points share blobs: a point's nearest other point is far closer than a random pair.
    sims = v[:200] @ v.T
    np.fill_diagonal(sims[:, :200], -1)
    assert float(np.median(sims.max(axis=1))) > float(np.median(sims)) + 0.3


@pytest.mark.parametrize(
    ("found", "expected"),
    [([[1, 2], [3, 4]], 1.0), ([[1, 9], [3, 4]], 0.75), ([[9, 8], [7, 6]], 0.0), ([[2, 1], [4, 3]], 1.0)],
)
def test_recall_at_k_ignores_order(found: list[list[int]], expected: float) -> None:
    assert recall_at_k(np.array(found), np.array([[1, 2], [3, 4]])) == pytest.approx(expected)


def test_exact_neighbours_find_the_point_itself() -> None:
    v = clustered(500, dim=16, centres=5, seed=1)
    assert (exact_neighbours(v, v[:20], k=1)[:, 0] == np.arange(20)).all()


def test_measure_flat_and_ivf_rows_and_plot(tmp_path: Path) -> None:
    rows = measure(3000, kinds=("flat", "ivf"), sweep={"ivf": (4,)}, log=lambda _: None)
    assert [(r.kind, r.params.split("=")[0]) for r in rows] == [
        ("flat", "exact"),
        ("ivf", "nprobe"),
        ("ivf", "nprobe"),
    ]
    assert rows[0].recall10 == 1.0 and rows[0].auto  # 3,000 vectors: exact search is the choice
    assert rows[2].params == "nprobe=4" and 0.0 < rows[2].recall10 <= 1.0
    assert all(r.p50_ms > 0 and r.memory_mb > 0 for r in rows)
    assert "| 3,000 | ivf |" in table(rows)
    plot(rows, tmp_path / "scaling.png")
    assert (tmp_path / "scaling.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    machine = {
        "cpu_cores": 2,
        "memory_mib": 1024,
        "cpu": "c",
        "onnxruntime": "o",
        "faiss": "f",
        "python": "3",
    }
    report = text({"machine": machine, "date": "2026-11-24", "scaling": [r.as_dict() for r in rows]})
    assert "index scaling" in report and "nprobe=4" in report


def test_query_bench_runs_on_an_existing_index_and_leaves_it_whole(
    bundled_engine: Newsdesk, tmp_path: Path
) -> None:
    import json

    from newsdesk.bench import run_speed

    questions = tmp_path / "quiz.jsonl"
    rows = [
        {"question": q, "question_date": "2025-05-30", "ukraine_russia": True}
        for q in ("What did China say on May 27?", "Who met in Laos?", "What did Wang Yi tell Blinken?")
    ]
    questions.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    index_dir = bundled_engine.store.dir
    before = bundled_engine.store.count_chunks()
    out = run_speed({"query"}, Path("unused"), questions, 3, index_dir, log=lambda _: None)
    assert out["query"]["questions"] == 3 and out["query"]["chunks"] == before
    assert out["query"]["ask_p50_ms"] > 0 and out["query"]["limit_p50_ms"] > 0
    assert out["query"]["serial_p50_ms"] > 0


def test_bench_refuses_an_index_folder_without_an_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsdesk.cli import main

    assert main(["bench", "--query", "--index", str(tmp_path)]) == 2
    assert "--index needs an existing index" in capsys.readouterr().err
