#!/usr/bin/env bash
# transfer.sh [tree] [cache]: TOTALS ONLY of this round's transfer checks (never read item by item; families once at
# the end with families.sh). Edit TRANSFER each round.
TREE=$(cd "${1:-$(dirname "$0")/../..}" && pwd); CACHE=${2:-${SEISAKU_CACHE_DIR:-$HOME/.cache/seisaku}}
PY=${SEISAKU_PYTHON:-$TREE/.venv/bin/python}; TRANSFER=${TRANSFER:-"42 43 44 45"}
cd "$TREE"
for n in $TRANSFER; do
  for og in "" "--opening-given"; do
    PYTHONPATH="$TREE" SEISAKU_CACHE_DIR="$CACHE" "$PY" -m app.cli eval --chat --conversations eval/conversations$n.jsonl \
      --lists eval/list_questions$n.jsonl --split dev$n $og 2>&1 | grep -E "^Conversations|^List questions" | sed "s/^/dev$n $og: /"
  done
done
