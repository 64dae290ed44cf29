-- ===========================================================================
-- 27_lists_uk.sql — UK consolidated list of financial sanctions targets
--                   (HM Treasury OFSI, ConList.csv)
--
-- Line 1 "Last Updated,dd/mm/yyyy"; line 2 the header:
--   Name 6 (surname / entity name), Name 1 .. Name 5, Title,
--   Name Non-Latin Script, Non-Latin Script Type, Non-Latin Script Language,
--   DOB (dd/mm/yyyy, 00 for unknown parts), Town of Birth, Country of Birth,
--   Nationality, Passport Number, Passport Details, National Identification
--   Number, National Identification Details, Position, Address 1 .. Address 6,
--   Post/Zip Code, Country, Other Information, Group Type (Individual, Entity,
--   Ship), Alias Type (Primary name, AKA, ...), Alias Quality (Good, Low),
--   Regime, Listed On, UK Sanctions List Date Designated, Last Updated, Group ID
-- One row per name; rows with the same Group ID are one entity.  Several
-- values in one cell are numbered "(1) ... (2) ...".
-- ===========================================================================

-- "(1) A (2) B" -> {A, B}; a plain value -> {value}
CREATE FUNCTION screen._numbered_values(v text)
RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT btrim(x, ' ,;.') FROM regexp_split_to_table(v, '\s*\(\d+\)\s*') x WHERE btrim(x, ' ,;.') <> '';
END;

-- UK dates "dd/mm/yyyy" with 00 for unknown day or month -> fuzzy-date text
CREATE FUNCTION screen._uk_date_text(v text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT CASE WHEN m IS NULL THEN btrim(v)
                    WHEN m[2] = '00' THEN m[3]
                    WHEN m[1] = '00' THEN m[3] || '-' || m[2]
                    ELSE m[3] || '-' || m[2] || '-' || m[1] END
          FROM regexp_match(btrim(v), '^(\d{2})/(\d{2})/(\d{4})$') m);

CREATE FUNCTION screen.load_uk(content text, published date DEFAULT NULL, source text DEFAULT 'UK-OFSI')
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
DECLARE
    v_file text := 'ConList.csv';
    v_src text := load_uk.source;
    sha text;
    v bigint;
    h jsonb;
    r record;
    pub date := published;
    ncols int;
BEGIN
    sha := _files_sha256(ARRAY[v_file], ARRAY[content]);
    v := _same_as_current(v_src, sha);
    IF v IS NOT NULL THEN
        RETURN v;
    END IF;
    PERFORM _stage_reset();
    PERFORM _stage_csv('uk', content, v_file, ',', NULL, NULL);
    -- the "Last Updated" line before the header
    SELECT s.line, s.f INTO r FROM screen_stg_rec s ORDER BY s.line LIMIT 1;
    IF r.f[1] ILIKE 'last updated' THEN
        pub := coalesce(pub, _day(_uk_date_text(r.f[2])));
        DELETE FROM screen_stg_rec s WHERE s.line = r.line;
    END IF;
    h := _stage_header('uk', v_file, ARRAY['Name 6', 'Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5',
                                           'Group Type', 'Alias Type', 'Group ID']);
    SELECT cardinality(s.f), s.line INTO ncols, r.line FROM screen_stg_rec s ORDER BY s.line LIMIT 1;
    SELECT s.line, cardinality(s.f) AS n, (SELECT max(line) FROM screen_stg_rec) AS last INTO r
      FROM screen_stg_rec s WHERE cardinality(s.f) <> ncols ORDER BY s.line LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: line %: expected % fields, found %', v_file, r.line, ncols, r.n
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = CASE WHEN r.line = r.last AND r.n < ncols
                              THEN 'This is the last record of the file and it is incomplete: the file looks truncated.'
                              ELSE 'Every row has as many fields as the header: check the delimiter and quoting.' END;
    END IF;

    INSERT INTO screen_stg_row (list_id, name, line, f)
    SELECT btrim(s.f[(h ->> 'group id')::int]),
           nullif(btrim(concat_ws(' ', nullif(btrim(s.f[(h ->> 'name 1')::int]), ''), nullif(btrim(s.f[(h ->> 'name 2')::int]), ''),
                                  nullif(btrim(s.f[(h ->> 'name 3')::int]), ''), nullif(btrim(s.f[(h ->> 'name 4')::int]), ''),
                                  nullif(btrim(s.f[(h ->> 'name 5')::int]), ''), nullif(btrim(s.f[(h ->> 'name 6')::int]), ''))), ''),
           s.line, s.f
      FROM screen_stg_rec s WHERE s.line > (SELECT min(line) FROM screen_stg_rec);

    SELECT d.line, d.f[(h ->> 'group type')::int] AS t INTO r FROM screen_stg_row d
     WHERE lower(btrim(coalesce(d.f[(h ->> 'group type')::int], ''))) NOT IN ('individual', 'entity', 'ship')
     ORDER BY d.line LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: line %, field Group Type: unknown entity type "%"', v_file, r.line, coalesce(r.t, '')
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Group Type is Individual, Entity or Ship.';
    END IF;
    SELECT d.line INTO r FROM screen_stg_row d WHERE coalesce(d.list_id, '') = '' ORDER BY d.line LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: line %, field Group ID: missing', v_file, r.line
            USING ERRCODE = 'not_null_violation', HINT = 'Every row carries the Group ID of its target.';
    END IF;

    -- one entity per Group ID; its primary name is the "Primary name" row (else the first row)
    INSERT INTO screen_stg_entity (list_id, kind, primary_name, title, listed_on, remarks, extra, src)
    SELECT DISTINCT ON (d.list_id) d.list_id,
           CASE lower(btrim(d.f[(h ->> 'group type')::int])) WHEN 'individual' THEN 'person'
                WHEN 'entity' THEN 'organization' ELSE 'vessel' END,
           d.name, nullif(btrim(d.f[(h ->> 'title')::int]), ''),
           _day(_uk_date_text(d.f[(h ->> 'listed on')::int])),
           nullif(btrim(d.f[(h ->> 'other information')::int]), ''),
           jsonb_strip_nulls(jsonb_build_object('position', nullif(btrim(d.f[(h ->> 'position')::int]), ''),
               'uk_designated', _day(_uk_date_text(d.f[(h ->> 'uk sanctions list date designated')::int])),
               'last_updated', _day(_uk_date_text(d.f[(h ->> 'last updated')::int])))),
           format('%s line %s', v_file, d.line)
      FROM screen_stg_row d
     ORDER BY d.list_id, (lower(btrim(d.f[(h ->> 'alias type')::int])) <> 'primary name'), d.line;

    INSERT INTO screen_stg_name (list_id, name, name_type, quality, script, src)
    SELECT DISTINCT ON (d.list_id, d.name) d.list_id, d.name,
           CASE WHEN d.name = e.primary_name THEN 'primary'
                WHEN lower(btrim(d.f[(h ->> 'alias quality')::int])) = 'low' THEN 'weak'
                ELSE 'aka' END,
           CASE WHEN d.name = e.primary_name THEN NULL
                WHEN lower(btrim(d.f[(h ->> 'alias quality')::int])) = 'low' THEN 'low'
                WHEN lower(btrim(d.f[(h ->> 'alias quality')::int])) = 'good' THEN 'good' END,
           NULL, format('%s line %s', v_file, d.line)
      FROM screen_stg_row d JOIN screen_stg_entity e USING (list_id)
     WHERE d.name IS NOT NULL
     ORDER BY d.list_id, d.name, d.line;
    INSERT INTO screen_stg_name (list_id, name, name_type, script, src)
    SELECT DISTINCT ON (d.list_id, n) d.list_id, n, 'original_script',
           nullif(btrim(d.f[(h ->> 'non-latin script type')::int]), ''), format('%s line %s', v_file, d.line)
      FROM screen_stg_row d, LATERAL (SELECT btrim(d.f[(h ->> 'name non-latin script')::int]) AS n) x
     WHERE coalesce(n, '') <> ''
     ORDER BY d.list_id, n, d.line;

    INSERT INTO screen_stg_program (list_id, program)
    SELECT DISTINCT list_id, btrim(f[(h ->> 'regime')::int]) FROM screen_stg_row WHERE btrim(coalesce(f[(h ->> 'regime')::int], '')) <> '';
    INSERT INTO screen_stg_birth_date (list_id, raw)
    SELECT DISTINCT d.list_id, _uk_date_text(x) FROM screen_stg_row d, _numbered_values(d.f[(h ->> 'dob')::int]) x;
    INSERT INTO screen_stg_birth_place (list_id, place, country)
    SELECT DISTINCT list_id, concat_ws(', ', nullif(btrim(f[(h ->> 'town of birth')::int]), ''), nullif(btrim(f[(h ->> 'country of birth')::int]), '')),
           nullif(btrim(f[(h ->> 'country of birth')::int]), '')
      FROM screen_stg_row
     WHERE concat(btrim(f[(h ->> 'town of birth')::int]), btrim(f[(h ->> 'country of birth')::int])) <> '';
    INSERT INTO screen_stg_country (list_id, role, country)
    SELECT DISTINCT d.list_id, 'nationality', x FROM screen_stg_row d, _numbered_values(d.f[(h ->> 'nationality')::int]) x;
    INSERT INTO screen_stg_identifier (list_id, id_type, label, value, note)
    SELECT DISTINCT d.list_id, 'passport', 'Passport Number', x, nullif(btrim(d.f[(h ->> 'passport details')::int]), '')
      FROM screen_stg_row d, _numbered_values(d.f[(h ->> 'passport number')::int]) x;
    INSERT INTO screen_stg_identifier (list_id, id_type, label, value, note)
    SELECT DISTINCT d.list_id, 'national_id', 'National Identification Number', x,
           nullif(btrim(d.f[(h ->> 'national identification details')::int]), '')
      FROM screen_stg_row d, _numbered_values(d.f[(h ->> 'national identification number')::int]) x;
    INSERT INTO screen_stg_identifier (list_id, id_type, label, value)
    SELECT list_id, 'imo', 'Other Information', m[1]
      FROM screen_stg_entity, regexp_matches(remarks, 'IMO(?:\s+number)?\s*:?\s*(\d{7})', 'gi') m;
    INSERT INTO screen_stg_address (list_id, street, postal_code, country, src)
    SELECT DISTINCT ON (d.list_id, a.street, a.pc, a.c) d.list_id, a.street, a.pc, a.c, format('%s line %s', v_file, d.line)
      FROM screen_stg_row d,
           LATERAL (SELECT nullif(concat_ws(', ', nullif(btrim(d.f[(h ->> 'address 1')::int]), ''), nullif(btrim(d.f[(h ->> 'address 2')::int]), ''),
                                   nullif(btrim(d.f[(h ->> 'address 3')::int]), ''), nullif(btrim(d.f[(h ->> 'address 4')::int]), ''),
                                   nullif(btrim(d.f[(h ->> 'address 5')::int]), ''), nullif(btrim(d.f[(h ->> 'address 6')::int]), '')), '') AS street,
                           nullif(btrim(d.f[(h ->> 'post/zip code')::int]), '') AS pc,
                           nullif(btrim(d.f[(h ->> 'country')::int]), '') AS c) a
     WHERE num_nonnulls(a.street, a.pc, a.c) > 0
     ORDER BY d.list_id, a.street, a.pc, a.c, d.line;

    RETURN _commit_version(v_src, pub, sha, ARRAY[v_file]);
END;
$$;
COMMENT ON FUNCTION screen.load_uk(text, date, text) IS
  'Load the UK (OFSI) consolidated list CSV (ConList.csv); returns the new version id';
