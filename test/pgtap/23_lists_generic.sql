-- the generic loader for a company's own list: CSV and JSON lines, and error cases
\set ON_ERROR_STOP 1
\set csv `cat test/fixtures/lists/internal/blocked.csv`
\set jsonl `cat test/fixtures/lists/internal/blocked.jsonl`
BEGIN;
SELECT plan(17);
\ir helpers.psql
INSERT INTO screen.list_source (code, authority, name, format)
VALUES ('ACME-BLOCKED', 'ACME Corp compliance', 'ACME internal blocked parties', 'internal'),
       ('ACME-JSON', 'ACME Corp compliance', 'ACME internal list (JSON lines)', 'internal');

CREATE TEMP TABLE v AS SELECT screen.load_internal('ACME-BLOCKED', :'csv', file => 'blocked.csv') AS v1;
SELECT set_eq($$SELECT list_id || ':' || kind FROM screen.current_entity WHERE source = 'ACME-BLOCKED'$$,
              ARRAY['C-001:organization', 'C-002:person', 'C-003:vessel'], 'CSV: entities and kinds');
SELECT set_eq($$SELECT name FROM screen.current_name WHERE list_id = 'C-001' AND name_type = 'aka'$$,
              ARRAY['Fictive Holding', 'FH GmbH'], 'CSV: "|"-separated aliases');
SELECT set_eq($$SELECT id_type || ':' || normalized FROM screen.current_identifier WHERE list_id = 'C-001'$$,
              ARRAY['vat:DE123456789', 'duns:123456789'], 'CSV: type:value identifiers, normalized');
SELECT is((SELECT city || ' ' || postal_code || ' ' || country FROM screen.current_address WHERE list_id = 'C-001'), 'Musterstadt 12345 Germany', 'CSV: address');
SELECT is((SELECT date_from FROM screen.current_birth_date WHERE list_id = 'C-002'), date '1970-01-31', 'CSV: birth date');
SELECT is((SELECT listed_on FROM screen.current_entity WHERE list_id = 'C-002'), date '2023-06-15', 'CSV: listed_on');
SELECT is((SELECT normalized FROM screen.current_identifier WHERE list_id = 'C-003'), '9999999', 'CSV: vessel IMO');

INSERT INTO v SELECT screen.load_internal('ACME-JSON', :'jsonl', 'jsonl');
SELECT set_eq($$SELECT list_id || ':' || kind FROM screen.current_entity WHERE source = 'ACME-JSON'$$,
              ARRAY['J-1:organization', 'J-2:person'], 'JSON lines: entities');
SELECT is((SELECT count(*)::int FROM screen.current_address WHERE list_id = 'J-1'), 2, 'JSON lines: address objects');
SELECT is((SELECT id_type || ':' || value || ':' || country FROM screen.current_identifier WHERE list_id = 'J-1'), 'registration:HRB 99999:Freedonia', 'JSON lines: identifier object');
SELECT is((SELECT name || '/' || name_type FROM screen.current_name WHERE list_id = 'J-2' AND name_type <> 'primary'), 'JP/weak', 'JSON lines: weak alias');

SELECT matches(pg_temp.err(format('SELECT screen.load_internal(%L, %L)', 'ACME-BLOCKED', replace(:'csv', 'organization', 'spaceship'))),
    '^22023: list.csv: line 2, field kind: unknown entity type "spaceship"', 'CSV: unknown entity type');
SELECT matches(pg_temp.err(format('SELECT screen.load_internal(%L, %L)', 'ACME-BLOCKED', replace(:'csv', 'id,name', 'ident,name'))),
    '^42703: list.csv: line 1: missing required column "id"', 'CSV: missing required column');
SELECT matches(pg_temp.err(format('SELECT screen.load_internal(%L, %L, %L)', 'ACME-JSON', left(:'jsonl', 120), 'jsonl')),
    '^22P02: list.jsonl: line 1: invalid JSON \| .*truncated', 'JSON lines: truncated');
SELECT matches(pg_temp.err(format('SELECT screen.load_internal(%L, %L, %L)', 'ACME-JSON', replace(:'jsonl', '"id": "J-2", ', ''), 'jsonl')),
    '^42703: list.jsonl: line 2: missing required key "id"', 'JSON lines: missing id');
SELECT matches(pg_temp.err(format('SELECT screen.load_internal(%L, %L)', 'NO-SUCH-LIST', :'csv')),
    '^22023: unknown list source "NO-SUCH-LIST" \| .*screen.list_source', 'unknown source');
SELECT is((SELECT count(*)::int FROM screen.list_version WHERE source IN ('ACME-BLOCKED', 'ACME-JSON')), 2, 'after the errors: one version each');
SELECT * FROM finish();
ROLLBACK;
