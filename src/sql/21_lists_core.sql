-- ===========================================================================
-- 21_lists_core.sql — machinery shared by every list loader (doc/lists.md)
--
-- Each loader parses its format into session-local staging tables
-- (pg_temp.screen_stg_*), keyed by the list's own id, then calls
-- screen._commit_version(), which validates the staged rows, compares them
-- with the current revisions of the same source and writes a new version:
-- added and changed entities get new revisions, removed and changed ones
-- get valid_to = the new version.  Everything runs inside the caller's
-- transaction, so an error anywhere leaves the previous version untouched.
-- ===========================================================================

CREATE FUNCTION screen._csv_records(content text, file text, delimiter text DEFAULT ',',
                                    null_token text DEFAULT NULL)
RETURNS TABLE (line integer, fields text[])
AS 'MODULE_PATHNAME', 'screen_csv_records'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION screen._csv_records(text, text, text, text) IS
  'Split delimited text into records (internal; used by the list loaders)';

CREATE FUNCTION screen.list_file_text(data bytea, encoding text DEFAULT 'UTF8', file text DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'screen_list_file_text'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION screen.list_file_text(bytea, text, text) IS
  'Decode the raw bytes of a list file, reporting the line of an invalid byte sequence';

CREATE FUNCTION screen._check_encoding(content text, file text)
RETURNS void
AS 'MODULE_PATHNAME', 'screen_check_encoding'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION screen._check_encoding(text, text) IS
  'Raise if text shows signs of a wrong decoding (internal; used by the list loaders)';

-- identifiers compare exactly after normalization: upper case, letters and
-- digits only; e-mail addresses and web sites lower case; digital-currency
-- addresses are case-sensitive and kept as they are.
CREATE FUNCTION screen.normalize_identifier(value text, id_type text DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN value IS NULL THEN NULL
    WHEN id_type = 'crypto_wallet' THEN btrim(value)
    WHEN id_type IN ('email', 'website') THEN lower(btrim(value))
    ELSE regexp_replace(upper(value), '[^[:alnum:]]', '', 'g')
END;

-- "10 Dec 1948", "Dec 1948", "1948", "circa 1955", "1948 to 1950",
-- "2012-12-31", "31/12/1950", "between 1950 and 1952" -> a date range with a date_precision
CREATE FUNCTION screen.parse_fuzzy_date(raw text,
    OUT date_from date, OUT date_to date, OUT date_precision text, OUT circa boolean)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = screen, pg_catalog
AS $$
DECLARE
    s text := lower(btrim(raw, ' .'));
    m text[];
    a record;
    b record;
    y int; mo int; d int;
BEGIN
    circa := false;
    date_precision := 'unparsed';
    m := regexp_match(s, '^(circa|approximately|approx\.?|about|ca\.?)\s+(.*)$');
    IF m IS NOT NULL THEN
        circa := true;
        s := m[2];
    END IF;
    m := regexp_match(s, '^(\d{4})\s*-\s*(\d{4})$');
    IF m IS NULL THEN
        m := regexp_match(s, '^(?:between\s+)?(.+?)\s+(?:to|and|-)\s+(.+)$');
    END IF;
    IF m IS NOT NULL THEN
        a := screen.parse_fuzzy_date(m[1]);
        b := screen.parse_fuzzy_date(m[2]);
        IF a.date_precision NOT IN ('unparsed', 'range') AND b.date_precision NOT IN ('unparsed', 'range') THEN
            date_from := a.date_from;
            date_to := b.date_to;
            date_precision := 'range';
        END IF;
        RETURN;
    END IF;
    IF s ~ '^\d{4}$' THEN
        y := s::int;
        date_from := make_date(y, 1, 1);
        date_to := make_date(y, 12, 31);
        date_precision := 'year';
        RETURN;
    END IF;
    m := regexp_match(s, '^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$');
    IF m IS NOT NULL THEN
        y := m[1]::int; mo := m[2]::int; d := m[3]::int;
    ELSE
        m := regexp_match(s, '^(\d{1,2})[./](\d{1,2})[./](\d{4})$');
        IF m IS NOT NULL THEN
            d := m[1]::int; mo := m[2]::int; y := m[3]::int;
        ELSE
            m := regexp_match(s, '^(?:(\d{1,2})\s+)?([a-z]{3})[a-z]*\.?\s+(\d{4})$');
            IF m IS NULL THEN
                RETURN;
            END IF;
            mo := (position(m[2] in 'janfebmaraprmayjunjulaugsepoctnovdec') + 2) / 3;
            IF mo = 0 OR (position(m[2] in 'janfebmaraprmayjunjulaugsepoctnovdec') - 1) % 3 <> 0 THEN
                RETURN;
            END IF;
            y := m[3]::int; d := m[1]::int;
        END IF;
    END IF;
    IF mo NOT BETWEEN 1 AND 12 OR y < 1 THEN
        RETURN;
    END IF;
    IF d IS NULL THEN
        date_from := make_date(y, mo, 1);
        date_to := (date_from + interval '1 month')::date - 1;
        date_precision := 'month';
        RETURN;
    END IF;
    date_from := make_date(y, mo, 1) + (d - 1);
    IF d < 1 OR extract(month FROM date_from) <> mo THEN
        date_from := NULL;
        RETURN;
    END IF;
    date_to := date_from;
    date_precision := 'day';
END;
$$;

-- a day-precision date from list text ("2015-04-07", "2015-04-07-04:00", "07 Apr 2015"), else NULL
CREATE FUNCTION screen._day(raw text)
RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = screen, pg_catalog
RETURN (SELECT p.date_from FROM screen.parse_fuzzy_date(regexp_replace(raw, '^(\d{4}-\d{2}-\d{2})[T ]?[-+Z0-9:.]*$', '\1')) p
         WHERE p.date_precision = 'day');

-- staging tables: session-local, emptied at the start of each load -----------
CREATE FUNCTION screen._stage_reset()
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
BEGIN
    IF to_regclass('pg_temp.screen_stg_entity') IS NULL THEN
        CREATE TEMP TABLE screen_stg_entity (
            list_id text, kind text, primary_name text, title text, gender text,
            listed_on date, remarks text, extra jsonb DEFAULT '{}', src text);
        CREATE TEMP TABLE screen_stg_name (
            list_id text, name text, name_type text, quality text, script text, remarks text, src text);
        CREATE TEMP TABLE screen_stg_identifier (
            list_id text, id_type text, label text, value text, country text,
            issued text, expires text, note text);
        CREATE TEMP TABLE screen_stg_birth_date (list_id text, raw text);
        CREATE TEMP TABLE screen_stg_birth_place (list_id text, place text, country text);
        CREATE TEMP TABLE screen_stg_country (list_id text, role text, country text);
        CREATE TEMP TABLE screen_stg_address (
            list_id text, street text, city text, state text, postal_code text,
            country text, remarks text, src text);
        CREATE TEMP TABLE screen_stg_program (list_id text, program text);
        CREATE TEMP TABLE screen_stg_rec (tag text, line int, f text[]);
        CREATE TEMP TABLE screen_stg_part (list_id text, ord int, part text);
        CREATE TEMP TABLE screen_stg_row (list_id text, name text, line int, f text[]);
        CREATE TEMP TABLE screen_stg_json (line int, j jsonb);
        CREATE TEMP TABLE screen_stg_eu_name (list_id text, n int, name text, strong text, lang text,
                                              gender text, title text, fn text);
        CREATE TEMP TABLE screen_stg_doc (list_id text PRIMARY KEY, doc jsonb, hash text);
        CREATE TEMP TABLE screen_stg_diff (list_id text PRIMARY KEY, old_id bigint, change text);
        CREATE TEMP TABLE screen_stg_map (list_id text PRIMARY KEY, entity_id bigint);
    ELSE
        TRUNCATE pg_temp.screen_stg_entity, pg_temp.screen_stg_name, pg_temp.screen_stg_identifier,
                 pg_temp.screen_stg_birth_date, pg_temp.screen_stg_birth_place,
                 pg_temp.screen_stg_country, pg_temp.screen_stg_address, pg_temp.screen_stg_program,
                 pg_temp.screen_stg_rec, pg_temp.screen_stg_part, pg_temp.screen_stg_row, pg_temp.screen_stg_json, pg_temp.screen_stg_eu_name, pg_temp.screen_stg_doc,
                 pg_temp.screen_stg_diff, pg_temp.screen_stg_map;
    END IF;
END;
$$;

-- the SHA-256 of a load: over every input file, in order, with its label
CREATE FUNCTION screen._files_sha256(labels text[], contents text[])
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN encode(sha256(convert_to(
    (SELECT string_agg(l || ':' || coalesce(encode(sha256(convert_to(c, 'UTF8')), 'hex'), '-'), ';' ORDER BY o)
       FROM unnest(labels, contents) WITH ORDINALITY AS f(l, c, o)), 'UTF8')), 'hex');

-- byte-identical input to the current version: NOTICE and return its id
CREATE FUNCTION screen._same_as_current(p_source text, p_sha text)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog
AS $$
DECLARE
    v bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM list_source WHERE code = p_source) THEN
        RAISE EXCEPTION 'unknown list source "%"', p_source
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Known sources are in screen.list_source; add a row there for a new list.';
    END IF;
    -- one load per list at a time: a concurrent load of the same list waits here
    PERFORM pg_advisory_xact_lock(hashtext('pg_screen.list_version'), hashtext(p_source));
    SELECT version_id INTO v FROM list_version
     WHERE source = p_source AND status = 'current' AND sha256 = p_sha;
    IF v IS NOT NULL THEN
        RAISE NOTICE 'list % unchanged: input is byte-identical to current version %, no new version created',
            p_source, v;
    END IF;
    RETURN v;
END;
$$;

-- validate the staged rows, diff them against the current revisions and
-- write the new version; returns its id
CREATE FUNCTION screen._commit_version(p_source text, p_published date, p_sha text, p_files text[])
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
DECLARE
    v bigint;
    r record;
    n_added int; n_removed int; n_changed int;
BEGIN
    -- validation -----------------------------------------------------------
    IF NOT EXISTS (SELECT 1 FROM screen_stg_entity) THEN
        RAISE EXCEPTION 'list %: input contains no entities', p_source
            USING ERRCODE = 'no_data_found',
                  DETAIL = format('Files: %s.', array_to_string(p_files, ', ')),
                  HINT = 'The file is empty or truncated, or it is not the file this loader expects.';
    END IF;
    SELECT * INTO r FROM screen_stg_entity WHERE list_id IS NULL OR btrim(list_id) = '' LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: entity without an identifier', r.src
            USING ERRCODE = 'not_null_violation',
                  HINT = 'Every entry needs the list''s own id (uid, DATAID, ent_num ...).';
    END IF;
    SELECT s.list_id, min(s.src) AS first_src, max(s.src) AS last_src INTO r
      FROM screen_stg_entity s GROUP BY s.list_id HAVING count(*) > 1 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: duplicate entity id "%" (also at %)', r.last_src, r.list_id, r.first_src
            USING ERRCODE = 'unique_violation',
                  HINT = 'Each entity must appear once; the file may be two lists concatenated.';
    END IF;
    SELECT * INTO r FROM screen_stg_entity
     WHERE kind IS NULL OR NOT screen.is_entity_kind(kind) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%, field type: unknown entity type "%"', r.src, r.kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Entity types are person, organization, vessel, aircraft or unknown.';
    END IF;
    SELECT * INTO r FROM screen_stg_entity WHERE primary_name IS NULL OR btrim(primary_name) = '' LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%, field name: entity "%" has no name', r.src, r.list_id
            USING ERRCODE = 'not_null_violation',
                  HINT = 'Every entry needs a primary name.';
    END IF;
    SELECT * INTO r FROM screen_stg_name WHERE name IS NULL OR btrim(name) = '' LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%, field name: empty alias for entity "%"', coalesce(r.src, 'input'), r.list_id
            USING ERRCODE = 'not_null_violation', HINT = 'Remove the empty alias row.';
    END IF;

    -- one canonical document per staged entity ----------------------------
    INSERT INTO screen_stg_doc
    SELECT e.list_id, d.doc, md5(d.doc::text)
      FROM screen_stg_entity e
      LEFT JOIN (SELECT list_id, jsonb_agg(x ORDER BY x) AS a FROM (
            SELECT list_id, jsonb_build_array(name, name_type, quality, script, remarks) x
              FROM screen_stg_name) s GROUP BY list_id) n ON n.list_id = e.list_id
      LEFT JOIN (SELECT list_id, jsonb_agg(x ORDER BY x) AS a FROM (
            SELECT list_id, jsonb_build_array(id_type, value, country, issued, expires, note) x
              FROM screen_stg_identifier) s GROUP BY list_id) i ON i.list_id = e.list_id
      LEFT JOIN (SELECT list_id, jsonb_agg(raw ORDER BY raw) AS a
              FROM screen_stg_birth_date GROUP BY list_id) b ON b.list_id = e.list_id
      LEFT JOIN (SELECT list_id, jsonb_agg(x ORDER BY x) AS a FROM (
            SELECT list_id, jsonb_build_array(place, country) x
              FROM screen_stg_birth_place) s GROUP BY list_id) bp ON bp.list_id = e.list_id
      LEFT JOIN (SELECT list_id, jsonb_agg(x ORDER BY x) AS a FROM (
            SELECT list_id, jsonb_build_array(role, country) x
              FROM screen_stg_country) s GROUP BY list_id) c ON c.list_id = e.list_id
      LEFT JOIN (SELECT list_id, jsonb_agg(x ORDER BY x) AS a FROM (
            SELECT list_id, jsonb_build_array(street, city, state, postal_code, country, remarks) x
              FROM screen_stg_address) s GROUP BY list_id) a ON a.list_id = e.list_id
      LEFT JOIN (SELECT list_id, jsonb_agg(DISTINCT program) AS a
              FROM screen_stg_program GROUP BY list_id) p ON p.list_id = e.list_id
      CROSS JOIN LATERAL (SELECT jsonb_strip_nulls(jsonb_build_object(
            'kind', e.kind, 'primary_name', e.primary_name, 'title', e.title,
            'gender', e.gender, 'listed_on', e.listed_on, 'remarks', e.remarks,
            'extra', nullif(e.extra, '{}'::jsonb),
            'names', n.a, 'identifiers', i.a, 'birth_dates', b.a, 'birth_places', bp.a,
            'countries', c.a, 'addresses', a.a, 'programs', p.a)) AS doc) d;

    -- the new version ---------------------------------------------------------
    UPDATE list_version SET status = 'superseded' WHERE source = p_source AND status = 'current';
    INSERT INTO list_version (source, published, sha256, files)
    VALUES (p_source, p_published, p_sha, p_files)
    RETURNING version_id INTO v;

    INSERT INTO screen_stg_diff
    SELECT coalesce(d.list_id, c.list_id), c.entity_id,
           CASE WHEN c.entity_id IS NULL THEN 'added'
                WHEN d.list_id IS NULL THEN 'removed'
                WHEN c.content_hash <> d.hash THEN 'changed' END
      FROM screen_stg_doc d
      FULL JOIN (SELECT entity_id, list_id, content_hash FROM entity
                  WHERE source = p_source AND valid_to IS NULL) c ON c.list_id = d.list_id
     WHERE c.entity_id IS NULL OR d.list_id IS NULL OR c.content_hash <> d.hash;

    UPDATE entity e SET valid_to = v
      FROM screen_stg_diff x
     WHERE x.change IN ('removed', 'changed') AND e.entity_id = x.old_id;

    WITH ins AS (
        INSERT INTO entity (source, list_id, valid_from, kind, primary_name, title, gender,
                            listed_on, remarks, extra, content_hash)
        SELECT p_source, s.list_id, v, s.kind, s.primary_name, s.title, s.gender,
               s.listed_on, s.remarks, coalesce(s.extra, '{}'), d.hash
          FROM screen_stg_entity s
          JOIN screen_stg_diff x ON x.list_id = s.list_id AND x.change IN ('added', 'changed')
          JOIN screen_stg_doc d ON d.list_id = s.list_id
        RETURNING entity_id, list_id)
    INSERT INTO screen_stg_map SELECT list_id, entity_id FROM ins;

    INSERT INTO entity_name (entity_id, name, name_type, quality, script, remarks)
    SELECT m.entity_id, s.name, s.name_type, s.quality, s.script, s.remarks
      FROM screen_stg_name s JOIN screen_stg_map m USING (list_id);
    INSERT INTO entity_identifier (entity_id, id_type, label, value, normalized, country, issued, expires, note)
    SELECT m.entity_id, s.id_type, s.label, s.value, normalize_identifier(s.value, s.id_type),
           s.country, s.issued, s.expires, s.note
      FROM screen_stg_identifier s JOIN screen_stg_map m USING (list_id);
    INSERT INTO entity_birth_date (entity_id, date_from, date_to, date_precision, circa, raw)
    SELECT m.entity_id, p.date_from, p.date_to, p.date_precision, p.circa, s.raw
      FROM screen_stg_birth_date s JOIN screen_stg_map m USING (list_id)
      CROSS JOIN LATERAL parse_fuzzy_date(s.raw) p;
    INSERT INTO entity_birth_place (entity_id, place, country)
    SELECT m.entity_id, s.place, s.country
      FROM screen_stg_birth_place s JOIN screen_stg_map m USING (list_id);
    INSERT INTO entity_country (entity_id, role, country)
    SELECT m.entity_id, s.role, s.country
      FROM screen_stg_country s JOIN screen_stg_map m USING (list_id);
    INSERT INTO entity_address (entity_id, street, city, state, postal_code, country, remarks)
    SELECT m.entity_id, s.street, s.city, s.state, s.postal_code, s.country, s.remarks
      FROM screen_stg_address s JOIN screen_stg_map m USING (list_id);
    INSERT INTO entity_program (entity_id, program)
    SELECT DISTINCT m.entity_id, s.program
      FROM screen_stg_program s JOIN screen_stg_map m USING (list_id);

    SELECT count(*) FILTER (WHERE change = 'added'), count(*) FILTER (WHERE change = 'removed'),
           count(*) FILTER (WHERE change = 'changed')
      INTO n_added, n_removed, n_changed FROM screen_stg_diff;
    UPDATE list_version SET
        entity_count = (SELECT count(*) FROM screen_stg_entity),
        name_count = (SELECT count(*) FROM screen_stg_name),
        identifier_count = (SELECT count(*) FROM screen_stg_identifier),
        address_count = (SELECT count(*) FROM screen_stg_address),
        added = n_added, removed = n_removed, changed = n_changed
     WHERE version_id = v;
    RETURN v;
END;
$$;

-- parse one delimited file into screen_stg_rec under a tag, checking that
-- every record has the expected number of fields (NULL: no check, 0: as
-- many as the first record, the header)
CREATE FUNCTION screen._stage_csv(tag text, content text, file text, delimiter text,
                                  null_token text, expected int, columns text DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
DECLARE
    n int;
    r record;
    last_line int;
    hint text;
BEGIN
    IF content IS NULL OR btrim(content, E' \r\n\t\x1a') = '' THEN
        RAISE EXCEPTION '%: file is empty', file
            USING ERRCODE = 'no_data_found',
                  HINT = 'The download is empty or was truncated: fetch the file again.';
    END IF;
    INSERT INTO screen_stg_rec
    SELECT _stage_csv.tag, c.line, c.fields
      FROM _csv_records(content, file, delimiter, null_token) c;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF expected = 0 THEN            -- as many fields as the header
        SELECT cardinality(s.f) INTO expected FROM screen_stg_rec s
         WHERE s.tag = _stage_csv.tag ORDER BY s.line LIMIT 1;
    END IF;
    IF expected IS NOT NULL THEN
        SELECT max(s.line) INTO last_line FROM screen_stg_rec s WHERE s.tag = _stage_csv.tag;
        SELECT s.line, s.f INTO r FROM screen_stg_rec s
         WHERE s.tag = _stage_csv.tag AND cardinality(s.f) <> expected
         ORDER BY s.line LIMIT 1;
        IF FOUND THEN
            hint := CASE
                WHEN cardinality(r.f) = 1 AND r.f[1] ~ '[;\t|]' THEN
                    format('The line has no "%s" separators but contains %s: wrong delimiter? This loader expects %s-separated fields.',
                           CASE delimiter WHEN E'\t' THEN '\t' ELSE delimiter END,
                           CASE WHEN r.f[1] ~ ';' THEN '";"' WHEN r.f[1] ~ E'\t' THEN 'tabs' ELSE '"|"' END,
                           CASE delimiter WHEN E'\t' THEN 'tab' ELSE '"' || delimiter || '"' END)
                WHEN r.line = last_line AND cardinality(r.f) < expected THEN
                    'This is the last record of the file and it is incomplete: the file looks truncated.'
                ELSE format('Each record has %s fields%s; check that this is the right file for this loader.',
                            expected, coalesce(' (' || columns || ')', ''))
            END;
            RAISE EXCEPTION '%: line %: expected % fields, found %', file, r.line, expected, cardinality(r.f)
                USING ERRCODE = 'bad_copy_file_format', HINT = hint;
        END IF;
    END IF;
    RETURN n;
END;
$$;

-- the header (first record) of a staged file: column name -> position; raise
-- if a required column is missing
CREATE FUNCTION screen._stage_header(tag text, file text, required text[])
RETURNS jsonb
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
DECLARE
    h text[];
    hline int;
    m jsonb;
    missing text;
BEGIN
    SELECT s.f, s.line INTO h, hline FROM screen_stg_rec s WHERE s.tag = _stage_header.tag ORDER BY s.line LIMIT 1;
    SELECT jsonb_object_agg(lower(btrim(c)), o) INTO m
      FROM unnest(h) WITH ORDINALITY AS u(c, o) WHERE c IS NOT NULL;
    SELECT c INTO missing FROM unnest(required) c WHERE NOT m ? lower(c) LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION '%: line %: missing required column "%"', file, hline, missing
            USING ERRCODE = 'undefined_column',
                  DETAIL = format('Columns found: %s.', array_to_string(h, ', ', '(null)')),
                  HINT = CASE WHEN cardinality(h) = 1
                              THEN 'Only one column was found: wrong delimiter, or not the file this loader expects?'
                              ELSE format('Required columns: %s.', array_to_string(required, ', ')) END;
    END IF;
    RETURN m;
END;
$$;

-- versions and "as of" --------------------------------------------------------
CREATE FUNCTION screen.list_version_at(source text, at date)
RETURNS bigint
LANGUAGE sql STABLE
SET search_path = screen, pg_catalog
RETURN (SELECT v.version_id FROM screen.list_version v
         WHERE v.source = list_version_at.source
           AND coalesce(v.published, v.loaded_at::date) <= list_version_at.at
         ORDER BY coalesce(v.published, v.loaded_at::date) DESC, v.version_id DESC
         LIMIT 1);
COMMENT ON FUNCTION screen.list_version_at(text, date) IS
  'The version of a list in force on a date (by publication date, else load date)';

CREATE FUNCTION screen.entities_as_of(source text, version bigint)
RETURNS SETOF screen.entity
LANGUAGE sql STABLE
SET search_path = screen, pg_catalog
BEGIN ATOMIC
    SELECT e.* FROM screen.entity e
     WHERE e.source = entities_as_of.source
       AND e.valid_from <= entities_as_of.version
       AND (e.valid_to IS NULL OR e.valid_to > entities_as_of.version);
END;
COMMENT ON FUNCTION screen.entities_as_of(text, bigint) IS
  'The entity revisions of a list as they were in the given version';

CREATE FUNCTION screen.entities_as_of(source text, at date)
RETURNS SETOF screen.entity
LANGUAGE sql STABLE
SET search_path = screen, pg_catalog
BEGIN ATOMIC
    SELECT * FROM screen.entities_as_of(entities_as_of.source,
                                        screen.list_version_at(entities_as_of.source, entities_as_of.at));
END;
COMMENT ON FUNCTION screen.entities_as_of(text, date) IS
  'The entity revisions of a list in force on a date';

-- the canonical document of a stored revision (what content_hash covers)
CREATE FUNCTION screen.entity_document(entity_id bigint)
RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = screen, pg_catalog
AS $$
BEGIN
    -- PL/pgSQL, not SQL: the plan is cached across the many calls list_changes makes
    RETURN (SELECT jsonb_strip_nulls(jsonb_build_object(
        'kind', e.kind, 'primary_name', e.primary_name, 'title', e.title,
        'gender', e.gender, 'listed_on', e.listed_on, 'remarks', e.remarks,
        'extra', nullif(e.extra, '{}'::jsonb),
        'names', (SELECT jsonb_agg(x ORDER BY x) FROM (SELECT jsonb_build_array(n.name, n.name_type, n.quality, n.script, n.remarks) x
                   FROM screen.entity_name n WHERE n.entity_id = e.entity_id) s),
        'identifiers', (SELECT jsonb_agg(x ORDER BY x) FROM (SELECT jsonb_build_array(i.id_type, i.value, i.country, i.issued, i.expires, i.note) x
                   FROM screen.entity_identifier i WHERE i.entity_id = e.entity_id) s),
        'birth_dates', (SELECT jsonb_agg(b.raw ORDER BY b.raw) FROM screen.entity_birth_date b WHERE b.entity_id = e.entity_id),
        'birth_places', (SELECT jsonb_agg(x ORDER BY x) FROM (SELECT jsonb_build_array(p.place, p.country) x
                   FROM screen.entity_birth_place p WHERE p.entity_id = e.entity_id) s),
        'countries', (SELECT jsonb_agg(x ORDER BY x) FROM (SELECT jsonb_build_array(c.role, c.country) x
                   FROM screen.entity_country c WHERE c.entity_id = e.entity_id) s),
        'addresses', (SELECT jsonb_agg(x ORDER BY x) FROM (SELECT jsonb_build_array(a.street, a.city, a.state, a.postal_code, a.country, a.remarks) x
                   FROM screen.entity_address a WHERE a.entity_id = e.entity_id) s),
        'programs', (SELECT jsonb_agg(DISTINCT p.program) FROM screen.entity_program p WHERE p.entity_id = e.entity_id)))
      FROM screen.entity e WHERE e.entity_id = entity_document.entity_id);
END;
$$;
COMMENT ON FUNCTION screen.entity_document(bigint) IS
  'All data of one entity revision as jsonb (content_hash = md5 of this document)';

-- what changed between two versions of a list -----------------------------------
CREATE FUNCTION screen.list_changes(source text, from_version bigint DEFAULT NULL, to_version bigint DEFAULT NULL)
RETURNS TABLE (list_id text, change text, primary_name text, old_entity_id bigint, new_entity_id bigint,
               changed_fields text[], details jsonb)
LANGUAGE plpgsql STABLE
SET search_path = screen, pg_catalog
AS $$
#variable_conflict use_column
DECLARE
    src text := list_changes.source;
    v_to bigint := to_version;
    v_from bigint := from_version;
BEGIN
    IF v_to IS NULL THEN
        SELECT version_id INTO v_to FROM list_version lv WHERE lv.source = src AND status = 'current';
    END IF;
    IF v_from IS NULL THEN
        SELECT max(version_id) INTO v_from FROM list_version lv WHERE lv.source = src AND version_id < v_to;
    END IF;
    IF v_to IS NULL OR NOT EXISTS (SELECT 1 FROM list_version lv WHERE lv.version_id = v_to AND lv.source = src) THEN
        RAISE EXCEPTION 'list %: version % does not exist', src, coalesce(v_to::text, '(current)')
            USING ERRCODE = 'no_data_found', HINT = 'See screen.list_version for the versions of each list.';
    END IF;
    IF v_from IS NOT NULL AND NOT EXISTS (SELECT 1 FROM list_version lv WHERE lv.version_id = v_from AND lv.source = src) THEN
        RAISE EXCEPTION 'list %: version % does not exist', src, v_from
            USING ERRCODE = 'no_data_found', HINT = 'See screen.list_version for the versions of each list.';
    END IF;
    RETURN QUERY
    WITH a AS (SELECT * FROM entities_as_of(src, coalesce(v_from, 0))),
         b AS (SELECT * FROM entities_as_of(src, v_to)),
         j AS (SELECT coalesce(b.list_id, a.list_id) AS list_id,
                      CASE WHEN a.entity_id IS NULL THEN 'added'
                           WHEN b.entity_id IS NULL THEN 'removed'
                           ELSE 'changed' END AS change,
                      coalesce(b.primary_name, a.primary_name) AS primary_name,
                      a.entity_id AS old_id, b.entity_id AS new_id
                 FROM a FULL JOIN b ON a.list_id = b.list_id
                WHERE a.entity_id IS NULL OR b.entity_id IS NULL
                   OR (a.entity_id <> b.entity_id AND a.content_hash <> b.content_hash)),
         -- each document built once (a lateral subquery would be flattened and rebuild them per key)
         d AS MATERIALIZED (SELECT j.list_id, entity_document(j.old_id) AS od, entity_document(j.new_id) AS nd
                              FROM j WHERE j.change = 'changed')
    SELECT j.list_id, j.change, j.primary_name, j.old_id, j.new_id, f.fields, f.details
      FROM j
      LEFT JOIN d ON d.list_id = j.list_id
      LEFT JOIN LATERAL (
          SELECT array_agg(k ORDER BY k) AS fields,
                 jsonb_object_agg(k, jsonb_build_object('old', d.od -> k, 'new', d.nd -> k)) AS details
            FROM (SELECT jsonb_object_keys(d.od) UNION SELECT jsonb_object_keys(d.nd)) ks(k)
           WHERE (d.od -> k) IS DISTINCT FROM (d.nd -> k)) f ON d.list_id IS NOT NULL
     ORDER BY j.change, j.list_id;
END;
$$;
COMMENT ON FUNCTION screen.list_changes(text, bigint, bigint) IS
  'Entities added, removed (delisted) and changed between two versions of a list, with the changed fields';
