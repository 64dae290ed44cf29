-- Benchmark: screen.name_score throughput, side by side with pg_trgm similarity
-- on the same pairs in the same run.  Input: table bench_names(name text) filled
-- by test/bench/names.sh; :npairs pairs are drawn from it.
\set ON_ERROR_STOP 1
\pset footer off
SET max_parallel_workers_per_gather = 0;   -- per-core figures
SET jit = off;

CREATE TEMP TABLE bench_n AS SELECT name, (row_number() OVER ()) - 1 AS i FROM bench_names;
CREATE TEMP TABLE bench_pairs AS
SELECT a.name AS a, b.name AS b
  FROM generate_series(0::bigint, :npairs - 1) AS g(k)
  JOIN bench_n a ON a.i = g.k % (SELECT count(*) FROM bench_n)
  JOIN bench_n b ON b.i = (g.k * 7919 + g.k / (SELECT count(*) FROM bench_n)) % (SELECT count(*) FROM bench_n);
ALTER TABLE bench_pairs ADD COLUMN an screen.name, ADD COLUMN bn screen.name;
UPDATE bench_pairs SET an = screen.to_name(a), bn = screen.to_name(b);
VACUUM ANALYZE bench_pairs;

CREATE FUNCTION pg_temp.timed(q text, OUT seconds float8) LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; r record;
BEGIN
    EXECUTE q INTO r;                       -- warm up (caches, knowledge tables)
    t0 := clock_timestamp();
    EXECUTE q INTO r;
    seconds := extract(epoch FROM clock_timestamp() - t0);
END $$;

CREATE TEMP TABLE results AS
SELECT 'scan only (executor overhead)' AS what,
       pg_temp.timed('SELECT count(*) FROM bench_pairs WHERE an IS NOT NULL AND bn IS NOT NULL') AS seconds
UNION ALL
SELECT 'screen.name_score(name, name), pre-parsed',
       pg_temp.timed('SELECT count(*) FROM bench_pairs WHERE screen.name_score(an, bn) > 2')
UNION ALL
SELECT 'pg_trgm similarity(text, text)',
       pg_temp.timed('SELECT count(*) FROM bench_pairs WHERE similarity(a, b) > 2')
UNION ALL
SELECT 'screen.name_score(text, text), parsed on the fly',
       pg_temp.timed('SELECT count(*) FROM (SELECT * FROM bench_pairs LIMIT ' || (:npairs / 10) || ') s WHERE screen.name_score(a, b) > 2') * 10;

SELECT what, :npairs AS pairs, round(seconds::numeric, 3) AS seconds,
       round(:npairs / seconds) AS pairs_per_second
  FROM results;

SELECT round(((SELECT seconds FROM results WHERE what LIKE 'pg_trgm%') /
              (SELECT seconds FROM results WHERE what LIKE '%pre-parsed'))::numeric, 2)
         AS "speed ratio: pre-parsed name_score vs pg_trgm similarity",
       round((:npairs / ((SELECT seconds FROM results WHERE what LIKE '%pre-parsed') -
                         (SELECT seconds FROM results WHERE what LIKE 'scan only%')))::numeric)
         AS "name_score pairs/s net of scan overhead";
