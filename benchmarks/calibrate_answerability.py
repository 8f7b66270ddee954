"""Calibrate the answer decision's thresholds (RankingConfig's answer_* fields and min_score) on one
split of an evaluation file, to report on the other.

    NEWSDESK_INDEX_DIR=/path/to/index .venv/bin/python benchmarks/calibrate_answerability.py \
        tests/data/eval_ukraine.jsonl --split calibration

Each question is answered once with every support threshold at 0 (what the engine would cite), keeping
the evidence it weighed (Answer.support); then every combination of thresholds on a grid is scored on
those answers: the share of unanswerable questions declined, and of answerable ones wrongly declined.
It prints the combination that declines the most unanswerable questions while wrongly declining at most
`--max-wrong` of the answerable ones (ties: the fewest wrongly declined, then the lowest thresholds).
Questions declined before any citation (an out-of-range date, an unknown name) count as declined under
every combination.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsdesk.evaluate import load_questions
from newsdesk.settings import Settings
from newsdesk.wiring import open_engine
from retrieval.answerable import Support

GRID = {
    "min_score": [0.2, 0.25, 0.3, 0.35, 0.38],
    "answer_min_names": [0.0, 0.5, 0.99],
    "answer_min_coverage": [0.0, 0.3, 0.4, 0.5, 0.6, 0.7],
    "answer_min_predicate": [0.0, 0.2, 0.3, 0.4, 0.5, 0.6],
    "answer_min_rarest": [0.0, 1.0],
    "answer_min_sentence": [0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5],
    "answer_strong_coverage": [0.6, 0.7, 0.8, 0.9, 1.01],
}
PERMISSIVE = {
    "min_score": min(GRID["min_score"]),
    "answer_min_names": 0.0,
    "answer_min_coverage": 0.0,
    "answer_min_predicate": 0.0,
    "answer_min_rarest": 0.0,
    "answer_min_sentence": 0.0,
    "answer_strong_coverage": 1.01,  # so every answer's quote similarity is measured
}


@dataclass(frozen=True)
class Observed:
    answerable: bool
    support: Support | None  # None: declined before citing


def answers(
    t: dict[str, float], s: Support
) -> bool:  # the rule of retrieval/answerable.py: support_decision, plus the cosine floor
    if s.dense < t["min_score"]:
        return False
    if s.names < t["answer_min_names"] or s.coverage < t["answer_min_coverage"]:
        return False
    if s.predicate < t["answer_min_predicate"] or s.rarest < t["answer_min_rarest"]:
        return False
    similarity = s.sentence_similarity if s.sentence_similarity is not None else 1.0
    return not (similarity < t["answer_min_sentence"] and s.coverage < t["answer_strong_coverage"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("questions", type=Path)
    ap.add_argument("--split", default="calibration")
    ap.add_argument("--max-wrong", type=float, default=0.05)
    ap.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = ap.parse_args()
    rows = [q for q in load_questions(args.questions) if q.split == args.split]
    with tempfile.TemporaryDirectory() as tmp:
        weights = Path(tmp) / "permissive.json"
        weights.write_text(json.dumps(PERMISSIVE), encoding="utf-8")
        engine = open_engine(Settings(ranking_config=weights))
        observed = []
        for q in rows:
            a = engine.ask(q.question, max_citations=1, today=q.today or args.today)
            observed.append(Observed(bool(q.gold), a.support))
        engine.close()
    good = [o for o in observed if o.answerable]
    bad = [o for o in observed if not o.answerable]
    best: tuple[tuple[float, float, tuple[float, ...]], dict[str, float]] | None = None
    for values in itertools.product(*GRID.values()):
        t = dict(zip(GRID, values, strict=True))
        wrong = sum(1 for o in good if o.support is None or not answers(t, o.support)) / max(len(good), 1)
        if wrong > args.max_wrong:
            continue
        declined = sum(1 for o in bad if o.support is None or not answers(t, o.support)) / max(len(bad), 1)
        key = (declined, -wrong, tuple(-v for v in values))
        if best is None or key > best[0]:
            best = (key, t)
    print(f"{args.split}: {len(good)} answerable, {len(bad)} unanswerable", file=sys.stderr)
    if best is None:
        print(f"no combination wrongly declines at most {args.max_wrong:.0%}", file=sys.stderr)
        return 1
    (declined, wrong, _), thresholds = best
    print(f"declined {declined:.2f} of unanswerable, wrongly declined {-wrong:.2f} of answerable")
    print(json.dumps(thresholds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
