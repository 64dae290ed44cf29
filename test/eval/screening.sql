-- Screening quality on the real lists: recall on UN-listed persons, false alerts
-- on non-listed persons.  Run by test/eval/screening.sh after loading the lists.
\set ON_ERROR_STOP 1
\pset footer off
CREATE TEMP TABLE pos (full_name text, first_name text, middle_name text, last_name text, gender text,
                       date_of_birth text, place_of_birth text, nationality text);
CREATE TEMP TABLE neg (LIKE pos, src text);
\copy pos FROM program 'cat "$PG_SCREEN_DATA/eval/un_positives_dev.csv"' WITH (FORMAT csv, HEADER true)
\copy neg (full_name, first_name, middle_name, last_name, gender, date_of_birth, place_of_birth, nationality) FROM program 'cat "$PG_SCREEN_DATA/eval/negatives_global_dev.csv"' WITH (FORMAT csv, HEADER true)
UPDATE neg SET src = 'global' WHERE src IS NULL;
\copy neg (full_name, first_name, middle_name, last_name, gender, date_of_birth, place_of_birth, nationality) FROM program 'cat "$PG_SCREEN_DATA/eval/negatives_us_dev.csv"' WITH (FORMAT csv, HEADER true)
UPDATE neg SET src = 'us' WHERE src IS NULL;
ANALYZE;

-- birth dates as screen_party takes them (YYYY, YYYY-MM-DD); countries as ISO codes
CREATE TEMP TABLE q AS
SELECT 'pos' AS set, row_number() OVER () AS id, full_name AS name,
       CASE WHEN date_of_birth ~ '^\d{4}(-\d{2}-\d{2})?$' THEN date_of_birth END AS dob,
       screen.country_iso2(nationality) AS iso FROM pos
UNION ALL
SELECT 'neg_' || src, row_number() OVER (), full_name,
       CASE WHEN date_of_birth ~ '^\d{4}(-\d{2}-\d{2})?$' THEN date_of_birth END,
       screen.country_iso2(nationality) FROM neg;

-- screen everything once at the lowest threshold reported, keep the best score
\timing on
CREATE TEMP TABLE best AS
SELECT q.set, q.id, max(h.score) FILTER (WHERE h.source = 'UN' OR q.set <> 'pos') AS best,
       max(h.name_score) FILTER (WHERE h.source = 'UN' OR q.set <> 'pos') AS best_name
  FROM q LEFT JOIN LATERAL screen.screen_party(q.name, 'person', q.iso, q.dob,
                                               sources => CASE WHEN q.set = 'pos' THEN ARRAY['UN'] END,
                                               threshold => 0.6, max_hits => 3) h ON true
 GROUP BY q.set, q.id;
\timing off

\echo '== recall on un_positives_dev.csv (683 UN-listed persons, screened with DOB and nationality against the UN list)'
\echo '== and false alerts per 1,000 screened non-listed persons (screened against all loaded lists)'
SELECT t AS threshold,
       round(100.0 * count(*) FILTER (WHERE set = 'pos' AND best >= t) / nullif(count(*) FILTER (WHERE set = 'pos'), 0), 1) AS "recall %",
       round(1000.0 * count(*) FILTER (WHERE set = 'neg_global' AND best >= t) / nullif(count(*) FILTER (WHERE set = 'neg_global'), 0), 1) AS "alerts/1000 global",
       round(1000.0 * count(*) FILTER (WHERE set = 'neg_us' AND best >= t) / nullif(count(*) FILTER (WHERE set = 'neg_us'), 0), 1) AS "alerts/1000 US"
  FROM best, unnest(ARRAY[0.6, 0.7, 0.75, 0.8, 0.85, 0.9]::real[]) t
 GROUP BY t ORDER BY t;

\if :{?show_errors}
\echo '== missed positives at the default threshold'
SELECT q.name, q.dob, q.iso, round(b.best::numeric, 3) AS best
  FROM best b JOIN q USING (set, id) WHERE set = 'pos' AND coalesce(best, 0) < screen.current_threshold() LIMIT 40;
\echo '== false alerts at the default threshold'
SELECT q.set, q.name, h.matched_name, h.source, round(h.score::numeric, 3) AS score
  FROM best b JOIN q USING (set, id), LATERAL screen.screen_party(q.name, 'person', q.iso, q.dob, max_hits => 1) h
 WHERE set <> 'pos' AND best >= screen.current_threshold() LIMIT 40;
\endif
