#!/bin/bash
# Controls benchmark: licence determinations per second for all ECCNs x all
# Country Chart destinations in one query, and subtree lookups on the
# controlcode btree (containment via planner support) against the pg_trgm
# alternative (text codes, GIN trigram index, LIKE 'prefix%').
# Uses the full CCL from ../shared/data/export when present, otherwise the
# built-in snapshot.   Usage: test/bench/controls.sh [ncodes]  (default 200000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${PG_SCREEN_DATA:-$ROOT/../shared/data}"
export NCODES="${1:-200000}" ROOT DATA
run() {
    psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" -c "CREATE EXTENSION IF NOT EXISTS pg_screen" >/dev/null
    if [ -f "$DATA/export/us_ear/ccl.json" ]; then
        psql -X -q -v ON_ERROR_STOP=1 -f - <<SQL >/dev/null
\set ccl \`cat "$DATA/export/us_ear/ccl.json"\`
SELECT screen.load_ccl(:'ccl');
SQL
        echo "CCL: full file from $DATA/export/us_ear/ccl.json"
    else
        echo "CCL: built-in snapshot (../shared/data absent)"
    fi
    psql -X -q -v ON_ERROR_STOP=1 -v ncodes="$NCODES" -f "$ROOT/test/bench/controls.sql"
}
export -f run
if [ -n "${PGPORT:-}" ] && psql -X -c 'select 1' >/dev/null 2>&1; then run
else pg_virtualenv -i '--encoding=UTF8 --locale=C.UTF-8' bash -c run; fi
