#!/usr/bin/env bash
# The encoder backends side by side on RealTime QA: the 346 questions over a sub-archive (their gold
# articles plus 1,700 others, benchmarks/rtqa_subset.py), ingested and evaluated once per backend.
# About 15 min on 2 CPU cores, most of it torch's ingest. Run from the repository root:
#     benchmarks/rtqa_backends.sh [BACKEND ...]        (default: torch onnx-int8)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared/corpora/realtimeqa
WORK=${WORK:-/tmp/rtqa-backends}
mkdir -p "$WORK"
[ -f "$WORK/subset.jsonl" ] || .venv/bin/python benchmarks/rtqa_subset.py "$WORK/subset.jsonl"
for backend in "${@:-torch onnx-int8}"; do
    for b in $backend; do
        export NEWSDESK_INDEX_DIR=$WORK/index-$b NEWSDESK_BACKEND=$b NEWSDESK_LOG_LEVEL=WARNING
        [ -f "$NEWSDESK_INDEX_DIR/manifest.json" ] || .venv/bin/newsdesk ingest "$WORK/subset.jsonl" | tail -1
        echo "== $b"
        .venv/bin/newsdesk eval "$SHARED/questions_with_gold_article.jsonl" --json --out "$WORK/eval-$b.json" \
            | .venv/bin/python -c 'import json,sys; m=json.load(sys.stdin)["metrics"]["newsdesk"]["all"]; print({k: round(m[k], 3) for k in ("r1", "r10", "answer_hit1", "wrongly_declined")})'
    done
done
