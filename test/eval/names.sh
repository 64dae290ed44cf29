#!/bin/bash
# Name-matching quality on ../shared/data/eval/name_pairs_dev.csv:
# precision, recall, F1 at the default threshold (all, Person, Company, non-ASCII),
# best F1 against pg_trgm similarity on the same pairs.
# Usage: test/eval/names.sh [--errors]   (needs the extension installed; starts a throwaway cluster)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${PG_SCREEN_DATA:-$ROOT/../shared/data}"
if [ ! -f "$DATA/eval/name_pairs_dev.csv" ]; then
    echo "eval: $DATA/eval/name_pairs_dev.csv not found: skipped"; exit 0
fi
EXTRA=""; [ "${1:-}" = "--errors" ] && EXTRA="-v show_errors=1"
run() {
    psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" -c "CREATE EXTENSION IF NOT EXISTS pg_screen" >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 $EXTRA -f "$ROOT/test/eval/names.sql" < "$DATA/eval/name_pairs_dev.csv"
}
if [ -n "${PGPORT:-}" ] && psql -X -c 'select 1' >/dev/null 2>&1; then run
else export -f run; export ROOT DATA EXTRA; pg_virtualenv -i '--encoding=UTF8 --locale=C.UTF-8' bash -c run; fi
