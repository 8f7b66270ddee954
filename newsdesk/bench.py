"""`newsdesk bench`: speed, each figure as a ratio against its limit measured in the same run.

encode   the encoder backends side by side: chunks/s, query encode, cosine to torch (bench_encode.py)
ingest   full ingest of a corpus (chunks/s)  vs  encoding the same chunk texts alone
query    ask(): retrieval + answer (p50/p95) vs  query encode + FAISS search alone
cold     `newsdesk ask` in a fresh process   vs  a process that only loads the model and encodes;
         and the bot's resident memory once its engine is loaded
scaling  synthetic vectors: flat / HNSW / IVF (newsdesk/bench_scaling.py)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
UKRAINE = SHARED / "realtimeqa" / "articles_ukraine_russia.jsonl"
QUIZ = SHARED / "realtimeqa" / "questions.jsonl"

Log = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _pct(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def bench_ingest(engine: Any, corpus: Path, log: Log = _stderr) -> dict[str, Any]:
    """Ingest `corpus` into the (empty) engine, then encode the very same chunk texts with the model."""
    engine.encode(["warm up the model"] * 8)
    log(f"ingest: {corpus.name} (full pipeline)")
    t = time.perf_counter()
    summary = engine.ingest([corpus])
    ingest_s = time.perf_counter() - t
    texts = engine.passage_texts()
    batch = engine.tuning.ingest.batch_size
    log(f"ingest: encoding the same {len(texts):,} chunk texts alone (batch {batch or 'default'})")
    t = time.perf_counter()
    engine.encode(texts, batch_size=batch)
    encode_s = time.perf_counter() - t
    ingest_rate, encode_rate = len(texts) / ingest_s, len(texts) / encode_s
    return {
        "corpus": str(corpus.name),
        "articles": summary.added,
        "failed": summary.failed,
        "chunks": len(texts),
        "ingest_s": round(ingest_s, 2),
        "ingest_chunks_per_s": round(ingest_rate, 2),
        "encode_s": round(encode_s, 2),
        "encode_chunks_per_s": round(encode_rate, 2),
        "ratio": round(ingest_rate / encode_rate, 3),
        "target": ">= 0.9",
        "backend": engine.stats().backend,
    }


def quiz_questions(path: Path, limit: int) -> list[tuple[str, date]]:
    """Ukraine/Russia quiz questions with their quiz dates (the corpus the query bench runs on)."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("ukraine_russia") and row.get("question"):
                out.append((str(row["question"]), date.fromisoformat(row["question_date"])))
    return out[:limit]


def bench_query(engine: Any, questions: Sequence[tuple[str, date]], log: Log = _stderr) -> dict[str, Any]:
    """Per question, interleaved: the full ask() and the limit (encode + FAISS search of the same k)."""
    k = engine.tuning.ranking.candidates
    for q, d in questions[:5]:  # warm up
        engine.ask(q, today=d)
    full, limit, serial = [], [], []
    log(f"query: {len(questions)} questions, ask() vs encode + FAISS top-{k}")
    for q, d in questions:
        t = time.perf_counter()
        engine.search(q, "dense", k)
        limit.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        engine.ask(q, today=d)
        full.append((time.perf_counter() - t) * 1000)
        # ask() without its SQLite searches overlapping the encoding: what a question costs when other
        # questions keep the second core busy.
        t = time.perf_counter()
        query = engine.question(q, d)
        engine.answer(query, engine.ranked(query, overlap=False), 3)
        serial.append((time.perf_counter() - t) * 1000)
    out: dict[str, Any] = {"questions": len(questions), "chunks": engine.stats().chunks}
    for name, values in (("ask", full), ("limit", limit), ("serial", serial)):
        out[f"{name}_p50_ms"] = round(_pct(values, 50), 2)
        out[f"{name}_p95_ms"] = round(_pct(values, 95), 2)
    out["ratio_p50"] = round(out["ask_p50_ms"] / out["limit_p50_ms"], 3)
    out["ratio_p95"] = round(out["ask_p95_ms"] / out["limit_p95_ms"], 3)
    out["serial_ratio_p50"] = round(out["serial_p50_ms"] / out["limit_p50_ms"], 3)
    out["target"] = "<= 1.5"
    return out


LIMIT_SCRIPT = (
    "from newsdesk.settings import Settings; from newsdesk.wiring import load_encoder; "
    "load_encoder(Settings()).encode_query('what did China say on May 27?')"
)
# The bot once its engine is loaded (what post_init does), having answered one question: its RSS.
BOT_SCRIPT = """
import bot.app, bot.feedback
from newsdesk.settings import Settings
from newsdesk.wiring import open_engine
s = Settings()
engine = open_engine(s, build=True)
feedback = bot.feedback.FeedbackStore(s.feedback_path)
engine.ask("what did China say on May 27?")
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        print(int(line.split()[1]) // 1024)
"""


# Peak memory is read inside the measured process (VmHWM, at exit): the kernel's rusage counts, in a
# child's peak, the parent's memory at the fork before exec, and the benchmark's parent is large.
PEAK_PRELUDE = (
    "import atexit, runpy, sys\n"
    "def _peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            sys.stderr.write('PEAK_KIB ' + line.split()[1] + '\\n')\n"
    "atexit.register(_peak)\n"
)
RUN_CLI = "sys.argv[0] = 'newsdesk'; runpy.run_module('newsdesk.cli', run_name='__main__')"


def peak_command(code: str, *args: str) -> list[str]:
    """A Python command running `code` (with `args` as its argv) that reports its own peak RSS."""
    return [sys.executable, "-c", PEAK_PRELUDE + code, *args]


def _run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MiB, exit status) of one child process made by peak_command()."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    peaks = [
        line for line in proc.stderr.decode(errors="replace").splitlines() if line.startswith("PEAK_KIB")
    ]
    peak = int(peaks[-1].split()[1]) / 1024 if peaks else 0.0
    return wall, peak, proc.returncode


def bot_rss_mib(index_dir: Path) -> float:
    env = os.environ | {"NEWSDESK_INDEX_DIR": str(index_dir), "NEWSDESK_LOG_LEVEL": "WARNING"}
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        env["NEWSDESK_FEEDBACK_DB"] = str(Path(tmp) / "feedback.sqlite3")
        out = subprocess.run(
            [sys.executable, "-c", BOT_SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True, check=True
        )
    return float(out.stdout.strip().splitlines()[-1])


def bench_cold(index_dir: Path, runs: int = 5, log: Log = _stderr) -> dict[str, Any]:
    """`newsdesk ask` on an existing index in a new process, against loading the model and encoding once."""
    env = os.environ | {"NEWSDESK_INDEX_DIR": str(index_dir), "NEWSDESK_LOG_LEVEL": "WARNING"}
    ask = peak_command(RUN_CLI, "ask", "--short", "What did China say on May 27?")
    floor = peak_command(LIMIT_SCRIPT)
    log(f"cold: {runs} runs each of `newsdesk ask` and the model-load floor")
    asks, floors = [], []
    for _ in range(runs):  # alternate, so both see the same page cache and load
        asks.append(_run_measured(ask, env))
        floors.append(_run_measured(floor, env))
    if any(rc != 0 for _, _, rc in asks + floors):
        raise RuntimeError(f"a cold-start run failed: ask {asks}, floor {floors}")
    ask_s = statistics.median(a[0] for a in asks)
    floor_s = statistics.median(f[0] for f in floors)
    ask_rss = max(a[1] for a in asks)
    floor_rss = max(f[1] for f in floors)
    return {
        "runs": runs,
        "ask_wall_s": round(ask_s, 2),
        "floor_wall_s": round(floor_s, 2),
        "ratio": round(ask_s / floor_s, 3),
        "ask_peak_rss_mib": round(ask_rss, 1),
        "floor_peak_rss_mib": round(floor_rss, 1),
        "rss_ratio": round(ask_rss / floor_rss, 3),
        "all_ask_wall_s": [round(a[0], 2) for a in asks],
        "bot_rss_mib": round(bot_rss_mib(index_dir), 1),
    }


def run_speed(
    parts: set[str],
    corpus: Path,
    questions: Path,
    n_questions: int,
    index: Path | None = None,
    query_threads: int = 1,
    log: Log = _stderr,
) -> dict[str, Any]:
    """Ingest, query and cold start over one temporary index built from `corpus`, or query and cold
    start over an existing `index` (its build is not timed, and it is left as it was)."""
    if index is not None:
        return _speed_on(index, parts, questions, n_questions, query_threads, log)
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        return _speed_on(Path(tmp) / "index", parts, questions, n_questions, query_threads, log, corpus)


def _speed_on(
    index_dir: Path,
    parts: set[str],
    questions: Path,
    n_questions: int,
    query_threads: int,
    log: Log,
    corpus: Path | None = None,
) -> dict[str, Any]:
    from index.embed import use_threads
    from newsdesk.settings import Settings
    from newsdesk.wiring import open_engine

    results: dict[str, Any] = {}
    engine = open_engine(Settings(index_dir=index_dir), allow_empty=True)
    try:
        if corpus is not None and "ingest" in parts:
            results["ingest"] = bench_ingest(engine, corpus, log)
        elif corpus is not None:
            log(f"building the index from {corpus.name} (not timed)")
            engine.ingest([corpus])
        if "query" in parts:
            use_threads(query_threads)
            results["query"] = bench_query(engine, quiz_questions(questions, n_questions), log)
            results["query"]["encoder_threads"] = query_threads
    finally:
        engine.close()
    if "cold" in parts:
        results["cold"] = bench_cold(index_dir, log=log)
    return results


def machine() -> dict[str, Any]:
    import platform

    import faiss
    import onnxruntime

    mem = 0
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem = int(fh.readline().split()[1]) // 1024
    except OSError:
        pass
    return {
        "cpu_cores": os.cpu_count(),
        "memory_mib": mem,
        "python": platform.python_version(),
        "faiss": faiss.__version__,
        "onnxruntime": onnxruntime.__version__,
        "cpu": _cpu_name(),
        "platform": platform.platform(),
    }


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"
