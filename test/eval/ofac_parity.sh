#!/bin/bash
# test/eval/ofac_parity.sh — how closely screen.ofac_score reproduces the real
# OFAC Sanctions List Search scores in ../shared/data/eval/ofac_parity.csv.
#
#   bash test/eval/ofac_parity.sh [path/to/ofac_parity.csv]
#
# Uses the installed pg_screen.  Connects with the usual libpq variables; when
# no server answers, runs itself inside a throwaway cluster (pg_virtualenv).
# Everything happens in one transaction that is rolled back.
# Prints: rows within +-5 and +-10 points, mean absolute error, the highest
# score given to a name OFAC did not return (-1 rows; must stay below 50),
# and the 10 rows farthest from OFAC's score.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${PG_SCREEN_DATA:-$ROOT/../shared/data}"
CSV="${1:-$DATA/eval/ofac_parity.csv}"
if [ ! -f "$CSV" ]; then
    echo "ofac_parity: $CSV not found: skipped"
    exit 0
fi
CSV="$(cd "$(dirname "$CSV")" && pwd)/$(basename "$CSV")"
if ! psql -X -q -c 'SELECT 1' >/dev/null 2>&1; then
    exec pg_virtualenv -i '--encoding=UTF8 --locale=C.UTF-8' bash "$0" "$CSV"
fi

SQL="$(mktemp)"
trap 'rm -f "$SQL"' EXIT
cat >"$SQL" <<'SQL'
\set ON_ERROR_STOP 1
\pset footer off
BEGIN;
CREATE EXTENSION IF NOT EXISTS pg_screen;
CREATE TEMP TABLE parity (query text, listed text, ofac int);
\copy parity FROM pstdin WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE scored AS
  SELECT query, listed, ofac, screen.ofac_score(query, listed) AS ours FROM parity;
\echo
\echo 'screen.ofac_score against the OFAC Sanctions List Search tool'
SELECT count(*) AS rows,
       count(*) FILTER (WHERE ofac >= 0) AS scored_by_ofac,
       count(*) FILTER (WHERE ofac >= 0 AND abs(ours - ofac) <= 5) AS within_5,
       round(100.0 * count(*) FILTER (WHERE (ofac >= 0 AND abs(ours - ofac) <= 5) OR (ofac < 0 AND ours < 50))
             / count(*), 1) AS pct_ok_5,
       count(*) FILTER (WHERE ofac >= 0 AND abs(ours - ofac) <= 10) AS within_10,
       round(avg(abs(ours - ofac)) FILTER (WHERE ofac >= 0), 2) AS mean_abs_error,
       count(*) FILTER (WHERE ofac < 0) AS not_returned,
       max(ours) FILTER (WHERE ofac < 0) AS not_returned_max,
       count(*) FILTER (WHERE ofac < 0 AND ours >= 50) AS not_returned_ge_50
  FROM scored;
\echo 'pct_ok_5: rows within 5 points, plus rows OFAC did not return (-1) that score below 50'
\echo
\echo 'the 10 rows farthest from OFAC (-1: OFAC did not return the name; counted as a miss when ours >= 50)'
SELECT query, listed, ofac, ours,
       CASE WHEN ofac < 0 THEN CASE WHEN ours >= 50 THEN ours - 49 ELSE 0 END
            ELSE ours - ofac END AS diff
  FROM scored
 ORDER BY abs(CASE WHEN ofac < 0 THEN CASE WHEN ours >= 50 THEN ours - 49 ELSE 0 END
                   ELSE ours - ofac END) DESC, query, listed
 LIMIT 10;
ROLLBACK;
SQL
psql -X -q -f "$SQL" <"$CSV"
