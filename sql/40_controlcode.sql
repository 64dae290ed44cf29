-- screen.controlcode: grammar, canonical form, ordering, containment, index
SET search_path = screen, public;

-- valid codes of each regime, normalized to the canonical form
SELECT input, input::screen.controlcode AS canonical
  FROM (VALUES ('3A001'), ('3a001.A.1.B.'), (' us : 3A001 . a . 10 '), ('5A992.c'),
               ('0A521'), ('1C521.a'), ('9A515.x'), ('0A606.x'), ('3A090.a'), ('EAR99'),
               ('ear99'), ('EU:1C010.b'), ('EU:1C350.1'), ('eu:3B503'), ('EU:ML22'),
               ('WA:ML8.a.1'), ('wa: ml 08 .a'), ('UK:PL5001'), ('uk:pl9002.'), ('UK:ML1.a'),
               ('UK:6A003.b.4.b'), ('WA:3A001.a.1.a..'), ('US:3A001.*')) v(input);

-- the default jurisdiction
SHOW pg_screen.default_jurisdiction;
SET pg_screen.default_jurisdiction = 'EU';
SELECT '1C350.1'::screen.controlcode, 'ML8.a'::screen.controlcode;
SET pg_screen.default_jurisdiction = 'uk';
SELECT 'PL5001'::screen.controlcode;
SET pg_screen.default_jurisdiction = 'XX';
RESET pg_screen.default_jurisdiction;

-- invalid codes: the error names the position and what was expected
\set VERBOSITY default
SELECT '3A001x'::screen.controlcode;
SELECT '3F001'::screen.controlcode;
SELECT '0Y521'::screen.controlcode;
SELECT '3A01'::screen.controlcode;
SELECT '3A0011'::screen.controlcode;
SELECT '3A001..a'::screen.controlcode;
SELECT '3A001.ab'::screen.controlcode;
SELECT '3A001.1a'::screen.controlcode;
SELECT '3A001.a-1'::screen.controlcode;
SELECT '3A001.*.a'::screen.controlcode;
SELECT '3A001.a.1.a.1.a.1.a.1.a.1.a.1'::screen.controlcode;  -- 12 levels: the maximum
SELECT '3A001.a.1.a.1.a.1.a.1.a.1.a.1.a'::screen.controlcode;
SELECT 'EAR99.a'::screen.controlcode;
SELECT 'EU:EAR99'::screen.controlcode;
SELECT 'ML8'::screen.controlcode;
SELECT 'WA:ML23'::screen.controlcode;
SELECT 'WA:ML0'::screen.controlcode;
SELECT 'EU:PL5001'::screen.controlcode;
SELECT 'UK:PL501'::screen.controlcode;
SELECT 'XX:3A001'::screen.controlcode;
SELECT ''::screen.controlcode;
SELECT 'hello'::screen.controlcode;

-- ordering: natural paragraph numbers, parent before children, jurisdictions apart
SELECT c FROM unnest('{US:3A001.a.10,US:3A001.a.9,US:3A001,US:3A001.b,US:3A002,US:EAR99,
                       EU:3A001,US:3A001.a,US:1C350.1,US:1C350.a,WA:ML10,WA:ML9.a,WA:ML9,
                       UK:PL5001,UK:ML1,UK:1A001,US:0A501.y}'::screen.controlcode[]) c
 ORDER BY c;
SELECT 'US:3A001'::screen.controlcode = 'EU:3A001' AS us_eq_eu,
       '3A001.A.'::screen.controlcode = 'US:3A001.a' AS normalized_eq,
       screen.controlcode_hash('3a001.a') = screen.controlcode_hash('US:3A001.a') AS hash_eq;

-- containment
SELECT a, b, a @> b AS contains, a <@ b AS contained
  FROM (VALUES ('3A001'::screen.controlcode, '3A001.a.1'::screen.controlcode),
               ('3A001.a.1', '3A001'), ('3A001', '3A001'), ('3A001.a', '3A001.b.1'),
               ('3A001', '3A002.a'), ('EU:3A001', 'US:3A001.a'), ('WA:ML8', 'WA:ML8.a.1'),
               ('US:3A001.a.1', 'US:3A001.a.10')) v(a, b);

-- accessors
SELECT c, screen.jurisdiction(c), screen.category(c), screen.product_group(c),
       screen.number(c), screen.depth(c), screen.parent(c), screen.entry(c), screen.regime_hint(c)
  FROM unnest('{US:3A001.a.1.b,US:1C350.b,US:2B350,US:1A101,US:1C450.a,US:0A606.x,US:9A515.x,
                US:5A992.c,US:EAR99,EU:3B503,WA:ML8.a.1,UK:PL5001}'::screen.controlcode[]) c;
SELECT screen.subpath('3A001.a.1.b', 0), screen.subpath('3A001.a.1.b', 2),
       screen.subpath('3A001.a.1.b', -1), screen.ancestors('3A001.a.1');
SELECT screen.subpath('3A001.a', 2);
SELECT screen.controlcode_upper('3A001.a') AS upper,
       '3A001.z.9'::screen.controlcode < screen.controlcode_upper('3A001') AS below_upper;

-- binary I/O round trip and casts
SELECT screen.controlcode_send('3a001.a.1') AS send_is_canonical_text;
SELECT ('EU:1C350.1'::screen.controlcode)::text, 'wa:ml8'::text::screen.controlcode;

-- index support: both directions, index scan equals sequential scan
CREATE TABLE cc_t (id serial, c screen.controlcode);
INSERT INTO cc_t (c)
SELECT format('%sA%s.%s.%s.%s', cat, lpad(num::text, 3, '0'), chr(96 + p), n, chr(96 + s))::screen.controlcode
  FROM generate_series(0, 9) cat, generate_series(1, 9) num, generate_series(1, 5) p,
       generate_series(1, 12) n, generate_series(1, 3) s;
INSERT INTO cc_t (c) SELECT DISTINCT screen.parent(c) FROM cc_t;
INSERT INTO cc_t (c) SELECT DISTINCT screen.parent(c) FROM cc_t WHERE screen.depth(c) = 2;
INSERT INTO cc_t (c) SELECT DISTINCT screen.entry(c) FROM cc_t;
INSERT INTO cc_t (c) VALUES ('EU:3A003.b.3'), ('EU:3A003');
CREATE INDEX cc_t_c ON cc_t (c);
ANALYZE cc_t;
CREATE TEMP TABLE cc_seq AS
SELECT 'under' AS q, array_agg(id ORDER BY id) ids FROM cc_t WHERE c <@ '3A003'
UNION ALL SELECT 'under_para', array_agg(id ORDER BY id) FROM cc_t WHERE '3A003.b' @> c
UNION ALL SELECT 'scopes', array_agg(id ORDER BY id) FROM cc_t WHERE c @> '3A003.b.3'
UNION ALL SELECT 'scopes_commuted', array_agg(id ORDER BY id) FROM cc_t WHERE 'US:3A003.b.3.a' <@ c
UNION ALL SELECT 'eq', array_agg(id ORDER BY id) FROM cc_t WHERE c = '3A003.b.3';
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM cc_t WHERE c <@ '3A003';
EXPLAIN (COSTS OFF) SELECT id FROM cc_t WHERE c @> '3A003.b.3';
EXPLAIN (COSTS OFF) SELECT id FROM cc_t WHERE 'US:3A003.b.3.a' <@ c;
SELECT s.q, s.ids = i.ids AS index_equals_seqscan, cardinality(s.ids) AS n
  FROM cc_seq s
  JOIN (SELECT 'under' AS q, array_agg(id ORDER BY id) ids FROM cc_t WHERE c <@ '3A003'
        UNION ALL SELECT 'under_para', array_agg(id ORDER BY id) FROM cc_t WHERE '3A003.b' @> c
        UNION ALL SELECT 'scopes', array_agg(id ORDER BY id) FROM cc_t WHERE c @> '3A003.b.3'
        UNION ALL SELECT 'scopes_commuted', array_agg(id ORDER BY id) FROM cc_t WHERE 'US:3A003.b.3.a' <@ c
        UNION ALL SELECT 'eq', array_agg(id ORDER BY id) FROM cc_t WHERE c = '3A003.b.3') i USING (q)
 ORDER BY q;
-- non-constant probe (nested loop with the index on the inner side)
CREATE TEMP TABLE cc_probe (p screen.controlcode);
INSERT INTO cc_probe VALUES ('3A003.b.3'), ('3A004');
EXPLAIN (COSTS OFF) SELECT count(*) FROM cc_probe, cc_t WHERE cc_t.c <@ cc_probe.p;
SELECT p, count(*) FROM cc_probe, cc_t WHERE cc_t.c <@ cc_probe.p GROUP BY p ORDER BY p;
RESET enable_seqscan;
SET enable_indexscan = off; SET enable_bitmapscan = off;
SELECT p, count(*) FROM cc_probe, cc_t WHERE cc_t.c <@ cc_probe.p GROUP BY p ORDER BY p;
RESET enable_indexscan; RESET enable_bitmapscan;
-- hash index and hash joins
CREATE INDEX cc_t_h ON cc_t USING hash (c);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM cc_t WHERE c = 'US:3A003.b.3';
RESET enable_seqscan;
SELECT count(*) FROM cc_t a JOIN cc_t b USING (c);
DROP TABLE cc_t;

-- selectivity estimates follow the data (range / ancestors), not a constant
CREATE TABLE cc_est (c screen.controlcode);
INSERT INTO cc_est
SELECT format('%sA%s.%s.%s', CASE WHEN g <= 9000 THEN 3 ELSE 5 END, lpad((g % 10)::text, 3, '0'),
              chr(97 + g % 4), g % 25)::screen.controlcode
  FROM generate_series(1, 10000) g;
ANALYZE cc_est;
CREATE FUNCTION pg_temp.est(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE p json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO p;
    RETURN (p->0->'Plan'->>'Plan Rows')::int;
END $$;
CREATE FUNCTION pg_temp.cnt(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
    EXECUTE 'SELECT count(*) FROM (' || q || ') s' INTO n;
    RETURN n;
END $$;
SELECT q, pg_temp.cnt(q) AS actual,
       pg_temp.est(q) BETWEEN pg_temp.cnt(q) / 3 AND pg_temp.cnt(q) * 3 AS estimate_within_3x
  FROM (VALUES ('SELECT * FROM cc_est WHERE c <@ ''3A001'''),
               ('SELECT * FROM cc_est WHERE c <@ ''5A002'''),
               ('SELECT * FROM cc_est WHERE c <@ ''3A002.a'''),
               ('SELECT * FROM cc_est WHERE ''3A003'' @> c'),
               ('SELECT * FROM cc_est WHERE c @> ''3A001.b.1.a''')) v(q);
DROP TABLE cc_est;
