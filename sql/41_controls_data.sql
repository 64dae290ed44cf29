-- controls reference data: the built-in snapshot, the loaders and their errors
SET search_path = screen, public;

-- the snapshot is there out of the box, one version per list
SELECT list, issue_date, entry_count, snapshot, length(sha256) AS sha_len
  FROM screen.control_list_version ORDER BY id;
SELECT (SELECT count(*) FROM screen.country_chart WHERE version_id = screen.control_current_version('us_country_chart')) AS chart_rows,
       (SELECT count(*) FROM screen.country_chart WHERE embargo IS NOT NULL) AS embargoed,
       (SELECT count(DISTINCT grp) FROM screen.country_group_member) AS groups,
       (SELECT count(*) FROM screen.licence_exception) AS exceptions,
       (SELECT count(*) FROM screen.eu_gea) AS geas,
       (SELECT count(*) FROM screen.chpl_hs) AS chpl;
SELECT code, reasons FROM screen.control_entry WHERE screen.jurisdiction(code) = 'US' ORDER BY code;
-- Country Chart keyed by ISO alpha-2, with the inherited rows
SELECT iso2, chart_name, marks, embargo IS NOT NULL AS embargo, footnotes, inherits
  FROM screen.country_chart WHERE iso2 IN ('DE', 'CN', 'HK', 'LI', 'IR', 'KP', 'RU', 'AE', 'MO') ORDER BY iso2;
SELECT grp, array_agg(iso2 ORDER BY iso2) FROM screen.country_group_member
 WHERE grp IN ('D:5', 'E:1', 'E:2', 'A:6') GROUP BY grp ORDER BY grp;
-- parsed requirement rows: scope and rule
SELECT eccn, seq, reason, scope_include, scope_exclude, conditional, rule_kind, rule_column,
       rule_worldwide, rule_countries, rule_groups, rule_exclude_countries, rule_exclude_groups
  FROM screen.ccl_requirement WHERE eccn IN ('3A001', '3A090', '9A515', '5A002') ORDER BY eccn, seq;
SELECT id, items_all, items_excluded = '{}' AS no_exclusions, item_groups, dest_all,
       destinations, destinations_excluded
  FROM screen.eu_gea ORDER BY id;

-- loaders on the project's own fixtures (fictional entries in the real formats)
BEGIN;
\set ccl `cat test/fixtures/controls/ccl_fixture.json`
\set chpl `cat test/fixtures/controls/chpl_fixture.csv`
SELECT screen.load_ccl(:'ccl') > 0 AS ccl_loaded, screen.load_chpl(:'chpl') > 0 AS chpl_loaded;
SELECT list, source, issue_date, entry_count, snapshot,
       sha256 = encode(sha256(convert_to(CASE list WHEN 'us_ccl' THEN :'ccl' ELSE :'chpl' END, 'UTF8')), 'hex') AS sha_matches_file
  FROM screen.control_list_version WHERE NOT snapshot ORDER BY id;
SELECT eccn, seq, reason, scope_include, scope_exclude, conditional, rule_kind, rule_column,
       rule_worldwide, rule_countries, rule_groups
  FROM screen.ccl_requirement WHERE version_id = screen.control_current_version('us_ccl') ORDER BY eccn, seq;
SELECT code, kind, body FROM screen.control_provision
 WHERE version_id = screen.control_current_version('us_ccl') ORDER BY code, seq;
SELECT eccn, symbol, eligibility FROM screen.ccl_licence_exception
 WHERE version_id = screen.control_current_version('us_ccl') ORDER BY 1, 2;
SELECT hs6, tier, description FROM screen.chpl_hs WHERE version_id = screen.control_current_version('chpl');
-- the newest version is the one in use
SELECT reason, rule, outcome FROM screen.licence_requirements('7A999.b.1', 'CN');
SELECT reason, rule, outcome FROM screen.licence_requirements('7A999.c', 'CN');
ROLLBACK;
SELECT count(*) AS versions_after_rollback FROM screen.control_list_version;

-- bad input: each error names the loader, the argument and the place
SELECT screen.load_ccl('not json');
SELECT screen.load_ccl('{"entries": 1, "citation": "x"}');
SELECT screen.load_ccl('{"no_entries": []}');
SELECT screen.load_ccl('{"entries": [{"eccn": "3A01"}]}');
SELECT screen.load_country_groups('{"groups": {"A:1": ["Germany", "Narnia"]}}');
SELECT screen.load_country_chart('{"countries": {"Atlantis": {"marks": ["NS 1"]}}}');
SELECT screen.load_chpl(E'hs6,tier,x\n85423,TIER_1,too short');
SELECT screen.load_chpl('code;tier');
SELECT screen.load_eu_annex('[]');
-- a failed load leaves the previous version in use
SELECT list, count(*) FROM screen.control_list_version GROUP BY list ORDER BY list;

-- destinations: ISO codes, alpha-3 and names all resolve; unknown ones are errors
SELECT d, screen.control_destination(d)
  FROM unnest(ARRAY['de', 'DEU', 'Germany', 'China (PRC)', 'Korea, South', 'Burma', 'Hong Kong', 'UAE', ' macao ']) d;
SELECT screen.control_destination('Narnia');
SELECT screen.control_find_countries('Exports to Guinea, Equatorial Guinea and South Sudan but not Sudan or Niger');

-- pg_dump keeps loaded lists and user rows (config tables of the extension)
SELECT c.relname
  FROM pg_extension e, unnest(e.extconfig) t(oid) JOIN pg_class c ON c.oid = t.oid
 WHERE e.extname = 'pg_screen' AND (c.relname LIKE 'control%' OR c.relname LIKE 'ccl%'
       OR c.relname LIKE 'country%' OR c.relname IN ('licence_exception', 'eu_gea', 'chpl_hs', 'hs_control_hint'))
 ORDER BY 1;
-- licence exceptions limited to paragraphs by their eligibility text
SELECT eccn, symbol, eligible_scope FROM screen.ccl_licence_exception
 WHERE eccn IN ('5A002', '3A090') ORDER BY 1, 2;
