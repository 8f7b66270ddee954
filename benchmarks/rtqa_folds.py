"""Ranking weights on two halves of RealTime QA: choose on one, check on the other.

Each question's candidate passages are gathered once (they do not depend on the weights below), then
ranked by `retrieval/rank.py` under each variant. A question's half is crc32(qid) % 2, so the halves
are fixed. Prints R@1 and R@10 (ranker order, distinct articles) for both halves and for all 346.

    NEWSDESK_INDEX_DIR=/work/rtqa-index .venv/bin/python benchmarks/rtqa_folds.py \
        ../shared/corpora/realtimeqa/questions_with_gold_article.jsonl \
        '{"recency_weight": [0.2, 0.4], "recency_half_life": [5, 8], "lede_weight": [0.05, 0.1]}'

The JSON names RankingConfig fields and the values to try (every combination); without it, only the
defaults are ranked. Only weights applied in `rank()` make sense here: the candidate pools are fixed.
"""

from __future__ import annotations

import itertools
import json
import sys
import zlib
from dataclasses import replace
from datetime import date

from newsdesk.settings import Settings
from newsdesk.wiring import open_engine
from retrieval.config import RankingConfig
from retrieval.query import Query
from retrieval.rank import Candidate, distinct_articles, rank
from retrieval.search import gather, text_pools


def main() -> None:
    engine = open_engine(Settings())
    base = engine.tuning.ranking
    pools = []
    with open(sys.argv[1]) as fh:
        for line in fh:
            row = json.loads(line)
            query = engine.question(row["question"], today=date.fromisoformat(row["question_date"]))
            texts = text_pools(engine.store, query, base)
            candidates = gather(engine.store, query, engine._query_vector(query.content), base, texts)
            half = zlib.crc32(row["qid"].encode()) % 2
            pools.append((half, set(row["gold_ids_union"]), query, candidates))
    grid: dict[str, list[float]] = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    print("defaults:", score(pools, base))
    for values in itertools.product(*grid.values()):
        changes = dict(zip(grid, values, strict=True))
        print(changes, score(pools, replace(base, **changes)))  # type: ignore[arg-type]
    engine.close()


def score(pools: list[tuple[int, set[str], Query, list[Candidate]]], config: RankingConfig) -> str:
    counts = {0: [0, 0, 0], 1: [0, 0, 0]}  # questions, R@1 hits, R@10 hits
    for half, gold, query, candidates in pools:
        top = [c.article_id for c in distinct_articles(rank(candidates, query, config), 10)]
        c = counts[half]
        c[0] += 1
        c[1] += bool(top and top[0] in gold)
        c[2] += bool(gold & set(top))
    n = counts[0][0] + counts[1][0]
    r1 = (counts[0][1] + counts[1][1]) / n
    r10 = (counts[0][2] + counts[1][2]) / n
    halves = " | ".join(f"half {h}: R@1 {c[1]}/{c[0]}, R@10 {c[2]}/{c[0]}" for h, c in counts.items())
    return f"all R@1 {r1:.3f} R@10 {r10:.3f} | {halves}"


if __name__ == "__main__":
    main()
