-- screening parties against the loaded lists
CREATE EXTENSION IF NOT EXISTS pg_screen;
\set sdn `cat test/fixtures/lists/ofac_v1/sdn.csv`
\set add `cat test/fixtures/lists/ofac_v1/add.csv`
\set alt `cat test/fixtures/lists/ofac_v1/alt.csv`
\set com `cat test/fixtures/lists/ofac_v1/sdn_comments.csv`
SELECT screen.load_ofac(:'sdn', :'add', :'alt', :'com', published => '2024-01-05', source => 'OFAC-SDN') > 0 AS loaded;
\set un `cat test/fixtures/lists/un/consolidated.xml`
SELECT screen.load_un(:'un') > 0 AS loaded_un;

-- every list name is parsed and indexed
SELECT count(*) = count(parsed) AS all_parsed FROM screen.entity_name;
SELECT indexdef FROM pg_indexes WHERE indexname = 'entity_name_parsed';

-- a hit: entity, list and version, matched name and type, scores, explanation
SELECT source, list_id, kind, primary_name, matched_name, name_type,
       round(name_score::numeric, 3) AS name_score, round(score::numeric, 3) AS score,
       version_id = (SELECT version_id FROM screen.list_version WHERE source = 'OFAC-SDN' AND status = 'current') AS current_version
  FROM screen.screen_party('John Q. Doe');
SELECT array_agg(k ORDER BY k) FROM screen.screen_party('John Q. Doe') h, jsonb_object_keys(h.explanation) k;
-- explanations are written in jsonb's binary form directly (json_build.c):
-- printed and parsed again, each is the same value, of the same size
SELECT count(*) AS explanations,
       count(*) FILTER (WHERE e <> e::text::jsonb OR pg_column_size(e) <> pg_column_size(e::text::jsonb)
                           OR e->'name'->>'score' IS NULL) AS differ
  FROM (SELECT h.explanation AS e
          FROM (VALUES ('John Q. Doe'), ('Acme Trading'), ('Sea Breeze'), ('Ivan Petrov'),
                       ('Mohammed Ali'), ('Bank of the East')) v(n),
               screen.screen_party(v.n, threshold => 0.01, max_hits => 100) h) x;
-- the numbers shown are the scores (json_build.c makes each once per
-- backend and keeps it), and each hit's name part is name_explain's for
-- the two names (the party's own part is built once per call and reused)
SELECT count(*) AS hits,
       count(*) FILTER (WHERE e->'name' <> screen.name_explain(n, matched_name)) AS name_part_differs,
       count(*) FILTER (WHERE abs((e->>'score')::numeric - score::numeric) > 0.0001
                           OR abs((e->>'name_score')::numeric - name_score::numeric) > 0.0001
                           OR abs((e->'name'->>'score')::numeric - name_score::numeric) > 0.0001
                           OR (e->>'threshold')::numeric <> 0.3
                           OR (e->'name'->>'threshold')::numeric <> 0.8) AS wrong
  FROM (SELECT v.n, h.matched_name, h.explanation AS e, h.score, h.name_score
          FROM (SELECT DISTINCT name FROM screen.entity_name) v(n),
               screen.screen_party(v.n, threshold => 0.3, max_hits => 100) h) x;
-- arrays of more than 32 elements (every 32nd JEntry holds an offset)
SELECT jsonb_array_length(e->'name1'->'tokens') AS tokens, e = e::text::jsonb AS same,
       pg_column_size(e) = pg_column_size(e::text::jsonb) AS same_size
  FROM (SELECT screen.name_explain(repeat('alpha beta gamma delta ', 10), repeat('alpha beta gamma delta ', 9)) e) x;

-- secondary evidence: birth date exact / consistent / contradicting
SELECT birth_date, round(score::numeric, 3) AS score,
       jsonb_path_query_array(explanation, '$.factors[*] ? (@.factor == "birth date").detail') AS detail
  FROM unnest(ARRAY['1970-03-12', '1970', '1971-06', '1990-01-01']) AS birth_date,
       LATERAL screen.screen_party('John Quincy Doe', birth_date => birth_date) h
 ORDER BY 2 DESC, 1;
-- a contradicting birth date can drop a borderline name below the threshold
SELECT count(*) AS hits FROM screen.screen_party('John Doe', birth_date => '1990-01-01');
-- kind
SELECT round(score::numeric, 3) AS score, explanation->'factors'->0->>'detail' AS detail
  FROM screen.screen_party('John Quincy Doe', kind => 'organization', threshold => 0.5);
-- identifiers: an exact one is decisive even with a weak name; a different one of the same type counts against
SELECT value AS passport FROM screen.entity_identifier i JOIN screen.entity e USING (entity_id)
 WHERE e.list_id = '1001' AND id_type = 'passport' LIMIT 1 \gset
SELECT list_id, round(score::numeric, 3) AS score, name_type
  FROM screen.screen_party('J. Doe', identifiers => ARRAY['passport:' || :'passport']);
SELECT list_id, round(score::numeric, 3) AS score
  FROM screen.screen_party(NULL, identifiers => ARRAY[:'passport']);
SELECT round(score::numeric, 3) AS score
  FROM screen.screen_party('John Quincy Doe', identifiers => ARRAY['passport:ZZ999999'], threshold => 0.5);

-- organisations, vessels, aliases
SELECT list_id, matched_name, name_type FROM screen.screen_party('Acme Trading Company Limited');
SELECT list_id, kind, matched_name, name_type FROM screen.screen_party('Sea Breeze', kind => 'vessel');
SELECT list_id, matched_name, name_type FROM screen.screen_party('Ocean Wind');

-- filters: sources, threshold, max_hits
SELECT count(*) FROM screen.screen_party('John Quincy Doe', sources => ARRAY['UN']);
SELECT count(*) FROM screen.screen_party('John Quincy Doe', sources => ARRAY['OFAC-SDN']);
SELECT count(*) <= 1 AS at_most_one FROM screen.screen_party('Acme', threshold => 0.3, max_hits => 1);

-- nothing to screen: no hits, no error
SELECT count(*) FROM screen.screen_party(NULL);
SELECT count(*) FROM screen.screen_party('');
SELECT count(*) FROM screen.screen_party('   ');

-- bad arguments are named
SELECT * FROM screen.screen_party(repeat('x', 10001));
SELECT * FROM screen.screen_party('John Doe', kind => 'company');
SELECT * FROM screen.screen_party('John Doe', birth_date => '1970-13-45');
SELECT * FROM screen.screen_party('John Doe', birth_date => 'March 1970');
SELECT * FROM screen.screen_party('John Doe', sources => ARRAY['OFAC-SDN', 'NOPE']);
SELECT * FROM screen.screen_party('John Doe', country => 'Atlantis');
SELECT * FROM screen.screen_party('John Doe', threshold => 1.5);
SELECT * FROM screen.screen_party('John Doe', max_hits => 0);
SELECT * FROM screen.screen_party('John Doe', max_hits => NULL);
SELECT * FROM screen.screen_party('John Doe', threshold => 'NaN');
SELECT * FROM screen.screen_party('John Doe', sources => ARRAY[NULL]);
SELECT * FROM screen.screen_party('John Doe', kind => 'company', as_of => date '2024-01-31');
SELECT * FROM screen.parse_birth_date('1970-02-30');
-- blank identifiers are ignored; a value without a type matches any type
SELECT count(*) AS no_hits FROM screen.screen_party(' ', identifiers => ARRAY[NULL, '', '  ']);

-- the in-memory matcher finds what `parsed % query` finds through the GIN index
-- and by a sequential scan.  Name-only probes: the entity score is then its best
-- name's score (a weak alias counts 0.9 of it, a low-quality alias 0.95).
CREATE TEMP TABLE probe (q text);
INSERT INTO probe VALUES ('John Doe'), ('DOE, John Quincy'), ('Jon Doe'), ('Acme Trading'), ('Seabreeze'),
                         ('Jane Roe'), ('Acme Import-Export'), ('Nobody Atall'), ('J Q Doe'), ('Johnquincy Doe'),
                         ('Ocean Wind'), ('Acme Trading Company Limited'), ('Doe');
CREATE FUNCTION pg_temp.by_sql() RETURNS TABLE (q text, entity_id bigint, matched_name text, score numeric)
LANGUAGE sql AS $$
  SELECT q, entity_id, name, round(score::numeric, 3) FROM (
    SELECT DISTINCT ON (p.q, n.entity_id) p.q, n.entity_id, n.name,
           n.ns * CASE WHEN n.name_type = 'weak' THEN 0.9 WHEN n.quality IN ('low', 'weak') THEN 0.95 ELSE 1 END AS score
      FROM probe p
     CROSS JOIN LATERAL (SELECT n.*, screen.name_score(n.parsed, screen.to_name(p.q)) AS ns
                           FROM screen.entity_name n JOIN screen.entity e USING (entity_id)
                          WHERE e.valid_to IS NULL
                            AND n.parsed OPERATOR(screen.%) screen.name_with_threshold(screen.to_name(p.q), 0.6)) n
     ORDER BY p.q, n.entity_id, n.ns * CASE WHEN n.name_type = 'weak' THEN 0.9 ELSE 1 END DESC, n.name_id) x
   WHERE score >= 0.6 $$;
CREATE TEMP TABLE r_mem AS
  SELECT q, h.entity_id, h.matched_name, round(h.score::numeric, 3) AS score
    FROM probe, screen.screen_party(q, threshold => 0.6, max_hits => 1000) h;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM screen.entity_name
 WHERE parsed OPERATOR(screen.%) screen.name_with_threshold(screen.to_name('John Doe'), 0.6);
CREATE TEMP TABLE r_index AS SELECT * FROM pg_temp.by_sql();
RESET enable_seqscan;
SET enable_indexscan = off; SET enable_bitmapscan = off;
CREATE TEMP TABLE r_seq AS SELECT * FROM pg_temp.by_sql();
RESET enable_indexscan; RESET enable_bitmapscan;
SELECT (SELECT count(*) FROM r_mem) AS hits,
       (SELECT count(*) FROM (SELECT * FROM r_index EXCEPT SELECT * FROM r_mem) x) AS mem_missed,
       (SELECT count(*) FROM (SELECT * FROM r_mem EXCEPT SELECT * FROM r_index) x) AS mem_extra,
       (SELECT count(*) FROM (SELECT * FROM r_seq EXCEPT SELECT * FROM r_index) x) AS index_missed,
       (SELECT count(*) FROM (SELECT * FROM r_index EXCEPT SELECT * FROM r_seq) x) AS index_extra;

-- the matcher's bounds on names with initials, particles, legal forms, numbers
-- and glued words (fictional entities, loaded in a transaction): the matcher
-- finds every hit of the GIN index, at 0.6 and at 0.8, and those of a
-- sequential scan; beyond the index, only what the whole names glued carry
-- (a misspelt legal form: "KLM HOLDINGS LIMTED"), which the index's bound
-- does not see
BEGIN;
\set sdn `cat test/fixtures/lists/screening_matcher/sdn.csv`
\set add `cat test/fixtures/lists/screening_matcher/add.csv`
\set alt `cat test/fixtures/lists/screening_matcher/alt.csv`
\set com `cat test/fixtures/lists/screening_matcher/sdn_comments.csv`
SELECT screen.load_ofac(:'sdn', :'add', :'alt', :'com', published => '2024-02-01', source => 'OFAC-CONS') > 0 AS loaded;
TRUNCATE probe;
INSERT INTO probe VALUES ('BRC SA'), ('B.R.C. S.A.'), ('B R C'), ('BRC'), ('B R C Sociedad Anonima'),
    ('J K Smithson'), ('John K. Smithson'), ('J. Smithson'), ('Smithson John'), ('Kevin Smithson'),
    ('Abdulrahman bin Omar Al-Fictus'), ('Abd al Rahman Fictus'), ('Abdul Rahman Alfictus'),
    ('Muhammad Ali'), ('Mohamed Ali Bin Omar'), ('Al Fictus Omar'),
    ('Globex Trading'), ('Globex Trading Ltd'), ('G T LLC'), ('Globex'),
    ('Management Company 23'), ('Management Company 24'), ('Management Company'),
    ('Ivan Petrovsky'), ('Ivanpetrovsky Boris'), ('Boris Ivanpetrovski'),
    ('K L M Holdings'), ('KLM Holdings Ltd'), ('K.L.M.'),
    -- an honorific that is an org word too ("general") leaves a person's name
    -- a person's: an extra word costs a person's 0.2, at 0.8 as at 0.6
    ('Zoltan General Boris Ivanpetrovsky'),
    ('KLM HOLDINGS LIMTED'),
    -- runs the scorer glues: the party name's into a listed word, a listed
    -- name's into a word of the party name, each beside other words
    ('Abdul Rahman bin Omar Al Fictus'), ('Boris Ivan Petrovski'), ('Muhammad Alibin Omar'),
    ('Globextrading LLC'), ('Smith Son John Kevin'), ('Abd Al Rahman Alfictus Omar'),
    -- a word two edits from a listed word beside a word a key meets: the
    -- two-sided bound must count the pair alignable.  No key joins KOBAKS and
    -- KOVACS (the other pairs share a phonetic key or a glued pair's), so
    -- only the vocabulary test, asked because their lengths and letters
    -- allow it, keeps "KOVACS, Zed" (0.833)
    ('Zed Kobaks'), ('Globex Trodimg LLC'), ('Abd al Rihmen bin Omar Al Fictus'), ('Boris Ivanpetrivskiy'),
    -- letters doubled: the may-align test counts the letters a word has
    -- twice and the other word fewer times as edits too; KOVVAKS has two
    -- (K, V) that KOVACS has once, all the edits a word of seven letters
    -- may have, ZEDD one that ZED has once (0.925 and 0.8)
    ('Zed Kovvaks'), ('Zedd Kovvaks'),
    -- runs glued at the edges of the lengths the matcher's glue tests let
    -- through (at most 0.15 of the longer length apart): the party name's run
    -- KONSTANTINOPOLSKIYYY three letters longer than the listed word, and
    -- KONSTANTINOPOLS two shorter; the listed VAN DEN HOOGENBAND two letters
    -- shorter and two longer than the party's word
    ('Arkady Konstantino Polskiyyy'), ('Arkady Konstantino Pols'),
    ('Pieter Vandenhoogenbandtt'), ('Pieter Vandenhogenbnd'),
    -- party names of more than ten tokens, whose bounds the matcher does not
    -- memoize per mask of words met (each candidate keeps its own)
    ('Abd al Rahman bin Omar Al Fictus Junior of Old Town Road'),
    ('Zed Kovacs Boris Ivanpetrovsky Pieter van den Hoogenband Arkady Konstantinopolsky');
CREATE TEMP TABLE r_mem80 AS
  SELECT q, h.entity_id, h.matched_name, round(h.score::numeric, 3) AS score
    FROM probe, screen.screen_party(q, threshold => 0.8, max_hits => 1000) h;
TRUNCATE r_mem;
INSERT INTO r_mem
  SELECT q, h.entity_id, h.matched_name, round(h.score::numeric, 3) AS score
    FROM probe, screen.screen_party(q, threshold => 0.6, max_hits => 1000) h;
SET enable_seqscan = off;
TRUNCATE r_index;
INSERT INTO r_index SELECT * FROM pg_temp.by_sql();
RESET enable_seqscan;
SET enable_indexscan = off; SET enable_bitmapscan = off;
TRUNCATE r_seq;
INSERT INTO r_seq SELECT * FROM pg_temp.by_sql();
RESET enable_indexscan; RESET enable_bitmapscan;
SELECT (SELECT count(*) FROM r_mem) AS hits,
       (SELECT count(*) FROM r_mem80) AS hits80,
       (SELECT count(*) FROM (SELECT * FROM r_index EXCEPT SELECT * FROM r_mem) x) AS mem_missed,
       (SELECT count(*) FROM (SELECT * FROM r_mem EXCEPT SELECT * FROM r_index) x) AS mem_extra,
       (SELECT count(*) FROM (SELECT * FROM r_seq EXCEPT SELECT * FROM r_mem) x) AS seq_not_mem,
       (SELECT count(*) FROM (SELECT * FROM r_mem EXCEPT SELECT * FROM r_seq) x) AS mem_not_seq,
       (SELECT count(*) FROM (SELECT * FROM r_mem80 EXCEPT SELECT * FROM r_mem WHERE score >= 0.8) x) AS mem80_not_mem60,
       (SELECT count(*) FROM (SELECT * FROM r_mem WHERE score >= 0.8 EXCEPT SELECT * FROM r_mem80) x) AS mem60_not_mem80;
SELECT q, matched_name, score FROM r_mem WHERE matched_name IN
    (SELECT name FROM screen.entity_name n JOIN screen.entity e USING (entity_id) WHERE e.source = 'OFAC-CONS')
 ORDER BY q, matched_name;
ROLLBACK;

-- the in-memory view follows the lists: a change is seen at once by the
-- transaction that makes it, and forgotten when it rolls back
SELECT entities > 0 AS has_entities, names > 0 AS has_names, bytes > 0 AS has_bytes
  FROM screen.screening_cache_info();
BEGIN;
INSERT INTO screen.entity_name (entity_id, name, name_type)
SELECT entity_id, 'Zebulon Quartermaine', 'aka' FROM screen.entity WHERE valid_to IS NULL ORDER BY entity_id LIMIT 1;
SELECT matched_name, name_type, score FROM screen.screen_party('Quartermaine, Zebulon');
ROLLBACK;
SELECT count(*) AS after_rollback FROM screen.screen_party('Quartermaine, Zebulon');
-- the same in a subtransaction (the generation is read once per snapshot,
-- transaction, subtransaction and command): seen in it, gone after it rolls back
BEGIN;
SELECT count(*) AS before_savepoint FROM screen.screen_party('Quartermaine, Zebulon');
SAVEPOINT s;
INSERT INTO screen.entity_name (entity_id, name, name_type)
SELECT entity_id, 'Zebulon Quartermaine', 'aka' FROM screen.entity WHERE valid_to IS NULL ORDER BY entity_id LIMIT 1;
SELECT count(*) AS in_savepoint FROM screen.screen_party('Quartermaine, Zebulon');
ROLLBACK TO SAVEPOINT s;
SELECT count(*) AS after_rollback_to_savepoint FROM screen.screen_party('Quartermaine, Zebulon');
COMMIT;

-- which of an entity's names a tie keeps: the first in list order, although
-- the view lays the names out by their most common word.  "Ondrel Zarvek
-- Tavrix" is grouped under TAVRIX (four names have it), ahead of the primary
-- name's group (ONDREL; the groups go by the hash of the word), and both
-- score the same against "Ondrel Zarvek": the primary name is kept.
BEGIN;
INSERT INTO screen.list_source (code, authority, name, format)
VALUES ('TIE-TEST', 'pg_screen tests', 'names laid out out of list order', 'internal');
SELECT screen.load_internal('TIE-TEST', E'id,name,kind,aliases\n'
    'T-1,"Ondrel Zarvek Plimsk",person,"Ondrel Zarvek Tavrix"\n'
    'T-2,"Tavrix Belmask",person,\n'
    'T-3,"Tavrix Quorrin",person,\n'
    'T-4,"Tavrix Delta",person,\n') > 0 AS loaded;
SELECT list_id, matched_name, round(name_score::numeric, 3) AS name_score,
       (SELECT round(screen.name_score('Ondrel Zarvek', 'Ondrel Zarvek Tavrix')::numeric, 3)) AS alias_score
  FROM screen.screen_party('Ondrel Zarvek', sources => ARRAY['TIE-TEST']);
ROLLBACK;

-- names with more distinct words than the view's table of word counts
-- has slots (8 a name, rounded up to a power of two; it is filled at most
-- half, and a word past that groups no names): the build ends, and every
-- name is found as before
BEGIN;
INSERT INTO screen.list_source (code, authority, name, format)
VALUES ('MANY-WORDS', 'pg_screen tests', 'names of many distinct words', 'internal');
SELECT screen.load_internal('MANY-WORDS', E'id,name,kind\n' || string_agg(
         format('M-%s,"%s",organization', g,
                (SELECT string_agg(translate(md5(g || '-' || k), '0123456789', 'ghijklmnop'), ' ')
                   FROM generate_series(1, 16) k)), E'\n')) > 0 AS loaded
  FROM generate_series(1, 160) g;
SELECT (SELECT count(DISTINCT t.canonical) FROM screen.entity_name n, screen.name_tokens(n.parsed) t
          WHERE t.class IN ('word', 'patronymic')) >
       (SELECT greatest(1024, 2 ^ ceil(log(2, 8 * count(*)))) FROM screen.entity_name) AS more_words_than_slots;
SELECT count(*) AS names_found
  FROM screen.entity_name n JOIN screen.entity e USING (entity_id)
 WHERE e.source = 'MANY-WORDS'
   AND EXISTS (SELECT 1 FROM screen.screen_party(n.name, sources => ARRAY['MANY-WORDS']) h
                WHERE h.list_id = e.list_id AND h.name_score = 1);
ROLLBACK;

-- a whole table into a results table; the lateral pattern gives the same
CREATE TABLE parties (id int, name text, kind text, nationality text);
INSERT INTO parties VALUES (1, 'John Q. Doe', 'person', NULL), (2, 'ACME Trading Co Ltd', 'organization', NULL),
                           (3, 'Completely Unrelated GmbH', 'organization', 'DE'), (4, NULL, NULL, NULL);
ANALYZE parties;
-- a small table is screened in one process; the setting is the caller's again
-- afterwards, in the same transaction
BEGIN;
SELECT screen.screen_table('parties', 'name', 'id', 'party_hits', kind_column => 'kind',
                           country_column => 'nationality') AS hits;
SELECT current_setting('max_parallel_workers_per_gather') AS workers_after;
-- (so is the compression of long values, which screen_table sets to lz4 where it can)
SELECT current_setting('default_toast_compression') AS toast_compression_after;
COMMIT;
SELECT party_key, list_id, matched_name FROM party_hits ORDER BY 1, 2;
-- a long explanation (over 2 kB: compressed) went in lz4 where the server has it
INSERT INTO parties VALUES (6, 'John ' || repeat('Quincy ', 40) || 'Doe', 'person', NULL);
SELECT screen.screen_table('parties', 'name', 'id', 'long_hits', threshold => 0.05) > 0 AS hits;
SELECT pg_column_compression(explanation) =
       (SELECT CASE WHEN 'lz4' = ANY (enumvals) THEN 'lz4' ELSE 'pglz' END FROM pg_settings
         WHERE name = 'default_toast_compression') AS compressed_as_chosen
  FROM long_hits WHERE party_key = '6' AND pg_column_size(explanation) < octet_length(explanation::text);
DELETE FROM parties WHERE id = 6;
DROP TABLE long_hits;
SELECT p.id, h.list_id FROM parties p CROSS JOIN LATERAL screen.screen_party(p.name, p.kind) h ORDER BY 1, 2;
SELECT screen.screen_table('parties', 'nome', 'id');
-- a bad value in any row stops the run before anything is screened, naming the row
INSERT INTO parties VALUES (5, 'Someone Else', 'company', NULL);
SELECT screen.screen_table('parties', 'name', 'id', 'party_hits', kind_column => 'kind');
UPDATE parties SET kind = 'organization' WHERE id = 5;
ALTER TABLE parties ADD COLUMN born text;
UPDATE parties SET born = '1970-13-45' WHERE id = 3;
SELECT screen.screen_table('parties', 'name', 'id', 'party_hits', birth_date_column => 'born');
SELECT count(*) AS hits_unchanged FROM party_hits;
DROP TABLE parties, party_hits;

-- birth dates: accepted forms, and screening from parallel workers (no subtransactions there)
SELECT d, screen.is_birth_date(d) FROM unnest(ARRAY['1970', '1970-02', '1970-02-28', '1972-02-29', '1970-02-29',
                                                   '1970-13', '0000', '1970-1-5', 'March 1970', '']) AS d;
-- (more than 5,000 rows: screen_table screens smaller tables in one process)
CREATE TABLE par_parties AS SELECT g AS id, CASE WHEN g % 1000 = 0 THEN 'John Quincy Doe' ELSE 'Nobody ' || g END AS name,
                                   '1970-03-12'::text AS born FROM generate_series(1, 6000) g;
-- (a NULL and a blank name: no hits, not an error, in the ordered copy too)
INSERT INTO par_parties VALUES (6001, NULL, '1970-03-12'), (6002, '   ', '1970-03-12');
ANALYZE par_parties;
SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0; SET force_parallel_mode = on;
SELECT count(*) AS hits FROM par_parties p CROSS JOIN LATERAL screen.screen_party(p.name, birth_date => p.born) h;
RESET ALL;
-- (the tables it creates, as an event trigger sees them)
CREATE TABLE ddl_seen (tag text, object text);
CREATE FUNCTION ddl_note() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public.ddl_seen SELECT command_tag, object_identity FROM pg_event_trigger_ddl_commands();
END $$;
CREATE EVENT TRIGGER ddl_note ON ddl_command_end EXECUTE FUNCTION ddl_note();
SELECT screen.screen_table('par_parties', 'name', 'id', 'par_hits', birth_date_column => 'born') AS hits;
DROP EVENT TRIGGER ddl_note;
-- the workers screen, the leader writes the hits
SELECT 'parallel_leader_participation=off' = ANY (proconfig) AS leader_writes
  FROM pg_proc WHERE oid = 'screen.screen_table'::regproc;
-- they screened a copy of the rows ordered by name, which is gone; the hits
-- are those of the lateral pattern
SELECT tag, regexp_replace(object, '[0-9]+$', '<pid>') AS created FROM ddl_seen ORDER BY created;
SELECT count(*) AS copies_left FROM pg_class WHERE relname LIKE 'pg_screen_batch_in_%';
DROP TABLE ddl_seen;
DROP FUNCTION ddl_note();
CREATE VIEW par_lateral AS
  SELECT p.id::text AS party_key, h.entity_id, h.matched_name, h.score
    FROM par_parties p CROSS JOIN LATERAL screen.screen_party(p.name, birth_date => p.born) h;
SELECT (SELECT count(*) FROM (SELECT party_key, entity_id, matched_name, score FROM par_hits
                              EXCEPT SELECT * FROM par_lateral) x) AS only_in_table,
       (SELECT count(*) FROM (SELECT * FROM par_lateral
                              EXCEPT SELECT party_key, entity_id, matched_name, score FROM par_hits) x) AS only_lateral;
-- a caller who may not create a table beside the results (appending to a
-- table in a schema it may only use) gets the same hits from the table as it is
CREATE SCHEMA batch_out;
CREATE TABLE batch_out.hits AS SELECT * FROM par_hits WHERE false;
CREATE ROLE pgs_batch;
GRANT USAGE ON SCHEMA screen, batch_out TO pgs_batch;
GRANT SELECT ON ALL TABLES IN SCHEMA screen TO pgs_batch;
GRANT SELECT ON par_parties TO pgs_batch;
GRANT SELECT, INSERT ON batch_out.hits TO pgs_batch;
SET ROLE pgs_batch;
SELECT has_schema_privilege('batch_out', 'CREATE') AS may_create,
       screen.screen_table('par_parties', 'name', 'id', 'batch_out.hits', birth_date_column => 'born') AS appended;
RESET ROLE;
SELECT count(*) AS differ
  FROM ((SELECT party_key, entity_id, matched_name, score FROM batch_out.hits
         EXCEPT SELECT party_key, entity_id, matched_name, score FROM par_hits)
        UNION ALL
        (SELECT party_key, entity_id, matched_name, score FROM par_hits
         EXCEPT SELECT party_key, entity_id, matched_name, score FROM batch_out.hits)) x;
DROP SCHEMA batch_out CASCADE;
DROP OWNED BY pgs_batch;
DROP ROLE pgs_batch;
-- a temporary table's hits go beside it, to this session's temporary schema,
-- and so does the ordered copy (a temporary table too)
CREATE TEMP TABLE tmp_parties AS SELECT * FROM par_parties;
SELECT screen.screen_table('tmp_parties', 'name', 'id', birth_date_column => 'born') AS hits;
SELECT count(*) AS differ
  FROM ((SELECT party_key, entity_id, matched_name, score FROM tmp_parties_screening EXCEPT SELECT * FROM par_lateral)
        UNION ALL
        (SELECT * FROM par_lateral EXCEPT SELECT party_key, entity_id, matched_name, score FROM tmp_parties_screening)) x;
DROP TABLE tmp_parties, tmp_parties_screening;
DROP VIEW par_lateral;
DROP TABLE par_parties, par_hits;

-- as of a date: the lists in force then.  The newer file set delists 1003, the
-- vessel SEA BREEZE; screened as of January it is found, in the version of then.
\set sdn `cat test/fixtures/lists/ofac_v2/sdn.csv`
\set add `cat test/fixtures/lists/ofac_v2/add.csv`
\set alt `cat test/fixtures/lists/ofac_v2/alt.csv`
\set com `cat test/fixtures/lists/ofac_v2/sdn_comments.csv`
SELECT screen.load_ofac(:'sdn', :'add', :'alt', :'com', published => '2024-02-09', source => 'OFAC-SDN') AS v2 \gset
SELECT list_id, matched_name FROM screen.screen_party('Sea Breeze', kind => 'vessel') WHERE source = 'OFAC-SDN';
SELECT list_id, matched_name, version_id = screen.list_version_at('OFAC-SDN', date '2024-01-31') AS version_then
  FROM screen.screen_party('Sea Breeze', kind => 'vessel', as_of => date '2024-01-31') WHERE source = 'OFAC-SDN';
SELECT count(*) AS before_any_list FROM screen.screen_party('Sea Breeze', as_of => date '2023-12-31') WHERE source = 'OFAC-SDN';
SELECT (SELECT count(*) FROM screen.screen_party('Acme Trading')) AS current_hits,
       (SELECT count(*)
          FROM (SELECT entity_id, score, explanation FROM screen.screen_party('Acme Trading', as_of => current_date)
                EXCEPT SELECT entity_id, score, explanation FROM screen.screen_party('Acme Trading')) x) AS as_of_today_differs;
