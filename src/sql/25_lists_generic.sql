-- ===========================================================================
-- 25_lists_generic.sql — a company's own list (CSV with a header, or JSON lines)
--
-- Columns / keys (doc/lists.md):
--   id (required), name (required), kind (person, organization, vessel,
--   aircraft, unknown; also individual, entity, company), aliases,
--   weak_aliases, birth_dates, nationalities, programs, identifiers,
--   street, city, state, postal_code, country (one address; JSON lines may
--   instead give "addresses": [{street, city, state, postal_code, country}]),
--   listed_on, remarks.
-- List-valued fields are JSON arrays, or in CSV text separated by "|";
-- an identifier is "type:value" (CSV) or {"type", "value", "country"} (JSON).
-- The source must exist in screen.list_source (INSERT a row for your list).
-- ===========================================================================

-- a list-valued field: JSON array elements, or "|"-separated text
CREATE FUNCTION screen._jlist(v jsonb)
RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT btrim(x) FROM (
        SELECT CASE jsonb_typeof(e) WHEN 'string' THEN e #>> '{}' ELSE e::text END AS x
          FROM jsonb_array_elements(CASE jsonb_typeof(v) WHEN 'array' THEN v ELSE '[]'::jsonb END) e
        UNION ALL
        SELECT regexp_split_to_table(v #>> '{}', '\|')
         WHERE jsonb_typeof(v) = 'string') s
     WHERE btrim(x) <> '';
END;

CREATE FUNCTION screen.load_internal(source text, content text, format text DEFAULT 'csv',
                                     delimiter text DEFAULT ',', published date DEFAULT NULL,
                                     file text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
DECLARE
    v_src text := load_internal.source;
    v_fmt text := lower(load_internal.format);
    v_file text := coalesce(load_internal.file, CASE WHEN lower(load_internal.format) = 'jsonl' THEN 'list.jsonl' ELSE 'list.csv' END);
    sha text;
    v bigint;
    h jsonb;
    r record;
    ln int;
    txt text;
BEGIN
    IF v_fmt NOT IN ('csv', 'jsonl') THEN
        RAISE EXCEPTION 'unknown format "%"', load_internal.format
            USING ERRCODE = 'invalid_parameter_value', HINT = 'format is csv or jsonl.';
    END IF;
    sha := _files_sha256(ARRAY[v_file], ARRAY[content]);
    v := _same_as_current(v_src, sha);
    IF v IS NOT NULL THEN
        RETURN v;
    END IF;
    PERFORM _stage_reset();

    IF v_fmt = 'csv' THEN
        PERFORM _stage_csv('csv', content, v_file, delimiter, NULL, 0);
        h := _stage_header('csv', v_file, ARRAY['id', 'name']);
        INSERT INTO screen_stg_json (line, j)
        SELECT s.line, (SELECT jsonb_object_agg(k.key, s.f[k.value::int]) FROM jsonb_each_text(h) k
                         WHERE s.f[k.value::int] IS NOT NULL)
          FROM screen_stg_rec s WHERE s.line > (SELECT min(line) FROM screen_stg_rec);
    ELSE
        IF content IS NULL OR btrim(content, E' \r\n\t') = '' THEN
            RAISE EXCEPTION '%: file is empty', v_file
                USING ERRCODE = 'no_data_found', HINT = 'The file is empty or was truncated.';
        END IF;
        BEGIN
            INSERT INTO screen_stg_json (line, j)
            SELECT l.n, l.t::jsonb
              FROM regexp_split_to_table(content, E'\r?\n') WITH ORDINALITY AS l(t, n)
             WHERE btrim(l.t) <> '';
        EXCEPTION WHEN invalid_text_representation THEN
            -- find the offending line (only on the error path)
            FOR ln, txt IN SELECT l.n, l.t FROM regexp_split_to_table(content, E'\r?\n') WITH ORDINALITY AS l(t, n)
                            WHERE btrim(l.t) <> '' LOOP
                BEGIN
                    PERFORM txt::jsonb;
                EXCEPTION WHEN invalid_text_representation THEN
                    RAISE EXCEPTION '%: line %: invalid JSON', v_file, ln
                        USING ERRCODE = 'invalid_text_representation',
                              DETAIL = format('Line starts with: %s', left(txt, 60)),
                              HINT = 'Each line must be one JSON object; a cut-off last line means the file is truncated.';
                END;
            END LOOP;
        END;
        SELECT line, jsonb_typeof(j) AS t INTO r FROM screen_stg_json WHERE jsonb_typeof(j) <> 'object' ORDER BY line LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION '%: line %: expected a JSON object, found %', v_file, r.line, r.t
                USING ERRCODE = 'invalid_text_representation', HINT = 'Each line must be one JSON object.';
        END IF;
        SELECT line INTO r FROM screen_stg_json WHERE NOT (j ? 'id' AND j ? 'name') ORDER BY line LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION '%: line %: missing required key "%"', v_file, r.line,
                (SELECT CASE WHEN j ? 'id' THEN 'name' ELSE 'id' END FROM screen_stg_json WHERE line = r.line)
                USING ERRCODE = 'undefined_column', HINT = 'Every object needs "id" and "name".';
        END IF;
    END IF;

    SELECT line, j ->> 'kind' AS k INTO r FROM screen_stg_json
     WHERE lower(coalesce(j ->> 'kind', 'unknown')) NOT IN
           ('person', 'individual', 'organization', 'organisation', 'entity', 'company', 'vessel', 'aircraft', 'unknown', '')
     ORDER BY line LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: line %, field kind: unknown entity type "%"', v_file, r.line, r.k
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'kind is person, organization, vessel, aircraft or unknown.';
    END IF;

    INSERT INTO screen_stg_entity (list_id, kind, primary_name, title, gender, listed_on, remarks, src)
    SELECT btrim(j ->> 'id'),
           CASE lower(coalesce(j ->> 'kind', ''))
                WHEN 'individual' THEN 'person' WHEN 'person' THEN 'person'
                WHEN 'organization' THEN 'organization' WHEN 'organisation' THEN 'organization'
                WHEN 'entity' THEN 'organization' WHEN 'company' THEN 'organization'
                WHEN 'vessel' THEN 'vessel' WHEN 'aircraft' THEN 'aircraft' ELSE 'unknown' END,
           btrim(j ->> 'name'), nullif(btrim(j ->> 'title'), ''),
           CASE lower(j ->> 'gender') WHEN 'male' THEN 'male' WHEN 'female' THEN 'female' END,
           _day(j ->> 'listed_on'), nullif(btrim(j ->> 'remarks'), ''),
           format('%s line %s', v_file, line)
      FROM screen_stg_json;

    INSERT INTO screen_stg_name (list_id, name, name_type, src)
    SELECT list_id, primary_name, 'primary', src FROM screen_stg_entity WHERE primary_name IS NOT NULL;
    INSERT INTO screen_stg_name (list_id, name, name_type, quality, src)
    SELECT btrim(j ->> 'id'), a, 'aka', 'strong', format('%s line %s', v_file, line)
      FROM screen_stg_json, _jlist(j -> 'aliases') a;
    INSERT INTO screen_stg_name (list_id, name, name_type, quality, src)
    SELECT btrim(j ->> 'id'), a, 'weak', 'weak', format('%s line %s', v_file, line)
      FROM screen_stg_json, _jlist(j -> 'weak_aliases') a;
    INSERT INTO screen_stg_birth_date (list_id, raw)
    SELECT btrim(j ->> 'id'), d FROM screen_stg_json, _jlist(coalesce(j -> 'birth_dates', j -> 'birth_date')) d;
    INSERT INTO screen_stg_country (list_id, role, country)
    SELECT btrim(j ->> 'id'), 'nationality', c FROM screen_stg_json, _jlist(coalesce(j -> 'nationalities', j -> 'nationality')) c;
    INSERT INTO screen_stg_program (list_id, program)
    SELECT btrim(j ->> 'id'), p FROM screen_stg_json, _jlist(coalesce(j -> 'programs', j -> 'program')) p;
    INSERT INTO screen_stg_identifier (list_id, id_type, label, value, country)
    SELECT btrim(j ->> 'id'),
           lower(coalesce(e ->> 'type', nullif(split_part(e #>> '{}', ':', 1), e #>> '{}'), 'other')),
           coalesce(e ->> 'type', nullif(split_part(e #>> '{}', ':', 1), e #>> '{}'), 'other'),
           btrim(CASE WHEN jsonb_typeof(e) = 'object' THEN e ->> 'value'
                      WHEN position(':' in e #>> '{}') > 0 THEN substr(e #>> '{}', position(':' in e #>> '{}') + 1)
                      ELSE e #>> '{}' END),
           e ->> 'country'
      FROM screen_stg_json,
           LATERAL (SELECT x FROM jsonb_array_elements(CASE jsonb_typeof(j -> 'identifiers') WHEN 'array' THEN j -> 'identifiers' END) x
                    UNION ALL
                    SELECT to_jsonb(x) FROM _jlist(CASE jsonb_typeof(j -> 'identifiers') WHEN 'string' THEN j -> 'identifiers' END) x) i(e)
     WHERE btrim(coalesce(CASE WHEN jsonb_typeof(e) = 'object' THEN e ->> 'value' ELSE e #>> '{}' END, '')) <> '';
    INSERT INTO screen_stg_address (list_id, street, city, state, postal_code, country, src)
    SELECT btrim(j ->> 'id'), nullif(btrim(a ->> 'street'), ''), nullif(btrim(a ->> 'city'), ''),
           nullif(btrim(a ->> 'state'), ''), nullif(btrim(a ->> 'postal_code'), ''), nullif(btrim(a ->> 'country'), ''),
           format('%s line %s', v_file, line)
      FROM screen_stg_json,
           LATERAL (SELECT x FROM jsonb_array_elements(CASE jsonb_typeof(j -> 'addresses') WHEN 'array' THEN j -> 'addresses' END) x
                    UNION ALL
                    SELECT j WHERE NOT j ? 'addresses') ad(a)
     WHERE num_nonnulls(nullif(btrim(a ->> 'street'), ''), nullif(btrim(a ->> 'city'), ''), nullif(btrim(a ->> 'state'), ''),
                        nullif(btrim(a ->> 'postal_code'), ''), nullif(btrim(a ->> 'country'), '')) > 0;

    RETURN _commit_version(v_src, published, sha, ARRAY[v_file]);
END;
$$;
COMMENT ON FUNCTION screen.load_internal(text, text, text, text, date, text) IS
  'Load a company''s own list (CSV with header, or JSON lines); returns the new version id';
