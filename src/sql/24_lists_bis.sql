-- ===========================================================================
-- 24_lists_bis.sql — US Commerce BIS Denied Persons List (dpl.txt)
--
-- Tab-separated, every field quoted, header line:
--   Name Street_Address City State Country Postal_Code Effective_Date
--   Expiration_Date Standard_Order Last_Update Action FR_Citation
-- One row per (party, address): rows with the same Name are one entity with
-- several addresses; list_id is the upper-cased name.  The list does not
-- say whether a party is a person or a company: names with a legal form
-- (INC, LLC, LTD, GMBH, ...) are organizations, the others "unknown".
-- ===========================================================================

-- US dates "06/19/2003" -> date (NULL when not a valid date)
CREATE FUNCTION screen._us_date(raw text)
RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = screen, pg_catalog
RETURN (SELECT screen._day(m[3] || '-' || lpad(m[1], 2, '0') || '-' || lpad(m[2], 2, '0'))
          FROM regexp_match(btrim(raw), '^(\d{1,2})/(\d{1,2})/(\d{4})$') m);

CREATE FUNCTION screen.load_bis_dpl(content text, published date DEFAULT NULL, source text DEFAULT 'BIS-DPL')
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
DECLARE
    v_file text := 'dpl.txt';
    v_src text := load_bis_dpl.source;
    sha text;
    v bigint;
    h jsonb;
    r record;
BEGIN
    sha := _files_sha256(ARRAY[v_file], ARRAY[content]);
    v := _same_as_current(v_src, sha);
    IF v IS NOT NULL THEN
        RETURN v;
    END IF;
    PERFORM _stage_reset();
    PERFORM _stage_csv('dpl', content, v_file, E'\t', NULL, 0);
    h := _stage_header('dpl', v_file, ARRAY['Name', 'Street_Address', 'City', 'State', 'Country', 'Postal_Code',
                                       'Effective_Date', 'Expiration_Date', 'Standard_Order', 'Last_Update',
                                       'Action', 'FR_Citation']);
    SELECT s.line INTO r FROM screen_stg_rec s
     WHERE s.line > 1 AND btrim(coalesce(s.f[(h ->> 'name')::int], '')) = '' ORDER BY s.line LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: line %, field Name: empty name', v_file, r.line
            USING ERRCODE = 'not_null_violation', HINT = 'Every Denied Persons List row names a party.';
    END IF;

    INSERT INTO screen_stg_row
    SELECT upper(regexp_replace(btrim(s.f[(h ->> 'name')::int]), '\s+', ' ', 'g')),
           regexp_replace(btrim(s.f[(h ->> 'name')::int]), '\s+', ' ', 'g'), s.line, s.f
      FROM screen_stg_rec s WHERE s.line > 1;

    INSERT INTO screen_stg_entity (list_id, kind, primary_name, listed_on, extra, src)
    SELECT d.list_id,
           CASE WHEN d.list_id ~ '\m(INC|LLC|L\.L\.C|LTD|LIMITED|CORP|CORPORATION|COMPANY|CO|GMBH|AG|S\.?A|S\.?A\.? DE C\.?V|SRL|BV|B\.V|PLC|LLP|FZE|FZCO|TRADING|INDUSTRIES|ENTERPRISES?|INTERNATIONAL|GROUP|TECHNOLOGY|TECHNOLOGIES|ELECTRONICS|AVIATION|AIRLINES?)\M'
                THEN 'organization' ELSE 'unknown' END,
           min(d.name),
           min(_us_date(d.f[(h ->> 'effective_date')::int])),
           jsonb_strip_nulls(jsonb_build_object(
               'expiration_date', max(_us_date(d.f[(h ->> 'expiration_date')::int])),
               'standard_order', max(nullif(d.f[(h ->> 'standard_order')::int], '')),
               'last_update', max(nullif(d.f[(h ->> 'last_update')::int], '')),
               'action', max(nullif(d.f[(h ->> 'action')::int], '')),
               'fr_citation', string_agg(DISTINCT nullif(d.f[(h ->> 'fr_citation')::int], ''), ' | '))),
           format('%s line %s', v_file, min(d.line))
      FROM screen_stg_row d GROUP BY d.list_id;

    INSERT INTO screen_stg_name (list_id, name, name_type, src)
    SELECT list_id, primary_name, 'primary', src FROM screen_stg_entity;

    INSERT INTO screen_stg_address (list_id, street, city, state, postal_code, country, src)
    SELECT DISTINCT ON (d.list_id, a.street, a.city, a.state, a.postal_code, a.country)
           d.list_id, a.street, a.city, a.state, a.postal_code, a.country, format('%s line %s', v_file, d.line)
      FROM screen_stg_row d,
           LATERAL (SELECT nullif(btrim(d.f[(h ->> 'street_address')::int]), '') AS street,
                           nullif(btrim(d.f[(h ->> 'city')::int]), '') AS city,
                           nullif(btrim(d.f[(h ->> 'state')::int]), '') AS state,
                           nullif(btrim(d.f[(h ->> 'postal_code')::int]), '') AS postal_code,
                           nullif(btrim(d.f[(h ->> 'country')::int]), '') AS country) a
     WHERE num_nonnulls(a.street, a.city, a.state, a.postal_code, a.country) > 0
     ORDER BY d.list_id, a.street, a.city, a.state, a.postal_code, a.country, d.line;
    INSERT INTO screen_stg_country (list_id, role, country)
    SELECT DISTINCT list_id, 'residence', country FROM screen_stg_address WHERE country IS NOT NULL;

    RETURN _commit_version(v_src, published, sha, ARRAY[v_file]);
END;
$$;
COMMENT ON FUNCTION screen.load_bis_dpl(text, date, text) IS
  'Load the BIS Denied Persons List (tab-separated dpl.txt); returns the new version id';
