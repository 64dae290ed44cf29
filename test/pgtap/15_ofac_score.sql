-- screen.ofac_score: reproduction of the OFAC Sanctions List Search score.
-- Always-on assertions on made-up names, then a parity check against real
-- OFAC scores ($PG_SCREEN_DATA/eval/ofac_parity.csv, read client-side with a
-- psql backtick), skipped when the data is absent.
\set ON_ERROR_STOP 1
\set QUIET 1
\set have_data `[ -n "$PG_SCREEN_DATA" ] && [ -f "$PG_SCREEN_DATA/eval/ofac_parity.csv" ] && echo 1 || echo 0`
BEGIN;
SELECT plan(25);

-- the declaration
SELECT has_function('screen', 'ofac_score', ARRAY['text', 'text']);
SELECT function_returns('screen', 'ofac_score', ARRAY['text', 'text'], 'integer');
SELECT volatility_is('screen', 'ofac_score', ARRAY['text', 'text'], 'immutable');
SELECT is_strict('screen', 'ofac_score', ARRAY['text', 'text']);
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'screen.ofac_score(text, text)'::regprocedure),
          's'::"char", 'ofac_score is PARALLEL SAFE');

-- Jaro-Winkler: textbook values
SELECT is(screen.ofac_score('MARTHA', 'MARHTA'), 96, 'Jaro-Winkler MARTHA/MARHTA = 0.961');
SELECT is(screen.ofac_score('DIXON', 'DICKSONX'), 81, 'Jaro-Winkler DIXON/DICKSONX = 0.813');

-- name parts irrespective of order, "SURNAME, Given" as written on the lists
SELECT is(screen.ofac_score('Ivan Petrovsky', 'PETROVSKY, Ivan'), 100, 'given-first query finds SURNAME, Given');
SELECT is(screen.ofac_score('PETROVSKY IVAN', 'PETROVSKY, Ivan'), 100, 'surname-first query finds SURNAME, Given');
SELECT is(screen.ofac_score('TARAS KOVALENKO', 'KOVALENKO, Taras Bohdanovych'), 100,
          'a list name with an extra given name still scores 100 when every part entered is found');
SELECT is(
  (SELECT count(*)::int FROM (VALUES ('Ivan', 'PETROVSKY'), ('Taras', 'KOVALENKO'), ('Lukasz', 'ZOLC'),
                                     ('Jonas Reed', 'HARTWELL'), ('Anna', 'MORLAND')) AS t(given, surname)
    WHERE screen.ofac_score(given || ' ' || surname, surname || ', ' || given) = 100
      AND screen.ofac_score(surname || ' ' || given, surname || ', ' || given) = 100),
  5, 'both orders of five made-up names score 100 against the listed form');

-- fuzziness and the candidate search
SELECT ok(screen.ofac_score('Ivan Petrovski', 'PETROVSKY, Ivan') BETWEEN 95 AND 99,
          'a one-letter misspelling costs a few points');
SELECT is(screen.ofac_score('ANNA WESTBROOK', 'MORLAND, Anna'), 50,
          'one of two parts found: composite score 50');
SELECT is(screen.ofac_score('WESTBROOK ANNA', 'MORLAND, Anna'), 0,
          'the first part entered finds nothing: the tool would not show the name');
SELECT is(screen.ofac_score('ALNURAYN', 'AL NURAYN'), 0,
          'a glued article is not found by the first-letter search');

-- normalisation and odd input
SELECT is(screen.ofac_score('José Müller', 'MULLER, Jose'), 100, 'Latin accents are folded');
SELECT is(screen.ofac_score('Straße', 'STRASSE'), 100, 'sharp s folds to SS');
SELECT is(screen.ofac_score('Иван Петровский', 'Иван Петровский'), 0, 'non-Latin letters match nothing');
SELECT is(screen.ofac_score('', 'ANY NAME'), 0, 'empty query scores 0');
SELECT is(screen.ofac_score(' , - ', 'ANY NAME'), 0, 'punctuation-only query scores 0');
SELECT is(screen.ofac_score(NULL, 'ANY NAME'), NULL, 'NULL in, NULL out');
SELECT throws_ok($$SELECT screen.ofac_score(repeat('A', 5000), 'A')$$, '54000',
                 'query name is too long for screen.ofac_score', 'over-long input is rejected');

\if :have_data
  \set parity `cat "$PG_SCREEN_DATA/eval/ofac_parity.csv"`
  CREATE TEMP TABLE ofac_parity AS
  WITH lines AS (
    SELECT line, n FROM regexp_split_to_table(:'parity', E'\r?\n') WITH ORDINALITY AS t(line, n)
  ), fields AS (
    SELECT n, regexp_match(line, '^("(?:[^"]|"")*"|[^,"]*),("(?:[^"]|"")*"|[^,"]*),(-?[0-9]+)$') AS f
      FROM lines WHERE n > 1 AND line <> ''
  ), parsed AS (
    SELECT n, f IS NOT NULL AS ok,
           CASE WHEN f[1] LIKE '"%' THEN replace(substr(f[1], 2, length(f[1]) - 2), '""', '"') ELSE f[1] END AS query,
           CASE WHEN f[2] LIKE '"%' THEN replace(substr(f[2], 2, length(f[2]) - 2), '""', '"') ELSE f[2] END AS listed,
           f[3]::int AS ofac
      FROM fields
  )
  SELECT n, ok, query, listed, ofac,
         CASE WHEN ok THEN screen.ofac_score(query, listed) END AS ours
    FROM parsed;

  SELECT ok((SELECT count(*) > 100 AND bool_and(ok) FROM ofac_parity),
            'ofac_parity.csv: every line parsed');
  SELECT cmp_ok((SELECT round(100.0 * count(*) FILTER (WHERE abs(ours - ofac) <= 5) / count(*), 1)
                   FROM ofac_parity WHERE ofac >= 0),
                '>=', 90.0, 'at least 90% of the real OFAC scores reproduced within 5 points');
  -- a -1 row means the tool did not return the name; the file lists one pair
  -- both as returned (score 50) and not returned, so such pairs are left out
  SELECT is((SELECT count(*)::int FROM ofac_parity p
              WHERE p.ofac < 0 AND p.ours >= 50
                AND NOT EXISTS (SELECT 1 FROM ofac_parity s
                                 WHERE s.query = p.query AND s.listed = p.listed AND s.ofac >= 0)),
            0, 'every name the tool did not return scores below 50');
\else
  SELECT skip('../shared/data not present: OFAC parity tests skipped', 3);
\endif

SELECT * FROM finish();
ROLLBACK;
