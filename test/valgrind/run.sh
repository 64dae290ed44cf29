#!/bin/bash
# Run pg_screen's C code (ICU normalization, parser, scorer, explanation, GIN
# support, OFAC score, control codes, CSV tokenizer) under valgrind memcheck in
# a single-user backend, then once more with the library preloaded.  Prints valgrind's error summary; exit 1 on errors.
# Needs the extension installed (make install) and the valgrind package.
# Usage: test/valgrind/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN=/usr/lib/postgresql/15/bin
DIR=$(mktemp -d /tmp/pg_screen_vg.XXXXXX)
chown postgres "$DIR"
su postgres -c "$BIN/initdb -D $DIR/data -E UTF8 --locale=C.UTF-8 >/dev/null"
cp "$ROOT/test/valgrind/workload.sql" "$DIR/"
chown -R postgres "$DIR"
su postgres -c "cd $DIR && valgrind --tool=memcheck --error-exitcode=3 --num-callers=20 \
    --suppressions=$ROOT/test/valgrind/postgres.supp --log-file=$DIR/valgrind.log \
    $BIN/postgres --single -D $DIR/data -c max_stack_depth=7MB postgres < workload.sql > $DIR/out.txt 2>&1" || true
# again with the library preloaded: the postmaster's build of the ICU
# transliterators (pgs_normalize_preload), then names in several scripts; and
# the view of the lists the workload loaded, built into shared memory,
# published and attached (screen_shared.c), then used again in a later
# transaction
cat > "$DIR/preload.sql" <<'SQL'
SELECT screen.to_name('王小明 Владимир Путин محمد علي 옥자 Ελληνικά ქართული राजेश')::text
SELECT screen.name_explain('Владимир Путин', 'PUTIN, Vladimir')::text
SELECT shared, names FROM screen.screening_cache_info()
SELECT count(*) FROM screen.screen_party('Abdul Rahman Khalil', 'person', 'RU', '1970-05-01', ARRAY['passport:P-5', 'X9'])
SELECT count(*) FROM screen.screen_party('AbdulRahman 7', threshold => 0.5, max_hits => 50)
SELECT slot, state, database, role, generation, pins, bytes FROM screen.shared_views()
SQL
chown postgres "$DIR/preload.sql"
su postgres -c "cd $DIR && valgrind --tool=memcheck --error-exitcode=3 --num-callers=20 \
    --suppressions=$ROOT/test/valgrind/postgres.supp --log-file=$DIR/valgrind.preload.log \
    $BIN/postgres --single -D $DIR/data -c shared_preload_libraries=pg_screen postgres \
    < preload.sql >> $DIR/out.txt 2>&1" || true
cat "$DIR/valgrind.preload.log" >> "$DIR/valgrind.log"
grep -E "ERROR SUMMARY" "$DIR/valgrind.log" | sed 's/^==[0-9]*== /all of the server: /'
# PostgreSQL and glibc's loader report false positives without a USE_VALGRIND
# build; count the errors whose stack passes through pg_screen's code.
ours=$(awk '/^==[0-9]+== [A-Z]/ { if (blk ~ /pgs_|pg_screen\.so|controlcode|list_csv|ofac_score/) n++; blk = "" }
            { blk = blk $0 "\n" }
            END { if (blk ~ /pgs_|pg_screen\.so|controlcode|list_csv|ofac_score/) n++; print n + 0 }' "$DIR/valgrind.log")
echo "memcheck errors in pg_screen code: $ours"
if grep -q "ERROR" "$DIR/out.txt"; then echo "the workload raised SQL errors:"; grep "ERROR" "$DIR/out.txt"; ours=$((ours + 1)); fi
if [ "$ours" -eq 0 ]; then rm -rf "$DIR"; exit 0; fi
echo "valgrind log kept in $DIR/valgrind.log"; exit 1
