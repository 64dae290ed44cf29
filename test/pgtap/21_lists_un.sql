-- UN consolidated XML loader on a fictional fixture, and its error cases
\set ON_ERROR_STOP 1
\set un `cat test/fixtures/lists/un/consolidated.xml`
BEGIN;
SELECT plan(25);
\ir helpers.psql

CREATE TEMP TABLE v AS SELECT screen.load_un(:'un') AS v1;
SELECT is((SELECT published FROM screen.list_version WHERE version_id = (SELECT v1 FROM v)), date '2024-03-01', 'publication date from dateGenerated');
SELECT set_eq($$SELECT list_id || ':' || kind FROM screen.current_entity WHERE source = 'UN'$$,
              ARRAY['9000001:person', '9000002:person', '9000101:organization'], 'individuals and entities');
SELECT is((SELECT primary_name FROM screen.current_entity WHERE list_id = '9000001'), 'IVAN PETROVICH FICTIONOV', 'name parts joined');
SELECT set_eq($$SELECT name || '/' || name_type || '/' || coalesce(quality, '-') FROM screen.current_name WHERE list_id = '9000001'$$,
              ARRAY['IVAN PETROVICH FICTIONOV/primary/-', 'IVAN FIKTSIONOV/aka/good', 'The General/weak/low',
                    'IVAN PETROV/fka/-', 'Иван Петрович Фикционов/original_script/-'], 'aliases with quality, original script');
SELECT is((SELECT count(*)::int FROM screen.current_name WHERE list_id = '9000002'), 2, 'empty alias placeholder skipped');
SELECT set_eq($$SELECT raw || '/' || date_precision || '/' || date_from || '/' || date_to FROM screen.current_birth_date WHERE list_id = '9000001'$$,
              ARRAY['1961-07-14/day/1961-07-14/1961-07-14', '1960 to 1962/range/1960-01-01/1962-12-31'], 'EXACT and BETWEEN dates of birth');
SELECT is((SELECT raw || '/' || circa FROM screen.current_birth_date WHERE list_id = '9000002'), 'circa 1975/true', 'APPROXIMATELY');
SELECT set_eq($$SELECT country FROM screen.current_country WHERE list_id = '9000001' AND role = 'nationality'$$,
              ARRAY['Imaginaria', 'Freedonia'], 'nationalities');
SELECT set_eq($$SELECT id_type || ':' || normalized || ':' || coalesce(country, '-') FROM screen.current_identifier WHERE list_id = '9000001'$$,
              ARRAY['passport:IM1234567:Imaginaria', 'national_id:610714555:-'], 'documents');
SELECT is((SELECT title FROM screen.current_entity WHERE list_id = '9000001'), 'General; Commander of the Imaginary Guard', 'title and designation');
SELECT is((SELECT listed_on FROM screen.current_entity WHERE list_id = '9000002'), date '2021-02-03', 'listed_on with a time zone suffix');
SELECT is((SELECT place FROM screen.current_birth_place WHERE list_id = '9000001'), 'Imaginograd, Imaginaria', 'place of birth');
SELECT is((SELECT postal_code FROM screen.current_address WHERE list_id = '9000101'), '99999', 'entity address');
SELECT is((SELECT count(*)::int FROM screen.current_address WHERE list_id = '9000002'), 0, 'empty address placeholder skipped');
SELECT is((SELECT program FROM screen.current_program WHERE list_id = '9000101'), 'Imaginaria', 'UN_LIST_TYPE as program');

-- errors
SELECT matches(pg_temp.err(format('SELECT screen.load_un(%L)', left(:'un', 3000))),
    '^2200M: consolidated.xml: invalid XML: line \d+: .*\| The file looks truncated', 'truncated XML');
SELECT matches(pg_temp.err($$SELECT screen.load_un('<CONSOLIDATED_LIST><INDIVIDUALS></CONSOLIDATED_LIST>')$$),
    '^2200M: consolidated.xml: invalid XML: line 1: .*mismatch', 'ill-formed XML');
SELECT matches(pg_temp.err($$SELECT screen.load_un('<export><INDIVIDUALS/></export>')$$),
    '^2200M: consolidated.xml: /export: root element is not CONSOLIDATED_LIST', 'wrong root element');
SELECT matches(pg_temp.err(format('SELECT screen.load_un(%L)', replace(:'un', '<ENTITIES>', '<VESSELS><VESSEL><DATAID>1</DATAID></VESSEL></VESSELS><ENTITIES>'))),
    '^22023: consolidated.xml: /CONSOLIDATED_LIST/VESSELS/VESSEL: unknown entity type "VESSEL"', 'unknown entity type');
SELECT matches(pg_temp.err(format('SELECT screen.load_un(%L)', replace(:'un', '<DATAID>9000002</DATAID>', ''))),
    '^23502: consolidated.xml: /CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL\[2\]/DATAID: missing required element', 'missing DATAID');
SELECT matches(pg_temp.err(format('SELECT screen.load_un(%L)', replace(:'un', '<TYPE_OF_DATE>BETWEEN', '<TYPE_OF_DATE>SOMETIME'))),
    '^22023: consolidated.xml: /CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/INDIVIDUAL_DATE_OF_BIRTH\[2\]/TYPE_OF_DATE: unknown value "SOMETIME"', 'unknown TYPE_OF_DATE');
SELECT matches(pg_temp.err(format('SELECT screen.load_un(%L)', replace(:'un', '<DATAID>9000002', '<DATAID>9000001'))),
    '^23505: consolidated.xml: /CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL\[2\]: duplicate entity id "9000001"', 'duplicate DATAID');
SELECT matches(pg_temp.err(format('SELECT screen.load_un(%L)', replace(:'un', 'FICTUS', 'FICTÃ©S'))),
    '^22021: consolidated.xml line \d+: text looks doubly encoded', 'double-encoded UTF-8 in XML');
SELECT is((SELECT count(*)::int FROM screen.list_version WHERE source = 'UN'), 1, 'after the errors: one version');
-- a second version: one delisting
INSERT INTO v SELECT screen.load_un(regexp_replace(:'un', '<ENTITIES>.*</ENTITIES>', '<ENTITIES/>'));
SELECT set_eq($$SELECT list_id || ':' || change FROM screen.list_changes('UN')$$, ARRAY['9000101:removed'], 'entity delisted');
SELECT * FROM finish();
ROLLBACK;
