-- Recall of the GIN index path against a sequential scan at the default
-- threshold: every distinct name of ../shared/data/eval against every current
-- name of the loaded lists.  Run by test/eval/index_recall.sh.
\set ON_ERROR_STOP 1
\pset footer off
CREATE TEMP TABLE q0 (name text);
\copy q0 FROM program 'for f in un_positives_dev negatives_global_dev negatives_us_dev; do /usr/bin/python3 -c "import csv,sys; r=csv.reader(open(sys.argv[1])); next(r); [print(x[0].replace(chr(92), chr(32))) for x in r]" "$PG_SCREEN_DATA/eval/$f.csv"; done'
\copy q0 FROM program '/usr/bin/python3 -c "import csv,sys; r=csv.reader(open(sys.argv[1])); next(r); [print(x[i].replace(chr(92), chr(32))) for x in r for i in (2, 3)]" "$PG_SCREEN_DATA/eval/name_pairs_dev.csv"'
CREATE TEMP TABLE q AS SELECT name, screen.to_name(name) AS n FROM (SELECT DISTINCT name FROM q0 WHERE btrim(name) <> '') s;
CREATE TEMP TABLE ln AS
SELECT n.name_id, n.parsed FROM screen.entity_name n JOIN screen.entity e USING (entity_id) WHERE e.valid_to IS NULL;
CREATE INDEX ON ln USING gin (parsed) WITH (fastupdate = off);
ANALYZE q; ANALYZE ln;
SET enable_seqscan = off;
\timing on
CREATE TEMP TABLE by_index AS SELECT q.name, ln.name_id FROM q JOIN ln ON ln.parsed OPERATOR(screen.%) q.n;
RESET enable_seqscan;
SET enable_indexscan = off; SET enable_bitmapscan = off;
CREATE TEMP TABLE by_seqscan AS SELECT q.name, ln.name_id FROM q JOIN ln ON ln.parsed OPERATOR(screen.%) q.n;
\timing off
SELECT (SELECT count(*) FROM q) AS queries, (SELECT count(*) FROM ln) AS list_names,
       (SELECT count(*) FROM by_seqscan) AS seqscan_matches,
       (SELECT count(*) FROM by_index) AS index_matches,
       round(100.0 * (SELECT count(*) FROM (SELECT * FROM by_seqscan INTERSECT SELECT * FROM by_index) x)
             / nullif((SELECT count(*) FROM by_seqscan), 0), 2) AS "index recall %",
       (SELECT count(*) FROM (SELECT * FROM by_index EXCEPT SELECT * FROM by_seqscan) x) AS "index-only (must be 0)";
