"""RealTime QA R@1/R@10 on the ranker's own order (how the 2026-11 torch figures were measured), beside
R@1 with the answer's citations first (how `newsdesk eval` counts now). Each question's `question_date`
is its "today".

    NEWSDESK_INDEX_DIR=… .venv/bin/python benchmarks/rtqa_ranker_order.py \
        ../shared/corpora/realtimeqa/questions_with_gold_article.jsonl
"""

from __future__ import annotations

import json
import sys
from datetime import date

from newsdesk.settings import Settings
from newsdesk.wiring import open_engine
from retrieval.rank import distinct_articles


def main() -> None:
    engine = open_engine(Settings())
    n = r1 = r10 = cited1 = 0
    with open(sys.argv[1]) as fh:
        for line in fh:
            row = json.loads(line)
            gold = set(row["gold_ids_union"])
            query = engine.question(row["question"], today=date.fromisoformat(row["question_date"]))
            ranked = engine.ranked(query)
            top = [c.article_id for c in distinct_articles(ranked, 10)]
            answer = engine.answer(query, ranked, 3)
            cited = list(dict.fromkeys([c.article_id for c in answer.citations] + top))
            n += 1
            r1 += bool(top and top[0] in gold)
            r10 += bool(gold & set(top))
            cited1 += bool(cited and cited[0] in gold)
    print(f"{n} questions: ranker order R@1 {r1 / n:.4f}, R@10 {r10 / n:.4f}", end="; ")
    print(f"citations first R@1 {cited1 / n:.4f}")


if __name__ == "__main__":
    main()
