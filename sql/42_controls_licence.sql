-- licence determination on the built-in snapshot; each case checked against
-- 15 CFR 738 Supp. 1 (Country Chart), 740 Supp. 1 (Country Groups) and the
-- ECCN's License Requirements in 774 Supp. 1 (see doc/controls.md)
SET search_path = screen, public;
\pset null '(null)'

-- 5A002 to Germany: NS1 (Germany has an X in NS 1) and EI (742.15: all
-- destinations except Canada); RS rows are on .z paragraphs only, so a bare
-- 5A002 is less specific than their scope
SELECT jurisdiction, reason, rule, outcome FROM screen.licence_requirements('5A002', 'DE');
-- 5A002 to China: same columns; China also has an X in NS 1
SELECT jurisdiction, reason, rule, outcome FROM screen.licence_requirements('5A002', 'CN');
-- 5A002 to Canada: NS 1 has no X for Canada and EI excludes Canada
SELECT jurisdiction, reason, rule, outcome FROM screen.licence_requirements('5A002.a', 'CA');
-- 3A090.a: "to or within any destination worldwide"
SELECT d, reason, outcome FROM unnest(ARRAY['DE', 'CA', 'JP', 'GB', 'BR']) d,
       screen.licence_requirements('3A090.a', d) WHERE reason = 'RS';
-- 3A090.c: "Macau or D:5"
SELECT d, outcome FROM unnest(ARRAY['MO', 'CN', 'HK', 'VE', 'DE', 'IN']) d,
       screen.licence_requirements('3A090.c', d) WHERE reason = 'RS';
-- 3A090.b: UAE or D:1, D:4, D:5, excluding A:5 or A:6 (Israel is D:4 and A:6)
SELECT d, outcome FROM unnest(ARRAY['CN', 'SA', 'IL', 'DE', 'AE']) d,
       screen.licence_requirements('3A090.b', d) WHERE reason = 'RS';
-- 3A001.b.2 vs 3A001 to China: NS 2 covers the whole entry (China has an X);
-- the NS 1 / RS 1 rows are on b.2/b.3 with an end-use condition
SELECT reason, rule, outcome FROM screen.licence_requirements('3A001.b.2', 'CN');
SELECT reason, rule, outcome FROM screen.licence_requirements('3A001', 'CN');
-- and to Germany: only the conditional NS 1 row could apply -> indeterminate
SELECT reason, rule, outcome FROM screen.licence_requirements('3A001', 'DE');
SELECT reason, rule, outcome FROM screen.licence_requirements('3A001.a.2', 'DE');
-- any ECCN to Iran, North Korea, Syria, Cuba: embargo, never "no licence"
SELECT d, count(*) AS rows, bool_and(outcome = 'embargo') AS all_embargo
  FROM unnest(ARRAY['IR', 'KP', 'SY', 'CU']) d,
       screen.control_entry e,
       screen.licence_requirements(e.code, d) l
 WHERE screen.jurisdiction(e.code) = 'US'
 GROUP BY d ORDER BY d;
-- EAR99: no Country Chart requirement, but sanctions and end-user checks apply
SELECT d, reason, rule, outcome, basis FROM unnest(ARRAY['DE', 'CN', 'IR', 'RU']) d,
       screen.licence_requirements('EAR99', d);
-- Russia and Belarus: 746.8(a)(1) applies to every CCL item (chart footnote 6)
SELECT reason, outcome FROM screen.licence_requirements('5A992.c', 'RU');
-- 9A515.y: "China, Russia or Venezuela"
SELECT d, reason, outcome FROM unnest(ARRAY['CN', 'VE', 'FR']) d,
       screen.licence_requirements('9A515.y', d) WHERE reason = 'RS';
-- 0A501 to Australia: the grid is empty but footnote 10 names 0A501
SELECT reason, outcome FROM screen.licence_requirements('0A501.a', 'AU');
-- 0A501.y is excluded from NS/RS/FC rows
SELECT reason, outcome FROM screen.licence_requirements('0A501.y', 'BR');
-- Hong Kong is governed by the China row; Liechtenstein by Switzerland
SELECT d, reason, rule, outcome FROM unnest(ARRAY['HK', 'LI']) d,
       screen.licence_requirements('3A001.a.2', d) WHERE reason = 'NS';
-- candidate licence exceptions: GBS only to Country Group B (India is in B,
-- China is not); none for embargoed destinations
SELECT d, outcome, ARRAY(SELECT split_part(x, ':', 1) FROM unnest(exceptions) x) AS symbols
  FROM unnest(ARRAY['CN', 'IN', 'IR']) d,
       screen.licence_requirements('3A001.b.2', d) WHERE reason = 'NS';
-- the list versions used and the row-level detail
SELECT list_versions ? 'us_ccl' AS has_versions, jsonb_array_length(detail) AS rows_considered
  FROM screen.licence_requirements('3A001.b.2', 'CN') WHERE reason = 'NS';
-- an ECCN that is not in the loaded CCL
SELECT reason, outcome, basis FROM screen.licence_requirements('1A001', 'DE');

-- EU: Annex I items need an authorisation out of the Union; GEAs as candidates
SELECT jurisdiction, reason, outcome, exceptions FROM screen.licence_requirements('EU:5A002.a.2', 'BR');
SELECT jurisdiction, outcome, exceptions FROM screen.licence_requirements('EU:3A001.a.3', 'AR');
SELECT jurisdiction, outcome, exceptions FROM screen.licence_requirements('EU:1C350', 'US');
SELECT jurisdiction, outcome, exceptions FROM screen.licence_requirements('EU:5A002.a.2', 'CN');
SELECT jurisdiction, outcome FROM screen.licence_requirements('EU:3A001', 'FR');
SELECT jurisdiction, outcome FROM screen.licence_requirements('EU:3A001', 'RU');
-- jurisdictions without list data
SELECT jurisdiction, outcome, basis FROM screen.licence_requirements('WA:ML8.a', 'DE');
SELECT jurisdiction, outcome FROM screen.licence_requirements('UK:PL5001', 'DE');

-- chart consistency on the snapshot: every row whose rule is a Country Chart
-- column, with a code inside its scope and no condition, gives "licence
-- required" exactly when the destination's cell has an X ("embargo" on the
-- embargoed rows)
WITH checks AS (
    SELECT r.eccn, r.seq, c.iso2, r.rule_column,
           d->>'outcome' AS got,
           CASE WHEN c.embargo IS NOT NULL THEN 'embargo'
                WHEN r.rule_column = ANY (c.marks) THEN 'licence required'
                ELSE 'no licence for this reason' END AS want
      FROM screen.ccl_requirement r
      JOIN screen.country_chart c ON c.version_id = screen.control_current_version('us_country_chart')
      CROSS JOIN LATERAL screen.licence_requirements(r.scope_include[1], c.iso2) l
      CROSS JOIN LATERAL jsonb_array_elements(l.detail) d
     WHERE r.version_id = screen.control_current_version('us_ccl')
       AND r.rule_kind = 'column' AND NOT r.conditional AND cardinality(r.scope_exclude) = 0
       AND (d->>'seq')::int = r.seq
)
SELECT count(*) AS checked, count(*) FILTER (WHERE got IS DISTINCT FROM want) AS mismatches,
       count(*) FILTER (WHERE want = 'licence required') AS x_cells
  FROM checks;

-- bad input
SELECT * FROM screen.licence_requirements('3A001', 'Narnia');
SELECT * FROM screen.licence_requirements('3A001', '');
SELECT * FROM screen.licence_requirements('ZZ:3A001', 'DE');
SELECT count(*) FROM screen.licence_requirements(NULL, 'DE');

-- one verdict per order line
SELECT c, d, v.outcome, v.reasons
  FROM (VALUES ('5A002.a', 'DE'), ('5A002.a', 'CA'), ('3A001', 'DE'), ('3A090.a', 'JP'),
               ('EAR99', 'DE'), ('EAR99', 'CU'), ('EU:5A002.a.2', 'FR')) o(c, d),
       screen.licence_verdict(c::screen.controlcode, d) v;
