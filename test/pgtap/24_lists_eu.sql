-- EU Financial Sanctions Files XML loader on a fictional fixture in the published layout
\set ON_ERROR_STOP 1
\set eu `cat test/fixtures/lists/eu/eu_fsf.xml`
BEGIN;
SELECT plan(15);
\ir helpers.psql

CREATE TEMP TABLE v AS SELECT screen.load_eu(:'eu') AS v1;
SELECT is((SELECT published FROM screen.list_version WHERE version_id = (SELECT v1 FROM v)), date '2024-03-04', 'generationDate');
SELECT set_eq($$SELECT list_id || ':' || kind || ':' || primary_name FROM screen.current_entity WHERE source = 'EU-FSF'$$,
              ARRAY['900001:person:Olga Ivanovna Primerova', '900002:organization:Joint Stock Company Example Defence Works',
                    '900003:person:Abu Exemplum'], 'entities, kinds, primary names');
SELECT set_eq($$SELECT name || '/' || name_type FROM screen.current_name WHERE list_id = '900001'$$,
              ARRAY['Olga Ivanovna Primerova/primary', 'Ольга Ивановна Примерова/original_script', 'Olga Primerova/aka',
                    'Madame Example/weak'], 'name aliases: strong, weak, original script');
SELECT is((SELECT gender FROM screen.current_entity WHERE list_id = '900001'), 'female', 'gender');
SELECT is((SELECT listed_on FROM screen.current_entity WHERE list_id = '900002'), date '2023-06-23', 'listed on = regulation publication');
SELECT is((SELECT program FROM screen.current_program WHERE list_id = '900003'), 'TAQA', 'programme');
SELECT is((SELECT country FROM screen.current_country WHERE list_id = '900001'), 'RUSSIAN FEDERATION', 'citizenship');
SELECT set_eq($$SELECT raw || '/' || date_precision FROM screen.current_birth_date WHERE list_id = '900003'$$,
              ARRAY['circa 1975/year', '1972 to 1974/range'], 'circa and year ranges');
SELECT is((SELECT place FROM screen.current_birth_place WHERE list_id = '900001'), 'Imaginograd, RUSSIAN FEDERATION', 'place of birth');
SELECT is((SELECT id_type || ':' || normalized FROM screen.current_identifier WHERE list_id = '900001'), 'passport:751234567', 'passport');
SELECT is((SELECT id_type FROM screen.current_identifier WHERE list_id = '900002'), 'registration', 'registration number');
SELECT is((SELECT city || '/' || state FROM screen.current_address WHERE list_id = '900002'), 'Tula/Tula Oblast', 'address');
SELECT matches(pg_temp.err(format('SELECT screen.load_eu(%L)', replace(:'eu', 'code="enterprise"', 'code="spaceship"'))),
    '^22023: eu_fsf.xml: /export/sanctionEntity\[2\]/subjectType/@code: unknown entity type "spaceship"', 'unknown subject type');
SELECT matches(pg_temp.err(format('SELECT screen.load_eu(%L)', replace(:'eu', 'xmlns="http://eu.europa.ec/fpi/fsd/export"', ''))),
    '^2200M: eu_fsf.xml: /export: root element is not export in namespace', 'wrong namespace');
SELECT matches(pg_temp.err(format('SELECT screen.load_eu(%L)', left(:'eu', 2500))),
    '^2200M: eu_fsf.xml: invalid XML: line \d+: .*\| The file looks truncated', 'truncated');
SELECT * FROM finish();
ROLLBACK;
