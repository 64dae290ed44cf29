-- screen.name_explain: the shape of the explanation, and what it says
CREATE EXTENSION IF NOT EXISTS pg_screen;

SELECT jsonb_pretty(screen.name_explain('Dr. Sergey Viktorovich Lavrov', 'LAVROV, Sergei'));

-- keys every explanation has
SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(screen.name_explain('Olaf Schloz', 'Olaf Scholz')) k;

-- a contradiction is named with its cost
SELECT e->'score' AS score, e->'match' AS match,
       jsonb_path_query_array(e, '$.penalties[*].kind') AS penalties,
       jsonb_path_query_array(e, '$.unmatched1[*].token') AS unmatched1,
       jsonb_path_query_array(e, '$.unmatched2[*].token') AS unmatched2
  FROM screen.name_explain('Andrei Navalny', 'Alexei Navalny') e;

-- glued tokens are reported as merges; a glued whole name as method glued
SELECT e->'merges' AS merges, e->'method' AS method
  FROM screen.name_explain('AbdulRahman Khalil', 'Abdul Rahman Khalil') e;
SELECT e->'method' AS method, e->'glued_similarity' AS glued
  FROM screen.name_explain('SiemensAG', 'Siemens AG') e;

-- the explanation's score is name_score's
SELECT (screen.name_explain(a, b)->>'score')::numeric = round(screen.name_score(a, b)::numeric, 4) AS same
  FROM (VALUES ('EMMA LLC', 'Emma Daniels'), ('Mohamed bin Salman', 'Muhammad bin Salman')) v(a, b);

-- nothing to compare
SELECT screen.name_explain('', 'Putin')->>'method' AS method;
