-- Controls on the real files in ../shared/data/export (skipped without them):
-- loader counts against the files, list versions, the built-in snapshot
-- against the official data, and the Country Chart consistency check over
-- every ECCN and every destination.
\set have_data `[ -n "$PG_SCREEN_DATA" ] && [ -d "$PG_SCREEN_DATA/export" ] && echo 1 || echo 0`
\if :have_data
\set ccl `cat "$PG_SCREEN_DATA/export/us_ear/ccl.json"`
\set chart `cat "$PG_SCREEN_DATA/export/us_ear/country-chart.json"`
\set groups `cat "$PG_SCREEN_DATA/export/us_ear/country-groups.json"`
\set lex `cat "$PG_SCREEN_DATA/export/us_ear/license-exception-catalog.json"`
\set annex `cat "$PG_SCREEN_DATA/export/eu_dualuse/annex.json"`
\set chpl `cat "$PG_SCREEN_DATA/export/chpl/chpl_hs6.csv"`
BEGIN;
SELECT plan(24);
SET LOCAL search_path = screen, public;

CREATE TEMP TABLE snap AS
SELECT list, id FROM screen.control_list_version WHERE snapshot;
CREATE TEMP TABLE v AS
SELECT 'us_country_groups' AS list, screen.load_country_groups(:'groups') AS id
UNION ALL SELECT 'us_country_chart', screen.load_country_chart(:'chart')
UNION ALL SELECT 'us_licence_exceptions', screen.load_licence_exceptions(:'lex')
UNION ALL SELECT 'us_ccl', screen.load_ccl(:'ccl')
UNION ALL SELECT 'eu_annex_i', screen.load_eu_annex(:'annex')
UNION ALL SELECT 'chpl', screen.load_chpl(:'chpl');

-- counts against the files
SELECT is((SELECT count(*)::int FROM screen.control_entry WHERE version_id = (SELECT id FROM v WHERE list = 'us_ccl')),
          (SELECT jsonb_array_length(:'ccl'::jsonb->'entries')), 'CCL: one entry per ECCN in ccl.json');
SELECT is((SELECT count(*)::int FROM screen.control_entry WHERE version_id = (SELECT id FROM v WHERE list = 'us_ccl')),
          633, 'CCL: 633 ECCNs (eCFR 2026-07-23)');
SELECT is((SELECT count(*)::int FROM screen.ccl_requirement WHERE version_id = (SELECT id FROM v WHERE list = 'us_ccl')),
          (SELECT sum(jsonb_array_length(e->'countryChart'))::int FROM jsonb_array_elements(:'ccl'::jsonb->'entries') e),
          'CCL: one requirement row per countryChart row');
SELECT is((SELECT count(*)::int FROM screen.ccl_licence_exception WHERE version_id = (SELECT id FROM v WHERE list = 'us_ccl')),
          (SELECT count(*)::int FROM jsonb_array_elements(:'ccl'::jsonb->'entries') e, jsonb_object_keys(e->'licenceExceptionFlags')),
          'CCL: one licence exception row per flag');
SELECT is((SELECT count(*)::int FROM screen.country_chart WHERE version_id = (SELECT id FROM v WHERE list = 'us_country_chart') AND inherits IS NULL),
          196 + 4 - 1, 'Country Chart: 196 graded rows + 4 embargoed (Liechtenstein refers to Switzerland)');
SELECT is((SELECT count(*)::int FROM screen.country_chart WHERE version_id = (SELECT id FROM v WHERE list = 'us_country_chart') AND embargo IS NOT NULL),
          4, 'Country Chart: Cuba, Iran, North Korea, Syria point to Part 746');
SELECT is((SELECT sum(cardinality(marks))::int FROM screen.country_chart
            WHERE version_id = (SELECT id FROM v WHERE list = 'us_country_chart') AND chart_name <> lower(chart_name)),
          (SELECT sum(jsonb_array_length(c->'marks'))::int FROM jsonb_each(:'chart'::jsonb->'countries') x(k, c)),
          'Country Chart: every X mark loaded');
SELECT is((SELECT count(*)::int FROM screen.country_group_member WHERE version_id = (SELECT id FROM v WHERE list = 'us_country_groups')),
          (SELECT count(DISTINCT (g.key, n))::int FROM jsonb_each(:'groups'::jsonb->'groups') g, jsonb_array_elements_text(g.value) n),
          'Country Groups: every membership loaded');
SELECT is((SELECT count(DISTINCT grp)::int FROM screen.country_group_member WHERE version_id = (SELECT id FROM v WHERE list = 'us_country_groups')),
          14, 'Country Groups: A:1 .. E:2');
SELECT is((SELECT count(*)::int FROM screen.licence_exception WHERE version_id = (SELECT id FROM v WHERE list = 'us_licence_exceptions')),
          (SELECT count(DISTINCT s)::int FROM jsonb_array_elements(:'lex'::jsonb->'exceptions') e, jsonb_array_elements_text(e->'symbols') s),
          'Part 740: one row per exception symbol');
SELECT is((SELECT count(*)::int FROM screen.control_entry WHERE version_id = (SELECT id FROM v WHERE list = 'eu_annex_i')),
          384, 'EU Annex I: 384 entries');
SELECT is((SELECT array_agg(id ORDER BY id) FROM screen.eu_gea WHERE version_id = (SELECT id FROM v WHERE list = 'eu_annex_i')),
          ARRAY['EU001', 'EU002', 'EU003', 'EU004', 'EU005', 'EU006', 'EU007', 'EU008'], 'EU GEAs EU001..EU008');
SELECT ok((SELECT dest_all AND 'CN' = ANY (destinations_excluded) AND 'US' = ANY (destinations_excluded)
             FROM screen.eu_gea WHERE id = 'EU008' AND version_id = (SELECT id FROM v WHERE list = 'eu_annex_i')),
          'EU008 is an exclusion list (all destinations except EU001''s and those listed)');
SELECT is((SELECT count(*)::int FROM screen.chpl_hs WHERE version_id = (SELECT id FROM v WHERE list = 'chpl')),
          50, 'CHPL: 50 HS-6 codes');

-- list versions: source, issue date, SHA-256 of the file contents
SELECT is((SELECT sha256 FROM screen.control_list_version WHERE id = (SELECT id FROM v WHERE list = 'us_ccl')),
          encode(sha256(convert_to(:'ccl', 'UTF8')), 'hex'), 'CCL version records the SHA-256 of the file');
SELECT is((SELECT issue_date FROM screen.control_list_version WHERE id = (SELECT id FROM v WHERE list = 'us_country_chart')),
          DATE '2026-07-23', 'Country Chart version records the eCFR issue date');
SELECT is((SELECT list FROM screen.control_list_version ORDER BY id DESC LIMIT 1), 'chpl', 'newest load is the current version');

-- the built-in snapshot agrees with the official files
SELECT is((SELECT count(*)::int FROM screen.country_chart a
             FULL JOIN (SELECT * FROM screen.country_chart WHERE version_id = (SELECT id FROM snap WHERE list = 'us_country_chart')) b USING (iso2)
            WHERE a.version_id = (SELECT id FROM v WHERE list = 'us_country_chart')
              AND (a.marks IS DISTINCT FROM b.marks OR a.embargo IS DISTINCT FROM b.embargo OR a.footnotes IS DISTINCT FROM b.footnotes)),
          0, 'snapshot Country Chart equals the official chart');
SELECT is((SELECT count(*)::int FROM
            ((SELECT grp, iso2 FROM screen.country_group_member WHERE version_id = (SELECT id FROM v WHERE list = 'us_country_groups')
              EXCEPT SELECT grp, iso2 FROM screen.country_group_member WHERE version_id = (SELECT id FROM snap WHERE list = 'us_country_groups'))
             UNION ALL
             (SELECT grp, iso2 FROM screen.country_group_member WHERE version_id = (SELECT id FROM snap WHERE list = 'us_country_groups')
              EXCEPT SELECT grp, iso2 FROM screen.country_group_member WHERE version_id = (SELECT id FROM v WHERE list = 'us_country_groups'))) d),
          0, 'snapshot Country Groups equal the official groups');
SELECT is((SELECT count(*)::int FROM screen.ccl_requirement s
             LEFT JOIN screen.ccl_requirement f ON f.version_id = (SELECT id FROM v WHERE list = 'us_ccl')
                   AND f.eccn = s.eccn AND f.seq = s.seq
            WHERE s.version_id = (SELECT id FROM snap WHERE list = 'us_ccl')
              AND (f.control_text IS DISTINCT FROM s.control_text OR f.rule_column IS DISTINCT FROM s.rule_column
                   OR f.scope_include IS DISTINCT FROM s.scope_include)),
          0, 'snapshot CCL requirement rows equal the official ones for the core ECCNs');

-- named determinations on the full CCL
SELECT is((SELECT string_agg(d || '=' || outcome, ', ' ORDER BY d)
             FROM unnest(ARRAY['CN', 'IN']) d, screen.licence_requirements('1C350.b', d) WHERE reason = 'CB'),
          'CN=licence required, IN=no licence for this reason',
          '1C350 (CB 2): China has an X in CB 2, India only in CB 1');
SELECT is((SELECT string_agg(reason || '=' || outcome, ', ' ORDER BY reason) FROM screen.licence_requirements('5A002.a', 'DE')),
          'AT=no licence for this reason, EI=licence required, NS=licence required, RS=no licence for this reason',
          '5A002.a to Germany: NS 1 and EI');
SELECT is((SELECT count(*)::int FROM screen.control_entry e, screen.licence_requirements(e.code, 'IR') l
            WHERE e.version_id = (SELECT id FROM v WHERE list = 'us_ccl') AND l.outcome <> 'embargo'),
          0, 'every ECCN to Iran: embargo on every row');

-- Country Chart consistency: for every ECCN and every destination, every
-- requirement row whose rule is a chart column (code inside its scope, no
-- condition) is "licence required" exactly where the chart cell has an X
SELECT is((WITH codes AS (
               SELECT DISTINCT r.scope_include[1] AS code
                 FROM screen.ccl_requirement r
                WHERE r.version_id = (SELECT id FROM v WHERE list = 'us_ccl') AND r.rule_kind = 'column'
                  AND NOT r.conditional AND cardinality(r.scope_exclude) = 0
           ), dets AS (
               SELECT c.code, ch.iso2, ch.marks, ch.embargo, d
                 FROM codes c
                 CROSS JOIN screen.country_chart ch
                 CROSS JOIN LATERAL screen.licence_requirements(c.code, ch.iso2) l
                 CROSS JOIN LATERAL jsonb_array_elements(l.detail) d
                WHERE ch.version_id = (SELECT id FROM v WHERE list = 'us_country_chart')
           )
           SELECT count(*)::int FROM dets
             JOIN screen.ccl_requirement r ON r.version_id = (SELECT id FROM v WHERE list = 'us_ccl')
                  AND r.eccn = screen.entry(dets.code) AND r.seq = (dets.d->>'seq')::int
            WHERE r.rule_kind = 'column' AND NOT r.conditional AND cardinality(r.scope_exclude) = 0
              AND r.scope_include[1] = dets.code
              AND dets.d->>'outcome' IS DISTINCT FROM
                  CASE WHEN dets.embargo IS NOT NULL THEN 'embargo'
                       WHEN r.rule_column = ANY (dets.marks) THEN 'licence required'
                       ELSE 'no licence for this reason' END),
          0, 'Country Chart consistency over all ECCNs x all destinations');

SELECT * FROM finish();
ROLLBACK;
\else
SELECT plan(1);
SELECT skip('../shared/data not present: real-data controls tests skipped', 1);
\endif
