-- scripts/load_list.sh: every format from disk, identical reload, a failing load
\set ON_ERROR_STOP 1
\set out `bash test/fixtures/lists/load_list_test.sh 2>&1`
BEGIN;
SELECT plan(1);
SELECT is(:'out', E'0:1\n0:NOTICE:  list OFAC-SDN unchanged: input is byte-identical to current version 1, no new version created\n0:2\n0:3\n0:4\n0:5\n0:6\n0:7\n'
                  || E'3:ERROR:  dpl.txt: line 1: missing required column "Name"\n'
                  || 'OFAC-SDN=5 UN=3 BIS-DPL=3 EU-FSF=3 UK-OFSI=3 OWN=3',
          'load_list.sh loads each format and reports errors with a non-zero exit');
SELECT * FROM finish();
ROLLBACK;
