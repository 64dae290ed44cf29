#!/bin/bash
# Screening benchmark on the real lists (../shared/data): index build time and
# size, batch parties per second (pg_screen screen_table vs pg_trgm % with a GIN
# index, same sample, same run; then all parties through pg_screen), the
# service time of single screen.screen_party calls in one backend, and
# single-party latency under pgbench with 8 clients (simple and prepared
# query protocol).  Its throwaway cluster preloads
# pg_screen (shared_preload_libraries), as doc/screening.md recommends.
# Usage: test/bench/screening.sh [nparties] [nsample] [pgbench seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export PG_SCREEN_DATA="${PG_SCREEN_DATA:-$ROOT/../shared/data}"
if [ ! -d "$PG_SCREEN_DATA/lists" ]; then echo "bench: $PG_SCREEN_DATA not found: skipped"; exit 0; fi
export NPARTIES="${1:-200000}" NSAMPLE="${2:-20000}" SECS="${3:-20}" ROOT
run() {
    psql -X -q -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" -c "CREATE EXTENSION IF NOT EXISTS pg_screen" >/dev/null
    # the ICU transliterators are built by the postmaster when pg_screen is
    # preloaded (doc/screening.md, Preloading); else by every process
    echo "shared_preload_libraries: '$(psql -X -At -c 'SHOW shared_preload_libraries')'"
    bash "$ROOT/test/eval/load_real_lists.sh"
    psql -X -q -v ON_ERROR_STOP=1 -v nparties="$NPARTIES" -v nsample="$NSAMPLE" -f "$ROOT/test/bench/screening.sql"
    # the tables the runs above wrote are vacuumed and the checkpoint done
    # now, so that autovacuum and the checkpointer do not take their turns
    # during the latency runs (they measure screen_party, not the setup)
    psql -X -q -c "VACUUM (ANALYZE)" -c "CHECKPOINT"
    # single party latency: 8 clients, random parties, once with the simple
    # query protocol (parsed and planned per call) and once with prepared
    # statements, as an application's driver or a stored procedure calls it
    cat > /tmp/pg_screen_pgbench.sql <<'SQL'
\set id random(1, 20000)
SELECT count(*) FROM screen.screen_party((SELECT name FROM bench_parties WHERE id = :id));
SQL
    for mode in simple prepared; do
        rm -f /tmp/pg_screen_pgb.*
        (cd /tmp && pgbench -n -M "$mode" -c 8 -j 2 -T "$SECS" -f /tmp/pg_screen_pgbench.sql -l \
             --log-prefix=pg_screen_pgb >/tmp/pg_screen_pgbench.out 2>&1)
        # each pgbench client builds its session's view of the lists on its first call;
        # the log's first transaction per client includes that
        grep -E "^(number of transactions actually processed|latency average|tps)" /tmp/pg_screen_pgbench.out
        cat /tmp/pg_screen_pgb.* | awk '{print $3}' | sort -n | awk -v mode="$mode" '{a[NR]=$1} END {
            printf "screen_party latency under pgbench (%s protocol), 8 clients: p50 %.2f ms, p99 %.2f ms (%d calls)\n",
                   mode, a[int(NR*0.50)]/1000, a[int(NR*0.99)]/1000, NR}'
    done
}
export -f run
if [ -n "${PGPORT:-}" ] && psql -X -c 'select 1' >/dev/null 2>&1; then run
else pg_virtualenv -o 'shared_preload_libraries=pg_screen' -i '--encoding=UTF8 --locale=C.UTF-8' bash -c run; fi
