-- ===========================================================================
-- 23_lists_un.sql — UN Security Council Consolidated List (XML)
--
-- /CONSOLIDATED_LIST[@dateGenerated]/INDIVIDUALS/INDIVIDUAL and
-- /CONSOLIDATED_LIST/ENTITIES/ENTITY, parsed with XMLTABLE (libxml).
-- list_id = DATAID; names FIRST..FOURTH_NAME joined; aliases with their
-- QUALITY (Good -> aka/good, Low -> weak/low, a.k.a./f.k.a.);
-- NAME_ORIGINAL_SCRIPT -> original_script; dates of birth by TYPE_OF_DATE
-- (EXACT, APPROXIMATELY, BETWEEN); documents -> identifiers.
-- ===========================================================================

-- parse XML text, turning libxml's complaint into an error naming the file
CREATE FUNCTION screen._parse_xml(content text, file text)
RETURNS xml
LANGUAGE plpgsql IMMUTABLE
SET search_path = screen, pg_catalog
AS $$
DECLARE
    detail text;
BEGIN
    IF content IS NULL OR btrim(content) = '' THEN
        RAISE EXCEPTION '%: file is empty', file
            USING ERRCODE = 'no_data_found',
                  HINT = 'The download is empty or was truncated: fetch the file again.';
    END IF;
    PERFORM _check_encoding(content, file);
    IF xml_is_well_formed_document(content) THEN
        RETURN XMLPARSE(DOCUMENT content);
    END IF;
    BEGIN
        PERFORM XMLPARSE(DOCUMENT content);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    END;
    RAISE EXCEPTION '%: invalid XML: %', file, coalesce(split_part(detail, E'\n', 1), 'not well-formed')
        USING ERRCODE = 'invalid_xml_document',
              DETAIL = coalesce(detail, ''),
              HINT = CASE WHEN detail ~* 'premature end|EndTag|not closed|Extra content|chunk is not well balanced'
                          THEN 'The file looks truncated: download it again and compare its size or checksum.'
                          ELSE 'The input is not well-formed XML: is this the right file, and was it saved as UTF-8?' END;
END;
$$;

-- raise when an XML list element is missing a required child
CREATE FUNCTION screen._xml_require(file text, path text, field text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    RAISE EXCEPTION '%: %/%: missing required element', file, path, field
        USING ERRCODE = 'not_null_violation',
              HINT = 'The element is required by the list''s schema: the file is damaged or not in the expected layout.';
END;
$$;

CREATE FUNCTION screen.load_un(content text, published date DEFAULT NULL, source text DEFAULT 'UN')
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
DECLARE
    f text := 'consolidated.xml';
    v_src text := load_un.source;
    sha text;
    v bigint;
    x xml;
    r record;
    pub date := published;
BEGIN
    sha := _files_sha256(ARRAY[f], ARRAY[content]);
    v := _same_as_current(v_src, sha);
    IF v IS NOT NULL THEN
        RETURN v;
    END IF;
    PERFORM _stage_reset();
    x := _parse_xml(content, f);

    IF NOT xpath_exists('/CONSOLIDATED_LIST', x) THEN
        RAISE EXCEPTION '%: /%: root element is not CONSOLIDATED_LIST', f,
            (xpath('name(/*)', x))[1]::text
            USING ERRCODE = 'invalid_xml_document',
                  HINT = 'This loader reads the UN Security Council consolidated list (consolidated.xml).';
    END IF;
    -- unknown entity types: anything but INDIVIDUAL under INDIVIDUALS, ENTITY under ENTITIES
    SELECT * INTO r FROM XMLTABLE('/CONSOLIDATED_LIST/*/*' PASSING x
        COLUMNS n FOR ORDINALITY, tag text PATH 'name(.)', parent text PATH 'name(..)') t
     WHERE (parent, tag) NOT IN (('INDIVIDUALS', 'INDIVIDUAL'), ('ENTITIES', 'ENTITY')) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: /CONSOLIDATED_LIST/%/%: unknown entity type "%"', f, r.parent, r.tag, r.tag
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The UN list has INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY elements only.';
    END IF;
    IF pub IS NULL THEN
        pub := substr((xpath('/CONSOLIDATED_LIST/@dateGenerated', x))[1]::text, 1, 10)::date;
    END IF;

    -- entities (individuals, then entities), each with its XML path for messages
    INSERT INTO screen_stg_entity (list_id, kind, primary_name, gender, listed_on, remarks, extra, src)
    SELECT t.dataid, t.kind,
           nullif(concat_ws(' ', nullif(btrim(t.n1), ''), nullif(btrim(t.n2), ''),
                                 nullif(btrim(t.n3), ''), nullif(btrim(t.n4), '')), ''),
           CASE lower(btrim(t.gender)) WHEN 'male' THEN 'male' WHEN 'female' THEN 'female' END,
           _day(t.listed_on),
           nullif(btrim(t.comments), ''),
           jsonb_strip_nulls(jsonb_build_object('reference_number', nullif(t.ref, ''),
                'un_list_type', nullif(t.list_type, ''), 'version', nullif(t.versionnum, ''))),
           t.path
      FROM (SELECT 'person' AS kind, format('%s: /CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL[%s]', f, i.n) AS path, i.*
              FROM XMLTABLE('/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL' PASSING x
                   COLUMNS n FOR ORDINALITY, dataid text PATH 'DATAID', versionnum text PATH 'VERSIONNUM',
                           n1 text PATH 'FIRST_NAME', n2 text PATH 'SECOND_NAME', n3 text PATH 'THIRD_NAME',
                           n4 text PATH 'FOURTH_NAME', list_type text PATH 'UN_LIST_TYPE',
                           ref text PATH 'REFERENCE_NUMBER', listed_on text PATH 'LISTED_ON',
                           gender text PATH 'GENDER', comments text PATH 'COMMENTS1') i
            UNION ALL
            SELECT 'organization', format('%s: /CONSOLIDATED_LIST/ENTITIES/ENTITY[%s]', f, e.n), e.*
              FROM XMLTABLE('/CONSOLIDATED_LIST/ENTITIES/ENTITY' PASSING x
                   COLUMNS n FOR ORDINALITY, dataid text PATH 'DATAID', versionnum text PATH 'VERSIONNUM',
                           n1 text PATH 'FIRST_NAME', n2 text PATH 'SECOND_NAME', n3 text PATH 'THIRD_NAME',
                           n4 text PATH 'FOURTH_NAME', list_type text PATH 'UN_LIST_TYPE',
                           ref text PATH 'REFERENCE_NUMBER', listed_on text PATH 'LISTED_ON',
                           gender text PATH 'GENDER', comments text PATH 'COMMENTS1') e) t;

    SELECT * INTO r FROM screen_stg_entity WHERE list_id IS NULL OR btrim(list_id) = '' LIMIT 1;
    IF FOUND THEN
        PERFORM _xml_require(f, split_part(r.src, ': ', 2), 'DATAID');
    END IF;
    SELECT * INTO r FROM screen_stg_entity WHERE primary_name IS NULL LIMIT 1;
    IF FOUND THEN
        PERFORM _xml_require(f, split_part(r.src, ': ', 2), 'FIRST_NAME');
    END IF;

    INSERT INTO screen_stg_program (list_id, program)
    SELECT list_id, extra ->> 'un_list_type' FROM screen_stg_entity WHERE extra ? 'un_list_type';

    -- multi-valued VALUE lists
    UPDATE screen_stg_entity e SET title = v.t
      FROM (SELECT id, string_agg(btrim(val), '; ' ORDER BY n) AS t
              FROM XMLTABLE('/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/*[self::TITLE or self::DESIGNATION]/VALUE' PASSING x
                   COLUMNS n FOR ORDINALITY, id text PATH '../../DATAID', val text PATH '.') vv
             WHERE btrim(val) <> '' GROUP BY id) v
     WHERE v.id = e.list_id;
    INSERT INTO screen_stg_country (list_id, role, country)
    SELECT id, 'nationality', btrim(val)
      FROM XMLTABLE('/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/NATIONALITY/VALUE' PASSING x
           COLUMNS id text PATH '../../DATAID', val text PATH '.') t
     WHERE btrim(val) <> '';

    -- names
    INSERT INTO screen_stg_name (list_id, name, name_type, src)
    SELECT list_id, primary_name, 'primary', src FROM screen_stg_entity;
    INSERT INTO screen_stg_name (list_id, name, name_type, quality, src)
    SELECT id, btrim(nm),
           CASE WHEN q ILIKE 'f.k.a.' THEN 'fka' WHEN q ILIKE 'low' THEN 'weak' ELSE 'aka' END,
           CASE lower(q) WHEN 'good' THEN 'good' WHEN 'low' THEN 'low' END,
           format('%s: %s', f, path)
      FROM (SELECT id, nm, btrim(q) AS q, format('/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/INDIVIDUAL_ALIAS[%s]', n) AS path
              FROM XMLTABLE('/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/INDIVIDUAL_ALIAS' PASSING x
                   COLUMNS n FOR ORDINALITY, id text PATH '../DATAID', q text PATH 'QUALITY', nm text PATH 'ALIAS_NAME') a
            UNION ALL
            SELECT id, nm, btrim(q), format('/CONSOLIDATED_LIST/ENTITIES/ENTITY/ENTITY_ALIAS[%s]', n)
              FROM XMLTABLE('/CONSOLIDATED_LIST/ENTITIES/ENTITY/ENTITY_ALIAS' PASSING x
                   COLUMNS n FOR ORDINALITY, id text PATH '../DATAID', q text PATH 'QUALITY', nm text PATH 'ALIAS_NAME') b) s
     WHERE btrim(coalesce(nm, '')) <> '';
    INSERT INTO screen_stg_name (list_id, name, name_type, src)
    SELECT id, btrim(nm), 'original_script', f
      FROM XMLTABLE('/CONSOLIDATED_LIST/*/*/NAME_ORIGINAL_SCRIPT' PASSING x
           COLUMNS id text PATH '../DATAID', nm text PATH '.') t
     WHERE btrim(coalesce(nm, '')) <> '';

    -- dates of birth, as text parse_fuzzy_date understands
    SELECT * INTO r FROM XMLTABLE('/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/INDIVIDUAL_DATE_OF_BIRTH' PASSING x
           COLUMNS n FOR ORDINALITY, typ text PATH 'TYPE_OF_DATE') t
     WHERE btrim(coalesce(typ, '')) NOT IN ('', 'EXACT', 'APPROXIMATELY', 'BETWEEN') LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: /CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/INDIVIDUAL_DATE_OF_BIRTH[%]/TYPE_OF_DATE: unknown value "%"',
            f, r.n, r.typ
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'TYPE_OF_DATE is EXACT, APPROXIMATELY or BETWEEN.';
    END IF;
    INSERT INTO screen_stg_birth_date (list_id, raw)
    SELECT id, CASE
               WHEN typ = 'BETWEEN' THEN concat_ws(' to ', nullif(coalesce(fy, fd), ''), nullif(coalesce(ty, td), ''))
               WHEN typ = 'APPROXIMATELY' THEN 'circa ' || coalesce(nullif(d, ''), y)
               ELSE coalesce(nullif(d, ''), y) END
      FROM (SELECT id, btrim(typ) AS typ, btrim(d) AS d, btrim(y) AS y, btrim(fy) AS fy, btrim(ty) AS ty,
                   btrim(fd) AS fd, btrim(td) AS td
              FROM XMLTABLE('/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/INDIVIDUAL_DATE_OF_BIRTH' PASSING x
                   COLUMNS id text PATH '../DATAID', typ text PATH 'TYPE_OF_DATE', d text PATH 'DATE',
                           y text PATH 'YEAR', fy text PATH 'FROM_YEAR', ty text PATH 'TO_YEAR',
                           fd text PATH 'FROM_DATE', td text PATH 'TO_DATE') t) s
     WHERE coalesce(nullif(d, ''), nullif(y, ''), nullif(fy, ''), nullif(fd, '')) IS NOT NULL;

    INSERT INTO screen_stg_birth_place (list_id, place, country)
    SELECT id, concat_ws(', ', nullif(btrim(city), ''), nullif(btrim(st), ''), nullif(btrim(co), '')), nullif(btrim(co), '')
      FROM XMLTABLE('/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/INDIVIDUAL_PLACE_OF_BIRTH' PASSING x
           COLUMNS id text PATH '../DATAID', city text PATH 'CITY', st text PATH 'STATE_PROVINCE', co text PATH 'COUNTRY') t
     WHERE concat(btrim(city), btrim(st), btrim(co)) <> '';

    INSERT INTO screen_stg_address (list_id, street, city, state, postal_code, country, remarks, src)
    SELECT id, nullif(btrim(street), ''), nullif(btrim(city), ''), nullif(btrim(st), ''), nullif(btrim(zip), ''),
           nullif(btrim(co), ''), nullif(btrim(note), ''), f
      FROM XMLTABLE('/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/INDIVIDUAL_ADDRESS | /CONSOLIDATED_LIST/ENTITIES/ENTITY/ENTITY_ADDRESS' PASSING x
           COLUMNS id text PATH '../DATAID', street text PATH 'STREET', city text PATH 'CITY',
                   st text PATH 'STATE_PROVINCE', zip text PATH 'ZIP_CODE', co text PATH 'COUNTRY', note text PATH 'NOTE') t
     WHERE concat(btrim(street), btrim(city), btrim(st), btrim(zip), btrim(co), btrim(note)) <> '';

    INSERT INTO screen_stg_identifier (list_id, id_type, label, value, country, issued, note)
    SELECT id,
           CASE WHEN typ ~* 'passport' THEN 'passport'
                WHEN typ ~* 'national|identi|\mID\M' THEN 'national_id'
                WHEN typ ~* 'tax' THEN 'tax_id'
                ELSE 'other' END,
           concat_ws(' / ', nullif(typ, ''), nullif(typ2, '')), num,
           coalesce(nullif(btrim(ic), ''), nullif(btrim(coi), '')),
           nullif(btrim(doi), ''),
           nullif(concat_ws('; ', nullif(btrim(coi_city), ''), nullif(btrim(note), '')), '')
      FROM (SELECT id, btrim(typ) AS typ, btrim(typ2) AS typ2, btrim(num) AS num, ic, coi, doi, coi_city, note
              FROM XMLTABLE('/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/INDIVIDUAL_DOCUMENT' PASSING x
                   COLUMNS id text PATH '../DATAID', typ text PATH 'TYPE_OF_DOCUMENT', typ2 text PATH 'TYPE_OF_DOCUMENT2',
                           num text PATH 'NUMBER', ic text PATH 'ISSUING_COUNTRY', coi text PATH 'COUNTRY_OF_ISSUE',
                           doi text PATH 'DATE_OF_ISSUE', coi_city text PATH 'CITY_OF_ISSUE', note text PATH 'NOTE') t) s
     WHERE coalesce(num, '') <> '';

    RETURN _commit_version(v_src, pub, sha, ARRAY[f]);
END;
$$;
COMMENT ON FUNCTION screen.load_un(text, date, text) IS
  'Load the UN Security Council consolidated list (XML); returns the new version id';
