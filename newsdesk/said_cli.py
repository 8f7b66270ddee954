"""`newsdesk quote PHRASE` and `newsdesk timeline SPEAKER`: the statements index from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from newsdesk.render import statement_json, statement_text
from newsdesk.settings import Settings


def add_commands(sub: Any) -> None:
    s = sub.add_parser("quote", help="every article carrying a phrase, earliest first, with who it credits")
    s.add_argument("phrase")
    s.add_argument("--json", action="store_true", help="one JSON object per occurrence, a line each")
    s.set_defaults(func=cmd_quote)
    s = sub.add_parser("timeline", help="a speaker's statements in date order")
    s.add_argument("speaker")
    s.add_argument("--about", default="", help="only statements holding one of these words")
    s.add_argument("--from", dest="start", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    s.add_argument("--to", dest="end", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    s.add_argument("--json", action="store_true", help="one JSON object per statement, a line each")
    s.set_defaults(func=cmd_timeline)


def _engine(settings: Settings) -> Any:
    from newsdesk.wiring import open_engine

    return open_engine(settings, build=True, progress=sys.stderr.isatty())


def cmd_quote(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.errors import EmptyQuestionError
    from retrieval.said_views import credit_note

    if not args.phrase.strip():
        raise EmptyQuestionError('empty phrase: newsdesk quote "brutal act of war"')
    views = _engine(settings).quote(args.phrase)
    if args.json:
        for v in views:
            print(json.dumps(statement_json(v), ensure_ascii=False))
        return 0
    if not views:
        print(f"No article in the archive carries “{args.phrase}”.")
        return 0
    print(f"{len(views)} article(s) carry “{args.phrase}”, earliest first.")
    note = credit_note(views)
    if note:
        print(note)
    for n, v in enumerate(views, start=1):
        print()
        print(statement_text(n, v))
    return 0


def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    name, views = _engine(settings).timeline(args.speaker, args.about, args.start, args.end)
    if args.json:
        for v in views:
            print(json.dumps(statement_json(v), ensure_ascii=False))
        return 0
    if not views:
        print(f"No statements by {name} in the archive" + (f" about {args.about}." if args.about else "."))
        return 0
    print(f"{name}: {len(views)} statement(s), in date order.")
    for n, v in enumerate(views, start=1):
        print()
        print(statement_text(n, v))
    return 0
