-- ===========================================================================
-- 50_screening.sql — screening parties against the loaded lists (doc/screening.md)
--
--   entity_name.parsed    every list name parsed once, GIN-indexed
--   screen.hit            what a screening returns
--   screen.list_state     the lists' generation: when each session's in-memory
--                         view of the lists (src/screen_lists.c) is stale
--   screen.screen_party   one party: name plus secondary evidence (C)
--   screen.screen_table   a whole table of parties into a results table
-- ===========================================================================

-- every list name parsed once, and indexed --------------------------------------
ALTER TABLE screen.entity_name
    ADD COLUMN parsed screen.name GENERATED ALWAYS AS (screen.to_name(name)) STORED;
-- fastupdate off: a pending list would be scanned by every screening after a load
CREATE INDEX entity_name_parsed ON screen.entity_name USING gin (parsed) WITH (fastupdate = off);
COMMENT ON COLUMN screen.entity_name.parsed IS 'the name parsed by screen.to_name (GIN-indexed for %)';

-- the lists' generation ---------------------------------------------------------------
-- Each session screens against an in-memory view of the current lists, built
-- at its first screening.  Every statement that changes a table the view is
-- built from stores a new number in list_state; a screening reads the row with
-- its own snapshot and rebuilds the view when the number differs.
CREATE SEQUENCE screen.list_generation;
CREATE TABLE screen.list_state (
    one         boolean PRIMARY KEY DEFAULT true CHECK (one),
    generation  bigint NOT NULL
);
INSERT INTO screen.list_state (generation) VALUES (nextval('screen.list_generation'));
COMMENT ON TABLE screen.list_state IS
    'one row: changes with every statement that changes the lists (sessions rebuild their view of the lists)';

-- SECURITY DEFINER: whoever may change the lists may move the generation on
CREATE FUNCTION screen._lists_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = screen, pg_catalog
AS $$
BEGIN
    UPDATE screen.list_state SET generation = nextval('screen.list_generation');
    RETURN NULL;
END;
$$;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['list_source', 'list_version', 'entity', 'entity_name', 'entity_identifier',
                             'entity_birth_date', 'entity_birth_place', 'entity_country', 'entity_address',
                             'control_country_alias'] LOOP
        EXECUTE format('CREATE TRIGGER lists_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON screen.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION screen._lists_changed()', t);
    END LOOP;
END $$;

-- the result of a screening -------------------------------------------------------
CREATE TYPE screen.hit AS (
    entity_id     bigint,    -- the entity revision (screen.entity)
    source        text,      -- list source code (screen.list_source)
    list_id       text,      -- the list's own id of the entity
    version_id    bigint,    -- the list version screened against
    kind          text,      -- person / organization / vessel / aircraft / unknown
    primary_name  text,
    matched_name  text,      -- the list name that matched best
    name_type     text,      -- primary / aka / fka / nka / weak / original_script
    name_score    real,      -- screen.name_score of the matched name
    score         real,      -- entity score: name plus secondary evidence
    explanation   jsonb      -- every factor, and the name explanation
);
COMMENT ON TYPE screen.hit IS 'one screening hit: the entity, its list and version, the matched name and the scores with their explanation';

-- weights of the secondary evidence, documented in doc/screening.md ----------------
CREATE FUNCTION screen.screening_weights() RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN '{"weak_alias_factor": 0.90, "low_quality_factor": 0.95,
         "kind_mismatch": -0.20, "kind_partial_mismatch": -0.10,
         "birth_date_exact": 0.05, "birth_date_consistent": 0.03, "birth_date_close": 0.0,
         "birth_date_contradiction": -0.15,
         "country_match": 0.03, "country_mismatch": -0.05,
         "identifier_match_floor": 0.95, "identifier_contradiction": -0.20,
         "candidate_margin": 0.08}'::jsonb;
COMMENT ON FUNCTION screen.screening_weights() IS
    'the adjustments secondary evidence makes to a name score (see doc/screening.md)';

-- country: ISO alpha-2 from a code or a name ---------------------------------------
CREATE FUNCTION screen.country_iso2(country text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE STRICT
SET search_path = screen, pg_catalog
RETURN (SELECT iso2 FROM screen.control_country_alias WHERE alias = lower(btrim(country)));
COMMENT ON FUNCTION screen.country_iso2(text) IS
    'ISO 3166-1 alpha-2 code of a country given by code or name (NULL when unknown)';

-- a date of birth as a range with its precision (C: screen_evidence.c; no
-- exception blocks, so they run in parallel workers) -----------------------------
CREATE FUNCTION screen.is_birth_date(birth_date text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'pgs_is_birth_date'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION screen.is_birth_date(text) IS 'true when screen.parse_birth_date accepts the text (YYYY, YYYY-MM, YYYY-MM-DD)';

CREATE FUNCTION screen.parse_birth_date(birth_date text, OUT date_from date, OUT date_to date, OUT date_precision text)
    AS 'MODULE_PATHNAME', 'pgs_parse_birth_date'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION screen.parse_birth_date(text) IS 'a date of birth (YYYY, YYYY-MM, YYYY-MM-DD) as a range with its precision';

-- screen one party (C: screen_party.c, over the session's view of the lists) ---------
CREATE FUNCTION screen.screen_party(
    name        text,
    kind        text    DEFAULT NULL,
    country     text    DEFAULT NULL,
    birth_date  text    DEFAULT NULL,
    identifiers text[]  DEFAULT NULL,
    sources     text[]  DEFAULT NULL,
    threshold   real    DEFAULT NULL,
    max_hits    int     DEFAULT 10,
    as_of       date    DEFAULT NULL)
RETURNS SETOF screen.hit
AS 'MODULE_PATHNAME', 'pgs_screen_party'
LANGUAGE C STABLE PARALLEL SAFE COST 200 ROWS 2;
COMMENT ON FUNCTION screen.screen_party(text, text, text, text, text[], text[], real, int, date) IS
    'screen one party (name plus optional kind, country, birth date, identifiers) against the current lists, or as of a date';

CREATE FUNCTION screen.screening_cache_info(
    OUT generation bigint, OUT entities int, OUT names int, OUT postings bigint,
    OUT key_slots int, OUT bytes bigint, OUT build_ms float8, OUT shared boolean)
AS 'MODULE_PATHNAME', 'pgs_screening_cache_info'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION screen.screening_cache_info() IS
    'this session''s in-memory view of the current lists (built now if needed): size, build time, and whether it is one in shared memory that other sessions use too';

CREATE FUNCTION screen.shared_views(
    OUT slot int, OUT state text, OUT slot_bytes bigint, OUT database text, OUT role text,
    OUT generation bigint, OUT pins int, OUT bytes bigint, OUT build_ms float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'pgs_shared_views'
LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION screen.shared_views() IS
    'the slots of shared memory for views of the lists (pg_screen preloaded) and the views in them';
REVOKE EXECUTE ON FUNCTION screen.shared_views() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION screen.shared_views() TO pg_read_all_stats;

-- screen a whole table ---------------------------------------------------------------
CREATE FUNCTION screen.screen_table(
    source_table      regclass,
    name_column       text,
    key_column        text,
    results_table     text    DEFAULT NULL,   -- default: <table>_screening beside it
    kind_column       text    DEFAULT NULL,
    country_column    text    DEFAULT NULL,
    birth_date_column text    DEFAULT NULL,
    sources           text[]  DEFAULT NULL,
    threshold         real    DEFAULT NULL,
    max_hits          int     DEFAULT 10)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog
-- the planner cannot see that each row costs a screening (a function scan's
-- rescan looks free): let it hand the rows to parallel workers anyway
SET parallel_setup_cost = 0
SET parallel_tuple_cost = 0.001
SET min_parallel_table_scan_size = 0
SET max_parallel_workers_per_gather FROM CURRENT
-- the leader writes the results while the workers screen: screening too, it
-- would build a view of the lists of its own (0.2 s on the real lists) and
-- take CPU from the workers (2 cores, real lists: 20,000 parties 1.5 -> 1.3 s,
-- 200,000 parties 10.5 -> 9.5 s); when no worker starts, it screens alone
SET parallel_leader_participation = off
-- restored on exit: the body may choose lz4 (below)
SET default_toast_compression FROM CURRENT
AS $$
DECLARE
    nsp text := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE c.oid = source_table);
    -- a results table without a schema goes beside the screened table
    res text := CASE WHEN results_table LIKE '%.%' THEN results_table
                     ELSE format('%I.%I', nsp, coalesce(results_table,
                                 (SELECT relname FROM pg_class WHERE oid = source_table) || '_screening'))
                END;
    tmp text := 'pg_screen_batch_' || pg_backend_pid();
    src text := source_table::text;    -- the rows to screen
    sorted text;                         -- ... ordered by name (below)
    persistence text;
    parts text[];
    th real := coalesce(screen_table.threshold, current_threshold());
    k text := format('t.%I::text', key_column);
    nm text := format('t.%I::text', name_column);
    kd text := CASE WHEN kind_column IS NULL THEN 'NULL::text' ELSE format('t.%I::text', kind_column) END;
    co text := CASE WHEN country_column IS NULL THEN 'NULL::text' ELSE format('t.%I::text', country_column) END;
    bd text := CASE WHEN birth_date_column IS NULL THEN 'NULL::text' ELSE format('t.%I::text', birth_date_column) END;
    -- the rows with a name to screen (NULL and blank names have no hits)
    named text := format('%s IS NOT NULL AND btrim(%s) <> %L', nm, nm, '');
    col text;
    bad record;
    q text;
    n bigint;
BEGIN
    FOREACH col IN ARRAY ARRAY[name_column, key_column, kind_column, country_column, birth_date_column] LOOP
        CONTINUE WHEN col IS NULL;
        IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = source_table AND attname = col
                        AND attnum > 0 AND NOT attisdropped) THEN
            RAISE EXCEPTION 'column "%" does not exist in table %', col, source_table
                USING ERRCODE = 'undefined_column';
        END IF;
    END LOOP;
    IF th < 0 OR th > 1 THEN
        RAISE EXCEPTION 'argument threshold must be between 0 and 1, not %', th USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF max_hits IS NULL OR max_hits < 1 THEN
        RAISE EXCEPTION 'argument max_hits must be at least 1, not %', max_hits USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF sources IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(sources) x WHERE x NOT IN (SELECT code FROM list_source)) THEN
        RAISE EXCEPTION 'argument sources: unknown list source in %', sources
            USING ERRCODE = 'invalid_parameter_value', HINT = 'See screen.list_source for the codes of the lists.';
    END IF;

    -- bad values are reported with the row's key before anything is screened
    EXECUTE format(
        'SELECT true AS found, %s AS key, %s AS kind, %s AS country, %s AS dob, length(%s) AS len FROM %s t
          WHERE length(%s) > 10000
             OR NOT screen.is_entity_kind(%s)
             OR (%s IS NOT NULL AND screen.country_iso2(%s) IS NULL)
             OR NOT screen.is_birth_date(%s)
          LIMIT 1',
        k, kd, co, bd, nm, source_table, nm, kd, co, co, bd) INTO bad;
    IF bad.found THEN
        RAISE EXCEPTION 'table %, row with % = %: %', source_table, key_column, bad.key,
            CASE WHEN bad.len > 10000 THEN format('column %s is too long (%s characters, at most 10000)', name_column, bad.len)
                 WHEN NOT is_entity_kind(bad.kind)
                      THEN format('column %s: unknown entity kind "%s"', kind_column, bad.kind)
                 WHEN bad.country IS NOT NULL AND country_iso2(bad.country) IS NULL
                      THEN format('column %s: unknown country "%s"', country_column, bad.country)
                 ELSE format('column %s: invalid birth date "%s" (YYYY, YYYY-MM or YYYY-MM-DD)', birth_date_column, bad.dob) END
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- each parallel worker builds its own view of the lists (0.2 s on the real
    -- lists): a small table is screened sooner by this process alone
    IF (SELECT reltuples FROM pg_class WHERE oid = source_table) BETWEEN 0 AND 5000 THEN
        PERFORM set_config('max_parallel_workers_per_gather', '0', true);
    ELSE
        -- A larger one is screened in the order of its names: parties that
        -- share words follow each other and find the same listed names, keys
        -- and words still in the CPU's caches (real lists, 200,000 benchmark
        -- parties stored in the order of their keys, 2 cores: 8.3-8.4 s read
        -- as stored, 7.6-7.8 s with the copy, 0.2 s of it).  An unlogged copy, since
        -- parallel workers cannot read a temporary table; dropped below, and
        -- with the transaction if the screening fails.  Where the copy cannot
        -- be made (no right to create a table there), the table is read as it is.
        BEGIN
            -- beside the results table; a temporary one where those go to
            -- this session's temporary schema (read by this process alone)
            parts := CASE WHEN results_table LIKE '%.%' THEN parse_ident(results_table) END;
            sorted := coalesce(parts[array_length(parts, 1) - 1], nsp);
            persistence := CASE WHEN sorted = 'pg_temp' OR to_regnamespace(quote_ident(sorted)) = pg_my_temp_schema()
                                THEN 'TEMPORARY' ELSE 'UNLOGGED' END;
            sorted := format('%I.%I', CASE WHEN persistence = 'TEMPORARY' THEN 'pg_temp' ELSE sorted END,
                             'pg_screen_batch_in_' || pg_backend_pid());
            EXECUTE format(
                'CREATE %s TABLE %s AS
                 SELECT %s AS k, %s AS nm, %s AS kd, %s AS co, %s AS bd FROM %s t
                  WHERE %s
                  ORDER BY lower(%s) COLLATE "C"',
                persistence, sorted, k, nm, kd, co, bd, source_table, named, nm);
            src := sorted;
            named := 'true';    -- (the copy holds only those)
            k := 't.k';
            nm := 't.nm';
            kd := 't.kd';
            co := 't.co';
            bd := 't.bd';
        EXCEPTION WHEN insufficient_privilege OR duplicate_table OR invalid_schema_name
                       OR invalid_parameter_value OR read_only_sql_transaction THEN
            -- (a malformed or missing results schema fails again, clearly, below)
            sorted := NULL;
        END;
    END IF;
    -- explanations over 2 kB (a fifth of them on the real lists) are compressed
    -- as they are written: lz4, where the server has it, takes a fraction of
    -- pglz's time in the process that writes the results while the workers
    -- screen (real lists, 200,000 parties: pglz was 4% of all CPU time)
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        PERFORM set_config('default_toast_compression', 'lz4', true);
    END IF;
    -- one set-based query: CREATE TABLE AS can use parallel workers, INSERT ... SELECT
    -- cannot, so appending to an existing results table goes through a temporary table
    q := format(
        'SELECT %s AS party_key, %s AS party_name, h.*, now() AS screened_at
           FROM %s t
          CROSS JOIN LATERAL screen.screen_party(%s, %s, %s, %s, NULL, %L::text[], %s::real, %s) h
          WHERE %s',
        k, nm, src, nm, kd, co, bd, sources, th, max_hits, named);
    IF to_regclass(res) IS NULL THEN
        EXECUTE format('CREATE TABLE %s AS %s', res, q);
        GET DIAGNOSTICS n = ROW_COUNT;
    ELSE
        EXECUTE format('CREATE TEMP TABLE %I AS %s', tmp, q);
        EXECUTE format('INSERT INTO %s SELECT * FROM %I', res, tmp);
        GET DIAGNOSTICS n = ROW_COUNT;
        EXECUTE format('DROP TABLE %I', tmp);
    END IF;
    IF src = sorted THEN
        EXECUTE format('DROP TABLE %s', sorted);
    END IF;
    RETURN n;
END;
$$;
COMMENT ON FUNCTION screen.screen_table(regclass, text, text, text, text, text, text, text[], real, int) IS
    'screen every row of a table (name column plus optional kind, country, birth date columns) into a results table; returns the number of hits';
