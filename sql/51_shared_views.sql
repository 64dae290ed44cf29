-- views of the lists in shared memory (doc/screening.md, Shared views).  With
-- pg_screen in shared_preload_libraries the sessions of one database and role
-- use one view; without, each session builds its own.  scripts/test.sh runs
-- this file in both clusters: every line that could differ compares with what
-- the configuration says, so the output is the same.  (It screens against the
-- lists 50_screening loaded.)
SELECT count(*) > 0 AS has_names FROM screen.screen_party('John Q. Doe');
-- (the parameter exists only where the library is preloaded; 128MB by default)
SELECT current_setting('pg_screen.shared_view_memory', true) IS NOT DISTINCT FROM
       CASE WHEN current_setting('shared_preload_libraries') ~ 'pg_screen' THEN '128MB' END AS memory_as_configured;
SELECT current_setting('shared_preload_libraries') ~ 'pg_screen'
       AND current_setting('pg_screen.shared_view_memory', true) <> '0' AS expect_shared \gset
SELECT shared = :'expect_shared'::boolean AS shared_as_configured, names > 0 AS has_names
  FROM screen.screening_cache_info();
SELECT generation AS gen1, build_ms AS built1 FROM screen.screening_cache_info() \gset

-- another session: the same view, not built again, when shared
\c
SELECT current_setting('shared_preload_libraries') ~ 'pg_screen'
       AND current_setting('pg_screen.shared_view_memory', true) <> '0' AS expect_shared \gset
SELECT generation = :gen1 AS same_generation, (build_ms = :built1) = :'expect_shared'::boolean AS built_once_if_shared,
       shared = :'expect_shared'::boolean AS shared_as_configured
  FROM screen.screening_cache_info();
SELECT list_id, matched_name, name_type, round(score::numeric, 3) AS score
  FROM screen.screen_party('John Q. Doe') ORDER BY list_id, matched_name;
-- the slots (none without preloading), the view in one of them, any reader's
SELECT count(*) = CASE WHEN :'expect_shared'::boolean THEN 2 ELSE 0 END AS slots_as_configured,
       (count(*) FILTER (WHERE state = 'ready' AND database = current_database() AND role IS NULL
                           AND generation = :gen1 AND bytes > 0)) = :'expect_shared'::boolean::int AS view_listed
  FROM screen.shared_views();

-- parallel workers use it too
SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET force_parallel_mode = on; SET parallel_leader_participation = off;
SELECT list_id, matched_name, round(score::numeric, 3) AS score
  FROM screen.screen_party('John Q. Doe') ORDER BY list_id, matched_name;
SELECT shared = :'expect_shared'::boolean AS worker_shared_as_configured FROM screen.screening_cache_info();
RESET ALL;

-- a transaction that changes the lists sees its change in a view of its own,
-- never shared; after the rollback the shared view serves again
BEGIN;
INSERT INTO screen.entity_name (entity_id, name, name_type)
SELECT entity_id, 'Zebulon Quartermaine', 'aka' FROM screen.entity WHERE valid_to IS NULL ORDER BY entity_id LIMIT 1;
SELECT matched_name FROM screen.screen_party('Quartermaine, Zebulon');
SELECT shared AS shared_in_changing_transaction FROM screen.screening_cache_info();
ROLLBACK;
SELECT count(*) AS after_rollback FROM screen.screen_party('Quartermaine, Zebulon');
SELECT generation = :gen1 AS same_generation, shared = :'expect_shared'::boolean AS shared_as_configured
  FROM screen.screening_cache_info();

-- a committed change: a new view, which the next session finds
INSERT INTO screen.entity_name (entity_id, name, name_type)
SELECT entity_id, 'Zebulon Quartermaine', 'aka' FROM screen.entity WHERE valid_to IS NULL ORDER BY entity_id LIMIT 1;
SELECT matched_name FROM screen.screen_party('Quartermaine, Zebulon');
SELECT generation > :gen1 AS newer, shared = :'expect_shared'::boolean AS shared_as_configured
  FROM screen.screening_cache_info();
SELECT generation AS gen2, build_ms AS built2 FROM screen.screening_cache_info() \gset
\c
SELECT current_setting('shared_preload_libraries') ~ 'pg_screen'
       AND current_setting('pg_screen.shared_view_memory', true) <> '0' AS expect_shared \gset
SELECT matched_name FROM screen.screen_party('Quartermaine, Zebulon');
SELECT generation = :gen2 AS same_generation, (build_ms = :built2) = :'expect_shared'::boolean AS built_once_if_shared
  FROM screen.screening_cache_info();
DELETE FROM screen.entity_name WHERE name = 'Zebulon Quartermaine';
SELECT count(*) AS after_delete FROM screen.screen_party('Quartermaine, Zebulon');

-- the view is the role's: a role that may not read the lists gets no view,
-- not even one another role built (and its failed build frees its slot)
CREATE ROLE pgs_no_lists;
GRANT USAGE ON SCHEMA screen TO pgs_no_lists;
SET ROLE pgs_no_lists;
SELECT count(*) FROM screen.screen_party('John Q. Doe');
SELECT count(*) FROM screen.screen_party('John Q. Doe');
RESET ROLE;
SELECT count(*) > 0 AS screens_again, bool_and(shared = :'expect_shared'::boolean) AS shared_as_configured
  FROM screen.screen_party('John Q. Doe'), screen.screening_cache_info();
REVOKE USAGE ON SCHEMA screen FROM pgs_no_lists;
DROP ROLE pgs_no_lists;

-- a role that may read every table of the lists uses the view another role
-- built (with shared views), as long as no table has row-level security;
-- with it, each role reads its own rows into a view of its own
CREATE ROLE pgs_reader;
GRANT USAGE ON SCHEMA screen TO pgs_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA screen TO pgs_reader;
SELECT build_ms AS built3 FROM screen.screening_cache_info() \gset
SET ROLE pgs_reader;
SELECT (build_ms = :built3) = :'expect_shared'::boolean AS same_view_if_shared,
       shared = :'expect_shared'::boolean AS shared_as_configured
  FROM screen.screening_cache_info();
SELECT count(*) AS reader_identifier_hits FROM screen.screen_party(NULL, identifiers => ARRAY['X1234567']);
SELECT count(*) FROM screen.shared_views();	-- for superusers and pg_read_all_stats only
RESET ROLE;
ALTER TABLE screen.entity_identifier ENABLE ROW LEVEL SECURITY;	-- no policy: a reader sees no rows
SET ROLE pgs_reader;
SELECT count(*) AS reader_identifier_hits FROM screen.screen_party(NULL, identifiers => ARRAY['X1234567']);
SELECT build_ms <> :built3 AS own_view FROM screen.screening_cache_info();
RESET ROLE;
SELECT count(*) AS owner_identifier_hits FROM screen.screen_party(NULL, identifiers => ARRAY['X1234567']);
ALTER TABLE screen.entity_identifier DISABLE ROW LEVEL SECURITY;
DROP OWNED BY pgs_reader;
DROP ROLE pgs_reader;

-- sessions that screen at the same moment after a change: with shared views
-- one builds the new view and the others wait for it and attach it (one
-- build), without them each builds its own (three)
CREATE EXTENSION IF NOT EXISTS dblink;
SELECT format('host=%s port=%s dbname=%s', split_part(current_setting('unix_socket_directories'), ',', 1),
              current_setting('port'), current_database()) AS conn \gset
INSERT INTO screen.entity_name (entity_id, name, name_type)
SELECT entity_id, 'Yolanda Brightwater', 'aka' FROM screen.entity WHERE valid_to IS NULL ORDER BY entity_id LIMIT 1;
SELECT dblink_connect(c, :'conn') FROM unnest(ARRAY['s1', 's2', 's3']) c;
SELECT dblink_send_query(c, 'SELECT count(*) FROM screen.screen_party(''Brightwater, Yolanda'')')
  FROM unnest(ARRAY['s1', 's2', 's3']) c;
SELECT c, r.hits FROM unnest(ARRAY['s1', 's2', 's3']) c, dblink_get_result(c) AS r(hits bigint);
SELECT count(*) AS results_left FROM unnest(ARRAY['s1', 's2', 's3']) c, dblink_get_result(c) AS r(hits bigint);
SELECT count(DISTINCT r.build_ms) = CASE WHEN :'expect_shared'::boolean THEN 1 ELSE 3 END AS builds_as_configured,
       bool_and(r.shared = :'expect_shared'::boolean) AS shared_as_configured
  FROM unnest(ARRAY['s1', 's2', 's3']) c,
       dblink(c, 'SELECT build_ms, shared FROM screen.screening_cache_info()') AS r(build_ms float8, shared boolean);
-- another session's committed change is seen by the next statement of a
-- READ COMMITTED transaction that changed nothing itself: the generation is
-- read once per snapshot, and this statement's snapshot is a new one
BEGIN;
SELECT count(*) AS before_other_commit FROM screen.screen_party('Quillfeather, Ottoline');
SELECT dblink_exec('s1', $$INSERT INTO screen.entity_name (entity_id, name, name_type)
  SELECT entity_id, 'Ottoline Quillfeather', 'aka' FROM screen.entity WHERE valid_to IS NULL
  ORDER BY entity_id LIMIT 1$$);
SELECT count(*) AS after_other_commit FROM screen.screen_party('Quillfeather, Ottoline');
COMMIT;
SELECT dblink_disconnect(c) FROM unnest(ARRAY['s1', 's2', 's3']) c;
DELETE FROM screen.entity_name WHERE name IN ('Yolanda Brightwater', 'Ottoline Quillfeather');
DROP EXTENSION dblink;
