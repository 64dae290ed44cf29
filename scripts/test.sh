#!/bin/bash
# Run pg_screen's whole test suite on a fresh machine:
#   installs packages, builds with -Wall -Wextra -Werror, installs, starts a
#   throwaway cluster (pg_virtualenv), runs pg_regress (sql/) and pgTAP
#   (test/pgtap) and ends with "N passed, N failed".  Exit status 1 on any failure.
#
# Tests that need the real data in ../shared/data find it through
# $PG_SCREEN_DATA and skip with a message when it is absent.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
sh scripts/deps.sh || exit 1
if [ -z "${PG_SCREEN_DATA:-}" ] && [ -d "$ROOT/../shared/data" ]; then
    export PG_SCREEN_DATA="$(cd "$ROOT/../shared/data" && pwd)"
fi
if [ -n "${PG_SCREEN_DATA:-}" ]; then
    echo "pg_screen: real data at $PG_SCREEN_DATA"
else
    echo "pg_screen: ../shared/data not found: tests on the real list files will be skipped"
fi
# One installed copy of the extension per machine: serialize build+install+test
# so parallel work trees do not overwrite each other's install mid-run.
exec 9>/tmp/pg_screen_install.lock
flock 9
EXTRA_CFLAGS="-Werror" sh scripts/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
sh scripts/clean_stale_cluster.sh
rm -f "$ROOT/test/results/summary" "$ROOT/test/results/summary.preload"
pg_virtualenv -i '--encoding=UTF8 --locale=C.UTF-8' bash "$ROOT/scripts/run_tests.sh"
rc=$?
if [ ! -f "$ROOT/test/results/summary" ]; then
    echo "the throwaway cluster could not be started: no test ran"
    echo "0 passed, 1 failed"
    exit 1
fi
# the text layer again, with the transliterators built by the postmaster
sh scripts/clean_stale_cluster.sh
pg_virtualenv -o 'shared_preload_libraries=pg_screen' -i '--encoding=UTF8 --locale=C.UTF-8' \
    bash "$ROOT/scripts/run_tests.sh" preload || rc=1
[ -f "$ROOT/test/results/summary.preload" ] || echo "0 passed, 1 failed" > "$ROOT/test/results/summary.preload"
# the totals of both runs as the very last line (after the cluster teardown messages)
cat "$ROOT/test/results/summary" "$ROOT/test/results/summary.preload" |
    awk '{p += $1; f += $3} END {printf "%d passed, %d failed\n", p, f}' | tee "$ROOT/test/results/summary.total"
[ "$(awk '{print $3}' "$ROOT/test/results/summary.total")" = 0 ] || rc=1
exit $rc
