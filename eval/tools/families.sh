#!/usr/bin/env bash
# families.sh [tree] [cache]: the transfer checks with their families (read once, at the end of a round).
TREE=$(cd "${1:-$(dirname "$0")/../..}" && pwd); CACHE=${2:-${SEISAKU_CACHE_DIR:-$HOME/.cache/seisaku}}
PY=${SEISAKU_PYTHON:-$TREE/.venv/bin/python}; TRANSFER=${TRANSFER:-"42 43 44 45"}
cd "$TREE"
for n in $TRANSFER; do
  PYTHONPATH="$TREE" SEISAKU_CACHE_DIR="$CACHE" "$PY" -m app.cli eval --chat --conversations eval/conversations$n.jsonl \
    --lists eval/list_questions$n.jsonl --split dev$n 2>&1 | grep -v Warning
done
