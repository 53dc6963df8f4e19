#!/usr/bin/env bash
# devall.sh [tree] [cache] [v]: every TUNING conversation/list split (with v: their rewordings) and the single-question
# dev split, for one checkout. Compare two outputs with cmp.py. Runs inside `tree`: `python -m` puts the current
# directory first on sys.path, so PYTHONPATH alone does not choose which code runs.
# Edit TUNING when a round turns its transfer checks into tuning data (never list a held-out set here).
TREE=$(cd "${1:-$(dirname "$0")/../..}" && pwd); CACHE=${2:-${SEISAKU_CACHE_DIR:-$HOME/.cache/seisaku}}; V=${3:-v}
PY=${SEISAKU_PYTHON:-$TREE/.venv/bin/python}
TUNING="41 40 39 38 37 36 35 34 33 32 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 5 4"
cd "$TREE"
run() { PYTHONPATH="$TREE" SEISAKU_CACHE_DIR="$CACHE" "$PY" -m app.cli eval "$@" 2>&1 | grep -v "^$" | grep -v Warning; }
for n in $TUNING; do
  L=""; [ -f eval/list_questions$n.jsonl ] && L="--lists eval/list_questions$n.jsonl"
  echo "== dev$n"; run --chat --conversations eval/conversations$n.jsonl $L --split dev$n
done
echo "== dev3"; run --chat --conversations eval/conversations3.jsonl --lists eval/list_questions3.jsonl --split dev3
echo "== dev2"; run --chat --conversations eval/conversations2.jsonl --split dev2
echo "== dev"; run --chat --split dev
if [ "$V" = v ]; then
  for n in $TUNING; do
    [ -f eval/conversations${n}v.jsonl ] || continue
    echo "== dev${n}v"; run --chat --conversations eval/conversations${n}v.jsonl --split dev$n
  done
fi
echo "== single dev"; run --split dev --jsquad 0 --jsts 0
