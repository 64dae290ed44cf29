-- UN XML, BIS DPL and OFAC consolidated (non-SDN) real files: counts and spot checks
\set ON_ERROR_STOP 1
\set have_data `[ -n "$PG_SCREEN_DATA" ] && [ -d "$PG_SCREEN_DATA/lists/un_consolidated_2026-02-27" ] && echo 1 || echo 0`
BEGIN;
\if :have_data
\ir real_other_lists.psql
\set un_ind `grep -c '<INDIVIDUAL>' "$PG_SCREEN_DATA/lists/un_consolidated_2026-02-27/consolidated.xml"`
\set un_ent `grep -c '<ENTITY>' "$PG_SCREEN_DATA/lists/un_consolidated_2026-02-27/consolidated.xml"`
\set un_alias `grep -c '<ALIAS_NAME>[^<]' "$PG_SCREEN_DATA/lists/un_consolidated_2026-02-27/consolidated.xml"`
\set un_low `grep -A1 '<QUALITY>Low</QUALITY>' "$PG_SCREEN_DATA/lists/un_consolidated_2026-02-27/consolidated.xml" | grep -c '<ALIAS_NAME>[^<]'`
\set un_orig `grep -c '<NAME_ORIGINAL_SCRIPT>[^<]' "$PG_SCREEN_DATA/lists/un_consolidated_2026-02-27/consolidated.xml"`
\set un_docs `grep -c '<NUMBER' "$PG_SCREEN_DATA/lists/un_consolidated_2026-02-27/consolidated.xml"`
\set un_between `grep -c '<TYPE_OF_DATE>BETWEEN' "$PG_SCREEN_DATA/lists/un_consolidated_2026-02-27/consolidated.xml"`
-- parties: distinct names, upper case, blanks trimmed and collapsed (" I. ASH" is "I. ASH")
\set dpl_parties `tail -n +2 "$PG_SCREEN_DATA/lists/bis_dpl_2021-07-07/dpl.txt" | cut -f1 | tr a-z A-Z | sed -E 's/^" +/"/; s/ +"$/"/; s/  +/ /g' | sort -u | wc -l`
\set dpl_rows `tail -n +2 "$PG_SCREEN_DATA/lists/bis_dpl_2021-07-07/dpl.txt" | cut -f1-6 | tr a-z A-Z | sort -u | wc -l`
\set cons_n `grep -ac '^[0-9]' "$PG_SCREEN_DATA/lists/ofac_cons_2025-12-19/cons_prim.csv"`
\set cons_alt `grep -ac '^[0-9]' "$PG_SCREEN_DATA/lists/ofac_cons_2025-12-19/cons_alt.csv"`
SELECT plan(19);

CREATE TEMP TABLE v AS SELECT screen.load_un(:'un') AS un, screen.load_bis_dpl(:'dpl', published => '2021-07-07') AS dpl,
    screen.load_ofac(:'cprim', :'cadd', :'calt', :'ccom', source => 'OFAC-CONS', published => '2025-12-19') AS cons;

SELECT is((SELECT count(*)::int FROM screen.current_entity WHERE source = 'UN' AND kind = 'person'), :un_ind, 'UN individuals: ' || :un_ind);
SELECT is((SELECT count(*)::int FROM screen.current_entity WHERE source = 'UN' AND kind = 'organization'), :un_ent, 'UN entities: ' || :un_ent);
SELECT is((SELECT count(*)::int FROM screen.current_name WHERE source = 'UN' AND name_type IN ('aka', 'fka', 'weak')), :un_alias, 'UN aliases (non-empty ALIAS_NAME)');
SELECT is((SELECT count(*)::int FROM screen.current_name WHERE source = 'UN' AND quality = 'low'), :un_low, 'UN low-quality aliases');
SELECT is((SELECT count(*)::int FROM screen.current_name WHERE source = 'UN' AND name_type = 'original_script'), :un_orig, 'UN original-script names');
SELECT is((SELECT count(*)::int FROM screen.current_identifier WHERE source = 'UN'), :un_docs, 'UN documents');
SELECT is((SELECT count(*)::int FROM screen.current_birth_date WHERE source = 'UN' AND date_precision = 'range'), :un_between, 'UN BETWEEN dates are ranges');
SELECT is((SELECT published FROM screen.list_version WHERE version_id = (SELECT un FROM v)), date '2026-02-27', 'UN publication date');
SELECT is((SELECT name FROM screen.current_name n JOIN screen.current_entity e USING (entity_id)
            WHERE e.source = 'UN' AND e.extra ->> 'reference_number' = 'IQi.001' AND n.name_type = 'original_script'),
          'صدام حسين التكريتي', 'UN IQi.001: original-script name');
SELECT ok((SELECT count(*) FROM screen.current_birth_date d JOIN screen.current_entity e USING (entity_id)
            WHERE e.extra ->> 'reference_number' = 'CDi.001' AND d.raw = '1971' AND d.date_precision = 'year') = 1, 'UN CDi.001: born 1971 (year precision)');
SELECT ok(EXISTS (SELECT 1 FROM screen.current_name WHERE source = 'UN' AND name ~ '\uFFFD'),
          'UN TAi.068: the U+FFFD of the published file is kept (a WARNING, not an error)');
SELECT is((SELECT count(*)::int FROM screen.list_version WHERE source = 'UN' AND entity_count = :un_ind + :un_ent), 1, 'UN version entity_count');

SELECT is((SELECT count(*)::int FROM screen.current_entity WHERE source = 'BIS-DPL'), :dpl_parties, 'BIS parties (distinct names): ' || :dpl_parties);
SELECT is((SELECT count(*)::int FROM screen.current_address WHERE source = 'BIS-DPL'), :dpl_rows, 'BIS addresses (distinct name+address rows)');
SELECT is((SELECT count(*)::int FROM screen.current_address WHERE list_id = 'IHSAN MEDHAT "SAMMY" ELASHI'), 2, 'BIS: doubled quotes, two addresses');

SELECT is((SELECT count(*)::int FROM screen.current_entity WHERE source = 'OFAC-CONS'), :cons_n, 'OFAC consolidated entries: ' || :cons_n);
SELECT is((SELECT count(*)::int FROM screen.current_name WHERE source = 'OFAC-CONS' AND quality = 'strong'), :cons_alt, 'OFAC consolidated aliases');
SELECT is((SELECT files FROM screen.list_version WHERE version_id = (SELECT cons FROM v)),
          ARRAY['cons_prim.csv', 'cons_add.csv', 'cons_alt.csv', 'cons_comments.csv'], 'OFAC consolidated file names');
SELECT is((SELECT count(*)::int FROM screen.current_birth_date WHERE source = 'OFAC-CONS' AND list_id = '9639'), 1, 'OFAC consolidated 9639: DOB parsed');
\else
SELECT plan(1);
SELECT skip('../shared/data not present: real-data tests skipped', 1);
\endif
SELECT * FROM finish();
ROLLBACK;
