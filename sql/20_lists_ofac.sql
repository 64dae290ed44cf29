-- OFAC legacy CSV: load a fictional set, reload it, load a newer set, diff
CREATE EXTENSION IF NOT EXISTS pg_screen;
BEGIN;
\set sdn `cat test/fixtures/lists/ofac_v1/sdn.csv`
\set add `cat test/fixtures/lists/ofac_v1/add.csv`
\set alt `cat test/fixtures/lists/ofac_v1/alt.csv`
\set com `cat test/fixtures/lists/ofac_v1/sdn_comments.csv`
SELECT screen.load_ofac(:'sdn', :'add', :'alt', :'com', published => '2024-01-05') AS v1 \gset
SELECT source, published, files, entity_count, name_count, identifier_count, address_count,
       added, removed, changed, status
  FROM screen.list_version WHERE version_id = :v1;
SELECT list_id, kind, primary_name, gender, title FROM screen.current_entity ORDER BY list_id;
SELECT list_id, name, name_type, quality FROM screen.current_name ORDER BY list_id, name_type, name;
SELECT list_id, id_type, value, normalized, country, issued, expires, note
  FROM screen.current_identifier ORDER BY list_id, id_type, value;
SELECT list_id, raw, date_from, date_to, date_precision, circa
  FROM screen.current_birth_date ORDER BY list_id, raw;
SELECT list_id, place, country FROM screen.current_birth_place ORDER BY list_id;
SELECT list_id, role, country FROM screen.current_country ORDER BY list_id, role, country;
SELECT list_id, street, city, country, remarks FROM screen.current_address ORDER BY list_id, street;
SELECT list_id, program FROM screen.current_program ORDER BY list_id, program;
SELECT list_id, extra FROM screen.current_entity WHERE kind = 'vessel';

-- the same bytes again: no new version
SELECT screen.load_ofac(:'sdn', :'add', :'alt', :'com', published => '2024-01-05') = :v1 AS same_version;

-- a newer file set: 1001 changed, 1003 delisted, 1006 added
\set sdn `cat test/fixtures/lists/ofac_v2/sdn.csv`
\set add `cat test/fixtures/lists/ofac_v2/add.csv`
\set alt `cat test/fixtures/lists/ofac_v2/alt.csv`
\set com `cat test/fixtures/lists/ofac_v2/sdn_comments.csv`
SELECT screen.load_ofac(:'sdn', :'add', :'alt', :'com', published => '2024-02-09') AS v2 \gset
SELECT version_id = :v1 AS is_v1, status, entity_count, added, removed, changed
  FROM screen.list_version WHERE source = 'OFAC-SDN' ORDER BY version_id;
SELECT list_id, change, primary_name, changed_fields, details -> 'programs' AS programs
  FROM screen.list_changes('OFAC-SDN', :v1, :v2);
-- the delisted vessel is kept, no longer current
SELECT list_id, valid_from = :v1 AS from_v1, valid_to = :v2 AS to_v2
  FROM screen.entity WHERE list_id = '1003';
-- as of a version, and as of a date
SELECT list_id FROM screen.entities_as_of('OFAC-SDN', :v1) ORDER BY list_id;
SELECT list_id FROM screen.entities_as_of('OFAC-SDN', date '2024-02-01') ORDER BY list_id;
SELECT list_id FROM screen.entities_as_of('OFAC-SDN', date '2024-03-01') ORDER BY list_id;
SELECT screen.list_version_at('OFAC-SDN', date '2023-12-31') IS NULL AS nothing_before_first;

-- examples of doc/lists.md
SELECT source, list_id, value, country
  FROM screen.current_identifier
 WHERE id_type = 'passport' AND normalized = screen.normalize_identifier('X 123-4567');
SELECT list_id, change, primary_name FROM screen.list_changes('OFAC-SDN') ORDER BY list_id;
SELECT e.list_id, n.name, n.name_type
  FROM screen.entities_as_of('OFAC-SDN', date '2024-01-31') e
  JOIN screen.entity_name n USING (entity_id)
 WHERE e.list_id = '1003' ORDER BY n.name;

-- fuzzy dates
SELECT raw, (screen.parse_fuzzy_date(raw)).*
  FROM unnest(ARRAY['10 Dec 1948', 'Dec 1948', '1948', 'circa 1955', '1948 to 1950',
                    'circa 1979-1982', '2012-12-31', '31/12/1950', '31 Feb 1950', 'unknown']) raw;
SELECT screen.normalize_identifier('AB 123-456/7'), screen.normalize_identifier('Info@Example.COM', 'email');
ROLLBACK;
