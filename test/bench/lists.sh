#!/bin/bash
# Load time of each real list file in ../shared/data/lists, printed as a table.
# Targets (issue 3): the OFAC 2021-07-07 set < 5 s, the UN XML < 2 s.
# Runs inside a throwaway cluster (pg_virtualenv) unless PGPORT is already set;
# needs pg_screen installed (make install).  Each load runs RUNS times (default 3)
# in a rolled-back transaction on an empty database; min and median are printed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${PG_SCREEN_DATA:-$ROOT/../shared/data}"
[ -d "$DATA/lists" ] || { echo "lists bench: $DATA/lists not found (set PG_SCREEN_DATA)"; exit 0; }
if [ -z "${PGPORT:-}" ] && [ -z "${LISTS_BENCH_INNER:-}" ]; then
    exec env LISTS_BENCH_INNER=1 PG_SCREEN_DATA="$DATA" pg_virtualenv -i '--encoding=UTF8 --locale=C.UTF-8' bash "$0" "$@"
fi
RUNS="${RUNS:-3}"
L="$DATA/lists"
db=pg_screen_bench_lists
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
psql -X -q -d $db -c "CREATE EXTENSION pg_screen" >/dev/null
declare -A sets=(
  [ofac_2019]="$L/ofac_sdn_2019-01-15"
  [ofac_2021]="$L/ofac_sdn_2021-07-07"
)
ofac_vars() {  # name dir -> \set lines
    local n=$1 d=$2
    for f in sdn add alt; do echo "\\set ${n}_$f \`iconv -f latin1 -t utf8 '$d/$f.csv'\`"; done
    if [ -f "$d/sdn_comments.csv" ]; then echo "\\set ${n}_com \`iconv -f latin1 -t utf8 '$d/sdn_comments.csv'\`"; else echo "\\set ${n}_com ''"; fi
}
script=$(mktemp); trap 'rm -f "$script"' EXIT
{
    ofac_vars o19 "${sets[ofac_2019]}"
    ofac_vars o21 "${sets[ofac_2021]}"
    for f in cons_prim cons_add cons_alt cons_comments; do echo "\\set $f \`iconv -f latin1 -t utf8 '$L/ofac_cons_2025-12-19/$f.csv'\`"; done
    echo "\\set un \`cat '$L/un_consolidated_2026-02-27/consolidated.xml'\`"
    echo "\\set dpl \`cat '$L/bis_dpl_2021-07-07/dpl.txt'\`"
    echo "SET client_min_messages = warning;"
    echo "\\timing on"
    for i in $(seq "$RUNS"); do
        m() { echo "\\echo @@ $1"; echo "$2"; }
        echo "BEGIN;"
        m "ofac_sdn_2021-07-07 (8,976 entries), empty database" "SELECT screen.load_ofac(:'o21_sdn', :'o21_add', :'o21_alt', nullif(:'o21_com', ''));"
        echo "ROLLBACK; BEGIN;"
        m "ofac_sdn_2019-01-15 (7,379 entries), empty database" "SELECT screen.load_ofac(:'o19_sdn', :'o19_add', :'o19_alt');"
        m "ofac_sdn_2021-07-07 as a new version over 2019-01-15" "SELECT screen.load_ofac(:'o21_sdn', :'o21_add', :'o21_alt', nullif(:'o21_com', ''));"
        m "ofac_sdn_2021-07-07 byte-identical reload (no new version)" "SELECT screen.load_ofac(:'o21_sdn', :'o21_add', :'o21_alt', nullif(:'o21_com', ''));"
        m "list_changes 2019-01-15 -> 2021-07-07 (2,962 rows)" "SELECT count(*) FROM screen.list_changes('OFAC-SDN');"
        echo "ROLLBACK; BEGIN;"
        m "ofac_cons_2025-12-19 (442 entries)" "SELECT screen.load_ofac(:'cons_prim', :'cons_add', :'cons_alt', :'cons_comments', source => 'OFAC-CONS');"
        echo "ROLLBACK; BEGIN;"
        m "un_consolidated_2026-02-27 (1,003 entries)" "SELECT screen.load_un(:'un');"
        echo "ROLLBACK; BEGIN;"
        m "bis_dpl_2021-07-07 (581 rows)" "SELECT screen.load_bis_dpl(:'dpl');"
        echo "ROLLBACK;"
    done
} > "$script"
psql -X -q -d $db -f "$script" 2>&1 | awk '
    /^@@ / { name = substr($0, 4); next }
    /^Time: / && name != "" { t[name] = t[name] " " $2; name = ""; }
    END {
        for (k in t) {
            n = split(substr(t[k], 2), a, " ")
            for (i = 2; i <= n; i++) { v = a[i] + 0; j = i - 1; while (j >= 1 && a[j] + 0 > v) { a[j + 1] = a[j]; j-- } a[j + 1] = v }
            printf "%-60s %10.0f %10.0f\n", k, a[1], a[int((n + 1) / 2)]
        }
    }' | sort | { printf "%-60s %10s %10s\n" "load (pg_screen lists, RUNS=$RUNS)" "min ms" "median ms"; cat; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
