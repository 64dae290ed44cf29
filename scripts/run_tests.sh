#!/bin/bash
# Inside a pg_virtualenv cluster: pg_regress, then pg_prove; print the totals.
# Called by scripts/test.sh; not meant to be run directly.
#
# With the argument "preload" (a cluster with pg_screen in
# shared_preload_libraries, where the postmaster builds the ICU
# transliterators and sets aside shared memory for views of the lists): only
# the regress tests of the text layer and of screening (which then uses
# shared views), and the totals go to test/results/summary.preload.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
LOG="$ROOT/test/results"
mkdir -p "$LOG"
passed=0; failed=0
MODE="${1:-all}"
SUMMARY="$LOG/summary"
RLOG="$LOG/regress.log"
REGRESS_SET=()
if [ "$MODE" = preload ]; then
    SUMMARY="$LOG/summary.preload"
    RLOG="$LOG/regress.preload.log"
    REGRESS_SET=("REGRESS=00_install 10_names 14_name_encodings 50_screening 51_shared_views")
    psql -X -At -d postgres -c "SHOW shared_preload_libraries" | grep -qw pg_screen \
        || { echo "preload run: pg_screen is not in shared_preload_libraries"; echo "0 passed, 1 failed" > "$SUMMARY"; exit 1; }
fi

# --- pg_regress ---------------------------------------------------------
make -s installcheck PG_CONFIG="${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}" "${REGRESS_SET[@]}" >"$RLOG" 2>&1
rc=$?
cat "$RLOG"
r_total=$(grep -cE '^(ok|not ok) ' "$RLOG" || true)
r_fail=$(grep -cE '^not ok ' "$RLOG" || true)
if [ "$r_total" -eq 0 ]; then            # PG 15 format: "test foo ... ok"
    r_total=$(grep -cE '^(test | +)?[a-z0-9_]+ +\.\.\. +(ok|FAILED|failed)' "$RLOG" || true)
    r_fail=$(grep -cE '\.\.\. +(FAILED|failed)' "$RLOG" || true)
fi
[ $rc -ne 0 ] && [ "$r_fail" -eq 0 ] && r_fail=1
[ -f regression.diffs ] && [ "$r_fail" -gt 0 ] && head -c 20000 regression.diffs
passed=$((passed + r_total - r_fail)); failed=$((failed + r_fail))

# --- pgTAP --------------------------------------------------------------
shopt -s nullglob
tap=(test/pgtap/*.sql)
if [ ${#tap[@]} -gt 0 ] && [ "$MODE" != preload ]; then
    psql -q -X -d postgres -c "DROP DATABASE IF EXISTS pg_screen_tap" -c "CREATE DATABASE pg_screen_tap TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
    psql -q -X -d pg_screen_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION pg_trgm" -c "CREATE EXTENSION pg_screen" >/dev/null
    pg_prove -d pg_screen_tap --verbose "${tap[@]}" >"$LOG/pgtap.log" 2>&1
    grep -vE '^ok ' "$LOG/pgtap.log" | head -c 20000
    t_pass=$(grep -cE '^ok ' "$LOG/pgtap.log" || true)
    t_fail=$(grep -cE '^not ok ' "$LOG/pgtap.log" || true)
    # a file that died before its plan was complete counts as a failure too
    if ! grep -q '^Result: PASS' "$LOG/pgtap.log" && [ "$t_fail" -eq 0 ]; then t_fail=1; fi
    passed=$((passed + t_pass)); failed=$((failed + t_fail))
fi

echo "$passed passed, $failed failed"
echo "$passed passed, $failed failed" > "$SUMMARY"
[ "$failed" -eq 0 ]
