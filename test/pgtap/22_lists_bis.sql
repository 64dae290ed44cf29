-- BIS Denied Persons List loader on a fictional fixture, and its error cases
\set ON_ERROR_STOP 1
\set dpl `cat test/fixtures/lists/bis/dpl.txt`
BEGIN;
SELECT plan(13);
\ir helpers.psql

CREATE TEMP TABLE v AS SELECT screen.load_bis_dpl(:'dpl', published => '2024-03-01') AS v1;
SELECT set_eq($$SELECT primary_name || ':' || kind FROM screen.current_entity WHERE source = 'BIS-DPL'$$,
              ARRAY['JOHN Q. FICTITIOUS:unknown', 'IMAGINARY EXPORTS LTD.:organization', 'MARIA "MARIE" EXAMPLE:unknown'],
              'one entity per name, doubled quotes unescaped, legal form -> organization');
SELECT is((SELECT count(*)::int FROM screen.current_address WHERE list_id = 'JOHN Q. FICTITIOUS'), 2, 'two addresses for one party');
SELECT is((SELECT listed_on FROM screen.current_entity WHERE list_id = 'JOHN Q. FICTITIOUS'), date '2003-06-19', 'Effective_Date');
SELECT is((SELECT extra ->> 'expiration_date' FROM screen.current_entity WHERE list_id = 'JOHN Q. FICTITIOUS'), '2033-06-29', 'Expiration_Date');
SELECT is((SELECT country FROM screen.current_address WHERE list_id = 'IMAGINARY EXPORTS LTD.'), 'HK', 'country code');
SELECT is((SELECT address_count FROM screen.list_version WHERE version_id = (SELECT v1 FROM v)), 4, 'address count');

SELECT matches(pg_temp.err(format('SELECT screen.load_bis_dpl(%L)', replace(:'dpl', E'\t', ','))),
    '^22P04: dpl.txt line 1, field 1: unexpected character "," after a quoted field \| Check the delimiter', 'comma instead of tab');
SELECT matches(pg_temp.err(format('SELECT screen.load_bis_dpl(%L)', replace(replace(:'dpl', E'\t', ';'), '"', ''))),
    '^42703: dpl.txt: line 1: missing required column "Name" \| Only one column was found: wrong delimiter', 'unquoted, semicolon-separated');
SELECT matches(pg_temp.err(format('SELECT screen.load_bis_dpl(%L)', replace(:'dpl', '"Name"', '"Party"'))),
    '^42703: dpl.txt: line 1: missing required column "Name" \| Required columns: Name, Street_Address', 'missing column');
SELECT matches(pg_temp.err(format('SELECT screen.load_bis_dpl(%L)', left(:'dpl', length(:'dpl') - 60))),
    '^22P04: dpl.txt line 5, field \d+: unterminated quoted field', 'truncated file');
SELECT matches(pg_temp.err(format('SELECT screen.load_bis_dpl(%L)', regexp_replace(:'dpl', E'\t"10/03/2003".*$', ''))),
    '^22P04: dpl.txt: line 5: expected 12 fields, found 6 \| This is the last record of the file and it is incomplete', 'truncated at a field boundary');
SELECT matches(pg_temp.err(format('SELECT screen.load_bis_dpl(%L)', replace(:'dpl', '"IMAGINARY EXPORTS LTD."', '""'))),
    '^23502: dpl.txt: line 4, field Name: empty name', 'empty name');
SELECT is((SELECT count(*)::int FROM screen.list_version WHERE source = 'BIS-DPL'), 1, 'after the errors: one version');
SELECT * FROM finish();
ROLLBACK;
