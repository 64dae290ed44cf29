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

-- the evidence of one candidate entity ---------------------------------------------
-- Returns the adjusted score and the factors that made it.
CREATE FUNCTION screen._entity_evidence(
    p_entity_id bigint, p_entity_kind text, p_name_score real, p_name_type text, p_quality text,
    q_kind text, q_country text, q_dob_from date, q_dob_to date, q_dob_precision text,
    q_ids text[], q_id_types text[],
    OUT score real, OUT factors jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = screen, pg_catalog
AS $$
DECLARE
    w jsonb := screening_weights();
    s double precision := p_name_score;
    f jsonb := '[]';
    best_dob text;
    ent_countries text[];
    id_hit record;
    id_contra record;
BEGIN
    -- the name itself
    IF p_name_type = 'weak' THEN
        s := s * (w->>'weak_alias_factor')::float8;
        f := f || jsonb_build_object('factor', 'weak alias', 'effect', round((s - p_name_score)::numeric, 4),
                                     'detail', 'matched a weak alias (a.k.a. of low quality), which counts less');
    ELSIF p_quality IN ('low', 'weak') THEN
        s := s * (w->>'low_quality_factor')::float8;
        f := f || jsonb_build_object('factor', 'low-quality alias', 'effect', round((s - p_name_score)::numeric, 4),
                                     'detail', 'the list marks this alias as of low quality');
    END IF;

    -- entity kind
    IF q_kind IS NOT NULL AND q_kind <> 'unknown' AND p_entity_kind <> 'unknown' AND q_kind <> p_entity_kind THEN
        IF q_kind = 'person' OR p_entity_kind = 'person' THEN
            s := s + (w->>'kind_mismatch')::float8;
            f := f || jsonb_build_object('factor', 'kind', 'effect', (w->>'kind_mismatch')::numeric,
                                         'detail', format('screened as %s, listed as %s', q_kind, p_entity_kind));
        ELSE
            s := s + (w->>'kind_partial_mismatch')::float8;
            f := f || jsonb_build_object('factor', 'kind', 'effect', (w->>'kind_partial_mismatch')::numeric,
                                         'detail', format('screened as %s, listed as %s', q_kind, p_entity_kind));
        END IF;
    END IF;

    -- date of birth: the best agreement over the entity's dates
    IF q_dob_from IS NOT NULL THEN
        SELECT CASE
                 WHEN q_dob_precision = 'day' AND b.date_precision = 'day' AND b.date_from = q_dob_from THEN 'exact'
                 WHEN b.date_from <= q_dob_to AND b.date_to >= q_dob_from THEN 'consistent'
                 WHEN b.date_from <= q_dob_to + 366 AND b.date_to >= q_dob_from - 366 THEN 'close'
                 ELSE 'contradiction' END || ':' || b.raw
          INTO best_dob
          FROM entity_birth_date b
         WHERE b.entity_id = p_entity_id AND b.date_from IS NOT NULL AND b.date_to IS NOT NULL
         ORDER BY CASE
                 WHEN q_dob_precision = 'day' AND b.date_precision = 'day' AND b.date_from = q_dob_from THEN 0
                 WHEN b.date_from <= q_dob_to AND b.date_to >= q_dob_from THEN 1
                 WHEN b.date_from <= q_dob_to + 366 AND b.date_to >= q_dob_from - 366 THEN 2
                 ELSE 3 END,
                 abs(b.date_from - q_dob_from), b.raw COLLATE "C"   -- ties: the nearest date
         LIMIT 1;
        IF best_dob IS NOT NULL THEN
            s := s + (w->>('birth_date_' || split_part(best_dob, ':', 1)))::float8;
            f := f || jsonb_build_object('factor', 'birth date',
                        'effect', (w->>('birth_date_' || split_part(best_dob, ':', 1)))::numeric,
                        'detail', format('%s: listed %s, screened %s', split_part(best_dob, ':', 1),
                                         substr(best_dob, position(':' IN best_dob) + 1),
                                         CASE q_dob_precision WHEN 'day' THEN to_char(q_dob_from, 'YYYY-MM-DD')
                                              WHEN 'month' THEN to_char(q_dob_from, 'YYYY-MM')
                                              ELSE to_char(q_dob_from, 'YYYY') END));
        END IF;
    END IF;

    -- country: nationality, citizenship, residence, address, place of birth
    IF q_country IS NOT NULL THEN
        SELECT array_agg(DISTINCT c) INTO ent_countries FROM (
            SELECT country_iso2(country) c FROM entity_country WHERE entity_id = p_entity_id
            UNION ALL SELECT country_iso2(country) FROM entity_address WHERE entity_id = p_entity_id AND country IS NOT NULL
            UNION ALL SELECT country_iso2(country) FROM entity_birth_place WHERE entity_id = p_entity_id AND country IS NOT NULL
        ) x WHERE c IS NOT NULL;
        IF ent_countries IS NOT NULL THEN
            IF q_country = ANY (ent_countries) THEN
                s := s + (w->>'country_match')::float8;
                f := f || jsonb_build_object('factor', 'country', 'effect', (w->>'country_match')::numeric,
                                             'detail', format('%s is among the listed countries %s', q_country, ent_countries));
            ELSE
                s := s + (w->>'country_mismatch')::float8;
                f := f || jsonb_build_object('factor', 'country', 'effect', (w->>'country_mismatch')::numeric,
                                             'detail', format('%s is not among the listed countries %s', q_country, ent_countries));
            END IF;
        END IF;
    END IF;

    -- identifiers: an exact one is decisive; a different one of the same type counts strongly against
    IF q_ids IS NOT NULL THEN
        SELECT i.id_type, i.value INTO id_hit
          FROM entity_identifier i, unnest(q_ids, q_id_types) AS q(v, t)
         WHERE i.entity_id = p_entity_id AND i.normalized = q.v AND (q.t IS NULL OR q.t = i.id_type)
         LIMIT 1;
        IF FOUND THEN
            IF s < (w->>'identifier_match_floor')::float8 THEN
                f := f || jsonb_build_object('factor', 'identifier', 'effect',
                            round(((w->>'identifier_match_floor')::float8 - s)::numeric, 4),
                            'detail', format('the same %s %s is listed: decisive', id_hit.id_type, id_hit.value));
                s := (w->>'identifier_match_floor')::float8;
            ELSE
                f := f || jsonb_build_object('factor', 'identifier', 'effect', 0,
                            'detail', format('the same %s %s is listed: decisive', id_hit.id_type, id_hit.value));
            END IF;
        ELSE
            SELECT i.id_type, i.value INTO id_contra
              FROM entity_identifier i, unnest(q_ids, q_id_types) AS q(v, t)
             WHERE i.entity_id = p_entity_id AND q.t IS NOT NULL AND q.t = i.id_type
             LIMIT 1;
            IF FOUND THEN
                s := s + (w->>'identifier_contradiction')::float8;
                f := f || jsonb_build_object('factor', 'identifier', 'effect', (w->>'identifier_contradiction')::numeric,
                            'detail', format('a different %s is listed (%s)', id_contra.id_type, id_contra.value));
            END IF;
        END IF;
    END IF;

    score := greatest(0, least(1, s))::real;
    factors := f;
END;
$$;


-- the screening itself, shared by screen_party and screen_table: one query
-- over arguments already checked.  PL/pgSQL so that its plan is prepared once
-- per session rather than at every call (an SQL function is re-planned for
-- each calling statement), and a PARALLEL SAFE function call so that a batch
-- can run in parallel workers.
CREATE FUNCTION screen._screen_core(
    p_q screen.name, p_qt screen.name, p_text text, p_th real, p_max_hits int, p_kind text, p_iso text,
    p_dob_from date, p_dob_to date, p_dob_prec text, p_ids text[], p_id_types text[], p_sources text[],
    p_as_of date)
RETURNS SETOF screen.hit
LANGUAGE plpgsql STABLE PARALLEL SAFE COST 10000 ROWS 2
SET search_path = screen, pg_catalog
AS $$
BEGIN
    RETURN QUERY
    WITH ver AS (
        SELECT lv.source, CASE WHEN p_as_of IS NULL THEN lv.version_id
                               ELSE screen.list_version_at(lv.source, p_as_of) END AS version_id
          FROM screen.list_version lv
         WHERE lv.status = 'current'
           AND (p_sources IS NULL OR lv.source = ANY (p_sources))
    ),
    by_name AS MATERIALIZED (   -- once, whatever the statistics say
        SELECT n.entity_id, n.name_id, n.name, n.name_type, n.quality, n.parsed, screen.name_score(n.parsed, p_q) AS ns
          FROM screen.entity_name n
         WHERE n.parsed OPERATOR(screen.%) p_qt
    ),
    by_id AS MATERIALIZED (
        SELECT i.entity_id, NULL::bigint AS name_id, NULL::text AS name, NULL::text AS name_type, NULL::text AS quality,
               NULL::screen.name AS parsed, 0::real AS ns
          FROM screen.entity_identifier i
         WHERE p_ids IS NOT NULL AND i.normalized = ANY (p_ids)
    ),
    cand AS (
        SELECT DISTINCT ON (c.entity_id) c.*, e.source, e.list_id, e.kind, e.primary_name, ver.version_id
          FROM (SELECT * FROM by_name UNION ALL SELECT * FROM by_id) c
          JOIN screen.entity e ON e.entity_id = c.entity_id
          JOIN ver ON ver.source = e.source
         WHERE (p_as_of IS NULL AND e.valid_to IS NULL)
            OR (p_as_of IS NOT NULL AND e.valid_from <= ver.version_id
                AND (e.valid_to IS NULL OR e.valid_to > ver.version_id))
         ORDER BY c.entity_id,
                  c.ns * CASE WHEN c.name_type = 'weak' THEN (screen.screening_weights()->>'weak_alias_factor')::real ELSE 1 END DESC,
                  c.name_id      -- ties: the first listed name
    ),
    scored AS (
        SELECT c.*, ev.score, ev.factors
          FROM cand c,
               LATERAL (SELECT p_kind IS NOT NULL OR p_iso IS NOT NULL OR p_dob_from IS NOT NULL
                               OR p_ids IS NOT NULL OR coalesce(c.name_type = 'weak', false)
                               OR coalesce(c.quality IN ('low', 'weak'), false) AS needs_evidence) ne,
               LATERAL (SELECT e2.score, e2.factors
                          FROM screen._entity_evidence(c.entity_id, c.kind, c.ns, c.name_type, c.quality,
                                                       p_kind, p_iso, p_dob_from, p_dob_to, p_dob_prec,
                                                       p_ids, p_id_types) e2
                         WHERE needs_evidence
                        UNION ALL
                        -- nothing to weigh: the name score is the score
                        SELECT c.ns, '[]'::jsonb WHERE NOT needs_evidence) ev
         WHERE ev.score >= p_th
         ORDER BY ev.score DESC, c.ns DESC, c.entity_id
         LIMIT p_max_hits
    )
    SELECT s.entity_id, s.source, s.list_id, s.version_id, s.kind, s.primary_name,
           coalesce(s.name, s.primary_name), coalesce(s.name_type, 'identifier'), s.ns, s.score,
           jsonb_build_object(
               'score', round(s.score::numeric, 4),
               'threshold', p_th,
               'name_score', round(s.ns::numeric, 4),
               'matched_name', s.name,
               'name_type', s.name_type,
               'factors', s.factors,
               'name', CASE WHEN s.parsed IS NOT NULL AND p_text IS NOT NULL
                            THEN screen.name_explain(p_q, s.parsed, p_text, s.name) END)
      FROM scored s
     ORDER BY s.score DESC, s.ns DESC, s.entity_id;
END;
$$;

-- screen_party in SQL over the list tables: what screen_party runs for a
-- screening as of a date (the in-memory view holds the current lists only) -----------------------------------------------------------------
CREATE FUNCTION screen._screen_party_sql(
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
LANGUAGE plpgsql STABLE PARALLEL SAFE COST 5000 ROWS 2
SET search_path = screen, pg_catalog
AS $$
DECLARE
    w jsonb := screening_weights();
    th real := coalesce(_screen_party_sql.threshold, current_threshold());
    q screen.name;
    qt screen.name;
    q_iso text;
    dob_from date;
    dob_to date;
    dob_prec text;
    ids text[];
    id_types text[];
    x text;
    bad text;
BEGIN
    -- arguments ------------------------------------------------------------------
    IF length(_screen_party_sql.name) > 10000 THEN
        RAISE EXCEPTION 'argument name is too long (% characters)', length(_screen_party_sql.name)
            USING ERRCODE = 'program_limit_exceeded',
                  DETAIL = 'screen_party accepts names of at most 10000 characters.',
                  HINT = 'Pass the party''s name, not a document.';
    END IF;
    IF th IS NULL OR th < 0 OR th > 1 THEN
        RAISE EXCEPTION 'argument threshold must be between 0 and 1, not %', th
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF _screen_party_sql.max_hits IS NULL OR _screen_party_sql.max_hits < 1 THEN
        RAISE EXCEPTION 'argument max_hits must be at least 1, not %', _screen_party_sql.max_hits
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT is_entity_kind(_screen_party_sql.kind) THEN
        RAISE EXCEPTION 'argument kind: unknown entity kind "%"', _screen_party_sql.kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use person, organization, vessel, aircraft or unknown (or NULL).';
    END IF;
    IF _screen_party_sql.country IS NOT NULL THEN
        q_iso := country_iso2(_screen_party_sql.country);
        IF q_iso IS NULL THEN
            RAISE EXCEPTION 'argument country: unknown country "%"', _screen_party_sql.country
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Give an ISO 3166-1 code (alpha-2 or alpha-3) or an English country name; '
                             'local spellings can be added to screen.control_country_alias.';
        END IF;
    END IF;
    IF _screen_party_sql.birth_date IS NOT NULL THEN
        -- no exception block here: it would need a subtransaction, which a
        -- parallel worker running this function cannot start
        IF NOT is_birth_date(_screen_party_sql.birth_date) THEN
            RAISE EXCEPTION 'argument birth_date: invalid date "%"', _screen_party_sql.birth_date
                USING ERRCODE = 'invalid_datetime_format', HINT = 'Give YYYY, YYYY-MM or YYYY-MM-DD.';
        END IF;
        SELECT d.date_from, d.date_to, d.date_precision INTO dob_from, dob_to, dob_prec
          FROM parse_birth_date(_screen_party_sql.birth_date) d;
    END IF;
    IF _screen_party_sql.sources IS NOT NULL THEN
        SELECT s INTO bad FROM unnest(_screen_party_sql.sources) s WHERE NOT EXISTS (SELECT 1 FROM list_source l WHERE l.code = s) LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'argument sources: unknown list source "%"', bad
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'See screen.list_source for the codes of the lists.';
        END IF;
    END IF;
    IF _screen_party_sql.identifiers IS NOT NULL THEN
        -- "type:value" or "value"
        FOREACH x IN ARRAY _screen_party_sql.identifiers LOOP
            CONTINUE WHEN x IS NULL OR btrim(x) = '';
            IF x ~ '^[a-z_]+:' THEN
                id_types := id_types || split_part(x, ':', 1);
                ids := ids || normalize_identifier(substr(x, position(':' IN x) + 1), split_part(x, ':', 1));
            ELSE
                id_types := id_types || NULL::text;
                ids := ids || normalize_identifier(x, NULL);
            END IF;
        END LOOP;
    END IF;
    IF (_screen_party_sql.name IS NULL OR btrim(_screen_party_sql.name) = '') AND ids IS NULL THEN
        RETURN;                         -- nothing to screen: no hits, not an error
    END IF;

    q := to_name(coalesce(_screen_party_sql.name, ''));
    -- a birth date and a country can lift a name by up to candidate_margin (their
    -- largest agreeing effects): then look that far below the threshold
    qt := name_with_threshold(q, greatest(th - CASE WHEN dob_from IS NOT NULL OR q_iso IS NOT NULL
                                                    THEN (w->>'candidate_margin')::real ELSE 0 END,
                                          0.01)::real);

    RETURN QUERY
    SELECT * FROM _screen_core(q, qt, _screen_party_sql.name, th, _screen_party_sql.max_hits, _screen_party_sql.kind, q_iso,
                               dob_from, dob_to, dob_prec, ids, id_types, _screen_party_sql.sources, _screen_party_sql.as_of);
END;
$$;
COMMENT ON FUNCTION screen._screen_party_sql(text, text, text, text, text[], text[], real, int, date) IS
    'screen_party in SQL over the list tables (internal: screen_party runs it for screenings as of a date)';

-- screen one party (C: screen_party.c over the in-memory view of the lists) ----------
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
    OUT key_slots int, OUT bytes bigint, OUT build_ms float8)
AS 'MODULE_PATHNAME', 'pgs_screening_cache_info'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION screen.screening_cache_info() IS
    'this session''s in-memory view of the current lists (built now if needed): size and build time';

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
    th real := coalesce(screen_table.threshold, current_threshold());
    k text := format('t.%I::text', key_column);
    nm text := format('t.%I::text', name_column);
    kd text := CASE WHEN kind_column IS NULL THEN 'NULL::text' ELSE format('t.%I::text', kind_column) END;
    co text := CASE WHEN country_column IS NULL THEN 'NULL::text' ELSE format('t.%I::text', country_column) END;
    bd text := CASE WHEN birth_date_column IS NULL THEN 'NULL::text' ELSE format('t.%I::text', birth_date_column) END;
    col text;
    bad record;
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

    -- one set-based query (CREATE TABLE AS can use parallel workers; INSERT ... SELECT cannot)
    EXECUTE format(
        'CREATE TEMP TABLE %I AS
         SELECT %s AS party_key, %s AS party_name, h.*, now() AS screened_at
           FROM %s t
          CROSS JOIN LATERAL screen.screen_party(%s, %s, %s, %s, NULL, %L::text[], %s::real, %s) h
          WHERE %s IS NOT NULL AND btrim(%s) <> %L',
        tmp, k, nm, source_table, nm, kd, co, bd, sources, th, max_hits, nm, nm, '');
    IF to_regclass(res) IS NULL THEN
        EXECUTE format('CREATE TABLE %s AS SELECT * FROM %I', res, tmp);
    ELSE
        EXECUTE format('INSERT INTO %s SELECT * FROM %I', res, tmp);
    END IF;
    GET DIAGNOSTICS n = ROW_COUNT;
    EXECUTE format('DROP TABLE %I', tmp);
    RETURN n;
END;
$$;
COMMENT ON FUNCTION screen.screen_table(regclass, text, text, text, text, text, text, text[], real, int) IS
    'screen every row of a table (name column plus optional kind, country, birth date columns) into a results table; returns the number of hits';
