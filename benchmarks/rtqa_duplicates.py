"""Recall of a `newsdesk eval --out` result, strict and counting exact-text duplicates of gold as gold.

RealTime QA's archive holds the same article text under several ids; a retriever that ranks a duplicate of
the gold article first is marked wrong by the strict metric. This prints both, per retriever:

    .venv/bin/python benchmarks/rtqa_duplicates.py RESULT.json INDEX_DIR
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

from index.store import DB_FILE

WORDS = 200  # two articles are duplicates when their first WORDS words match, case and punctuation aside


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower())[:WORDS])


def main(result: Path, index_dir: Path) -> None:
    rows = json.loads(result.read_text(encoding="utf-8"))["details"]
    db = sqlite3.connect(f"file:{index_dir / DB_FILE}?mode=ro", uri=True)
    groups: dict[str, set[str]] = defaultdict(set)
    key_of: dict[str, str] = {}
    for aid, text in db.execute("SELECT id, text FROM articles"):
        key_of[aid] = _key(text)
        groups[key_of[aid]].add(aid)
    dup = [g for g in groups.values() if len(g) > 1]
    print(f"{sum(map(len, dup))} articles in {len(dup)} groups of exact duplicates")
    for name in ("dense", "lexical", "newsdesk"):
        hits = {"strict": [0, 0], "duplicate-aware": [0, 0]}
        n = 0
        for row in rows:
            gold = set(row["gold"])
            if not gold or name not in row:
                continue
            n += 1
            ranked = row[name]["ranked"]
            wide = gold.union(*(groups.get(key_of.get(g, ""), set()) for g in gold))
            for label, accepted in (("strict", gold), ("duplicate-aware", wide)):
                hits[label][0] += bool(ranked) and ranked[0] in accepted
                hits[label][1] += any(a in accepted for a in ranked[:10])
        print(
            f"{name:<9} "
            + "  ".join(f"{label} R@1 {h[0] / n:.3f} R@10 {h[1] / n:.3f}" for label, h in hits.items())
            + f"  (n={n})"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
