-- UK (OFSI) consolidated list CSV loader on a fictional fixture in the published layout
\set ON_ERROR_STOP 1
\set uk `cat test/fixtures/lists/uk/ConList.csv`
BEGIN;
SELECT plan(15);
\ir helpers.psql

CREATE TEMP TABLE v AS SELECT screen.load_uk(:'uk') AS v1;
SELECT is((SELECT published FROM screen.list_version WHERE version_id = (SELECT v1 FROM v)), date '2024-03-01', 'Last Updated line');
SELECT set_eq($$SELECT list_id || ':' || kind || ':' || primary_name FROM screen.current_entity WHERE source = 'UK-OFSI'$$,
              ARRAY['90001:person:Ivan Petrovich FICTIONOV', '90002:organization:IMAGINARY SHIPPING LLC', '90003:vessel:IMAGINARY STAR'],
              'one entity per Group ID');
SELECT set_eq($$SELECT name || '/' || name_type || '/' || coalesce(quality, '-') FROM screen.current_name WHERE list_id = '90001'$$,
              ARRAY['Ivan Petrovich FICTIONOV/primary/-', 'Ivan FIKTSIONOV/aka/good', 'THE GENERAL/weak/low', 'Иван Фикционов/original_script/-'],
              'aliases with quality, non-Latin script');
SELECT set_eq($$SELECT raw || '/' || date_precision FROM screen.current_birth_date WHERE list_id = '90001'$$,
              ARRAY['1961-07-14/day', '1962/year'], 'numbered DOBs with 00 parts');
SELECT set_eq($$SELECT country FROM screen.current_country WHERE list_id = '90001'$$, ARRAY['Imaginaria', 'Freedonia'], 'numbered nationalities');
SELECT is((SELECT normalized FROM screen.current_identifier WHERE list_id = '90001' AND id_type = 'passport'), 'IM1234567', 'passport');
SELECT is((SELECT count(*)::int FROM screen.current_address WHERE list_id = '90001'), 1, 'address rows deduplicated');
SELECT is((SELECT street || ' ' || postal_code FROM screen.current_address WHERE list_id = '90002'), 'Dock 7, Harbour Road, Port Fiction PF1 2AB', 'address lines');
SELECT is((SELECT normalized FROM screen.current_identifier WHERE list_id = '90003'), '9999998', 'ship IMO from Other Information');
SELECT is((SELECT listed_on FROM screen.current_entity WHERE list_id = '90001'), date '2020-05-04', 'Listed On');
SELECT is((SELECT title FROM screen.current_entity WHERE list_id = '90001'), 'Mr', 'title');
SELECT matches(pg_temp.err(format('SELECT screen.load_uk(%L)', replace(:'uk', ',Ship,', ',Spaceship,'))),
    '^22023: ConList.csv: line 7, field Group Type: unknown entity type "Spaceship"', 'unknown group type');
SELECT matches(pg_temp.err(format('SELECT screen.load_uk(%L)', replace(:'uk', 'Group ID', 'Group'))),
    '^42703: ConList.csv: line 2: missing required column "Group ID"', 'missing column');
SELECT matches(pg_temp.err(format('SELECT screen.load_uk(%L)', regexp_replace(:'uk', ',Imaginaria,15/03/2022,,15/03/2022,90003\s*$', ''))),
    '^22P04: ConList.csv: line 7: expected 36 fields, found \d+ \| .*truncated', 'truncated at a field boundary');
SELECT matches(pg_temp.err(format('SELECT screen.load_uk(%L)', replace(:'uk', ',', ';'))),
    '^42703: ConList.csv: line 1: missing required column "Name 6" \| Only one column was found', 'wrong delimiter');
SELECT * FROM finish();
ROLLBACK;
