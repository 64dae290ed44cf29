-- called by test/bench/controls.sh
SET max_parallel_workers_per_gather = 0;
SET search_path = screen, public;
\pset footer off

-- 1. determinations: every ECCN x every Country Chart destination, one query
CREATE TEMP TABLE t0 AS SELECT clock_timestamp() AS t;
CREATE TEMP TABLE det AS
SELECT e.code, c.iso2, l.outcome
  FROM screen.control_entry e
  JOIN screen.country_chart c ON c.version_id = screen.control_current_version('us_country_chart')
 CROSS JOIN LATERAL screen.licence_requirements(e.code, c.iso2) l
 WHERE e.version_id = screen.control_current_version('us_ccl');
CREATE TEMP TABLE t1 AS SELECT clock_timestamp() AS t;
SELECT count(DISTINCT e.code) AS eccns, count(DISTINCT c.iso2) AS destinations,
       count(DISTINCT (e.code, c.iso2)) AS determinations, (SELECT count(*) FROM det) AS result_rows,
       round(extract(epoch FROM (SELECT t FROM t1) - (SELECT t FROM t0))::numeric, 2) AS seconds,
       round(count(DISTINCT (e.code, c.iso2)) / extract(epoch FROM (SELECT t FROM t1) - (SELECT t FROM t0))::numeric) AS determinations_per_s
  FROM screen.control_entry e
  JOIN screen.country_chart c ON c.version_id = screen.control_current_version('us_country_chart')
 WHERE e.version_id = screen.control_current_version('us_ccl');
SELECT outcome, count(*) FROM det GROUP BY 1 ORDER BY 2 DESC;

-- 2. subtree lookups: controlcode btree vs pg_trgm GIN on the same codes
CREATE TEMP TABLE codes AS
SELECT g AS id,
       format('US:%sA%s.%s.%s.%s', g % 10, lpad((g / 10 % 1000)::text, 3, '0'),
              chr(97 + g % 7), g % 17, chr(97 + g % 3))::screen.controlcode AS c
  FROM generate_series(1, :ncodes) g;
ALTER TABLE codes ADD COLUMN t text;
UPDATE codes SET t = c::text;
CREATE INDEX codes_c ON codes (c);
CREATE INDEX codes_t ON codes USING gin (t gin_trgm_ops);
ANALYZE codes;
CREATE TEMP TABLE probes AS
SELECT DISTINCT screen.subpath(c, 1) AS p FROM codes ORDER BY 1 LIMIT 2000;
CREATE FUNCTION pg_temp.bench_cc() RETURNS TABLE (method text, probes bigint, rows_found bigint, seconds numeric, lookups_per_s numeric)
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz; n bigint := 0; k bigint; pr screen.controlcode; np bigint := 0;
BEGIN
    t0 := clock_timestamp();
    FOR pr IN SELECT p FROM probes LOOP
        SELECT count(*) INTO k FROM codes WHERE c <@ pr;
        n := n + k; np := np + 1;
    END LOOP;
    method := 'controlcode btree (c <@ X)'; probes := np; rows_found := n;
    seconds := round(extract(epoch FROM clock_timestamp() - t0)::numeric, 3);
    lookups_per_s := round(np / extract(epoch FROM clock_timestamp() - t0)::numeric);
    RETURN NEXT;
    n := 0; np := 0;
    t0 := clock_timestamp();
    FOR pr IN SELECT p FROM probes LOOP
        SELECT count(*) INTO k FROM codes WHERE (t = pr::text OR t LIKE pr::text || '.%');
        n := n + k; np := np + 1;
    END LOOP;
    method := 'pg_trgm GIN (t LIKE ''X.%'')'; probes := np; rows_found := n;
    seconds := round(extract(epoch FROM clock_timestamp() - t0)::numeric, 3);
    lookups_per_s := round(np / extract(epoch FROM clock_timestamp() - t0)::numeric);
    RETURN NEXT;
END;
$$;
CREATE TEMP TABLE res AS SELECT * FROM pg_temp.bench_cc();
SELECT * FROM res;
SELECT round((SELECT lookups_per_s FROM res WHERE method LIKE 'controlcode%')
             / (SELECT lookups_per_s FROM res WHERE method LIKE 'pg_trgm%'), 1) AS controlcode_vs_pg_trgm_speedup;
EXPLAIN (COSTS OFF) SELECT count(*) FROM codes WHERE c <@ 'US:3A001.a';
EXPLAIN (COSTS OFF) SELECT count(*) FROM codes WHERE t LIKE 'US:3A001.a.%';

-- 3. classification hints per second (text + HS code + parameters)
CREATE FUNCTION pg_temp.bench_classify(n int) RETURNS TABLE (calls int, seconds numeric, calls_per_s numeric)
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp(); k bigint;
BEGIN
    FOR i IN 1..n LOOP
        SELECT count(*) INTO k FROM screen.classify(
            (ARRAY['AI accelerator integrated circuit', 'encryption router', 'gyroscope for aircraft',
                   'machine tool lathe', 'wooden chair'])[1 + i % 5],
            (ARRAY['8542.31', '8517.62', NULL, '8458.11', NULL])[1 + i % 5],
            '{"total_processing_performance": 5000}');
    END LOOP;
    calls := n;
    seconds := round(extract(epoch FROM clock_timestamp() - t0)::numeric, 3);
    calls_per_s := round(n / extract(epoch FROM clock_timestamp() - t0)::numeric);
    RETURN NEXT;
END;
$$;
SELECT * FROM pg_temp.bench_classify(500);
