-- Quality of screen.name_score on ../shared/data/eval/name_pairs_dev.csv.
-- Run by test/eval/names.sh (the CSV comes on standard input).
\set ON_ERROR_STOP 1
\pset footer off
CREATE TEMP TABLE pairs (case_group text, schema text, name1 text, name2 text,
                         is_match boolean, quality text, category text, notes text);
\copy pairs FROM pstdin WITH (FORMAT csv, HEADER true)

CREATE TEMP TABLE scored AS
SELECT p.*, screen.name_score(name1, name2) AS s,
       similarity(lower(name1), lower(name2)) AS trgm,
       (name1 || name2) ~ '[^\x01-\x7f]' AS non_ascii
  FROM pairs p;

CREATE TEMP TABLE thresholds AS SELECT t::real / 100 AS t FROM generate_series(30, 99) t;

CREATE FUNCTION pg_temp.f1(tp bigint, fp bigint, fn bigint) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN 2 * tp + fp + fn = 0 THEN 0 ELSE round(2.0 * tp / (2 * tp + fp + fn), 3) END $$;

\echo
\echo '== screen.name_score at the default threshold (pg_screen.threshold) =='
SELECT grp, count(*) AS pairs,
       count(*) FILTER (WHERE s >= current_setting('pg_screen.threshold')::real AND is_match) AS tp,
       count(*) FILTER (WHERE s >= current_setting('pg_screen.threshold')::real AND NOT is_match) AS fp,
       count(*) FILTER (WHERE s <  current_setting('pg_screen.threshold')::real AND is_match) AS fn,
       round(count(*) FILTER (WHERE s >= current_setting('pg_screen.threshold')::real AND is_match)::numeric
             / nullif(count(*) FILTER (WHERE s >= current_setting('pg_screen.threshold')::real), 0), 3) AS precision,
       round(count(*) FILTER (WHERE s >= current_setting('pg_screen.threshold')::real AND is_match)::numeric
             / nullif(count(*) FILTER (WHERE is_match), 0), 3) AS recall,
       pg_temp.f1(count(*) FILTER (WHERE s >= current_setting('pg_screen.threshold')::real AND is_match),
                  count(*) FILTER (WHERE s >= current_setting('pg_screen.threshold')::real AND NOT is_match),
                  count(*) FILTER (WHERE s <  current_setting('pg_screen.threshold')::real AND is_match)) AS f1
  FROM (SELECT *, 'all' AS grp FROM scored
        UNION ALL SELECT *, 'Person' FROM scored WHERE schema = 'Person'
        UNION ALL SELECT *, 'Company/Organization' FROM scored WHERE schema <> 'Person'
        UNION ALL SELECT *, 'non-ASCII' FROM scored WHERE non_ascii) x
 GROUP BY grp ORDER BY grp;

\echo '== best F1 over thresholds 0.30 .. 0.99: pg_screen vs pg_trgm similarity =='
WITH sweep AS (
  SELECT 'pg_screen' AS method, t,
         pg_temp.f1(count(*) FILTER (WHERE s >= t AND is_match), count(*) FILTER (WHERE s >= t AND NOT is_match),
                    count(*) FILTER (WHERE s < t AND is_match)) AS f1
    FROM scored, thresholds GROUP BY t
  UNION ALL
  SELECT 'pg_trgm similarity', t,
         pg_temp.f1(count(*) FILTER (WHERE trgm >= t AND is_match), count(*) FILTER (WHERE trgm >= t AND NOT is_match),
                    count(*) FILTER (WHERE trgm < t AND is_match))
    FROM scored, thresholds GROUP BY t)
SELECT DISTINCT ON (method) method, f1 AS best_f1, t AS at_threshold
  FROM sweep ORDER BY method, f1 DESC, t;

\echo '== precision / recall / F1 by threshold (pg_screen) =='
SELECT t AS threshold,
       round(count(*) FILTER (WHERE s >= t AND is_match)::numeric / nullif(count(*) FILTER (WHERE s >= t), 0), 3) AS precision,
       round(count(*) FILTER (WHERE s >= t AND is_match)::numeric / nullif(count(*) FILTER (WHERE is_match), 0), 3) AS recall,
       pg_temp.f1(count(*) FILTER (WHERE s >= t AND is_match), count(*) FILTER (WHERE s >= t AND NOT is_match),
                  count(*) FILTER (WHERE s < t AND is_match)) AS f1
  FROM scored, thresholds WHERE t IN (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
 GROUP BY t ORDER BY t;

\if :{?show_errors}
\echo '== errors at the default threshold =='
SELECT is_match, round(s::numeric, 3) AS score, schema, name1, name2
  FROM scored
 WHERE (s >= current_setting('pg_screen.threshold')::real) <> is_match
 ORDER BY is_match, s;
\endif
