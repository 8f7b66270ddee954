"""Turning `newsdesk bench` results into the tables printed on the terminal (and pasted in docs)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsdesk.bench_scaling import ScalingRow, measure, plot, table

# Search settings tried besides the production one (index/vectors.py), per index type.
SWEEP = {"ivf": (8, 64), "hnsw": (32, 64)}


def run_scaling(sizes: Sequence[int], plot_path: Path | None) -> list[dict[str, object]]:
    rows: list[ScalingRow] = []
    for n in sizes:
        print(f"scaling: {n:,} vectors", file=sys.stderr, flush=True)
        rows.extend(measure(n, sweep=SWEEP, log=lambda m: print(m, file=sys.stderr, flush=True)))
    if plot_path is not None and rows:
        plot(rows, plot_path)
        print(f"scaling: plot written to {plot_path}", file=sys.stderr)
    return [r.as_dict() for r in rows]


def _ingest(r: dict[str, Any]) -> str:
    return (
        "| corpus | articles | chunks | full ingest s | chunks/s | encode alone s | chunks/s | ratio |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        f"| {r['corpus']} | {r['articles']:,} | {r['chunks']:,} | {r['ingest_s']:.1f} | "
        f"{r['ingest_chunks_per_s']:.1f} | {r['encode_s']:.1f} | {r['encode_chunks_per_s']:.1f} | "
        f"**{r['ratio']:.2f}×** (target ≥ 0.9×) |"
    )


def _query(r: dict[str, Any]) -> str:
    return (
        f"{r['questions']} questions over {r['chunks']:,} chunks\n\n"
        "| | ask(): retrieval + answer | limit: encode + FAISS | ratio |\n|---|---:|---:|---:|\n"
        f"| p50 | {r['ask_p50_ms']:.1f} ms | {r['limit_p50_ms']:.1f} ms | **{r['ratio_p50']:.2f}×** |\n"
        f"| p95 | {r['ask_p95_ms']:.1f} ms | {r['limit_p95_ms']:.1f} ms | **{r['ratio_p95']:.2f}×** |\n"
        f"\n(target ≤ 1.5×; encoder threads {r.get('encoder_threads', '?')}.) Without the SQLite searches "
        f"overlapping the encoding, as when other questions keep the second core busy: p50 "
        f"{r['serial_p50_ms']:.1f} ms, p95 {r['serial_p95_ms']:.1f} ms ({r['serial_ratio_p50']:.2f}× at p50)."
    )


def _cold(r: dict[str, Any]) -> str:
    return (
        "| | `newsdesk ask` (new process) | floor: load model + encode once | ratio |\n|---|---:|---:|---:|\n"
        f"| wall (median of {r['runs']}) | {r['ask_wall_s']:.2f} s | {r['floor_wall_s']:.2f} s | "
        f"**{r['ratio']:.2f}×** |\n"
        f"| peak RSS | {r['ask_peak_rss_mib']:.0f} MiB | {r['floor_peak_rss_mib']:.0f} MiB | "
        f"**{r['rss_ratio']:.2f}×** |\n"
        f"| bot RSS after loading the engine and answering once | {r.get('bot_rss_mib', 0):.0f} MiB | | |"
    )


def text(results: dict[str, Any]) -> str:
    m = results["machine"]
    blocks = [
        f"machine: {m['cpu']}, {m['cpu_cores']} cores, {m['memory_mib'] / 1024:.0f} GiB, onnxruntime "
        f"{m['onnxruntime']}, faiss {m['faiss']}, Python {m['python']}; {results['date']}"
    ]
    if "encode" in results:
        from newsdesk.bench_encode import table as encode_table

        blocks.append("## encoder backends\n\n" + encode_table(results["encode"]))
    if "ingest" in results:
        blocks.append("## ingest\n\n" + _ingest(results["ingest"]))
    if "query" in results:
        blocks.append("## query\n\n" + _query(results["query"]))
    if "cold" in results:
        blocks.append("## cold start\n\n" + _cold(results["cold"]))
    if "scaling" in results:
        rows = [ScalingRow(**r) for r in results["scaling"]]
        blocks.append("## index scaling (synthetic, clustered, 384-d)\n\n" + table(rows))
    return "\n\n".join(blocks)
