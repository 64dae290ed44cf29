#!/bin/bash
# Name scoring throughput: pre-parsed screen.name_score, text name_score and
# pg_trgm similarity on the same pairs, one core (no parallel workers).
# Names come from ../shared/data/eval (negative sets and UN positives) when
# present, otherwise from the project's fixture test/fixtures/names.txt.
# Usage: test/bench/names.sh [npairs]    (default 1,000,000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${PG_SCREEN_DATA:-$ROOT/../shared/data}"
export NPAIRS="${1:-1000000}" ROOT DATA
run() {
    psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" -c "CREATE EXTENSION IF NOT EXISTS pg_screen" \
         -c "CREATE TABLE IF NOT EXISTS bench_names(name text)" -c "TRUNCATE bench_names" >/dev/null
    if [ -f "$DATA/eval/negatives_global_dev.csv" ]; then
        for f in negatives_global_dev negatives_us_dev un_positives_dev; do
            cut -d, -f1 "$DATA/eval/$f.csv" | tail -n +2 | grep -v '^"' | psql -X -q -c "\copy bench_names FROM pstdin"
        done
        echo "names: from $DATA/eval"
    else
        psql -X -q -c "\copy bench_names FROM '$ROOT/test/fixtures/names.txt'"
        echo "names: from test/fixtures/names.txt (../shared/data absent)"
    fi
    psql -X -q -c "SELECT count(*) AS distinct_names FROM (SELECT DISTINCT name FROM bench_names) s"
    psql -X -q -v ON_ERROR_STOP=1 -v npairs="$NPAIRS" -f "$ROOT/test/bench/names.sql"
}
export -f run
if [ -n "${PGPORT:-}" ] && psql -X -c 'select 1' >/dev/null 2>&1; then run
else pg_virtualenv -i '--encoding=UTF8 --locale=C.UTF-8' bash -c run; fi
