-- ---------------------------------------------------------------------------
-- Controls: licence determination
-- ---------------------------------------------------------------------------
-- screen.licence_requirements(code, destination): one row per jurisdiction x
-- reason for control.  See doc/controls.md for the logic and its limits.

-- how a code relates to a requirement's scope: 'full', 'partial' (the code
-- is less specific than the scope, or contains an excluded paragraph) or 'none'
CREATE FUNCTION screen.ccl_scope_coverage(code screen.controlcode, scope_include screen.controlcode[],
                                          scope_exclude screen.controlcode[])
    RETURNS text
    AS 'MODULE_PATHNAME', 'controlcode_coverage' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION screen.licence_requirements(code screen.controlcode, destination text)
    RETURNS TABLE (jurisdiction text, reason text, rule text, outcome text,
                   exceptions text[], basis text, list_versions jsonb, detail jsonb)
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    iso text;
    jur text := screen.jurisdiction(code);
    v_ccl integer;
    v_chart integer;
    v_grp integer;
    v_eu integer;
    n bigint;
    ch country_chart;
    dgroups text[];
    ent screen.controlcode := screen.entry(code);
    versions jsonb;
    sanctions constant text := 'Sanctions (15 CFR 746), end-use and end-user controls (15 CFR 744, Entity List) and General Prohibitions 4-10 still apply; screen the parties.';
BEGIN
    SELECT a.iso2 INTO iso FROM control_country_alias a WHERE a.alias = lower(btrim(destination));
    IF iso IS NULL THEN
        iso := control_destination(destination);     -- raises the error naming the argument
    END IF;
    -- the versions in use: the newest load of each list
    SELECT max(id) FILTER (WHERE list = 'us_ccl'), max(id) FILTER (WHERE list = 'us_country_chart'),
           max(id) FILTER (WHERE list = 'us_country_groups'), max(id) FILTER (WHERE list = 'eu_annex_i')
      INTO v_ccl, v_chart, v_grp, v_eu
      FROM control_list_version;
    IF jur = 'US' THEN
        versions := jsonb_build_object('us_ccl', v_ccl, 'us_country_chart', v_chart,
                                       'us_country_groups', v_grp);
        SELECT * INTO ch FROM country_chart c WHERE c.version_id = v_chart AND c.iso2 = iso;
        -- the destination's Country Groups (Hong Kong takes China's, 738.3(b))
        dgroups := ARRAY(SELECT g.grp FROM country_group_member g
                          WHERE g.version_id = v_grp AND g.iso2 = coalesce(ch.inherits, iso));

        IF code = 'US:EAR99'::screen.controlcode THEN
            RETURN QUERY SELECT 'US'::text, 'none'::text, 'EAR99'::text,
                CASE WHEN ch.embargo IS NOT NULL THEN 'embargo'
                     WHEN 6 = ANY (ch.footnotes) THEN 'indeterminate'
                     ELSE 'no licence for this reason' END,
                '{}'::text[],
                CASE WHEN ch.embargo IS NOT NULL THEN ch.embargo || ' (15 CFR 738 Supp. 1)'
                     WHEN 6 = ANY (ch.footnotes) THEN '15 CFR 746.8: EAR99 items identified by HTS code in the supplements to part 746 need a licence to Russia and Belarus. ' || sanctions
                     ELSE 'EAR99: subject to the EAR but on no ECCN, so no Country Chart requirement. ' || sanctions END,
                versions, NULL::jsonb;
            RETURN;
        END IF;

        RETURN QUERY
        WITH req AS (
            SELECT r.*, ccl_scope_coverage(code, r.scope_include, r.scope_exclude) AS coverage,
                   CASE r.rule_kind
                       WHEN 'column' THEN CASE WHEN ch.iso2 IS NULL THEN NULL ELSE r.rule_column = ANY (ch.marks) END
                       WHEN 'footnote' THEN CASE WHEN ch.iso2 IS NULL THEN NULL ELSE r.rule_column::integer = ANY (ch.footnotes) END
                       WHEN 'destinations' THEN
                           (r.rule_worldwide OR iso = ANY (r.rule_countries)
                            OR coalesce(ch.inherits, iso) = ANY (r.rule_countries) OR r.rule_groups && dgroups)
                           AND NOT (iso = ANY (r.rule_exclude_countries) OR r.rule_exclude_groups && dgroups)
                   END AS in_rule
              FROM ccl_requirement r
             WHERE r.version_id = v_ccl AND r.eccn = ent
        ), judged AS (
            SELECT q.*,
                   CASE WHEN ch.embargo IS NOT NULL THEN 'embargo'
                        WHEN q.coverage = 'none' THEN 'no licence for this reason'
                        WHEN q.in_rule IS NULL THEN 'indeterminate'
                        WHEN q.in_rule AND q.coverage = 'full' AND NOT q.conditional THEN 'licence required'
                        WHEN q.in_rule THEN 'indeterminate'
                        ELSE 'no licence for this reason' END AS outcome
              FROM req q
        ), ranked AS (
            SELECT DISTINCT ON (j.reason) j.*,
                   jsonb_agg(jsonb_build_object('seq', j.seq, 'control', j.control_text,
                                                'chart', j.chart_text, 'coverage', j.coverage,
                                                'conditional', j.conditional, 'in_rule', j.in_rule,
                                                'outcome', j.outcome))
                       OVER (PARTITION BY j.reason) AS rows
              FROM judged j
             ORDER BY j.reason,
                      array_position(ARRAY['embargo', 'licence required', 'indeterminate',
                                           'no licence for this reason'], j.outcome),
                      j.seq
        )
        SELECT 'US'::text, k.reason,
               CASE k.rule_kind WHEN 'column' THEN k.rule_column
                                WHEN 'footnote' THEN 'Country Chart footnote ' || k.rule_column
                                ELSE k.chart_text END,
               k.outcome,
               CASE WHEN k.outcome IN ('licence required', 'indeterminate') THEN
                   ARRAY(SELECT x.symbol || ': ' || x.eligibility FROM ccl_licence_exception x
                          WHERE x.version_id = v_ccl AND x.eccn = ent
                            AND x.eligibility !~* '^\s*(N/A|No)\M'
                            AND (x.eligible_scope IS NULL
                                 OR ccl_scope_coverage(code, x.eligible_scope, '{}') <> 'none')
                            AND (x.symbol <> 'GBS' OR 'B' = ANY (dgroups))
                          ORDER BY x.symbol)
                    ELSE '{}'::text[] END,
               CASE WHEN k.outcome = 'embargo' THEN ch.embargo || ' (15 CFR 738 Supp. 1)'
                    ELSE format('15 CFR 774 Supp. 1, ECCN %s, License Requirements: "%s" -> "%s"%s%s',
                                substr(ent::text, 4), k.control_text, k.chart_text,
                                CASE WHEN k.coverage = 'partial' THEN format('; %s is less specific than this requirement''s scope', code) ELSE '' END,
                                CASE WHEN k.conditional AND k.coverage <> 'none' THEN '; the requirement has a condition to assess' ELSE '' END)
               END,
               versions, k.rows
          FROM ranked k
        UNION ALL
        -- reasons for control stated in the entry but with no Country Chart row
        SELECT 'US', rs, NULL,
               CASE WHEN ch.embargo IS NOT NULL THEN 'embargo' ELSE 'indeterminate' END,
               '{}'::text[],
               format('ECCN %s is controlled for %s reasons outside the Country Chart; read its License Requirements section',
                      substr(ent::text, 4), rs),
               versions, NULL::jsonb
          FROM control_entry e, unnest(e.reasons) rs
         WHERE e.version_id = v_ccl AND e.code = ent
           AND NOT EXISTS (SELECT 1 FROM ccl_requirement r WHERE r.version_id = v_ccl AND r.eccn = ent AND r.reason = rs)
        UNION ALL
        -- chart footnotes that name this ECCN, and the Russia/Belarus rule (footnote 6)
        SELECT 'US', 'Country Chart footnote ' || f.num, NULL,
               CASE WHEN ch.embargo IS NOT NULL THEN 'embargo'
                    WHEN f.num = 6 THEN 'licence required'
                    ELSE 'indeterminate' END,
               '{}'::text[],
               CASE WHEN f.num = 6 THEN '15 CFR 746.8(a)(1): a licence is required for any item on the CCL to Russia and Belarus. ' || f.body
                    ELSE f.body END,
               versions, NULL::jsonb
          FROM country_chart_footnote f
         WHERE f.version_id = v_chart AND f.num = ANY (ch.footnotes)
           AND (f.num = 6 OR strpos(f.body, substr(ent::text, 4)) > 0)
           AND EXISTS (SELECT 1 FROM control_entry e WHERE e.version_id = v_ccl AND e.code = ent);
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 0 THEN
            -- not an ECCN of the loaded CCL, or an entry without requirement rows
            RETURN QUERY SELECT 'US'::text, NULL::text, NULL::text,
                CASE WHEN ch.embargo IS NOT NULL THEN 'embargo' ELSE 'indeterminate' END,
                '{}'::text[],
                CASE WHEN EXISTS (SELECT 1 FROM control_entry e WHERE e.version_id = v_ccl AND e.code = ent)
                     THEN format('ECCN %s has no licence requirement rows in CCL version %s; read the entry: %s',
                                 substr(ent::text, 4), v_ccl,
                                 (SELECT e.heading FROM control_entry e WHERE e.version_id = v_ccl AND e.code = ent))
                     ELSE format('%s is not an ECCN of CCL version %s; classify the item first. %s',
                                 ent, coalesce(v_ccl::text, '(none loaded)'), coalesce(ch.embargo, '')) END,
                versions, NULL::jsonb;
        END IF;
        RETURN;
    END IF;

    IF jur = 'EU' THEN
        versions := jsonb_build_object('eu_annex_i', v_eu);
        IF v_eu IS NULL OR NOT EXISTS (SELECT 1 FROM control_entry e WHERE e.version_id = v_eu AND e.code = ent) THEN
            RETURN QUERY SELECT 'EU'::text, NULL::text, NULL::text, 'indeterminate'::text, '{}'::text[],
                format('%s is not an entry of Annex I version %s', ent, coalesce(v_eu::text, '(none loaded)')),
                versions, NULL::jsonb;
            RETURN;
        END IF;
        RETURN QUERY SELECT 'EU'::text, 'dual-use (Annex I)'::text, 'Art. 3(1)'::text,
            CASE WHEN iso = ANY (eu_member_states()) THEN 'no licence for this reason'
                 WHEN iso = ANY (ARRAY['RU', 'BY', 'KP', 'IR', 'SY']) THEN 'embargo'
                 ELSE 'licence required' END,
            CASE WHEN iso = ANY (eu_member_states()) OR iso = ANY (ARRAY['RU', 'BY', 'KP', 'IR', 'SY']) THEN '{}'::text[]
                 ELSE ARRAY(SELECT g.id || ': ' || g.title
                                   || CASE WHEN NOT g.items_all AND NOT EXISTS (SELECT 1 FROM unnest(g.items) i WHERE i @> code)
                                           THEN ' (covers only part of ' || code::text || ')' ELSE '' END
                              FROM eu_gea g
                             WHERE g.version_id = v_eu
                               AND ((g.dest_all AND iso <> ALL (g.destinations_excluded)) OR iso = ANY (g.destinations))
                               AND CASE WHEN g.items_all
                                        THEN NOT EXISTS (SELECT 1 FROM unnest(g.items_excluded) x WHERE x @> code)
                                             AND (g.item_groups IS NULL OR screen.product_group(code) = ANY (g.item_groups))
                                        ELSE EXISTS (SELECT 1 FROM unnest(g.items) i WHERE i @> code OR code @> i) END
                             ORDER BY g.id) END,
            CASE WHEN iso = ANY (eu_member_states())
                     THEN 'Regulation (EU) 2021/821 Art. 3(1) covers exports out of the Union; a transfer within the Union needs an authorisation only for Annex IV items (Art. 11).'
                 WHEN iso = ANY (ARRAY['RU', 'BY', 'KP', 'IR', 'SY'])
                     THEN 'EU restrictive measures on dual-use items to this destination (Regs 833/2014, 765/2006, 2017/1509, 267/2012, 36/2012); no general authorisation applies. Check the sanctions regulation.'
                 ELSE 'Regulation (EU) 2021/821 Art. 3(1): export of Annex I items requires an authorisation; the listed Union general export authorisations may apply subject to their conditions.' END,
            versions, NULL::jsonb;
        RETURN;
    END IF;

    RETURN QUERY SELECT jur, NULL::text, NULL::text, 'indeterminate'::text, '{}'::text[],
        format('no control list data is loaded for jurisdiction %s; pg_screen evaluates US (CCL) and EU (Annex I) codes', jur),
        '{}'::jsonb, NULL::jsonb;
END;
$$;
COMMENT ON FUNCTION screen.licence_requirements(screen.controlcode, text) IS
    'licence requirements for exporting an item of this control code to a destination: one row per jurisdiction x reason for control';

-- one verdict for an order line: the strongest outcome over all reasons
-- (embargo > licence required > indeterminate > no licence) and the reasons
-- that carry it; for ERP procedures and triggers
CREATE FUNCTION screen.licence_verdict(code screen.controlcode, destination text,
                                       OUT outcome text, OUT reasons text[])
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = screen, pg_catalog
AS $$
    WITH r AS (
        SELECT l.outcome, coalesce(l.reason, '(entry)') AS reason,
               array_position(ARRAY['embargo', 'licence required', 'indeterminate',
                                    'no licence for this reason'], l.outcome) AS rank
          FROM licence_requirements(code, destination) l
    )
    SELECT (SELECT r.outcome FROM r ORDER BY r.rank LIMIT 1),
           ARRAY(SELECT DISTINCT r.reason FROM r WHERE r.rank = (SELECT min(rank) FROM r) ORDER BY 1)
$$;
COMMENT ON FUNCTION screen.licence_verdict(screen.controlcode, text) IS
    'the strongest licence_requirements outcome for a code and destination, with the reasons that carry it';
