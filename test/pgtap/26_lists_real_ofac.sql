-- OFAC SDN real files (../shared/data/lists): counts, parsed remarks, the 2019 -> 2021 delta
\set ON_ERROR_STOP 1
\set have_data `[ -n "$PG_SCREEN_DATA" ] && [ -d "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07" ] && echo 1 || echo 0`
BEGIN;
\if :have_data
\set d19 `echo "$PG_SCREEN_DATA/lists/ofac_sdn_2019-01-15"`
\set d21 `echo "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07"`
-- OFAC legacy CSV is Latin-1 (these files happen to be pure ASCII): convert on the way in
\set sdn19 `iconv -f latin1 -t utf8 "$PG_SCREEN_DATA/lists/ofac_sdn_2019-01-15/sdn.csv"`
\set add19 `iconv -f latin1 -t utf8 "$PG_SCREEN_DATA/lists/ofac_sdn_2019-01-15/add.csv"`
\set alt19 `iconv -f latin1 -t utf8 "$PG_SCREEN_DATA/lists/ofac_sdn_2019-01-15/alt.csv"`
\set sdn21 `iconv -f latin1 -t utf8 "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/sdn.csv"`
\set add21 `iconv -f latin1 -t utf8 "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/add.csv"`
\set alt21 `iconv -f latin1 -t utf8 "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/alt.csv"`
\set com21 `iconv -f latin1 -t utf8 "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/sdn_comments.csv"`
-- counts in the files, by shell tools
\set n_sdn `grep -ac '^[0-9]' "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/sdn.csv"`
\set n_aka `grep -ac '^[0-9]*,[0-9]*,"aka",' "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/alt.csv"`
\set n_fka `grep -ac '^[0-9]*,[0-9]*,"fka",' "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/alt.csv"`
\set n_nka `grep -ac '^[0-9]*,[0-9]*,"nka",' "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/alt.csv"`
\set n_add `tr -d '\r' < "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/add.csv" | grep -a '^[0-9]' | grep -avc '^[0-9]*,[0-9]*,-0- ,-0- ,-0- ,-0- *$'`
\set n_ind `grep -ac '^[0-9]*,"[^"]*","individual"' "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/sdn.csv"`
\set n_vessel `grep -ac '^[0-9]*,"[^"]*","vessel"' "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/sdn.csv"`
\set n_air `grep -ac '^[0-9]*,"[^"]*","aircraft"' "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/sdn.csv"`
\set n_dob `cat "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/sdn.csv" "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07/sdn_comments.csv" | grep -ao '\(^\|; \|"\)\(alt\. \)\?DOB ' | wc -l`
\set delta_sdn `bash test/fixtures/lists/ofac_delta.sh "$PG_SCREEN_DATA/lists/ofac_sdn_2019-01-15" "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07"`
\set delta_all `bash test/fixtures/lists/ofac_delta.sh --all "$PG_SCREEN_DATA/lists/ofac_sdn_2019-01-15" "$PG_SCREEN_DATA/lists/ofac_sdn_2021-07-07"`
SELECT plan(24);

CREATE TEMP TABLE v AS
SELECT screen.load_ofac(:'sdn19', :'add19', :'alt19', published => '2019-01-15') AS v19,
       screen.load_ofac(:'sdn21', :'add21', :'alt21', :'com21', published => '2021-07-07') AS v21;

SELECT is((SELECT entity_count FROM screen.list_version WHERE version_id = (SELECT v21 FROM v)), :n_sdn, 'entities = records in sdn.csv (' || :n_sdn || ')');
SELECT is((SELECT count(*)::int FROM screen.current_entity WHERE source = 'OFAC-SDN' AND kind = 'person'), :n_ind, 'individuals');
SELECT is((SELECT count(*)::int FROM screen.current_entity WHERE source = 'OFAC-SDN' AND kind = 'vessel'), :n_vessel, 'vessels');
SELECT is((SELECT count(*)::int FROM screen.current_entity WHERE source = 'OFAC-SDN' AND kind = 'aircraft'), :n_air, 'aircraft');
SELECT is((SELECT count(*)::int FROM screen.current_name WHERE source = 'OFAC-SDN' AND name_type = 'aka' AND quality = 'strong'), :n_aka, 'aka aliases = "aka" rows in alt.csv');
SELECT is((SELECT count(*)::int FROM screen.current_name WHERE source = 'OFAC-SDN' AND name_type = 'fka' AND quality = 'strong'), :n_fka, 'fka aliases');
SELECT is((SELECT count(*)::int FROM screen.current_name WHERE source = 'OFAC-SDN' AND name_type = 'nka'), :n_nka, 'nka aliases');
SELECT is((SELECT count(*)::int FROM screen.current_address WHERE source = 'OFAC-SDN'), :n_add, 'addresses = non-empty rows in add.csv');
SELECT is((SELECT count(*)::int FROM screen.current_birth_date WHERE source = 'OFAC-SDN'), :n_dob, 'every DOB in the remarks parsed');

-- spot checks of parsed remarks
SELECT set_eq($$SELECT raw || '/' || date_precision FROM screen.current_birth_date WHERE list_id = '2676'$$,
              ARRAY['19 Jun 1951/day'], 'AL ZAWAHIRI: DOB');
SELECT is((SELECT place FROM screen.current_birth_place WHERE list_id = '2676'), 'Giza, Egypt', 'AL ZAWAHIRI: POB');
SELECT set_eq($$SELECT value || '/' || coalesce(country, '-') FROM screen.current_identifier WHERE list_id = '2676' AND id_type = 'passport'$$,
              ARRAY['1084010/Egypt', '19820215/-'], 'AL ZAWAHIRI: passports');
SELECT set_eq($$SELECT name FROM screen.current_name WHERE list_id = '7148' AND name_type = 'weak'$$,
              ARRAY['AL-JAZIRI, Abu Bakr', 'AL DJAZAIRI, Abou Bakr', 'EL DJAZAIRI, Abou Yasser', 'AL-JAZARI, Yasir', 'AL-JAZIRI, Abou Yasser'],
              'BOULGHITI: the five weak a.k.a. of the remarks');
SELECT is((SELECT role || ':' || country FROM screen.current_country WHERE list_id = '7148'), 'nationality:Algeria', 'BOULGHITI: nationality');
SELECT is((SELECT gender FROM screen.current_entity WHERE list_id = '7148'), 'male', 'BOULGHITI: gender');
SELECT is((SELECT normalized FROM screen.current_identifier WHERE list_id = '28264' AND id_type = 'national_id'), '210302198701102136', 'LI Jiadong: identification number');
SELECT ok((SELECT remarks FROM screen.current_entity WHERE list_id = '28264') LIKE '%Phone Number 8613314257947%', 'LI Jiadong: remarks continued from sdn_comments.csv');
SELECT set_eq($$SELECT id_type || ':' || value FROM screen.current_identifier WHERE list_id = '4243'$$,
              ARRAY['call_sign:P3QG3'], 'SAND SWAN: call sign');
SELECT is((SELECT name FROM screen.current_name WHERE list_id = '4243' AND name_type = 'fka'), 'ANA I', 'SAND SWAN: f.k.a. from the remarks');
SELECT ok(EXISTS (SELECT 1 FROM screen.current_identifier WHERE id_type = 'imo' AND normalized = '9187629'), 'IMO 9187629 found by exact identifier');
SELECT is((SELECT count(*)::int FROM screen.current_entity e WHERE source = 'OFAC-SDN' AND extra ? 'vessel_flag'
             AND NOT EXISTS (SELECT 1 FROM screen.entity_country c WHERE c.entity_id = e.entity_id AND c.role = 'flag'
                              AND c.country = e.extra ->> 'vessel_flag')), 0, 'every Vess_flag is a flag country');

-- the delta 2019-01-15 -> 2021-07-07, against the shell pipeline over the files
SELECT is((SELECT concat_ws(' ', count(*) FILTER (WHERE change = 'added'), count(*) FILTER (WHERE change = 'removed'),
                            count(*) FILTER (WHERE change = 'changed'))
             FROM screen.list_changes('OFAC-SDN', (SELECT v19 FROM v), (SELECT v21 FROM v))),
          :'delta_all', 'added removed changed (all files) = shell pipeline: ' || :'delta_all');
-- sdn.csv alone, loaded as a second list source
INSERT INTO screen.list_source (code, authority, name, format) VALUES ('TEST-SDN-ONLY', 'test', 'sdn.csv only', 'ofac_csv');
INSERT INTO v SELECT screen.load_ofac(:'sdn19', source => 'TEST-SDN-ONLY'), screen.load_ofac(:'sdn21', source => 'TEST-SDN-ONLY');
SELECT is((SELECT concat_ws(' ', added, removed, changed) FROM screen.list_version
            WHERE source = 'TEST-SDN-ONLY' AND status = 'current'),
          :'delta_sdn', 'added removed changed (sdn.csv only) = shell pipeline: ' || :'delta_sdn');
SELECT is((SELECT count(*)::int FROM screen.list_version WHERE source = 'OFAC-SDN'), 2, 'two OFAC versions');
\else
SELECT plan(1);
SELECT skip('../shared/data not present: real-data tests skipped', 1);
\endif
SELECT * FROM finish();
ROLLBACK;
