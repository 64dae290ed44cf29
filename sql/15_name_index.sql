-- GIN index on screen.name: the index finds what a sequential scan finds
CREATE EXTENSION IF NOT EXISTS pg_screen;
CREATE TABLE fx_names (id serial PRIMARY KEY, name text, n screen.name);
\copy fx_names (name) FROM 'test/fixtures/names.txt'
UPDATE fx_names SET n = screen.to_name(name);
CREATE INDEX fx_names_n ON fx_names USING gin (n);
-- an expression index serves queries on a text column directly
CREATE INDEX fx_names_expr ON fx_names USING gin (screen.to_name(name));
ANALYZE fx_names;

CREATE TABLE fx_queries (q text);
INSERT INTO fx_queries VALUES
  ('Ivan Petrovsky'), ('PETROVSKY Ivan'), ('Ivan Petrovski'), ('I. Petrovsky'), ('IvanPetrovsky'),
  ('Mohammed Al-Tamimi'), ('Muhamad Tamimi'), ('محمد الحداد'), ('Владимир Ивановский'),
  ('Northwind Trading LLC'), ('Northwind Tradin'), ('Blue Harbour Shipping Ltd'), ('Company 1'),
  ('Brigade 44'), ('Al Qamera'), ('Mr. Al'), ('LLC'), ('Olga Baranova'), ('Zhang Wei'), ('');

SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT name FROM fx_names WHERE n OPERATOR(screen.%) screen.to_name('Ivan Petrovsky');
EXPLAIN (COSTS OFF) SELECT name FROM fx_names WHERE screen.to_name(name) OPERATOR(screen.%) screen.to_name('Ivan Petrovsky');
CREATE TEMP TABLE via_index AS
  SELECT q, name FROM fx_queries, fx_names WHERE n OPERATOR(screen.%) screen.to_name(q);
CREATE TEMP TABLE via_expr_index AS
  SELECT q, name FROM fx_queries, fx_names WHERE screen.to_name(name) OPERATOR(screen.%) screen.to_name(q);
RESET enable_seqscan;
SET enable_indexscan = off; SET enable_bitmapscan = off;
CREATE TEMP TABLE via_seqscan AS
  SELECT q, name FROM fx_queries, fx_names WHERE n OPERATOR(screen.%) screen.to_name(q);
RESET enable_indexscan; RESET enable_bitmapscan;

-- equal results, and not trivially empty
SELECT (SELECT count(*) FROM via_seqscan) AS seqscan_rows,
       (SELECT count(*) FROM (SELECT * FROM via_seqscan EXCEPT SELECT * FROM via_index) x) AS missed_by_index,
       (SELECT count(*) FROM (SELECT * FROM via_index EXCEPT SELECT * FROM via_seqscan) x) AS extra_in_index,
       (SELECT count(*) FROM (SELECT * FROM via_seqscan EXCEPT SELECT * FROM via_expr_index) x) AS missed_by_expr_index;
SELECT * FROM via_seqscan EXCEPT SELECT * FROM via_index;
SELECT q, name FROM via_index WHERE q IN ('Ivan Petrovsky', 'Company 1', 'Al Qamera') ORDER BY 1, 2;

-- the threshold is read at scan time
SET pg_screen.threshold = 0.95;
SET enable_seqscan = off;
SELECT count(*) FROM fx_names WHERE n OPERATOR(screen.%) screen.to_name('Ivan Petrovski');
SET pg_screen.threshold = 0.6;
SELECT count(*) >= 1 FROM fx_names WHERE n OPERATOR(screen.%) screen.to_name('Ivan Petrovski');
RESET pg_screen.threshold;
RESET enable_seqscan;

-- the operator class is valid
SELECT amvalidate(opc.oid) FROM pg_opclass opc WHERE opcname = 'name_gin_ops';

-- index maintenance: inserts and updates are found
SET enable_seqscan = off;
INSERT INTO fx_names (name, n) VALUES ('Quentin Zabrowski', screen.to_name('Quentin Zabrowski'));
SELECT name FROM fx_names WHERE n OPERATOR(screen.%) screen.to_name('Zabrowski, Quentin');
RESET enable_seqscan;
DROP TABLE fx_names, fx_queries;
