-- The in-memory matcher of screen_party against the real lists: it finds all
-- that `parsed % query` finds through the GIN index, for the evaluation names
-- at two thresholds, and nothing a sequential scan does not (name-only
-- screening: the entity score is the best name's).
\set ON_ERROR_STOP 1
\set have_data `[ -n "$PG_SCREEN_DATA" ] && [ -d "$PG_SCREEN_DATA/lists/un_consolidated_2026-02-27" ] && [ -d "$PG_SCREEN_DATA/eval" ] && echo 1 || echo 0`
BEGIN;
\if :have_data
\ir real_other_lists.psql
SELECT plan(6);
SET client_min_messages = error;   -- the UN file's one U+FFFD warning
CREATE TEMP TABLE v AS SELECT screen.load_un(:'un') AS un, screen.load_bis_dpl(:'dpl', published => '2021-07-07') AS dpl,
    screen.load_ofac(:'cprim', :'cadd', :'calt', :'ccom', source => 'OFAC-CONS', published => '2025-12-19') AS cons;
RESET client_min_messages;
CREATE TEMP TABLE probe (q text);
\copy probe FROM program 'for f in un_positives_dev negatives_global_dev; do cut -d, -f1 "$PG_SCREEN_DATA/eval/$f.csv" | tail -n +2 | grep -v "^\"" | head -300; done'

CREATE FUNCTION pg_temp.mem(th real) RETURNS TABLE (q text, entity_id bigint) LANGUAGE sql AS $$
    SELECT p.q, h.entity_id FROM probe p, screen.screen_party(p.q, threshold => th, max_hits => 1000) h $$;
-- list names by `%`, one probe at a time (a constant query value: the planner
-- takes the GIN index when sequential scans are off, a sequential scan when
-- index scans are off), reduced to entity hits as screen_party scores them
CREATE TEMP TABLE cand (q text, entity_id bigint, name_id bigint, name_type text, quality text, ns real);
CREATE FUNCTION pg_temp.by_sql(th real) RETURNS TABLE (q text, entity_id bigint) LANGUAGE plpgsql AS $$
DECLARE p text;
BEGIN
    TRUNCATE cand;
    FOR p IN SELECT probe.q FROM probe LOOP
        EXECUTE format('INSERT INTO cand SELECT %L, n.entity_id, n.name_id, n.name_type, n.quality,
                               screen.name_score(n.parsed, screen.to_name(%L))
                          FROM screen.entity_name n
                         WHERE n.parsed OPERATOR(screen.%%) screen.name_with_threshold(screen.to_name(%L), %s)',
                       p, p, p, th);
    END LOOP;
    RETURN QUERY
    SELECT x.q, x.entity_id FROM (
      SELECT DISTINCT ON (c.q, c.entity_id) c.q, c.entity_id,
             c.ns * CASE WHEN c.name_type = 'weak' THEN 0.9::real WHEN c.quality IN ('low', 'weak') THEN 0.95::real ELSE 1 END AS score
        FROM cand c JOIN screen.entity e USING (entity_id)
       WHERE e.valid_to IS NULL
       ORDER BY c.q, c.entity_id, c.ns * CASE WHEN c.name_type = 'weak' THEN 0.9::real ELSE 1 END DESC, c.name_id) x
     WHERE x.score >= th;
END $$;

SET enable_seqscan = off;
CREATE TEMP TABLE gin80 AS SELECT * FROM pg_temp.by_sql(0.8);
CREATE TEMP TABLE gin70 AS SELECT * FROM pg_temp.by_sql(0.7);
RESET enable_seqscan;
SET enable_indexscan = off; SET enable_bitmapscan = off;
CREATE TEMP TABLE seq80 AS SELECT * FROM pg_temp.by_sql(0.8);
RESET enable_indexscan; RESET enable_bitmapscan;
SELECT ok((SELECT count(*) FROM gin80) > 100, 'the evaluation names have hits at 0.8');
SELECT set_has('SELECT * FROM pg_temp.mem(0.8)', 'SELECT * FROM gin80', 'the matcher finds all the GIN index finds at 0.8');
SELECT set_has('SELECT * FROM pg_temp.mem(0.7)', 'SELECT * FROM gin70', 'the matcher finds all the GIN index finds at 0.7');
SELECT set_has('SELECT * FROM seq80', 'SELECT * FROM pg_temp.mem(0.8)', 'the matcher finds nothing a sequential scan does not at 0.8');
-- what a sequential scan finds and the keys miss (doc/screening.md: index recall)
SELECT cmp_ok((SELECT count(*) FROM (SELECT * FROM pg_temp.mem(0.8) INTERSECT SELECT * FROM seq80) x)::numeric
              / (SELECT count(*) FROM seq80), '>=', 0.995, 'matcher recall against a sequential scan at 0.8 >= 99.5%');
-- as of today: the view of the lists in force today is the current one
SELECT set_eq($$SELECT p.q, h.entity_id, h.score FROM probe p, screen.screen_party(p.q, as_of => current_date) h$$,
              $$SELECT p.q, h.entity_id, h.score FROM probe p, screen.screen_party(p.q) h$$,
              'as of today = current');
\else
SELECT plan(1);
SELECT skip('../shared/data not present: real-data tests skipped', 1);
\endif
SELECT * FROM finish();
ROLLBACK;
