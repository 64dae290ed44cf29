-- ===========================================================================
-- 26_lists_eu.sql — EU Financial Sanctions Files, XML v1.1
--                   (xmlFullSanctionsList_1_1, namespace http://eu.europa.ec/fpi/fsd/export)
--
-- /export[@generationDate]/sanctionEntity[@logicalId @euReferenceNumber
--   @unitedNationId @designationDate] with children
--   remark, regulation[@programme @publicationDate], subjectType[@code],
--   nameAlias[@wholeName @strong @nameLanguage @gender @title @function],
--   citizenship[@countryDescription], birthdate[@birthdate @year @monthOfYear
--   @dayOfMonth @circa @yearRangeFrom @yearRangeTo @city @countryDescription],
--   identification[@number @identificationTypeCode @countryDescription ...],
--   address[@street @city @zipCode @region @countryDescription].
-- The first strong nameAlias is the primary name; strong="false" aliases are
-- weak; a name in a non-Latin script is an original_script name.
-- ===========================================================================

CREATE FUNCTION screen.load_eu(content text, published date DEFAULT NULL, source text DEFAULT 'EU-FSF')
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
DECLARE
    v_file text := 'eu_fsf.xml';
    v_src text := load_eu.source;
    sha text;
    v bigint;
    x xml;
    r record;
    pub date := published;
    ns text[] := ARRAY[ARRAY['e', 'http://eu.europa.ec/fpi/fsd/export']];
BEGIN
    sha := _files_sha256(ARRAY[v_file], ARRAY[content]);
    v := _same_as_current(v_src, sha);
    IF v IS NOT NULL THEN
        RETURN v;
    END IF;
    PERFORM _stage_reset();
    x := _parse_xml(content, v_file);

    IF NOT xpath_exists('/e:export', x, ns) THEN
        RAISE EXCEPTION '%: /%: root element is not export in namespace http://eu.europa.ec/fpi/fsd/export', v_file,
            (xpath('name(/*)', x))[1]::text
            USING ERRCODE = 'invalid_xml_document',
                  HINT = 'This loader reads the EU Financial Sanctions Files XML (xmlFullSanctionsList_1_1).';
    END IF;
    IF pub IS NULL THEN
        pub := _day(substr((xpath('/e:export/@generationDate', x, ns))[1]::text, 1, 10));
    END IF;

    -- entities; the XML path of each for messages
    INSERT INTO screen_stg_entity (list_id, kind, primary_name, listed_on, remarks, extra, src)
    SELECT nullif(btrim(t.id), ''),
           CASE t.code WHEN 'person' THEN 'person' WHEN 'enterprise' THEN 'organization'
                       WHEN 'vessel' THEN 'vessel' WHEN 'aircraft' THEN 'aircraft' ELSE t.code END,
           NULL, _day(t.designated), nullif(btrim(t.remark), ''),
           jsonb_strip_nulls(jsonb_build_object('eu_reference_number', nullif(t.euref, ''),
                'un_reference_number', nullif(t.unid, ''), 'designation_details', nullif(t.details, ''))),
           format('%s: /export/sanctionEntity[%s]', v_file, t.n)
      FROM XMLTABLE(XMLNAMESPACES('http://eu.europa.ec/fpi/fsd/export' AS e), '/e:export/e:sanctionEntity' PASSING x
           COLUMNS n FOR ORDINALITY, id text PATH '@logicalId', euref text PATH '@euReferenceNumber',
                   unid text PATH '@unitedNationId', details text PATH '@designationDetails',
                   designated text PATH '@designationDate', code text PATH 'e:subjectType/@code',
                   remark text PATH 'e:remark[1]') t;

    SELECT * INTO r FROM screen_stg_entity WHERE list_id IS NULL LIMIT 1;
    IF FOUND THEN
        PERFORM _xml_require(v_file, split_part(r.src, ': ', 2), '@logicalId');
    END IF;
    SELECT * INTO r FROM screen_stg_entity
     WHERE kind IS NULL OR kind NOT IN ('person', 'organization', 'vessel', 'aircraft') LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: %/subjectType/@code: unknown entity type "%"', v_file, split_part(r.src, ': ', 2),
            coalesce(r.kind, '(missing)')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'EU subject types are person and enterprise.';
    END IF;

    -- names: document order; the first strong one is the primary name
    INSERT INTO screen_stg_eu_name
    SELECT id, n, btrim(nm), lower(strong), nullif(btrim(lang), ''), gender, nullif(btrim(title), ''), nullif(btrim(fn), '')
      FROM XMLTABLE(XMLNAMESPACES('http://eu.europa.ec/fpi/fsd/export' AS e), '/e:export/e:sanctionEntity/e:nameAlias' PASSING x
           COLUMNS n FOR ORDINALITY, id text PATH '../@logicalId', nm text PATH '@wholeName', strong text PATH '@strong',
                   lang text PATH '@nameLanguage', gender text PATH '@gender', title text PATH '@title',
                   fn text PATH '@function') t
     WHERE btrim(coalesce(nm, '')) <> '';
    UPDATE screen_stg_entity e SET primary_name = p.name, title = p.title,
           gender = CASE p.gender WHEN 'M' THEN 'male' WHEN 'F' THEN 'female' END
      FROM (SELECT DISTINCT ON (list_id) list_id, name, title, gender FROM screen_stg_eu_name
             ORDER BY list_id, (strong = 'false'), (name ~ '[\u0370-\uffff]'), n) p
     WHERE p.list_id = e.list_id;
    SELECT * INTO r FROM screen_stg_entity WHERE primary_name IS NULL LIMIT 1;
    IF FOUND THEN
        PERFORM _xml_require(v_file, split_part(r.src, ': ', 2), 'nameAlias/@wholeName');
    END IF;
    INSERT INTO screen_stg_name (list_id, name, name_type, quality, script, src)
    SELECT a.list_id, a.name,
           CASE WHEN a.name = e.primary_name AND a.n = (SELECT min(b.n) FROM screen_stg_eu_name b
                                                        WHERE b.list_id = a.list_id AND b.name = e.primary_name) THEN 'primary'
                WHEN a.name ~ '[\u0370-\uffff]' THEN 'original_script'
                WHEN a.strong = 'false' THEN 'weak'
                ELSE 'aka' END,
           CASE WHEN a.strong = 'false' THEN 'weak' WHEN a.strong = 'true' THEN 'strong' END,
           a.lang, e.src
      FROM screen_stg_eu_name a JOIN screen_stg_entity e USING (list_id);

    INSERT INTO screen_stg_program (list_id, program)
    SELECT DISTINCT id, btrim(p)
      FROM XMLTABLE(XMLNAMESPACES('http://eu.europa.ec/fpi/fsd/export' AS e), '/e:export/e:sanctionEntity/e:regulation' PASSING x
           COLUMNS id text PATH '../@logicalId', p text PATH '@programme') t
     WHERE btrim(coalesce(p, '')) <> '';
    UPDATE screen_stg_entity e SET listed_on = r2.d
      FROM (SELECT id, min(_day(pd)) AS d
              FROM XMLTABLE(XMLNAMESPACES('http://eu.europa.ec/fpi/fsd/export' AS e), '/e:export/e:sanctionEntity/e:regulation' PASSING x
                   COLUMNS id text PATH '../@logicalId', pd text PATH '@publicationDate') t GROUP BY id) r2
     WHERE r2.id = e.list_id AND e.listed_on IS NULL;

    INSERT INTO screen_stg_country (list_id, role, country)
    SELECT id, 'citizenship', btrim(coalesce(nullif(c, ''), iso))
      FROM XMLTABLE(XMLNAMESPACES('http://eu.europa.ec/fpi/fsd/export' AS e), '/e:export/e:sanctionEntity/e:citizenship' PASSING x
           COLUMNS id text PATH '../@logicalId', c text PATH '@countryDescription', iso text PATH '@countryIso2Code') t
     WHERE btrim(coalesce(nullif(c, ''), iso, '')) NOT IN ('', 'UNKNOWN', '00');

    INSERT INTO screen_stg_birth_date (list_id, raw)
    SELECT id, CASE WHEN circa = 'true' THEN 'circa ' ELSE '' END ||
               CASE WHEN nullif(bd, '') IS NOT NULL THEN bd
                    WHEN nullif(yf, '') IS NOT NULL THEN yf || ' to ' || coalesce(nullif(yt, ''), yf)
                    WHEN nullif(mo, '') IS NOT NULL AND nullif(y, '') IS NOT NULL THEN y || '-' || lpad(mo, 2, '0')
                    ELSE y END
      FROM XMLTABLE(XMLNAMESPACES('http://eu.europa.ec/fpi/fsd/export' AS e), '/e:export/e:sanctionEntity/e:birthdate' PASSING x
           COLUMNS id text PATH '../@logicalId', bd text PATH '@birthdate', y text PATH '@year', mo text PATH '@monthOfYear',
                   circa text PATH '@circa', yf text PATH '@yearRangeFrom', yt text PATH '@yearRangeTo') t
     WHERE coalesce(nullif(bd, ''), nullif(y, ''), nullif(yf, '')) IS NOT NULL;
    INSERT INTO screen_stg_birth_place (list_id, place, country)
    SELECT id, concat_ws(', ', nullif(btrim(city), ''), nullif(btrim(place), ''), nullif(btrim(region), ''), nullif(btrim(c), '')),
           nullif(btrim(c), '')
      FROM XMLTABLE(XMLNAMESPACES('http://eu.europa.ec/fpi/fsd/export' AS e), '/e:export/e:sanctionEntity/e:birthdate' PASSING x
           COLUMNS id text PATH '../@logicalId', city text PATH '@city', place text PATH '@place', region text PATH '@region',
                   c text PATH '@countryDescription') t
     WHERE concat(btrim(city), btrim(place), btrim(region), btrim(c)) NOT IN ('', 'UNKNOWN');

    INSERT INTO screen_stg_identifier (list_id, id_type, label, value, country, issued, note)
    SELECT id,
           CASE lower(code) WHEN 'passport' THEN 'passport' WHEN 'id' THEN 'national_id'
                WHEN 'fiscalcode' THEN 'tax_id' WHEN 'regnumber' THEN 'registration'
                WHEN 'swiftbic' THEN 'swift_bic' WHEN 'imo' THEN 'imo' ELSE 'other' END,
           coalesce(nullif(btrim(descr), ''), code), btrim(num),
           nullif(btrim(coalesce(nullif(c, ''), nullif(iso, '00'))), ''),
           nullif(btrim(issued), ''),
           nullif(concat_ws('; ', CASE WHEN diplomatic = 'true' THEN 'diplomatic' END,
                                  CASE WHEN expired = 'true' THEN 'known expired' END,
                                  CASE WHEN false_ = 'true' THEN 'known false' END,
                                  CASE WHEN lost = 'true' THEN 'reported lost' END), '')
      FROM XMLTABLE(XMLNAMESPACES('http://eu.europa.ec/fpi/fsd/export' AS e), '/e:export/e:sanctionEntity/e:identification' PASSING x
           COLUMNS id text PATH '../@logicalId', code text PATH '@identificationTypeCode',
                   descr text PATH '@identificationTypeDescription', num text PATH '@number',
                   c text PATH '@countryDescription', iso text PATH '@countryIso2Code', issued text PATH '@issueDate',
                   diplomatic text PATH '@diplomatic', expired text PATH '@knownExpired', false_ text PATH '@knownFalse',
                   lost text PATH '@reportedLost') t
     WHERE btrim(coalesce(num, '')) <> '';

    INSERT INTO screen_stg_address (list_id, street, city, state, postal_code, country, remarks, src)
    SELECT id, nullif(btrim(concat_ws(', ', nullif(btrim(street), ''), nullif(btrim(pobox), ''))), ''),
           nullif(btrim(city), ''), nullif(btrim(region), ''), nullif(btrim(zip), ''),
           nullif(btrim(c), ''), nullif(btrim(place), ''), v_file
      FROM XMLTABLE(XMLNAMESPACES('http://eu.europa.ec/fpi/fsd/export' AS e), '/e:export/e:sanctionEntity/e:address' PASSING x
           COLUMNS id text PATH '../@logicalId', street text PATH '@street', pobox text PATH '@poBox', city text PATH '@city',
                   region text PATH '@region', zip text PATH '@zipCode', c text PATH '@countryDescription',
                   place text PATH '@place') t
     WHERE concat(btrim(street), btrim(pobox), btrim(city), btrim(region), btrim(zip), btrim(c)) NOT IN ('', 'UNKNOWN');

    RETURN _commit_version(v_src, pub, sha, ARRAY[v_file]);
END;
$$;
COMMENT ON FUNCTION screen.load_eu(text, date, text) IS
  'Load the EU Financial Sanctions Files XML (v1.1); returns the new version id';
