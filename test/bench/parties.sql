-- The benchmark's parties (test/bench/screening.sql and work.sh): table
-- bench_parties(id, name) of :nparties rows, after the real lists are loaded.
-- parties: list names as listed, reordered, with a dropped letter, and non-listed
-- persons from ../shared/data/eval, then first/last name recombinations of those
CREATE TABLE bench_src (name text);
\copy bench_src FROM program 'for f in negatives_global_dev negatives_us_dev un_positives_dev; do cut -d, -f1 "$PG_SCREEN_DATA/eval/$f.csv" | tail -n +2 | grep -v "^\""; done'
CREATE TABLE bench_parties AS
WITH ln AS (SELECT n.name FROM screen.entity_name n JOIN screen.entity e USING (entity_id)
             WHERE e.valid_to IS NULL AND n.name_type IN ('primary', 'aka') AND length(n.name) < 120),
     words AS (SELECT array_agg(w) AS ws FROM (SELECT DISTINCT split_part(name, ' ', 1) AS w FROM bench_src
                                               WHERE name ~ '^[A-Za-z]') s),
     lasts AS (SELECT array_agg(w) AS ws FROM (SELECT DISTINCT regexp_replace(name, '^.* ', '') AS w FROM bench_src
                                               WHERE name ~ '^[A-Za-z]') s),
     v AS (
        SELECT name FROM ln
        UNION ALL SELECT array_to_string(ARRAY(SELECT w FROM regexp_split_to_table(name, '\s+') WITH ORDINALITY t(w, o)
                                               ORDER BY o DESC), ' ') FROM ln
        UNION ALL SELECT overlay(name PLACING '' FROM greatest(length(name) / 2, 1) FOR 1) FROM ln
        UNION ALL SELECT name FROM bench_src
        UNION ALL SELECT words.ws[1 + (g * 7919) % cardinality(words.ws)] || ' ' || lasts.ws[1 + (g * 104729) % cardinality(lasts.ws)]
          FROM words, lasts, generate_series(1::bigint, 140000) g)
SELECT row_number() OVER () AS id, name FROM v LIMIT :nparties;
ALTER TABLE bench_parties ADD PRIMARY KEY (id);
ANALYZE bench_parties;
SELECT count(*) AS parties FROM bench_parties;

