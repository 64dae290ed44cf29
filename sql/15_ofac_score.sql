-- screen.ofac_score(query, listed_name): the OFAC Sanctions List Search score
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pg_screen;
RESET client_min_messages;

-- declared honestly: immutable, strict, parallel safe, returns integer
SELECT p.provolatile, p.proisstrict, p.proparallel, p.prorettype::regtype,
       pg_get_function_arguments(p.oid) AS arguments
  FROM pg_proc p
 WHERE p.oid = 'screen.ofac_score(text, text)'::regprocedure;

-- Jaro-Winkler on single names: the textbook pairs (prefix 3, 1 and 2)
SELECT q, l, screen.ofac_score(q, l)
  FROM (VALUES ('MARTHA', 'MARHTA'),     -- 0.961
               ('DWAYNE', 'DUANE'),      -- 0.840, +10% of the rest: same Soundex D500
               ('DIXON', 'DICKSONX'))    -- 0.813
       AS t(q, l);

-- the same name is 100; a misspelling costs a few points
SELECT screen.ofac_score('Ivan Petrovsky', 'PETROVSKY, Ivan') AS exact,
       screen.ofac_score('PETROVSKY IVAN', 'PETROVSKY, Ivan Ilyich') AS reversed_extra,
       screen.ofac_score('Ivan Petrovski', 'PETROVSKY, Ivan') AS typo,
       screen.ofac_score('Ivan Petrovsky', 'PETROVSKY, Ivan Ilyich') AS extra_given_name;

-- name parts are compared irrespective of order: "SURNAME, Given" = "Given SURNAME"
SELECT q, screen.ofac_score(q, 'KOVALENKO, Taras Bohdanovych') AS score
  FROM (VALUES ('TARAS KOVALENKO'), ('KOVALENKO TARAS'), ('Kovalenko, Taras'),
               ('BOHDANOVYCH TARAS KOVALENKO')) AS t(q);

-- the whole-name technique: one part equal, the other different
SELECT screen.ofac_score('Marek Zielinski', 'MAREK ZAWADA') AS first_name_shared,
       screen.ofac_score('Marek Zielinski', 'MARKO ZIELINSKI') AS near_given_name;

-- the tool's slider at 85 (doc/ofac_score.md)
SELECT name, screen.ofac_score('TARAS KOVALENKO', name) AS ofac
  FROM (VALUES ('KOVALENKO, Taras Bohdanovych'), ('KOVALENKO, Taras'), ('KOWALENKO, Taras'),
               ('KOVALEV, Taras'), ('TARASOV, Ivan'), ('KOVAL SHIPPING LLC')) AS l(name)
 WHERE screen.ofac_score('TARAS KOVALENKO', name) >= 85
 ORDER BY ofac DESC, name;

-- a part of one or two letters (initials, AL) counts only when all are short
SELECT screen.ofac_score('J.R. Hartwell', 'HARTWELL, Jonas Reed') AS initials,
       screen.ofac_score('AL-NURAYN', 'AL NURAYN TRADING') AS article,
       screen.ofac_score('Q', 'DELTA Q HOLDINGS') AS one_letter;

-- Soundex: a part with the same first letter and code matches even when the
-- spelling is far apart; a different first letter never matches a part
SELECT screen.ofac_score('LEE', 'LOOYEEH') AS same_soundex,
       screen.ofac_score('KAHLEN', 'CAHLEN') AS different_first_letter,
       screen.ofac_score('COMPANY 1', 'COMPANY 2') AS short_parts_ignored;

-- the candidate search: names the tool would not show score 0
SELECT screen.ofac_score('WESTBROOK ANNA', 'MORLAND, Anna') AS first_part_unmatched,
       screen.ofac_score('ANNA WESTBROOK', 'MORLAND, Anna') AS second_part_unmatched,
       screen.ofac_score('ALNURAYN', 'AL NURAYN') AS glued_article,
       screen.ofac_score('ORTEGA', 'ZAMBRANO, Felipe') AS nothing_in_common;

-- normalisation: case, punctuation, apostrophes, hyphens, Latin accents
SELECT q, l, screen.ofac_score(q, l)
  FROM (VALUES ('José Müller', 'JOSE MULLER'),
               ('Łukasz Żółć', 'ZOLC, Lukasz'),
               ('Straße Æbeltoft', 'STRASSE AEBELTOFT'),
               ('Ștefan Țurcanu', 'TURCANU, Stefan'),
               (E'Jose\u0301 Mu\u0308ller', 'JOSE MULLER'),   -- combining accents
               ('O''Hanlon', 'OHANLON, Brendan'),
               ('Abd al-''Aziz', 'ABD AL-AZIZ'),
               ('SAINT-CLAIRE', 'SAINT CLAIRE'),
               ('ＮＯＶＡ', 'NOVA SHIPPING')) AS t(q, l);   -- fullwidth letters

-- NULL, empty, whitespace-only and punctuation-only input
SELECT screen.ofac_score(NULL, 'ANY NAME') IS NULL AS null_query,
       screen.ofac_score('ANY NAME', NULL) IS NULL AS null_listed,
       screen.ofac_score('', 'ANY NAME') AS empty,
       screen.ofac_score(E'  \t\n ', 'ANY NAME') AS whitespace,
       screen.ofac_score('ANY NAME', '.,-''') AS punctuation;

-- non-Latin letters match nothing, not even themselves; the Latin parts still count
SELECT screen.ofac_score('Иван Петровский', 'PETROVSKY, Ivan') AS cyrillic,
       screen.ofac_score('Иван Петровский', 'Иван Петровский') AS cyrillic_itself,
       screen.ofac_score('Ivan Петровский', 'PETROVSKY, Ivan') AS mixed,
       screen.ofac_score('محمد', 'MUHAMMAD') AS arabic;

-- long input: 4096 bytes is the limit; a 1 MB argument is an error
SELECT screen.ofac_score(repeat('A', 4096), repeat('A', 4096)) AS at_limit;
SELECT screen.ofac_score(repeat('ANNA ', 819), 'ANNA') AS many_parts;
SELECT screen.ofac_score(repeat('A', 4097), 'A');
SELECT screen.ofac_score('ANNA', repeat('x', 1024 * 1024));

-- range and identity over a small table of names
CREATE TEMP TABLE ofac_names (n text);
INSERT INTO ofac_names VALUES ('PETROVSKY, Ivan'), ('KOVALENKO, Taras Bohdanovych'),
  ('MAREK ZAWADA'), ('AL NURAYN TRADING'), ('ZOLC, Lukasz'), ('NOVA SHIPPING'),
  ('HARTWELL, Jonas Reed'), ('MORLAND, Anna');
SELECT bool_and(screen.ofac_score(a.n, b.n) BETWEEN 0 AND 100) AS in_range,
       bool_and(screen.ofac_score(a.n, a.n) = 100) AS identity
  FROM ofac_names a CROSS JOIN ofac_names b;

-- immutable: usable in an index expression
CREATE INDEX ON ofac_names ((screen.ofac_score('IVAN PETROVSKY', n)));
SELECT n, screen.ofac_score('IVAN PETROVSKY', n) AS score
  FROM ofac_names ORDER BY score DESC, n LIMIT 3;
DROP TABLE ofac_names;

-- a non-UTF-8 database: LATIN1 text is folded the same way
SELECT current_database() AS regress_db \gset
CREATE DATABASE pg_screen_ofac_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c pg_screen_ofac_latin1
\encoding UTF8
SET client_min_messages = warning;
CREATE EXTENSION pg_screen;
RESET client_min_messages;
SELECT screen.ofac_score('José Müller', 'MULLER, Jose') AS latin1,
       screen.ofac_score('Ivan Petrovski', 'PETROVSKY, Ivan') AS ascii,
       screen.ofac_score('Straße', 'STRASSE') AS sharp_s;
\c :regress_db
DROP DATABASE pg_screen_ofac_latin1;
