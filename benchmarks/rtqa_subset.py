"""Write a RealTime QA sub-archive: every gold article of the 346 questions plus N others drawn at
random (seeded), so two encoder backends can be compared on the same questions over the same articles
in minutes rather than hours (benchmarks/rtqa_backends.sh).

    .venv/bin/python benchmarks/rtqa_subset.py OUT.jsonl [N_OTHERS] [SEED]
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "realtimeqa"


def main() -> None:
    out = Path(sys.argv[1])
    n_others = int(sys.argv[2]) if len(sys.argv) > 2 else 1700
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    gold: set[str] = set()
    with (SHARED / "questions_with_gold_article.jsonl").open() as fh:
        for line in fh:
            gold.update(json.loads(line)["gold_ids_union"])
    with gzip.open(SHARED / "articles.jsonl.gz", "rt") as fh:
        lines = fh.readlines()
    ids = [json.loads(line)["id"] for line in lines]
    others = [i for i, a in enumerate(ids) if a not in gold]
    keep = {i for i, a in enumerate(ids) if a in gold} | set(random.Random(seed).sample(others, n_others))
    with out.open("w") as fh:
        for i in sorted(keep):
            fh.write(lines[i])
    print(f"{out}: {len(keep)} articles ({len(keep) - n_others} gold, {n_others} others, seed {seed})")


if __name__ == "__main__":
    main()
