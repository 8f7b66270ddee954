"""`newsdesk`: the command line. A thin front like the bot: parse, call the engine, print."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.measure_cli import add_commands as add_measure_commands
from newsdesk.render import answer_json, answer_text, stats_text, summary_text
from newsdesk.said_cli import add_commands as add_said_commands
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from retrieval.service import Newsdesk


def _engine(settings: Settings, *, build: bool, progress: bool = True) -> Newsdesk:
    from newsdesk.wiring import open_engine

    return open_engine(settings, build=build, progress=progress)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing and len(missing) == len(args.paths):
        print(f"newsdesk: error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.rebuild and settings.index_dir.exists():
        from index.store import delete_index

        delete_index(settings.index_dir)

    from newsdesk.wiring import open_engine

    engine = open_engine(settings, build=False, allow_empty=True)
    summary = engine.ingest([Path(p) for p in args.paths], progress=sys.stderr.isatty() or args.progress)
    print(summary_text(summary))
    return 0 if summary.failed == 0 else 1


def _has_index(settings: Settings) -> bool:
    from index.manifest import MANIFEST
    from index.store import DB_FILE

    return (settings.index_dir / MANIFEST).exists() and (settings.index_dir / DB_FILE).exists()


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.errors import EmptyQuestionError

    if args.question != "-" and not args.question.strip():
        raise EmptyQuestionError('empty question: newsdesk ask "what did China say on May 27?"')
    engine = _engine(settings, build=True)
    questions = (line.strip() for line in sys.stdin) if args.question == "-" else iter([args.question])
    for q in questions:
        if not q:
            continue
        answer = engine.ask(q, max_citations=settings.max_citations)
        print(answer_json(answer) if args.json else answer_text(answer, passages=not args.short), flush=True)
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.errors import NewsdeskError

    engine = _engine(settings, build=True)
    print("Newsdesk: ask about the archive (empty line or Ctrl-D to quit).")
    while True:
        try:
            q = input("\n? ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not q:
            return 0
        try:
            print(answer_text(engine.ask(q, max_citations=settings.max_citations), passages=False))
        except NewsdeskError as exc:
            print(f"newsdesk: {exc}")


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.errors import IndexMissingError

    if not _has_index(settings):
        raise IndexMissingError(f"no index at {settings.index_dir}: run `newsdesk ingest PATH...` first")
    stats = _engine(settings, build=False).stats()
    if args.json:
        d = stats.__dict__ | {"first_date": str(stats.first_date), "last_date": str(stats.last_date)}
        print(json.dumps(d | {"sources": list(stats.sources)}))
    else:
        print(stats_text(stats))
    return 0


def cmd_inspect(args: argparse.Namespace, settings: Settings) -> int:
    from newsdesk.inspect import inspect_article

    engine = _engine(settings, build=True)
    print(inspect_article(engine, args.id, as_json=args.json))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import serve

    if settings.telegram_bot_token is None:
        print(
            "newsdesk: error: no bot token: set TELEGRAM_BOT_TOKEN (environment or .env; see .env.example)",
            file=sys.stderr,
        )
        return 2
    return int(serve(settings))


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.telegram_bot_token is not None:
        return cmd_serve(args, settings)
    print(
        "No Telegram token configured, so here is the terminal chat instead.\n"
        "To run the bot: get a token from @BotFather, put TELEGRAM_BOT_TOKEN=... in .env "
        "(see .env.example), then `make run` again.\n",
        file=sys.stderr,
    )
    return cmd_chat(args, settings)


def cmd_model(args: argparse.Namespace, settings: Settings) -> int:
    """Export the model to ONNX (once; later runs find it), or check the export against its checksums."""
    from index.embed import DEFAULT_CACHE_DIR, model_dir
    from index.onnx_files import export_dir, read_export, verify_file

    source = model_dir(settings.model_path)
    cache = settings.model_cache_dir or DEFAULT_CACHE_DIR
    folder = export_dir(cache, source)
    if args.action == "export":
        from index.onnx_export import export_model

        info = export_model(source, cache, force=args.force)
    else:
        found = read_export(folder)
        if found is None:
            print(f"newsdesk: no ONNX export in {folder}: run `newsdesk model export`", file=sys.stderr)
            return 1
        info = found
        bad = [name for name in info.sha256 if not verify_file(folder, info, name)]
        if bad:
            print(
                f"newsdesk: {', '.join(bad)} in {folder} do not match their checksums: "
                "run `newsdesk model export --force`",
                file=sys.stderr,
            )
            return 1
    print(
        f"{folder}\n  int8 kernels: {info.int8_kind}; "
        f"max {info.max_seq_length} word pieces; {info.dimension}-d"
    )
    for name, digest in info.sha256.items():
        print(f"  {name}  sha256 {digest[:16]}…")
    return 0


# Commands that encode many texts at once get every core; the rest answer questions, one at a time.
BULK_COMMANDS = frozenset({"ingest", "bench", "model"})


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsdesk", description="Answers questions about a news archive, cited.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("ingest", help="add files or folders of articles to the index")
    s.add_argument("paths", nargs="+")
    s.add_argument("--rebuild", action="store_true", help="delete the index first and build it anew")
    s.add_argument(
        "--progress", action="store_true", help="show the progress bar even when not on a terminal"
    )
    s.set_defaults(func=cmd_ingest)
    s = sub.add_parser("ask", help="answer one question ('-' reads one question a line from stdin)")
    s.add_argument("question")
    s.add_argument("--json", action="store_true", help="machine-readable output, one object a line")
    s.add_argument("--short", action="store_true", help="omit the passages")
    s.set_defaults(func=cmd_ask)
    sub.add_parser("chat", help="interactive terminal chat").set_defaults(func=cmd_chat)
    s = sub.add_parser("stats", help="what the index holds")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_stats)
    s = sub.add_parser("inspect", help="an article: cleaned text, metadata, chunks and their dates")
    s.add_argument("id")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_inspect)
    sub.add_parser("serve", help="run the Telegram bot").set_defaults(func=cmd_serve)
    s = sub.add_parser("model", help="the ONNX export of the embedding model (made by `make install`)")
    s.add_argument("action", choices=("export", "verify"), help="export (if missing) or verify checksums")
    s.add_argument("--force", action="store_true", help="export again even if an export exists")
    s.set_defaults(func=cmd_model)
    sub.add_parser("run", help="the bot if a token is set, else the terminal chat").set_defaults(func=cmd_run)
    add_said_commands(sub)
    add_measure_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except Exception as exc:  # pydantic's ValidationError: a bad .env or environment value
        print(f"newsdesk: error: bad configuration: {exc}".splitlines()[0], file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("sentence_transformers", "httpx", "transformers", "faiss"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from index.embed import use_threads
    from index.errors import NewsdeskError

    bulk = args.command in BULK_COMMANDS
    use_threads(settings.encoder_threads or ((os.cpu_count() or 1) if bulk else 1))
    try:
        return int(args.func(args, settings))
    except NewsdeskError as exc:
        print(f"newsdesk: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
