-- Screening benchmark (run by test/bench/screening.sh after the real lists are loaded).
-- pg_screen and the pg_trgm-with-GIN alternative on the same data, same run.
\set ON_ERROR_STOP 1
\pset footer off
SET jit = off;

\ir parties.sql

CREATE FUNCTION pg_temp.timed(q text, OUT seconds float8) LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE q;
    seconds := extract(epoch FROM clock_timestamp() - t0);
END $$;

-- index build and size --------------------------------------------------------------
DROP INDEX screen.entity_name_parsed;
CREATE TEMP TABLE idx (index text, build_seconds float8, bytes bigint);
INSERT INTO idx SELECT 'pg_screen GIN (screen.name)',
       pg_temp.timed('CREATE INDEX entity_name_parsed ON screen.entity_name USING gin (parsed) WITH (fastupdate = off)'), 0;
UPDATE idx SET bytes = pg_relation_size('screen.entity_name_parsed') WHERE index LIKE 'pg_screen%';
INSERT INTO idx SELECT 'pg_trgm GIN (gin_trgm_ops on lower(name))',
       pg_temp.timed('CREATE INDEX bench_trgm ON screen.entity_name USING gin (lower(name) gin_trgm_ops)'), 0;
UPDATE idx SET bytes = pg_relation_size('screen.bench_trgm') WHERE index LIKE 'pg_trgm%';
ANALYZE screen.entity_name;
SELECT index, (SELECT count(*) FROM screen.entity_name) AS names, round(build_seconds::numeric, 2) AS build_seconds,
       pg_size_pretty(bytes) AS size FROM idx;

-- the in-memory view of the lists that screen_party builds once per session
SELECT names, entities, postings, pg_size_pretty(bytes) AS size, round(build_ms::numeric) AS build_ms
  FROM screen.screening_cache_info();

-- batch: the same sample through both, then every party through pg_screen -----------
SET max_parallel_workers_per_gather = 2;
SET pg_trgm.similarity_threshold = 0.5;
CREATE TABLE sample AS SELECT * FROM bench_parties WHERE id % (SELECT greatest(count(*) / :nsample, 1) FROM bench_parties) = 0;
ANALYZE sample;
CREATE TEMP TABLE runs (what text, parties bigint, seconds float8, hits bigint);
INSERT INTO runs SELECT 'pg_screen screen_table, sample', (SELECT count(*) FROM sample),
       pg_temp.timed($$SELECT screen.screen_table('sample', 'name', 'id', 'public.sample_hits')$$), 0;
UPDATE runs SET hits = (SELECT count(*) FROM sample_hits) WHERE what LIKE '%sample';
-- pg_trgm: candidates only (no scoring, no evidence), through its GIN index
SET parallel_setup_cost = 10;
INSERT INTO runs SELECT 'pg_trgm % with GIN, sample', (SELECT count(*) FROM sample),
       pg_temp.timed($$CREATE TABLE trgm_hits AS SELECT s.id, n.entity_id FROM sample s
                       JOIN screen.entity_name n ON lower(n.name) OPERATOR(public.%) lower(s.name)$$), 0;
UPDATE runs SET hits = (SELECT count(*) FROM trgm_hits) WHERE what LIKE 'pg_trgm%';
RESET parallel_setup_cost;
INSERT INTO runs SELECT 'pg_screen screen_table, all parties', (SELECT count(*) FROM bench_parties),
       pg_temp.timed($$SELECT screen.screen_table('bench_parties', 'name', 'id', 'public.bench_hits')$$), 0;
UPDATE runs SET hits = (SELECT count(*) FROM bench_hits) WHERE what LIKE '%all parties';
SELECT what, parties, round(seconds::numeric, 2) AS seconds, round((parties / seconds)::numeric) AS parties_per_s, hits
  FROM runs;
SELECT round(((SELECT parties / seconds FROM runs WHERE what = 'pg_screen screen_table, sample') /
              (SELECT parties / seconds FROM runs WHERE what LIKE 'pg_trgm%'))::numeric, 1)
       AS "pg_screen / pg_trgm (same sample, parties per second)",
       round(((SELECT parties / seconds FROM runs WHERE what LIKE '%all parties') /
              (SELECT parties / seconds FROM runs WHERE what LIKE 'pg_trgm%'))::numeric, 1)
       AS "pg_screen all parties / pg_trgm sample";
SELECT (SELECT count(DISTINCT party_key) FROM public.sample_hits) AS "sample parties with a pg_screen hit",
       (SELECT count(DISTINCT id) FROM trgm_hits) AS "sample parties with a pg_trgm candidate",
       (SELECT count(DISTINCT party_key) FROM public.bench_hits) AS "all parties with a pg_screen hit";

-- single-party service time ---------------------------------------------------------
-- The pgbench runs (screening.sh) put 8 clients on the machine's cores: a
-- call's latency there is its own work plus its share of the cores.  Its own
-- work alone: each of the parties pgbench draws (ids 1 to 20,000) screened
-- once in this backend, one call at a time, timed per call.
SELECT count(*) FROM screen.screen_party('warm up the view') \g /dev/null
CREATE TEMP TABLE call_us (us float8);
DO $$
DECLARE
    p text;
    t0 timestamptz;
    n bigint;
    us float8[] := '{}';
BEGIN
    FOR p IN SELECT name FROM bench_parties WHERE id <= 20000 ORDER BY id LOOP
        t0 := clock_timestamp();
        SELECT count(*) INTO n FROM screen.screen_party(p);
        us := us || extract(epoch FROM clock_timestamp() - t0) * 1e6;
    END LOOP;
    INSERT INTO call_us SELECT unnest(us);
END $$;
SELECT count(*) AS calls,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY us)) AS p50_us,
       round(percentile_cont(0.9) WITHIN GROUP (ORDER BY us)) AS p90_us,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY us)) AS p99_us,
       round(percentile_cont(0.999) WITHIN GROUP (ORDER BY us)) AS p999_us,
       round(max(us)) AS max_us
  FROM call_us \gset svc_
\echo 'screen_party service time, one backend, one call at a time:' :svc_calls 'calls, p50' :svc_p50_us 'us, p90' :svc_p90_us 'us, p99' :svc_p99_us 'us, p99.9' :svc_p999_us 'us, max' :svc_max_us 'us'
