-- ---------------------------------------------------------------------------
-- Controls: reference data tables (US CCL, Country Chart, Country Groups,
-- licence exceptions, EU Annex I and GEAs, Common High Priority List)
-- ---------------------------------------------------------------------------
-- Every loaded file becomes one row of control_list_version; the data rows
-- hang off it and the newest version of each list is the one in use.  The
-- extension ships a built-in snapshot (snapshot = true, see 43_*.sql); newer
-- official files loaded with the screen.load_* functions take precedence.

CREATE TABLE screen.control_list_version (
    id          serial PRIMARY KEY,
    list        text NOT NULL CHECK (list IN ('us_ccl', 'us_country_chart', 'us_country_groups',
                                              'us_licence_exceptions', 'eu_annex_i', 'chpl')),
    source      text NOT NULL,
    issue_date  date,
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    snapshot    boolean NOT NULL DEFAULT false,
    entry_count integer NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    loaded_by   text NOT NULL DEFAULT current_user
);
COMMENT ON TABLE screen.control_list_version IS
    'one row per loaded control list file (or the built-in snapshot): source, issue date, SHA-256';

CREATE TABLE screen.control_entry (
    version_id  integer NOT NULL REFERENCES screen.control_list_version ON DELETE CASCADE,
    code        screen.controlcode NOT NULL,
    heading     text,
    reasons     text[] NOT NULL DEFAULT '{}',
    related     text,
    PRIMARY KEY (version_id, code)
);
COMMENT ON TABLE screen.control_entry IS 'entries of the US CCL and the EU Annex I (depth-0 codes)';

CREATE TABLE screen.control_provision (
    version_id  integer NOT NULL REFERENCES screen.control_list_version ON DELETE CASCADE,
    code        screen.controlcode NOT NULL,
    seq         integer NOT NULL,
    kind        text NOT NULL,
    body        text NOT NULL,
    tsv         tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED,
    PRIMARY KEY (version_id, code, seq)
);
CREATE INDEX control_provision_tsv ON screen.control_provision USING gin (tsv);
CREATE INDEX control_provision_code ON screen.control_provision (code);
COMMENT ON TABLE screen.control_provision IS
    'headings and verbatim provisions of control list entries, searchable by screen.classify';

CREATE TABLE screen.ccl_requirement (
    version_id      integer NOT NULL REFERENCES screen.control_list_version ON DELETE CASCADE,
    eccn            screen.controlcode NOT NULL,
    seq             integer NOT NULL,
    reason          text NOT NULL,
    control_text    text NOT NULL,
    chart_text      text NOT NULL,
    scope_include   screen.controlcode[] NOT NULL,
    scope_exclude   screen.controlcode[] NOT NULL DEFAULT '{}',
    conditional     boolean NOT NULL DEFAULT false,
    rule_kind       text NOT NULL CHECK (rule_kind IN ('column', 'destinations', 'footnote', 'reference')),
    rule_column     text,            -- 'NS 1' for column rules, footnote number for footnote rules
    rule_worldwide  boolean NOT NULL DEFAULT false,
    rule_countries  text[] NOT NULL DEFAULT '{}',
    rule_groups     text[] NOT NULL DEFAULT '{}',
    rule_exclude_countries text[] NOT NULL DEFAULT '{}',
    rule_exclude_groups    text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (version_id, eccn, seq)
);
COMMENT ON TABLE screen.ccl_requirement IS
    'licence requirement rows of each ECCN: reason, parsed scope (paragraphs included/excluded) and parsed rule (Country Chart column or written destination rule)';

CREATE TABLE screen.ccl_licence_exception (
    version_id  integer NOT NULL REFERENCES screen.control_list_version ON DELETE CASCADE,
    eccn        screen.controlcode NOT NULL,
    symbol      text NOT NULL,
    eligibility text NOT NULL,
    eligible_scope screen.controlcode[],     -- paragraphs the text limits it to; NULL = not limited
    PRIMARY KEY (version_id, eccn, symbol)
);

CREATE TABLE screen.country_chart (
    version_id  integer NOT NULL REFERENCES screen.control_list_version ON DELETE CASCADE,
    iso2        text NOT NULL REFERENCES screen.control_country,
    chart_name  text NOT NULL,
    marks       text[] NOT NULL DEFAULT '{}',
    embargo     text,               -- pointer to Part 746 for embargoed rows
    footnotes   integer[] NOT NULL DEFAULT '{}',
    inherits    text,               -- row used for this destination (HK -> CN, LI -> CH)
    PRIMARY KEY (version_id, iso2)
);
COMMENT ON TABLE screen.country_chart IS
    'Commerce Country Chart (15 CFR 738 Supp. 1) keyed by ISO alpha-2; marks like ''NS 1''';

CREATE TABLE screen.country_chart_footnote (
    version_id  integer NOT NULL REFERENCES screen.control_list_version ON DELETE CASCADE,
    num         integer NOT NULL,
    body        text NOT NULL,
    PRIMARY KEY (version_id, num)
);

CREATE TABLE screen.country_group_member (
    version_id  integer NOT NULL REFERENCES screen.control_list_version ON DELETE CASCADE,
    grp         text NOT NULL CHECK (grp ~ '^[A-E](:[0-9])?$'),
    iso2        text NOT NULL REFERENCES screen.control_country,
    PRIMARY KEY (version_id, grp, iso2)
);
COMMENT ON TABLE screen.country_group_member IS 'Country Groups A:1 .. E:2 (15 CFR 740 Supp. 1)';

CREATE TABLE screen.licence_exception (
    version_id  integer NOT NULL REFERENCES screen.control_list_version ON DELETE CASCADE,
    symbol      text NOT NULL,
    section     text NOT NULL,
    title       text NOT NULL,
    PRIMARY KEY (version_id, symbol)
);

CREATE TABLE screen.eu_gea (
    version_id  integer NOT NULL REFERENCES screen.control_list_version ON DELETE CASCADE,
    id          text NOT NULL CHECK (id ~ '^EU00[1-9]$'),
    title       text NOT NULL,
    items_all   boolean NOT NULL,            -- all Annex I items except items_excluded
    items       screen.controlcode[] NOT NULL DEFAULT '{}',
    items_excluded screen.controlcode[] NOT NULL DEFAULT '{}',
    item_groups text[],                      -- product groups covered (EU007: D, E)
    dest_all    boolean NOT NULL,            -- all destinations except destinations_excluded (EU008)
    destinations text[] NOT NULL DEFAULT '{}',
    destinations_excluded text[] NOT NULL DEFAULT '{}',
    verbatim    text,
    PRIMARY KEY (version_id, id)
);
COMMENT ON TABLE screen.eu_gea IS
    'EU general export authorisations EU001..EU008 (Reg. 2021/821 Annex II): items and destinations';

CREATE TABLE screen.chpl_hs (
    version_id  integer NOT NULL REFERENCES screen.control_list_version ON DELETE CASCADE,
    hs6         text NOT NULL CHECK (hs6 ~ '^[0-9]{6}$'),
    tier        text NOT NULL,
    description text,
    PRIMARY KEY (version_id, hs6)
);
COMMENT ON TABLE screen.chpl_hs IS 'Common High Priority List HS-6 codes and tiers';

-- HS heading -> control codes commonly associated with it (a hint table the
-- user can extend; built-in rows come from the CHPL tier descriptions)
CREATE TABLE screen.hs_control_hint (
    hs_prefix   text NOT NULL CHECK (hs_prefix ~ '^[0-9]{2,10}$'),
    code        screen.controlcode NOT NULL,
    note        text,
    builtin     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (hs_prefix, code)
);

-- technical parameter tests for classify: a provision applies when the
-- parameter meets the threshold (op is one of >=, >, <=, <)
CREATE TABLE screen.control_parameter_test (
    code        screen.controlcode NOT NULL,
    test_group  integer NOT NULL DEFAULT 1,  -- tests in one group must all pass
    parameter   text NOT NULL,
    op          text NOT NULL CHECK (op IN ('>=', '>', '<=', '<')),
    threshold   numeric NOT NULL,
    unit        text,
    basis       text NOT NULL,
    builtin     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (code, test_group, parameter)
);

-- pg_dump keeps loaded lists and user rows, not the built-in snapshot
SELECT pg_catalog.pg_extension_config_dump('screen.control_list_version', 'WHERE NOT snapshot');
SELECT pg_catalog.pg_extension_config_dump('screen.control_list_version_id_seq', '');
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['screen.control_entry', 'screen.control_provision', 'screen.ccl_requirement',
                             'screen.ccl_licence_exception', 'screen.country_chart',
                             'screen.country_chart_footnote', 'screen.country_group_member',
                             'screen.licence_exception', 'screen.eu_gea', 'screen.chpl_hs']
    LOOP
        PERFORM pg_catalog.pg_extension_config_dump(t::regclass,
            'WHERE version_id IN (SELECT id FROM screen.control_list_version WHERE NOT snapshot)');
    END LOOP;
END;
$$;
SELECT pg_catalog.pg_extension_config_dump('screen.hs_control_hint', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('screen.control_parameter_test', 'WHERE NOT builtin');

-- the version in use for a list: the newest one loaded
CREATE FUNCTION screen.control_current_version(list text) RETURNS integer
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = screen, pg_catalog
    RETURN (SELECT max(id) FROM control_list_version v WHERE v.list = control_current_version.list);

-- a destination written as ISO alpha-2/alpha-3 or a name -> ISO alpha-2
CREATE FUNCTION screen.control_destination(destination text, argname text DEFAULT 'destination')
    RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    r text;
BEGIN
    IF destination IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT a.iso2 INTO r FROM control_country_alias a
     WHERE a.alias = lower(btrim(destination));
    IF r IS NULL THEN
        RAISE EXCEPTION 'unknown destination "%" (argument %)', destination, argname
              USING ERRCODE = 'invalid_parameter_value',
                    HINT = 'Give an ISO 3166-1 alpha-2 code (e.g. DE, CN) or a country name; add local spellings to screen.control_country_alias.';
    END IF;
    RETURN r;
END;
$$;

-- country names found in a text (longest names first, each text span once)
CREATE FUNCTION screen.control_find_countries(body text) RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = screen, pg_catalog
AS $$
DECLARE
    t text := ' ' || lower(body) || ' ';
    a record;
    found text[] := '{}';
BEGIN
    FOR a IN SELECT alias, iso2 FROM control_country_alias
              WHERE length(alias) >= 4 AND alias !~ '^[a-z]{2,3}$'
              ORDER BY length(alias) DESC, alias
    LOOP
        IF strpos(t, a.alias) > 0 THEN
            IF t ~ ('[^a-z]' || regexp_replace(a.alias, '([.()\[\]{}*+?^$|\\])', '\\\1', 'g') || '[^a-z]') THEN
                found := array_append(found, a.iso2);
                t := regexp_replace(t, '([^a-z])' || regexp_replace(a.alias, '([.()\[\]{}*+?^$|\\])', '\\\1', 'g') || '(?=[^a-z])', '\1 ', 'g');
            END IF;
        END IF;
    END LOOP;
    RETURN ARRAY(SELECT DISTINCT x FROM unnest(found) x ORDER BY 1);
END;
$$;
