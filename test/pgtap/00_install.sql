\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(2);
SELECT has_schema('screen');
SELECT has_extension('pg_screen');
SELECT * FROM finish();
ROLLBACK;
