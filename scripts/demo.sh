#!/bin/bash
# The main job on an embedded default: install packages, build, start a
# throwaway cluster, load the bundled sample list and parties, screen them,
# show the results.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
sh scripts/deps.sh
exec 9>/tmp/pg_screen_install.lock
flock 9
sh scripts/build.sh
sh scripts/clean_stale_cluster.sh
pg_virtualenv -i "--encoding=UTF8 --locale=C.UTF-8" psql -X -v ON_ERROR_STOP=1 -v root="$ROOT" -f "$ROOT/scripts/demo.sql"
