"""`newsdesk eval`, `newsdesk eval-html` and `newsdesk bench`: the measuring commands (see docs/)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from newsdesk.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
HTML_BENCH = ROOT.parent / "shared" / "corpora" / "html-extraction-benchmark"
DEFAULT_PLOT = ROOT / "docs" / "bench_scaling.png"
DEFAULT_SIZES = "10000,100000,1000000"
SPEED_PARTS = ("ingest", "query", "cold")
OTHER_PARTS = ("encode", "scaling")


def add_commands(sub: Any) -> None:
    s = sub.add_parser("eval", help="retrieval quality: dense vs BM25 vs Newsdesk on a questions file")
    s.add_argument("questions", type=Path, help="JSONL: question, gold_ids (or gold_ids_union), answer")
    s.add_argument("--json", action="store_true", help="metrics as one JSON object")
    s.add_argument("--details", action="store_true", help="also each question's ranked article ids")
    s.add_argument("--out", type=Path, default=None, help="also write the JSON (with details) to this file")
    s.add_argument(
        "--today", type=date.fromisoformat, default=None, help="resolve relative dates against this day"
    )
    s.add_argument(
        "--config",
        type=Path,
        default=None,
        help="JSON or TOML file of ranking weights to change (fields of retrieval/config.py RankingConfig)",
    )
    s.add_argument(
        "--split",
        default=None,
        help="only the rows of this split (e.g. held-out: report on it, calibrate on calibration)",
    )
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser("eval-html", help="score the HTML loader on the article-extraction benchmark")
    s.add_argument("--dir", type=Path, default=HTML_BENCH, help="benchmark folder (pages.jsonl, html/)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    s.set_defaults(func=cmd_eval_html)

    s = sub.add_parser("bench", help="speed: ingest, query, cold start, index scaling (all by default)")
    for part in (*SPEED_PARTS, *OTHER_PARTS):
        s.add_argument(f"--{part}", action="store_true", help=f"run the {part} benchmark")
    from newsdesk.bench import QUIZ, UKRAINE

    s.add_argument("--corpus", type=Path, default=UKRAINE, help="corpus for ingest/query/cold")
    s.add_argument("--questions", type=Path, default=QUIZ, help="quiz questions for the query benchmark")
    s.add_argument("--n-questions", type=int, default=250, help="questions timed (>= 200)")
    s.add_argument(
        "--index",
        type=Path,
        default=None,
        help="run --query and --cold on this existing index instead of building one from --corpus",
    )
    s.add_argument("--n-passages", type=int, default=1024, help="passages for --encode (>= 1000)")
    s.add_argument("--sizes", default=DEFAULT_SIZES, help="vector counts for --scaling, comma-separated")
    s.add_argument("--plot", type=Path, default=DEFAULT_PLOT, help="PNG of latency against index size")
    s.add_argument("--json", action="store_true", help="results as one JSON object")
    s.set_defaults(func=cmd_bench)


def _engine(settings: Settings) -> Any:
    from newsdesk.wiring import open_engine

    return open_engine(settings, build=True, progress=sys.stderr.isatty())


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from newsdesk import evaluate as ev

    questions = ev.load_questions(args.questions)
    if args.split:
        questions = [q for q in questions if q.split == args.split]
        if not questions:
            raise ev.EvalFileError(f"{args.questions} has no rows with split {args.split!r}")
    if args.config is not None:
        settings = settings.model_copy(update={"ranking_config": args.config})
    engine = _engine(settings)
    today = args.today or date.today()
    results = ev.evaluate(engine, questions, today, on_progress=ev.progress_printer())
    metrics = ev.report(results)
    stats = engine.stats()
    out: dict[str, Any] = {
        "questions_file": str(args.questions),
        "index": {"articles": stats.articles, "chunks": stats.chunks, "dir": str(settings.index_dir)},
        "date": date.today().isoformat(),
        "ranking_config": str(settings.ranking_config or "defaults"),
        "metrics": {n: {s: m.as_dict() for s, m in by.items()} for n, by in metrics.items()},
    }
    if args.out is not None:
        args.out.write_text(json.dumps(out | {"details": ev.details(results)}, indent=1) + "\n", "utf-8")
    if args.json:
        print(json.dumps(out | ({"details": ev.details(results)} if args.details else {}), indent=2))
        return 0
    print(f"{len(questions)} questions over {stats.articles:,} articles ({stats.chunks:,} chunks)\n")
    print(ev.table(metrics))
    if args.details:
        print()
        print(ev.details_text(ev.details(results)))
    return 0


def cmd_eval_html(args: argparse.Namespace, settings: Settings) -> int:
    from newsdesk import eval_html

    if not (args.dir / "pages.jsonl").is_file():
        print(f"newsdesk: error: no benchmark at {args.dir} (pages.jsonl missing)", file=sys.stderr)
        return 2

    def progress(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            print(f"eval-html: {done}/{total} pages", file=sys.stderr, flush=True)

    result, rows = eval_html.run(args.dir, on_progress=progress)
    worst = sorted(rows, key=lambda r: _f1(float(r["precision"]), float(r["recall"])))[: args.worst]  # type: ignore[arg-type]
    if args.json:
        print(json.dumps({"score": result.__dict__, "worst": worst}, indent=2))
        return 0
    print(eval_html.table(result))
    for r in worst:
        print(f"  P {float(r['precision']):.2f}  R {float(r['recall']):.2f}  {r['url']}")  # type: ignore[arg-type]
    return 0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from newsdesk import bench, bench_report

    chosen = {p for p in (*SPEED_PARTS, *OTHER_PARTS) if getattr(args, p)}
    parts = chosen or {*SPEED_PARTS, *OTHER_PARTS}
    speed = parts & set(SPEED_PARTS)
    if args.index is not None and ("ingest" in speed or not (args.index / "manifest.json").is_file()):
        print(
            f"newsdesk: error: --index needs an existing index (no manifest.json in {args.index}) "
            "and cannot be combined with --ingest, which times a fresh build",
            file=sys.stderr,
        )
        return 2
    if speed and args.index is None and not args.corpus.is_file():
        print(f"newsdesk: error: no corpus at {args.corpus} (give --corpus PATH)", file=sys.stderr)
        return 2
    if "query" in speed and not args.questions.is_file():
        print(f"newsdesk: error: no questions at {args.questions} (give --questions PATH)", file=sys.stderr)
        return 2
    results: dict[str, Any] = {"machine": bench.machine(), "date": date.today().isoformat()}
    if speed:
        # Queries are timed with the thread count answering processes use (ask, serve), not ingest's.
        serving = settings.encoder_threads or 1
        results.update(
            bench.run_speed(speed, args.corpus, args.questions, args.n_questions, args.index, serving)
        )
    if "encode" in parts:
        from newsdesk.bench_encode import bench_encode

        if not args.corpus.is_file():
            print(f"newsdesk: error: no corpus at {args.corpus} (give --corpus PATH)", file=sys.stderr)
            return 2
        qs = [q for q, _ in bench.quiz_questions(args.questions, 200)] if args.questions.is_file() else []
        results["encode"] = bench_encode(
            args.corpus,
            qs or ["what did China say on May 27?"],
            args.n_passages,
            settings.encoder_threads,
            log=lambda m: print(m, file=sys.stderr, flush=True),
        )
    if "scaling" in parts:
        results["scaling"] = bench_report.run_scaling(
            [int(s) for s in args.sizes.split(",") if s.strip()], args.plot
        )
    print(json.dumps(results, indent=2) if args.json else bench_report.text(results))
    return 0
