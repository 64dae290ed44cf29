#!/bin/bash
# Recall of the screen.name GIN index against a sequential scan at the default
# threshold, on the real lists and all evaluation names (../shared/data).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export PG_SCREEN_DATA="${PG_SCREEN_DATA:-$ROOT/../shared/data}"
if [ ! -d "$PG_SCREEN_DATA/eval" ]; then echo "eval: $PG_SCREEN_DATA not found: skipped"; exit 0; fi
export ROOT
run() {
    psql -X -q -c "CREATE EXTENSION IF NOT EXISTS pg_screen" >/dev/null
    bash "$ROOT/test/eval/load_real_lists.sh" 2>/dev/null
    psql -X -q -v ON_ERROR_STOP=1 -f "$ROOT/test/eval/index_recall.sql"
}
export -f run
if [ -n "${PGPORT:-}" ] && psql -X -c 'select 1' >/dev/null 2>&1; then run
else pg_virtualenv -i '--encoding=UTF8 --locale=C.UTF-8' bash -c run; fi
