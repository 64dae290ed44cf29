#!/bin/bash
# Run pg_screen's C code (ICU normalization, parser, scorer, explanation, GIN
# support, OFAC score, control codes, CSV tokenizer) under valgrind memcheck in
# a single-user backend.  Prints valgrind's error summary; exit 1 on errors.
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
grep -E "ERROR SUMMARY|definitely lost" "$DIR/valgrind.log" | tail -3
grep -c "ERROR:" "$DIR/out.txt" | sed 's/^/SQL errors in the workload (expected ones included): /'
if grep -q "ERROR SUMMARY: 0 errors" "$DIR/valgrind.log"; then rm -rf "$DIR"; exit 0; fi
echo "valgrind log kept in $DIR/valgrind.log"; exit 1
