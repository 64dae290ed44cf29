#!/bin/bash
# Screening quality on the real lists (../shared/data): loads OFAC SDN, OFAC
# consolidated, UN and BIS into a throwaway cluster, then prints recall on the
# UN positives and false alerts per 1,000 on the two negative sets, at several
# thresholds.  Usage: test/eval/screening.sh [--errors]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export PG_SCREEN_DATA="${PG_SCREEN_DATA:-$ROOT/../shared/data}"
if [ ! -d "$PG_SCREEN_DATA/eval" ]; then echo "eval: $PG_SCREEN_DATA not found: skipped"; exit 0; fi
export EXTRA=""; [ "${1:-}" = "--errors" ] && EXTRA="-v show_errors=1"
export ROOT
run() {
    psql -X -q -c "CREATE EXTENSION IF NOT EXISTS pg_screen" >/dev/null
    bash "$ROOT/test/eval/load_real_lists.sh"
    psql -X -q -c "ANALYZE"
    psql -X -q -v ON_ERROR_STOP=1 $EXTRA -f "$ROOT/test/eval/screening.sql"
}
export -f run
if [ -n "${PGPORT:-}" ] && psql -X -c 'select 1' >/dev/null 2>&1; then run
else pg_virtualenv -i '--encoding=UTF8 --locale=C.UTF-8' bash -c run; fi
