-- pg_dump keeps the list data: dump a database with loaded lists, restore it, compare
\set ON_ERROR_STOP 1
\set out `bash test/fixtures/lists/dump_restore.sh 2>&1`
BEGIN;
SELECT plan(3);
SELECT ok(split_part(:'out', E'\n', 1) ~ '^[0-9]+ [0-9]+ [1-9][0-9]* [1-9][0-9]* ', 'data was loaded before the dump: ' || split_part(:'out', E'\n', 1));
SELECT is(split_part(split_part(:'out', E'\n', 1), ' = ', 2), split_part(split_part(:'out', E'\n', 1), ' = ', 1),
          'counts and content hashes equal after pg_dump / pg_restore');
SELECT is(split_part(:'out', E'\n', 2), '1001:changed 1003:removed 1006:added', 'a new version loads on top of the restored data');
SELECT * FROM finish();
ROLLBACK;
