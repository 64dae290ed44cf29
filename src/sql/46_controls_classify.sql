-- ---------------------------------------------------------------------------
-- Controls: classification hints
-- ---------------------------------------------------------------------------
-- screen.classify(description, hs_code, params) proposes candidate control
-- codes with a confidence and the evidence.  It never says "not controlled":
-- the best it can say is "no candidate found".

-- built-in HS -> control code hints for the CHPL headings (user-extensible)
INSERT INTO screen.hs_control_hint (hs_prefix, code, note, builtin) VALUES
    ('854231', 'US:3A090', 'processors: advanced computing ICs', true),
    ('854231', 'US:3A001.a', 'processors: radiation-hardened/military ICs', true),
    ('854231', 'US:3A991', 'processors: lower-performance ICs', true),
    ('854232', 'US:3A001.a', 'memories', true),
    ('854232', 'US:3A991', 'memories', true),
    ('854233', 'US:3A001.b', 'amplifier ICs (MMIC)', true),
    ('854233', 'US:3A991', 'amplifier ICs', true),
    ('854239', 'US:3A001.a', 'other ICs (FPGAs, ADCs)', true),
    ('854239', 'US:3A991', 'other ICs', true),
    ('847150', 'US:4A003', 'processing units', true),
    ('847150', 'US:4A090', 'computers with advanced ICs', true),
    ('847180', 'US:4A003', 'other computer units', true),
    ('851762', 'US:5A002', 'network equipment with cryptography', true),
    ('851762', 'US:5A992', 'mass-market cryptography', true),
    ('852589', 'US:6A003', 'cameras', true),
    ('848620', 'US:3B001', 'semiconductor manufacturing equipment', true),
    ('2903', 'US:1C350', 'halogenated hydrocarbons (CW precursors)', true),
    ('2930', 'US:1C350', 'organo-sulphur compounds (CW precursors)', true),
    ('2931', 'US:1C350', 'organo-phosphorus compounds (CW precursors)', true),
    ('8419', 'US:2B350', 'chemical process equipment', true),
    ('9303', 'US:0A501', 'firearms', true),
    ('9305', 'US:0A501', 'parts of firearms', true);

-- built-in parameter tests transcribed from the CCL text
INSERT INTO screen.control_parameter_test (code, test_group, parameter, op, threshold, unit, basis, builtin) VALUES
    ('US:3A090.a', 1, 'total_processing_performance', '>=', 4800, NULL,
     '3A090.a.1: a ''total processing performance'' of 4800 or more', true),
    ('US:3A090.a', 2, 'total_processing_performance', '>=', 1600, NULL,
     '3A090.a.2: a ''total processing performance'' of 1600 or more and a ''performance density'' of 5.92 or more', true),
    ('US:3A090.a', 2, 'performance_density', '>=', 5.92, NULL,
     '3A090.a.2: a ''total processing performance'' of 1600 or more and a ''performance density'' of 5.92 or more', true),
    ('US:3A001.a.1.a', 1, 'total_dose_gy_si', '>=', 5000, 'Gy(Si)',
     '3A001.a.1.a: a total dose of 5 x 10^3 Gy (silicon) or higher', true),
    ('US:3A001.a.1.b', 1, 'dose_rate_upset_gy_si_per_s', '>=', 5000000, 'Gy(Si)/s',
     '3A001.a.1.b: a dose rate upset of 5 x 10^6 Gy (silicon)/s or higher', true);

-- normalise and check an HS / CN / HTS code: 4, 6, 8 or 10 digits
CREATE FUNCTION screen.control_hs_code(hs_code text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    d text := regexp_replace(hs_code, '[\s.]', '', 'g');
BEGIN
    IF hs_code IS NULL THEN
        RETURN NULL;
    END IF;
    IF d !~ '^[0-9]+$' OR length(d) NOT IN (4, 6, 8, 10) THEN
        RAISE EXCEPTION 'malformed HS code "%" (argument hs_code)', hs_code
              USING ERRCODE = 'invalid_parameter_value',
                    DETAIL = 'Expected 4 (heading), 6 (HS-6), 8 (CN-8) or 10 (HTS-10) digits; dots and spaces are ignored.';
    END IF;
    RETURN d;
END;
$$;

-- check the params argument: a JSON object of numbers
CREATE FUNCTION screen.control_params(params jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    k text;
    v jsonb;
BEGIN
    IF params IS NULL THEN
        RETURN '{}';
    END IF;
    IF jsonb_typeof(params) <> 'object' THEN
        RAISE EXCEPTION 'malformed params (argument params): expected a JSON object, got %', jsonb_typeof(params)
              USING ERRCODE = 'invalid_parameter_value',
                    HINT = 'Example: {"total_processing_performance": 5000}';
    END IF;
    FOR k, v IN SELECT key, value FROM jsonb_each(params) LOOP
        IF jsonb_typeof(v) <> 'number' THEN
            RAISE EXCEPTION 'malformed params (argument params): key "%" must be a number, got %', k, jsonb_typeof(v)
                  USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END LOOP;
    RETURN params;
END;
$$;

CREATE FUNCTION screen.classify(description text, hs_code text DEFAULT NULL, params jsonb DEFAULT NULL)
    RETURNS TABLE (code screen.controlcode, confidence real, evidence jsonb)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    hs text := control_hs_code(hs_code);
    p jsonb := control_params(params);
    q tsquery;
    v_ccl integer := control_current_version('us_ccl');
    v_eu integer := control_current_version('eu_annex_i');
    v_chpl integer := control_current_version('chpl');
    n bigint;
BEGIN
    IF nullif(btrim(description), '') IS NULL AND hs IS NULL AND p = '{}' THEN
        RAISE EXCEPTION 'screen.classify needs a description, an hs_code or params'
              USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- any of the description's words, ranked by cover density
    SELECT to_tsquery('english', string_agg(quote_literal(l), ' | '))
      INTO q
      FROM unnest(tsvector_to_array(to_tsvector('english', coalesce(description, '')))) l;

    RETURN QUERY
    WITH ev AS (
        -- 1. HS code: CHPL tier and the hint table (prefix match on HS-6/CN-8/HTS-10)
        SELECT h.code, 0.35::float8 + CASE WHEN c.tier IS NOT NULL THEN 0.1 ELSE 0 END AS conf,
               jsonb_build_object('source', 'hs_code', 'hs_code', hs, 'hs_prefix', h.hs_prefix,
                                  'chpl_tier', c.tier, 'note', h.note) AS e
          FROM hs_control_hint h
          LEFT JOIN chpl_hs c ON c.version_id = v_chpl AND c.hs6 = left(hs, 6)
         WHERE hs IS NOT NULL AND hs LIKE h.hs_prefix || '%'
        UNION ALL
        SELECT NULL, 0, jsonb_build_object('source', 'chpl', 'hs6', c.hs6, 'tier', c.tier,
                                            'description', c.description,
                                            'note', 'on the Common High Priority List: diversion risk to Russia')
          FROM chpl_hs c
         WHERE hs IS NOT NULL AND c.version_id = v_chpl AND c.hs6 = left(hs, 6)
        UNION ALL
        -- 2. full-text search over headings and verbatim provisions
        (SELECT t.code, least(0.6, 0.15 + t.rank)::float8,
                jsonb_build_object('source', 'text', 'rank', round(t.rank::numeric, 3),
                                   'matched', left(t.body, 200))
           FROM (SELECT DISTINCT ON (pr.code) pr.code, pr.body,
                        ts_rank_cd(pr.tsv, q, 1 | 4)::float8 AS rank
                   FROM control_provision pr
                  WHERE q IS NOT NULL AND pr.version_id IN (v_ccl, v_eu) AND pr.tsv @@ q
                  ORDER BY pr.code, ts_rank_cd(pr.tsv, q, 1 | 4) DESC) t
          ORDER BY t.rank DESC, t.code
          LIMIT 10)
        UNION ALL
        -- 3. technical parameter tests: a group passes when all its tests pass;
        --    a parameter not given is reported as missing, never assumed
        SELECT g.code,
               CASE WHEN g.missing = '{}' AND g.passed THEN 0.8 ELSE 0.05 END,
               jsonb_build_object('source', 'parameters', 'basis', g.basis,
                                  'result', CASE WHEN g.missing <> '{}' THEN 'missing parameters'
                                                 WHEN g.passed THEN 'threshold met'
                                                 ELSE 'threshold not met' END,
                                  'missing', to_jsonb(g.missing), 'given', g.given)
          FROM (SELECT t.code, t.test_group, min(t.basis) AS basis,
                       ARRAY(SELECT x FROM unnest(array_agg(t.parameter) FILTER (WHERE NOT p ? t.parameter)) x ORDER BY 1) AS missing,
                       bool_and(CASE t.op WHEN '>=' THEN (p->>t.parameter)::numeric >= t.threshold
                                          WHEN '>' THEN (p->>t.parameter)::numeric > t.threshold
                                          WHEN '<=' THEN (p->>t.parameter)::numeric <= t.threshold
                                          ELSE (p->>t.parameter)::numeric < t.threshold END) AS passed,
                       jsonb_object_agg(t.parameter, p->t.parameter) FILTER (WHERE p ? t.parameter) AS given
                  FROM control_parameter_test t
                 GROUP BY t.code, t.test_group) g
         WHERE EXISTS (SELECT 1 FROM control_parameter_test t2
                        WHERE t2.code = g.code AND t2.test_group = g.test_group AND p ? t2.parameter)
            OR EXISTS (SELECT 1 FROM hs_control_hint h
                        WHERE hs IS NOT NULL AND hs LIKE h.hs_prefix || '%'
                          AND (h.code @> g.code OR g.code @> h.code))
    ), chpl AS (
        SELECT jsonb_agg(e) AS e FROM ev WHERE ev.code IS NULL
    ), agg AS (
        SELECT ev.code, (1 - exp(sum(ln(1 - least(ev.conf, 0.95)))))::real AS confidence,
               jsonb_agg(ev.e ORDER BY ev.conf DESC) AS evidence
          FROM ev WHERE ev.code IS NOT NULL
         GROUP BY ev.code
    )
    SELECT a.code, a.confidence,
           a.evidence || coalesce((SELECT chpl.e FROM chpl), '[]'::jsonb)
      FROM agg a
     ORDER BY a.confidence DESC, a.code;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
        RETURN QUERY SELECT NULL::screen.controlcode, 0::real,
            jsonb_build_array(jsonb_build_object(
                'result', 'no candidate found',
                'note', 'this is not a finding that the item is not controlled; classify it against the control lists'));
    END IF;
END;
$$;
COMMENT ON FUNCTION screen.classify(text, text, jsonb) IS
    'candidate control codes for an item description, HS code and technical parameters, with confidence and evidence (a hint, never a determination)';
