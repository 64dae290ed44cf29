#!/bin/bash
# Counted work of screening: instructions per party (callgrind), in all and
# in the matcher, the explanations and the parsing of the party's name.
#
# Wall-clock rates on a shared 2-core VM move by a quarter or more from one
# hour to the next (doc/screening.md, Measurements); instruction counts do
# not, so a change to the matcher is measured here, and its hits compared
# by the tests and the benchmark.  Runs in a throwaway cluster (pg_screen
# preloaded, as recommended): loads the real lists of ../shared/data, builds
# the benchmark's parties (test/bench/parties.sql), stops the cluster and
# screens every EVERY-th party in a single-user backend under callgrind.
# The view of the lists is built first and dumped apart, so the numbers are
# the parties' own.  Takes about 5 minutes.
#
# Usage: test/bench/work.sh [every]     (default 67: 2,985 of 200,000 parties)
#        LISTED=1 test/bench/work.sh   the first 3,000 parties instead (the
#                                      listed names as listed, which pgbench draws)
#        CALLS=1 test/bench/work.sh    each party screened by a statement of its
#                                      own (a PL/pgSQL loop), as pgbench and an ERP's
#                                      calls do, not by one LATERAL join
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export PG_SCREEN_DATA="${PG_SCREEN_DATA:-$ROOT/../shared/data}"
if [ ! -d "$PG_SCREEN_DATA/lists" ]; then echo "work: $PG_SCREEN_DATA not found: skipped"; exit 0; fi
command -v valgrind >/dev/null || { apt-get install -y valgrind >/dev/null || { echo "work: valgrind is needed"; exit 1; }; }
export EVERY="${1:-67}" LISTED="${LISTED:-}" CALLS="${CALLS:-}" ROOT

run() {
    set -euo pipefail
    psql -X -q -c "CREATE EXTENSION IF NOT EXISTS pg_screen" >/dev/null
    bash "$ROOT/test/eval/load_real_lists.sh" >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 -v nparties=200000 -f "$ROOT/test/bench/parties.sql" >/dev/null
    if [ -n "$LISTED" ]; then where="id <= 3000"; else where="id % $EVERY = 0"; fi
    n=$(psql -X -At -c "SELECT count(*) FROM bench_parties WHERE $where")
    conf=$(psql -X -At -c "SHOW config_file")
    db=$(psql -X -At -c "SELECT current_database()")
    dir=$(mktemp -d /tmp/pg_screen_work.XXXXXX)
    if [ -n "$CALLS" ]; then
        # (single-user mode: one statement per line; the hits are counted as "count")
        screen="DO \$\$ DECLARE r record; n bigint; hits bigint := 0; BEGIN
FOR r IN SELECT name FROM bench_parties WHERE $where ORDER BY id LOOP
SELECT count(*) INTO n FROM screen.screen_party(r.name); hits := hits + n; END LOOP;
PERFORM set_config('pg_screen_work.hits', hits::text, false); END \$\$;"
        screen="$(echo "$screen" | tr '\n' ' ')
SELECT current_setting('pg_screen_work.hits')::bigint AS count"
    else
        screen="SELECT count(*) FROM bench_parties p, LATERAL screen.screen_party(p.name) h WHERE $where"
    fi
    printf '%s\n' "SELECT names FROM screen.screening_cache_info()" "$screen" > "$dir/workload.sql"
    chown -R postgres "$dir"
    pg_ctlcluster "$PGVERSION" regress stop
    su postgres -c "cd $dir && valgrind --tool=callgrind --dump-after=pgs_screening_cache_info \
        --callgrind-out-file=$dir/cg.out \
        /usr/lib/postgresql/$PGVERSION/bin/postgres --single -D $(dirname "$conf") \
        -c shared_preload_libraries=pg_screen $db < workload.sql > out.txt 2> cg.log"
    pg_ctlcluster "$PGVERSION" regress start
    hits=$(grep -o 'count = "[0-9]*"' "$dir/out.txt" | tail -1 | grep -o '[0-9]*')
    # cg.out.1 is the view build (dumped when screening_cache_info returned),
    # cg.out the parties
    last="$dir/cg.out"
    callgrind_annotate --inclusive=yes "$last" 2>/dev/null > "$dir/annotate.txt"
    total=$(grep -E "PROGRAM TOTALS" "$dir/annotate.txt" | awk '{gsub(",", "", $1); print $1}')
    fn() { grep -E ":$1( |\$)" "$dir/annotate.txt" | head -1 | awk '{gsub(",", "", $1); print $1 + 0}'; }
    per() { awk -v a="$1" -v n="$n" 'BEGIN { printf "%9.0f", a / n }'; }
    m=$(fn scr_match_names); e1=$(fn pgs_explain_build); e2=$(fn jb_finish); p=$(fn pgs_text_to_name)
    echo "parties: $n ($where), hits: $hits"
    echo "instructions per party (callgrind, the view build left out):"
    echo "  all          $(per "$total")"
    echo "  matcher      $(per "$m")   (scr_match_names)"
    echo "  explanations $(per $((e1 + e2)))   (pgs_explain_build, jb_finish; $(awk -v a=$((e1 + e2)) -v h="$hits" 'BEGIN { printf "%.0f", h ? a / h : 0 }') per hit)"
    echo "  parsing      $(per "$p")   (pgs_text_to_name)"
    echo "profile kept in $last (callgrind_annotate)"
}
export -f run
# the throwaway cluster is 15/regress, as the test suite's: one at a time
exec 9>/tmp/pg_screen_install.lock
flock 9
sh "$ROOT/scripts/clean_stale_cluster.sh"
pg_virtualenv -o 'shared_preload_libraries=pg_screen' -i '--encoding=UTF8 --locale=C.UTF-8' bash -c run
