-- pg_screen demo: load the bundled sample lists (fictional entities in the
-- real OFAC, UN and BIS formats), screen a few parties and a small table, and
-- check an export.  Run by scripts/demo.sh in a throwaway cluster.
\set ON_ERROR_STOP 1
\pset footer off
\cd :root
CREATE EXTENSION pg_screen;

\echo '== 1. Load the bundled sample lists (one SQL call per file set)'
\set sdn `cat test/fixtures/lists/ofac_v1/sdn.csv`
\set add `cat test/fixtures/lists/ofac_v1/add.csv`
\set alt `cat test/fixtures/lists/ofac_v1/alt.csv`
\set com `cat test/fixtures/lists/ofac_v1/sdn_comments.csv`
SELECT screen.load_ofac(:'sdn', :'add', :'alt', :'com', published => '2024-01-05') AS ofac_version;
\set un `cat test/fixtures/lists/un/consolidated.xml`
SELECT screen.load_un(:'un') AS un_version;
\set dpl `cat test/fixtures/lists/bis/dpl.txt`
SELECT screen.load_bis_dpl(:'dpl') AS bis_version;
SELECT source, entity_count, name_count, sha256 IS NOT NULL AS hashed FROM screen.list_version ORDER BY source;

\echo '== 2. Screen single parties (as an ERP procedure would at order entry)'
SELECT source, list_id, matched_name, name_type, round(score::numeric, 3) AS score
  FROM screen.screen_party('John Q. Doe', kind => 'person', birth_date => '1970-03-12');
SELECT source, list_id, matched_name, name_type, round(score::numeric, 3) AS score
  FROM screen.screen_party('Acme Trading Company Limited');
SELECT count(*) AS hits_for_an_unlisted_party FROM screen.screen_party('Completely Unrelated GmbH');

\echo '== 3. Why did it match?'
SELECT jsonb_pretty(explanation->'factors') AS factors,
       explanation->'name'->'pairs' AS aligned_tokens
  FROM screen.screen_party('DOE, Jon', birth_date => '1970') LIMIT 1;

\echo '== 4. Screen a whole table of customers'
CREATE TABLE customers (customer_id int PRIMARY KEY, name text, kind text);
INSERT INTO customers VALUES
  (1, 'Jon Quincy Doe', 'person'), (2, 'ACME TRADING CO LTD', 'organization'),
  (3, 'Northwind Traders', 'organization'), (4, 'Sea Breeze', 'vessel'), (5, 'Maria Schmidt', 'person');
SELECT screen.screen_table('customers', 'name', 'customer_id', kind_column => 'kind') AS hits;
SELECT party_key, party_name, source, matched_name, round(score::numeric, 3) AS score
  FROM customers_screening ORDER BY party_key::int;

\echo '== 5. Names in any script'
SELECT screen.name_score('Владимир Путин', 'PUTIN, Vladimir') AS cyrillic,
       screen.name_score('Mohamed bin Salman', 'Muhammad bin Salman') AS variant,
       screen.name_score('Company 1', 'Company 2') AS different_number;

\echo '== 6. Does this item need a licence?'
SELECT jurisdiction, reason, outcome, left(rule, 60) AS rule FROM screen.licence_requirements('5A002', 'CN');
