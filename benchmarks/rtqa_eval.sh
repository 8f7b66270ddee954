#!/usr/bin/env bash
# The RealTime QA benchmark run behind docs/evaluation.md: 346 quiz questions over all 26,715 articles.
# Not a CI test: the ingest alone takes about an hour on 2 CPU cores. Run from the repository root:
#     benchmarks/rtqa_eval.sh [INDEX_DIR]        (default /tmp/rtqa-index; reused when it exists)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared/corpora/realtimeqa
INDEX=${1:-/tmp/rtqa-index}
OUT=${OUT:-benchmarks/results}
mkdir -p "$OUT"
export NEWSDESK_INDEX_DIR=$INDEX NEWSDESK_LOG_LEVEL=WARNING
if [ ! -f "$INDEX/manifest.json" ]; then
    /usr/bin/time -v .venv/bin/newsdesk ingest --progress "$SHARED/articles.jsonl.gz" 2> "$OUT/rtqa_ingest.time"
fi
.venv/bin/newsdesk stats
# question_date in each row is the day the quiz was asked: it becomes the engine's `today`.
.venv/bin/newsdesk eval "$SHARED/questions_with_gold_article.jsonl" --out "$OUT/rtqa_eval.json" \
    | tee "$OUT/rtqa_eval.md"
