-- ---------------------------------------------------------------------------
-- Controls: loaders.  Each takes the contents of one official file (so any
-- client can call it), records a list version (source, issue date, SHA-256)
-- and returns its id.  A load is one statement: all or nothing.
-- ---------------------------------------------------------------------------

CREATE FUNCTION screen.control_new_version(list text, source text, issue_date date,
                                           doc text, entry_count integer,
                                           snapshot boolean DEFAULT false)
    RETURNS integer
    LANGUAGE sql VOLATILE
    SET search_path = screen, pg_catalog
AS $$
    INSERT INTO control_list_version (list, source, issue_date, sha256, snapshot, entry_count)
    VALUES (list, source, issue_date, encode(sha256(convert_to(doc, 'UTF8')), 'hex'),
            snapshot, entry_count)
    RETURNING id
$$;

-- the 27 Member States (exports between them are not exports under 2021/821)
CREATE FUNCTION screen.eu_member_states() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
                 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

-- parse a JSON document, naming the loader and argument on failure
CREATE FUNCTION screen.control_parse_json(doc text, loader text, required_key text)
    RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    j jsonb;
BEGIN
    IF doc IS NULL THEN
        RAISE EXCEPTION '%: argument doc is NULL', loader USING ERRCODE = 'null_value_not_allowed';
    END IF;
    BEGIN
        j := doc::jsonb;
    EXCEPTION WHEN invalid_text_representation THEN
        RAISE EXCEPTION '%: argument doc is not valid JSON', loader
              USING ERRCODE = 'invalid_text_representation', DETAIL = SQLERRM;
    END;
    IF jsonb_typeof(j) <> 'object' OR NOT j ? required_key THEN
        RAISE EXCEPTION '%: argument doc has no "%" key; is it the right file?', loader, required_key
              USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF jsonb_typeof(j->required_key) NOT IN ('array', 'object') THEN
        RAISE EXCEPTION '%: key "%" of argument doc is a %, expected an array or object', loader,
                        required_key, jsonb_typeof(j->required_key)
              USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN j;
END;
$$;

-- paragraph references in a requirement text, resolved against the ECCN:
-- full codes (3A001.b.2), dotted (.x) and bare relative ones (z.2.a, b.3)
CREATE FUNCTION screen.ccl_refs(eccn screen.controlcode, body text,
                                OUT own screen.controlcode[], OUT foreign_refs integer)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED   -- its exception block needs a subtransaction
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    m text[];
    ref text;
    c screen.controlcode;
    base text := substr(eccn::text, 4);     -- without the 'US:' prefix
BEGIN
    own := '{}';
    foreign_refs := 0;
    FOR m IN SELECT regexp_matches(coalesce(body, ''),
        '([0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*|(?<![A-Za-z0-9])\.[a-z](?:\.[a-z0-9]+)*|(?<![A-Za-z0-9.])[a-z]\.[0-9]+(?:\.[a-z0-9]+)*)', 'g')
    LOOP
        ref := m[1];
        IF ref ~ '^[0-9]' THEN
            IF left(ref, 5) <> base THEN
                foreign_refs := foreign_refs + 1;
                CONTINUE;
            END IF;
        ELSIF ref ~ '^\.' THEN
            ref := base || ref;
        ELSE
            ref := base || '.' || ref;
        END IF;
        BEGIN
            c := ('US:' || ref)::screen.controlcode;
        EXCEPTION WHEN invalid_text_representation THEN
            CONTINUE;
        END;
        IF NOT c = ANY (own) THEN
            own := own || c;
        END IF;
    END LOOP;
END;
$$;

-- scope of a requirement row: "NS applies to entire entry, except .e, .x,
-- and .y", "RS applies to 3A001.z.1.a, z.2.a", "MT applies to 3A001.a.1.a
-- when usable in missiles" (conditional)
CREATE FUNCTION screen.ccl_parse_scope(eccn screen.controlcode, control_text text,
                                       OUT scope_include screen.controlcode[],
                                       OUT scope_exclude screen.controlcode[],
                                       OUT conditional boolean)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    body text;
    incl text;
    excl text;
    m text[];
    r record;
    refpat constant text := '(?:[0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*|\.[a-z](?:\.[a-z0-9]+)*|[a-z]\.[0-9]+(?:\.[a-z0-9]+)*)';
BEGIN
    body := regexp_replace(control_text, '^\s*[A-Z]{2,3}\s+applies\s+(to\s+)?', '');
    -- an "except" directly followed by paragraph references excludes them;
    -- "except those ... being exported for ..." is a condition instead
    m := regexp_match(body, '^(.*?)[,;]?\s*except\s+(?:for\s+)?(' || refpat
                            || '(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s+or\s+)' || refpat || ')*)(.*)$');
    IF m IS NULL THEN
        incl := body;
        excl := NULL;
    ELSE
        incl := m[1] || ' ' || m[3];
        excl := m[2];
    END IF;
    r := ccl_refs(eccn, incl);
    conditional := incl ~* '\m(when|if|unless|that meet|meeting|meet or exceed|except|usable in|designed or modified|for use|having|being exported)\M'
                   OR r.foreign_refs > 0;
    IF incl ~* 'entire entry' OR cardinality(r.own) = 0 THEN
        scope_include := ARRAY[eccn];
        IF incl !~* 'entire entry' THEN
            conditional := true;       -- a description we cannot resolve to paragraphs
        END IF;
    ELSE
        scope_include := r.own;
    END IF;
    scope_exclude := coalesce((ccl_refs(eccn, excl)).own, '{}');
END;
$$;

-- rule of a requirement row: a Country Chart column, a written destination
-- rule, a footnote-based rule (UN: footnote 1, Russia/Belarus: footnote 6)
-- or a reference to another part of the EAR we do not evaluate
CREATE FUNCTION screen.ccl_parse_rule(reason text, chart_text text,
                                      OUT rule_kind text, OUT rule_column text,
                                      OUT rule_worldwide boolean, OUT rule_countries text[],
                                      OUT rule_groups text[], OUT rule_exclude_countries text[],
                                      OUT rule_exclude_groups text[])
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    m text[];
    main text;
    excl text;
BEGIN
    rule_worldwide := false;
    rule_countries := '{}';
    rule_groups := '{}';
    rule_exclude_countries := '{}';
    rule_exclude_groups := '{}';
    m := regexp_match(chart_text, '\m(CB|NP|NS|MT|RS|FC|CC|AT|SL|UN)\s*Column\s*([0-9])');
    IF m IS NULL THEN
        m := regexp_match(chart_text, '^\s*Column\s*([0-9])');
        IF m IS NOT NULL THEN
            m := ARRAY[reason, m[1]];
        END IF;
    END IF;
    IF m IS NOT NULL THEN
        rule_kind := 'column';
        rule_column := m[1] || ' ' || m[2];
        RETURN;
    END IF;
    IF chart_text ~ '74[56]\.1\(b\)|746\.1 ' OR (reason = 'UN' AND chart_text ~ '746\.1|764\.1') THEN
        rule_kind := 'footnote';        -- UN sanctions destinations: chart footnote 1
        rule_column := '1';
        RETURN;
    END IF;
    IF chart_text ~ '746\.8' THEN
        rule_kind := 'footnote';        -- Russia/Belarus sanctions: chart footnote 6
        rule_column := '6';
        RETURN;
    END IF;
    IF reason = 'EI' AND chart_text ~ '742\.15' THEN
        rule_kind := 'destinations';    -- 742.15(a): all destinations except Canada
        rule_worldwide := true;
        rule_exclude_countries := ARRAY['CA'];
        RETURN;
    END IF;
    -- written destination rule
    main := split_part(regexp_replace(chart_text, '\(see [^)]*\)|See § .*$', '', 'gi'), 'excluding', 1);
    excl := substr(chart_text, length(split_part(chart_text, 'excluding', 1)) + 1);
    rule_worldwide := main ~* 'any destination worldwide|worldwide control|for all destinations';
    IF main ~* 'except canada' THEN
        rule_exclude_countries := ARRAY['CA'];
        main := regexp_replace(main, 'except canada', '', 'i');
    END IF;
    rule_groups := ARRAY(SELECT DISTINCT g[1] FROM regexp_matches(main, '\m([A-E]:[0-9])', 'g') g ORDER BY 1);
    rule_exclude_groups := ARRAY(SELECT DISTINCT g[1] FROM regexp_matches(excl, '\m([A-E]:[0-9])', 'g') g ORDER BY 1);
    rule_countries := control_find_countries(main);
    IF rule_worldwide OR cardinality(rule_groups) > 0 OR cardinality(rule_countries) > 0 THEN
        rule_kind := 'destinations';
    ELSE
        rule_kind := 'reference';
    END IF;
END;
$$;

-- US Commerce Control List (ccl.json)
CREATE FUNCTION screen.load_ccl(doc text, snapshot boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    j jsonb := control_parse_json(doc, 'screen.load_ccl', 'entries');
    vid integer;
    e record;
    eccn screen.controlcode;
    rq record;
    s record;
    ru record;
    it record;
    pcode screen.controlcode;
    reason text;
BEGIN
    vid := control_new_version('us_ccl',
                               coalesce(j->>'citation', '15 CFR 774 Supp. 1') || coalesce(' <' || (j->'source'->>'url') || '>', ''),
                               (j->>'ecfrIssueDate')::date, doc, jsonb_array_length(j->'entries'), snapshot);
    FOR e IN SELECT x.value AS v, x.ordinality AS n FROM jsonb_array_elements(j->'entries') WITH ORDINALITY x
    LOOP
        BEGIN
            eccn := ('US:' || (e.v->>'eccn'))::screen.controlcode;
        EXCEPTION WHEN invalid_text_representation THEN
            RAISE EXCEPTION 'screen.load_ccl: entries[%] has an invalid eccn "%"', e.n - 1, e.v->>'eccn'
                  USING ERRCODE = 'invalid_text_representation', DETAIL = SQLERRM;
        END;
        INSERT INTO control_entry (version_id, code, heading, reasons, related)
        VALUES (vid, eccn, e.v->>'heading',
                coalesce(ARRAY(SELECT btrim(x) FROM unnest(string_to_array(e.v->>'reasonForControl', ',')) x
                                WHERE btrim(x) <> ''), '{}'),
                e.v->>'relatedControls')
        ON CONFLICT DO NOTHING;
        INSERT INTO control_provision (version_id, code, seq, kind, body)
        VALUES (vid, eccn, 0, 'heading', coalesce(e.v->>'heading', ''))
        ON CONFLICT DO NOTHING;
        FOR it IN SELECT x.value AS v, x.ordinality AS n FROM jsonb_array_elements(coalesce(e.v->'items', '[]')) WITH ORDINALITY x
        LOOP
            pcode := eccn;
            IF it.v->>'paragraph' IS NOT NULL AND it.v->>'kind' = 'item' THEN
                BEGIN
                    pcode := (eccn::text || '.' || (it.v->>'paragraph'))::screen.controlcode;
                EXCEPTION WHEN invalid_text_representation THEN
                    pcode := eccn;
                END;
            END IF;
            INSERT INTO control_provision (version_id, code, seq, kind, body)
            VALUES (vid, pcode, it.n, coalesce(it.v->>'kind', 'text'), coalesce(it.v->>'text', ''))
            ON CONFLICT DO NOTHING;
        END LOOP;
        FOR rq IN SELECT x.value AS v, x.ordinality AS n FROM jsonb_array_elements(coalesce(e.v->'countryChart', '[]')) WITH ORDINALITY x
        LOOP
            reason := coalesce((regexp_match(rq.v->>'control', '^\s*([A-Z]{2,3})\M'))[1], '?');
            s := ccl_parse_scope(eccn, rq.v->>'control');
            ru := ccl_parse_rule(reason, CASE WHEN (rq.v->>'singleCellRow')::boolean
                                              THEN rq.v->>'control' ELSE rq.v->>'countryChart' END);
            INSERT INTO ccl_requirement (version_id, eccn, seq, reason, control_text, chart_text,
                                         scope_include, scope_exclude, conditional, rule_kind,
                                         rule_column, rule_worldwide, rule_countries, rule_groups,
                                         rule_exclude_countries, rule_exclude_groups)
            VALUES (vid, eccn, rq.n, reason, rq.v->>'control', rq.v->>'countryChart',
                    s.scope_include, s.scope_exclude, s.conditional, ru.rule_kind, ru.rule_column,
                    ru.rule_worldwide, ru.rule_countries, ru.rule_groups,
                    ru.rule_exclude_countries, ru.rule_exclude_groups);
        END LOOP;
        -- "Yes for 5A002.z.1.a, z.2.a" limits the exception to those paragraphs;
        -- ranges ("a.2 to a.14") are not expanded, so such texts stay unlimited
        INSERT INTO ccl_licence_exception (version_id, eccn, symbol, eligibility, eligible_scope)
        SELECT vid, eccn, k, v,
               CASE WHEN v ~* '\m(to|through)\M' THEN NULL
                    ELSE nullif((ccl_refs(eccn, v)).own, '{}') END
          FROM jsonb_each_text(coalesce(e.v->'licenceExceptionFlags', '{}')) AS f(k, v)
        ON CONFLICT DO NOTHING;
    END LOOP;
    RETURN vid;
END;
$$;

-- map a list of regulation country names to ISO codes, failing loudly
CREATE FUNCTION screen.control_country_codes(names text[], loader text, what text)
    RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    n text;
    c text;
    out text[] := '{}';
BEGIN
    FOREACH n IN ARRAY coalesce(names, '{}') LOOP
        SELECT iso2 INTO c FROM control_country_alias WHERE alias = lower(btrim(n));
        IF c IS NULL THEN
            RAISE EXCEPTION '%: unknown country name "%" in %', loader, n, what
                  USING ERRCODE = 'invalid_parameter_value',
                        HINT = 'Add the spelling to screen.control_country_alias and load again.';
        END IF;
        out := out || c;
    END LOOP;
    RETURN out;
END;
$$;

-- Commerce Country Chart (country-chart.json)
CREATE FUNCTION screen.load_country_chart(doc text, snapshot boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    j jsonb := control_parse_json(doc, 'screen.load_country_chart', 'countries');
    vid integer;
    r record;
    iso text;
BEGIN
    vid := control_new_version('us_country_chart',
                               coalesce(j->>'citation', '15 CFR 738 Supp. 1') || coalesce(' <' || (j->'source'->>'url') || '>', ''),
                               (j->>'ecfrIssueDate')::date, doc,
                               (SELECT count(*) FROM jsonb_object_keys(j->'countries'))::integer
                               + (SELECT count(*) FROM jsonb_object_keys(coalesce(j->'embargoed', '{}')))::integer,
                               snapshot);
    FOR r IN SELECT key, value FROM jsonb_each(j->'countries')
             UNION ALL SELECT key, value FROM jsonb_each(coalesce(j->'embargoed', '{}'))
    LOOP
        iso := (control_country_codes(ARRAY[r.key], 'screen.load_country_chart', 'countries'))[1];
        INSERT INTO country_chart (version_id, iso2, chart_name, marks, embargo, footnotes)
        VALUES (vid, iso, r.key,
                ARRAY(SELECT jsonb_array_elements_text(coalesce(r.value->'marks', '[]'))),
                r.value->>'pointer',
                ARRAY(SELECT (x)::integer FROM jsonb_array_elements_text(coalesce(r.value->'footnotes', '[]')) x));
    END LOOP;
    -- destinations the EAR itself assigns to another row (738.3(b), 85 FR 83788)
    FOR r IN SELECT key, value FROM jsonb_each(coalesce(j->'territoryInheritance', '{}')) LOOP
        iso := (control_country_codes(ARRAY[r.key], 'screen.load_country_chart', 'territoryInheritance'))[1];
        INSERT INTO country_chart (version_id, iso2, chart_name, marks, embargo, footnotes, inherits)
        SELECT vid, iso, r.key, c.marks, c.embargo, c.footnotes, c.iso2
          FROM country_chart c
         WHERE c.version_id = vid
           AND c.iso2 = (control_country_codes(ARRAY[r.value->>'row'], 'screen.load_country_chart', 'territoryInheritance'))[1]
        ON CONFLICT (version_id, iso2) DO UPDATE SET inherits = excluded.inherits;
    END LOOP;
    INSERT INTO country_chart_footnote (version_id, num, body)
    SELECT vid, key::integer, value FROM jsonb_each_text(coalesce(j->'footnotes', '{}'));
    RETURN vid;
END;
$$;

-- Country Groups (country-groups.json)
CREATE FUNCTION screen.load_country_groups(doc text, snapshot boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    j jsonb := control_parse_json(doc, 'screen.load_country_groups', 'groups');
    vid integer;
    r record;
BEGIN
    vid := control_new_version('us_country_groups',
                               coalesce(j->>'citation', '15 CFR 740 Supp. 1') || coalesce(' <' || (j->'source'->>'url') || '>', ''),
                               (j->>'ecfrIssueDate')::date, doc,
                               (SELECT count(*) FROM jsonb_object_keys(j->'groups'))::integer, snapshot);
    FOR r IN SELECT key, value FROM jsonb_each(j->'groups') LOOP
        INSERT INTO country_group_member (version_id, grp, iso2)
        SELECT DISTINCT vid, r.key, c
          FROM unnest(control_country_codes(ARRAY(SELECT jsonb_array_elements_text(r.value)),
                                            'screen.load_country_groups', 'group ' || r.key)) c;
    END LOOP;
    RETURN vid;
END;
$$;

-- Part 740 licence exceptions (license-exception-catalog.json)
CREATE FUNCTION screen.load_licence_exceptions(doc text, snapshot boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    j jsonb := control_parse_json(doc, 'screen.load_licence_exceptions', 'exceptions');
    vid integer;
BEGIN
    vid := control_new_version('us_licence_exceptions',
                               coalesce(j->>'citation', '15 CFR 740') || coalesce(' <' || (j->'source'->>'url') || '>', ''),
                               (j->>'ecfrIssueDate')::date, doc,
                               jsonb_array_length(j->'exceptions'), snapshot);
    INSERT INTO licence_exception (version_id, symbol, section, title)
    SELECT DISTINCT ON (sym) vid, sym, e->>'section', e->>'title'
      FROM jsonb_array_elements(j->'exceptions') e,
           jsonb_array_elements_text(e->'symbols') sym
     ORDER BY sym;
    RETURN vid;
END;
$$;

-- EU Annex I entries and the general export authorisations (annex.json)
CREATE FUNCTION screen.load_eu_annex(doc text, snapshot boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    j jsonb := control_parse_json(doc, 'screen.load_eu_annex', 'entries');
    vid integer;
    e record;
    code screen.controlcode;
    ln record;
    g record;
    part1 text;
    part2 text;
    sect_i screen.controlcode[];
    eu001 text[];
    codes screen.controlcode[];
BEGIN
    vid := control_new_version('eu_annex_i',
                               'Regulation (EU) 2021/821 Annex I, ' || coalesce(j->>'corpus_version', '?')
                               || coalesce(' <' || (j->>'source_url') || '>', ''),
                               (j->>'valid_from')::date, doc, jsonb_array_length(j->'entries'), snapshot);
    FOR e IN SELECT x.value AS v, x.ordinality AS n FROM jsonb_array_elements(j->'entries') WITH ORDINALITY x LOOP
        BEGIN
            code := ('EU:' || (e.v->>'entry_code'))::screen.controlcode;
        EXCEPTION WHEN invalid_text_representation THEN
            RAISE EXCEPTION 'screen.load_eu_annex: entries[%] has an invalid entry_code "%"', e.n - 1, e.v->>'entry_code'
                  USING ERRCODE = 'invalid_text_representation', DETAIL = SQLERRM;
        END;
        INSERT INTO control_entry (version_id, code, heading)
        VALUES (vid, code, regexp_replace(split_part(e.v->>'verbatim_text', E'\n', 1), '^\S+\s*', ''))
        ON CONFLICT DO NOTHING;
        -- one provision per line; "0A001.i.1 text" lines carry their paragraph
        FOR ln IN SELECT l, n FROM regexp_split_to_table(coalesce(e.v->>'verbatim_text', ''), E'\n') WITH ORDINALITY t(l, n) LOOP
            code := ('EU:' || (e.v->>'entry_code'))::screen.controlcode;
            IF ln.l ~ '^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*\.?\s' THEN
                BEGIN
                    code := ('EU:' || substring(ln.l FROM '^([0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*)'))::screen.controlcode;
                EXCEPTION WHEN invalid_text_representation THEN
                    NULL;
                END;
            END IF;
            INSERT INTO control_provision (version_id, code, seq, kind, body)
            VALUES (vid, code, ln.n,
                    CASE WHEN ln.l ~ '^\S+\s+(Note|N\.B\.|Technical Note)' THEN 'note' ELSE 'item' END, ln.l);
        END LOOP;
    END LOOP;
    -- Section I (Annex IV items) excluded from most GEAs
    sect_i := ARRAY(SELECT DISTINCT ('EU:' || m[1])::screen.controlcode
                      FROM regexp_matches(coalesce(j->>'gea_common_list', ''),
                                          '([0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*)', 'g') m);
    FOR g IN SELECT x FROM jsonb_array_elements(coalesce(j->'geas', '[]')) x ORDER BY x->>'id' LOOP
        part1 := substring(g.x->>'verbatim_text' FROM 'Part 1\s*[–—-]\s*Items(.*?)Part 2\s*[–—-]');
        part2 := substring(g.x->>'verbatim_text' FROM 'Part 2\s*[–—-]\s*Destinations(.*?)(Part 3|$)');
        codes := ARRAY(SELECT DISTINCT ('EU:' || m[1])::screen.controlcode
                         FROM regexp_matches(coalesce(part1, ''), '([0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*)', 'g') m);
        INSERT INTO eu_gea (version_id, id, title, items_all, items, items_excluded, item_groups,
                            dest_all, destinations, destinations_excluded, verbatim)
        VALUES (vid, g.x->>'id', g.x->>'title',
                part1 ~* 'covers all',
                CASE WHEN part1 ~* 'covers all' THEN '{}' ELSE codes END,
                CASE WHEN part1 ~* 'covers all'
                     THEN codes || CASE WHEN part1 ~* 'Section I' THEN sect_i ELSE '{}' END
                     ELSE '{}' END,
                CASE WHEN part1 ~* 'covers all technology and software' THEN ARRAY['D', 'E'] END,
                part2 ~* 'all destinations, excluding',
                CASE WHEN part2 ~* 'all destinations, excluding' THEN '{}'
                     ELSE ARRAY(SELECT x FROM unnest(control_find_countries(part2)) x
                                 WHERE x <> ALL (eu_member_states()) ORDER BY 1) END,
                CASE WHEN part2 ~* 'all destinations, excluding'
                     THEN ARRAY(SELECT DISTINCT x FROM unnest(control_find_countries(part2)
                                || CASE WHEN part2 ~ 'EU001' THEN eu001 ELSE '{}' END) x ORDER BY 1)
                     ELSE '{}' END,
                g.x->>'verbatim_text');
        IF g.x->>'id' = 'EU001' THEN
            eu001 := ARRAY(SELECT x FROM unnest(control_find_countries(part2)) x
                            WHERE x <> ALL (eu_member_states()));
        END IF;
    END LOOP;
    RETURN vid;
END;
$$;

-- Common High Priority List (chpl_hs6.csv: hs6,tier,description,source)
CREATE FUNCTION screen.load_chpl(doc text, snapshot boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    vid integer;
    ln record;
    f text[];
    n integer := 0;
BEGIN
    IF doc IS NULL THEN
        RAISE EXCEPTION 'screen.load_chpl: argument doc is NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF split_part(doc, E'\n', 1) !~ '^hs6,tier' THEN
        RAISE EXCEPTION 'screen.load_chpl: line 1 of argument doc is not the header "hs6,tier,..."'
              USING ERRCODE = 'invalid_parameter_value';
    END IF;
    vid := control_new_version('chpl', 'Common High Priority List (BIS/EU/UK/Japan, 2024-02-23)',
                               DATE '2024-02-23', doc, 0, snapshot);
    FOR ln IN SELECT l, i FROM regexp_split_to_table(rtrim(doc, E'\r\n'), E'\r?\n') WITH ORDINALITY t(l, i) LOOP
        CONTINUE WHEN ln.i = 1 OR btrim(ln.l) = '';
        f := regexp_match(ln.l, '^([^,]*),([^,]*),("(?:[^"]|"")*"|[^,]*)');
        IF f IS NULL OR f[1] !~ '^[0-9]{6}$' THEN
            RAISE EXCEPTION 'screen.load_chpl: line % field hs6 "%" is not six digits', ln.i, coalesce(f[1], ln.l)
                  USING ERRCODE = 'invalid_text_representation';
        END IF;
        INSERT INTO chpl_hs (version_id, hs6, tier, description)
        VALUES (vid, f[1], f[2], replace(btrim(f[3], '"'), '""', '"'));
        n := n + 1;
    END LOOP;
    UPDATE control_list_version SET entry_count = n WHERE id = vid;
    RETURN vid;
END;
$$;
