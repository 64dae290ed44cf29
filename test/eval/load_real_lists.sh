#!/bin/bash
# Load every real list of ../shared/data/lists into the current database
# (used by test/eval and test/bench; prints one line per list with its load time).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${PG_SCREEN_DATA:-$ROOT/../shared/data}"
L="$DATA/lists"
t() { local s=$(date +%s.%N); "$@" >/dev/null; echo "$(echo "$(date +%s.%N) - $s" | bc) s"; }
echo "OFAC SDN 2021-07-07: $(t bash "$ROOT/scripts/load_list.sh" --published 2021-07-07 ofac "$L/ofac_sdn_2021-07-07")"
echo "OFAC consolidated 2025-12-19: $(t bash "$ROOT/scripts/load_list.sh" --published 2025-12-19 ofac-cons "$L/ofac_cons_2025-12-19")"
echo "UN consolidated 2026-02-27: $(t bash "$ROOT/scripts/load_list.sh" un "$L/un_consolidated_2026-02-27/consolidated.xml")"
echo "BIS DPL 2021-07-07: $(t bash "$ROOT/scripts/load_list.sh" --published 2021-07-07 bis "$L/bis_dpl_2021-07-07/dpl.txt")"
psql -X -q -At -c "SELECT 'names loaded: ' || count(*) FROM screen.entity_name n JOIN screen.entity e USING (entity_id) WHERE e.valid_to IS NULL"
