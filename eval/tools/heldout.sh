#!/usr/bin/env bash
# heldout.sh [tree] [cache]: the TEST splits. Read once, at the end of a round, after every change is chosen.
TREE=$(cd "${1:-$(dirname "$0")/../..}" && pwd); CACHE=${2:-${SEISAKU_CACHE_DIR:-$HOME/.cache/seisaku}}
PY=${SEISAKU_PYTHON:-$TREE/.venv/bin/python}
cd "$TREE"
run() { PYTHONPATH="$TREE" SEISAKU_CACHE_DIR="$CACHE" "$PY" -m app.cli eval "$@" 2>&1 | grep -v Warning; }
echo "== test"; run --chat --split test
echo "== test2"; run --chat --conversations eval/conversations2.jsonl --split test2
echo "== test3"; run --chat --conversations eval/conversations3.jsonl --lists eval/list_questions3.jsonl --split test3
echo "== single test"; run --split test --jsquad 0 --jsts 0
