-- OFAC legacy CSV loader on fictional fixtures: counts, versions, changes, every error case
\set ON_ERROR_STOP 1
\set sdn `cat test/fixtures/lists/ofac_v1/sdn.csv`
\set add `cat test/fixtures/lists/ofac_v1/add.csv`
\set alt `cat test/fixtures/lists/ofac_v1/alt.csv`
\set com `cat test/fixtures/lists/ofac_v1/sdn_comments.csv`
\set sdn2 `cat test/fixtures/lists/ofac_v2/sdn.csv`
\set add2 `cat test/fixtures/lists/ofac_v2/add.csv`
\set alt2 `cat test/fixtures/lists/ofac_v2/alt.csv`
BEGIN;
SELECT plan(35);

\ir helpers.psql
CREATE TEMP TABLE v AS SELECT screen.load_ofac(:'sdn', :'add', :'alt', :'com', published => '2024-01-05') AS v1;
SELECT is((SELECT count(*) FROM screen.list_version WHERE source = 'OFAC-SDN'), 1::bigint, 'one version');
SELECT is((SELECT entity_count FROM screen.list_version WHERE version_id = (SELECT v1 FROM v)), 5, 'entities counted');
SELECT is((SELECT count(*) FROM screen.current_entity WHERE source = 'OFAC-SDN'), 5::bigint, '5 current entities');
SELECT is((SELECT count(*) FROM screen.current_name WHERE source = 'OFAC-SDN' AND name_type IN ('aka', 'fka', 'nka') AND quality = 'strong'), 4::bigint, 'alt.csv aliases');
SELECT is((SELECT count(*) FROM screen.current_address WHERE source = 'OFAC-SDN'), 4::bigint, 'addresses (the all -0- one skipped)');
SELECT set_eq($$SELECT name FROM screen.current_name WHERE list_id = '1001' AND name_type = 'weak'$$,
              ARRAY['JQ', 'THE FOX'], 'weak a.k.a. from the remarks');
SELECT is((SELECT gender FROM screen.current_entity WHERE list_id = '1005'), 'female', 'remarks continued in sdn_comments.csv');
SELECT is((SELECT normalized FROM screen.current_identifier WHERE list_id = '1005' AND id_type = 'passport'), 'ZZ998877', 'passport from the comment continuation, normalized');
SELECT is((SELECT value FROM screen.current_identifier WHERE list_id = '1003' AND id_type = 'imo'), '9123456', 'IMO number');
SELECT is((SELECT country FROM screen.current_birth_place WHERE list_id = '1001'), 'Freedonia', 'place of birth country');
SELECT is((SELECT date_precision FROM screen.current_birth_date WHERE list_id = '1001' AND raw = '12 Mar 1970'), 'day', 'DOB precision');

-- byte-identical reload
SELECT is(screen.load_ofac(:'sdn', :'add', :'alt', :'com'), (SELECT v1 FROM v), 'identical reload returns the current version');
SELECT is((SELECT count(*) FROM screen.list_version WHERE source = 'OFAC-SDN'), 1::bigint, 'identical reload: no new version');

-- bad input: each raises a clear error and leaves version 1 current and whole
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L)', left(:'sdn', 700))),
    '^22P04: sdn.csv line 3, field \d+: unterminated quoted field .*\| The file looks truncated', 'truncated inside a field');
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L)', left(:'sdn', position('1005,"ROE, Jane","individual"' in :'sdn') + 28))),
    '^22P04: sdn.csv: line 5: expected 12 fields, found 3 \| This is the last record of the file and it is incomplete: the file looks truncated', 'truncated at a field boundary');
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L)', replace(:'sdn', ',', ';'))),
    '^22P04: sdn.csv: line 1: expected 12 fields, found 1 \| .*wrong delimiter', 'semicolon-separated file');
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L)', replace(:'sdn', 'ROE, Jane', 'ROÃ©, Jane'))),
    '^22021: sdn.csv line 5: text looks doubly encoded .*\| The file is already UTF-8', 'double-encoded UTF-8');
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L)', replace(:'sdn', 'ROE, Jane', 'RO' || chr(65533) || ', Jane'))),
    '^22021: sdn.csv line 5: replacement character U\+FFFD', 'lossy decoding (U+FFFD)');
SELECT matches(pg_temp.err($$SELECT screen.list_file_text(convert_to(E'1001,"DOE"\n1002,"JOS' || chr(201) || '"', 'LATIN1'), 'UTF8', 'sdn.csv')$$),
    '^22021: sdn.csv line 2, byte 10: invalid byte sequence for encoding "UTF8": 0xc9 \| .*LATIN1', 'Latin-1 bytes read as UTF-8');
SELECT is(screen.list_file_text(convert_to('JOS' || chr(201), 'LATIN1'), 'LATIN1'), 'JOS' || chr(201), 'Latin-1 bytes decoded as Latin-1');
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L)', replace(:'sdn', '"vessel"', '"submarine"'))),
    '^22023: sdn.csv: line 3, field SDN_Type: unknown entity type "submarine" \| OFAC entity types are', 'unknown entity type');
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L)', replace(:'sdn', '1004,', 'X1004,'))),
    '^22P02: sdn.csv: line 4, field ent_num: "X1004" is not an entry number', 'non-numeric ent_num');
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L, alt => %L)', :'sdn', replace(:'alt', E'\x1a', '') || E'9999,1,"aka","GHOST",-0- \r\n')),
    '^23503: alt.csv: line 5, field ent_num: entry 9999 is not in sdn.csv \| The files come from different downloads', 'alias of an unknown entry');
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L, alt => %L)', :'sdn', replace(:'alt', '"fka"', '"xka"'))),
    '^22023: alt.csv: line 2, field alt_type: invalid alias "xka"', 'invalid alias type');
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L)', :'alt')),
    '^22P04: sdn.csv: line 1: expected 12 fields, found 5 \| Each record has 12 fields \(ent_num, SDN_Name', 'wrong file (alt.csv given as sdn.csv)');
SELECT matches(pg_temp.err($$SELECT screen.load_ofac(E'\r\n\x1a')$$),
    '^P0002: sdn.csv: file is empty \| The download is empty or was truncated', 'empty file');
SELECT matches(pg_temp.err(format('SELECT screen.load_ofac(%L, source => %L)', :'sdn', 'NOPE')),
    '^22023: unknown list source "NOPE"', 'unknown source');
SELECT is((SELECT count(*) FROM screen.list_version WHERE source = 'OFAC-SDN'), 1::bigint, 'after the errors: still one version');
SELECT is((SELECT version_id FROM screen.current_version WHERE source = 'OFAC-SDN'), (SELECT v1 FROM v), 'after the errors: version 1 current');
SELECT is((SELECT count(*) FROM screen.current_entity WHERE source = 'OFAC-SDN'), 5::bigint, 'after the errors: 5 entities');

-- a newer version: changes
INSERT INTO v SELECT screen.load_ofac(:'sdn2', :'add2', :'alt2', :'com', published => '2024-02-09');
SELECT set_eq($$SELECT list_id || ':' || change FROM screen.list_changes('OFAC-SDN')$$,
              ARRAY['1001:changed', '1003:removed', '1006:added'], 'list_changes to the current version');
SELECT is((SELECT changed_fields FROM screen.list_changes('OFAC-SDN') WHERE list_id = '1001'), ARRAY['names', 'programs'], 'what changed');
SELECT is((SELECT count(*) FROM screen.entity WHERE source = 'OFAC-SDN' AND list_id = '1003'), 1::bigint, 'delisted entity kept');
SELECT set_eq($$SELECT list_id FROM screen.entities_as_of('OFAC-SDN', date '2024-01-31')$$,
              ARRAY['1001', '1002', '1003', '1004', '1005'], 'as of a date before the second version');
SELECT matches(pg_temp.err($$SELECT * FROM screen.list_changes('OFAC-SDN', 424242)$$),
    '^P0002: list OFAC-SDN: version 424242 does not exist', 'list_changes on a missing version');

SELECT * FROM finish();
ROLLBACK;
