-- ===========================================================================
-- 22_lists_ofac.sql — OFAC legacy CSV loader (SDN and consolidated non-SDN)
--
-- sdn.csv / cons_prim.csv : ent_num, SDN_Name, SDN_Type, Program, Title,
--     Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
-- add.csv / cons_add.csv  : ent_num, Add_num, Address, City/State/Postal,
--     Country, Add_remarks
-- alt.csv / cons_alt.csv  : ent_num, alt_num, alt_type, alt_name, alt_remarks
-- sdn_comments.csv / cons_comments.csv : ent_num, remarks continuation
-- No header; "-0-" is an empty field; the files end with a DOS EOF (0x1A).
-- The Remarks field carries DOB, POB, nationality, citizenship, gender,
-- identity documents, IMO numbers and weak "a.k.a." aliases: parsed below.
-- ===========================================================================

-- identifier labels used in OFAC remarks -> id_type
INSERT INTO screen.identifier_label (label, id_type, builtin)
SELECT l, t, true FROM (VALUES
 ('Passport', 'passport'), ('Diplomatic Passport', 'passport'), ('Travel Document Number', 'passport'),
 ('National ID No.', 'national_id'), ('Cedula No.', 'national_id'), ('D.N.I.', 'national_id'),
 ('Identification Number', 'national_id'), ('Personal ID Card', 'national_id'),
 ('C.U.R.P.', 'national_id'), ('Credencial electoral', 'national_id'), ('Electoral Registry No.', 'national_id'),
 ('Turkish Identification Number', 'national_id'), ('Citizen''s Card Number', 'national_id'),
 ('Numero de Identidad', 'national_id'), ('Kenyan ID No.', 'national_id'), ('Residency Number', 'national_id'),
 ('LE Number', 'national_id'), ('I.F.E.', 'national_id'), ('Birth Certificate Number', 'national_id'),
 ('C.U.I.P.', 'national_id'), ('Public Security and Immigration No.', 'national_id'), ('SSN', 'national_id'),
 ('Cartilla de Servicio Militar Nacional', 'national_id'), ('Driver''s License No.', 'driving_licence'),
 ('VisaNumberID', 'national_id'), ('Refugee ID Card', 'national_id'), ('Social Security Number', 'national_id'),
 ('Tax ID No.', 'tax_id'), ('R.F.C.', 'tax_id'), ('RFC', 'tax_id'), ('NIT #', 'tax_id'), ('V.A.T. Number', 'tax_id'),
 ('US FEIN', 'tax_id'), ('C.U.I.T.', 'tax_id'), ('Italian Fiscal Code', 'tax_id'), ('RTN', 'tax_id'),
 ('RUC #', 'tax_id'), ('Fiscal Code', 'tax_id'), ('Tax Identification Number', 'tax_id'),
 ('United Social Credit Code Certificate (USCCC)', 'registration'),
 ('Registration ID', 'registration'), ('Registration Number', 'registration'),
 ('Company Number', 'registration'), ('UK Company Number', 'registration'),
 ('Commercial Registry Number', 'registration'), ('Matricula Mercantil No', 'registration'),
 ('Business Registration Document #', 'registration'), ('Business Registration Number', 'registration'),
 ('Trade License No.', 'registration'), ('Chamber of Commerce Number', 'registration'),
 ('Folio Mercantil No.', 'registration'), ('Government Gazette Number', 'registration'),
 ('C.R. No.', 'registration'), ('Certificate of Incorporation Number', 'registration'),
 ('Legal Entity Number', 'registration'), ('Enterprise Number', 'registration'),
 ('Registered Charity No.', 'registration'), ('Branch Unit Number', 'registration'),
 ('Dubai Chamber of Commerce Membership No.', 'registration'), ('Public Registration Number', 'registration'),
 ('D-U-N-S Number', 'duns'), ('SWIFT/BIC', 'swift_bic'), ('BIK (RU)', 'bik'),
 ('Vessel Registration Identification IMO', 'imo'), ('IMO', 'imo'), ('MMSI', 'mmsi'),
 ('Aircraft Manufacturer''s Serial Number (MSN)', 'aircraft_msn'),
 ('Aircraft Construction Number (also called L/N or S/N or F/N)', 'aircraft_construction_number'),
 ('Previous Aircraft Tail Number', 'aircraft_tail_number'), ('Aircraft Tail Number', 'aircraft_tail_number'),
 ('Digital Currency Address', 'crypto_wallet'),
 ('Email Address', 'email'), ('Website', 'website'),
 ('Phone Number', 'phone'), ('Telephone No.', 'phone'), ('Telephone', 'phone'), ('Phone No.', 'phone'), ('Fax No.', 'phone'),
 ('Fax', 'phone')
) v(l, t);

-- parse the staged Remarks (screen_stg_entity.remarks) of every entity into
-- birth dates, places, countries, gender, identifiers and weak aliases
CREATE FUNCTION screen._parse_ofac_remarks()
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO screen_stg_part
    SELECT e.list_id, p.ord, regexp_replace(btrim(p.part), '^alt\.\s+', '', 'i')
      FROM screen_stg_entity e,
           regexp_split_to_table(regexp_replace(e.remarks, '\.\s*$', ''), ';\s+') WITH ORDINALITY AS p(part, ord)
     WHERE e.remarks IS NOT NULL;

    INSERT INTO screen_stg_birth_date (list_id, raw)
    SELECT list_id, btrim(substr(part, 5)) FROM screen_stg_part WHERE part ~ '^DOB\s';

    INSERT INTO screen_stg_birth_place (list_id, place, country)
    SELECT list_id, pl, btrim(regexp_replace(pl, '^.*,', ''))
      FROM (SELECT list_id, btrim(regexp_replace(part, '^POB:?\s+', '')) AS pl
              FROM screen_stg_part WHERE part ~ '^POB:?\s') s;

    INSERT INTO screen_stg_country (list_id, role, country)
    SELECT list_id,
           CASE WHEN part ~* '^nationality of registration' THEN 'flag'
                WHEN part ~* '^nationality' THEN 'nationality'
                WHEN part ~ '^citizen' THEN 'citizenship'
                WHEN part ~ '^Other Vessel Flag' THEN 'flag'
                ELSE 'other' END,
           btrim(regexp_replace(part, '^(nationality of registration|nationality|citizen|Other Vessel Flag|Former Vessel Flag)\s+', '', 'i'))
      FROM screen_stg_part
     WHERE part ~* '^(nationality|citizen|Other Vessel Flag|Former Vessel Flag)\s';

    UPDATE screen_stg_entity e SET gender = lower(g.m[1])
      FROM (SELECT list_id, regexp_match(part, '^Gender\s+(Male|Female)$', 'i') m
              FROM screen_stg_part WHERE part ~* '^Gender\s') g
     WHERE g.list_id = e.list_id AND g.m IS NOT NULL;

    -- weak aliases: a.k.a. 'X' (and f.k.a. / n.k.a. 'X') inside the remarks
    INSERT INTO screen_stg_name (list_id, name, name_type, quality)
    SELECT list_id, btrim(m[2]),
           CASE lower(m[1]) WHEN 'a.k.a.' THEN 'weak' WHEN 'f.k.a.' THEN 'fka' ELSE 'nka' END, 'weak'
      FROM (SELECT list_id, regexp_match(part, '^([afn]\.k\.a\.),?\s+''(.+)''$', 'i') m
              FROM screen_stg_part WHERE part ~* '^[afn]\.k\.a\.') s
     WHERE m IS NOT NULL AND btrim(m[2]) <> '';

    -- identifiers: "<label> <value>[ (<country>)][ issued <date>][ expires <date>]";
    -- candidate labels are found by the first word, the longest matching label wins
    INSERT INTO screen_stg_identifier (list_id, id_type, label, value, country, issued, expires, note)
    SELECT list_id, id_type, label,
           CASE WHEN id_type = 'crypto_wallet' THEN coalesce(substring(rest from '^-\s*\S+\s+(\S+)'), rest)
                ELSE regexp_replace(r2, '\s+\([^()]*\)$', '') END,
           CASE WHEN id_type <> 'crypto_wallet' THEN substring(r2 from '\s\(([^()]*)\)$') END,
           issued, expires,
           CASE WHEN id_type = 'crypto_wallet' THEN substring(rest from '^-\s*(\S+)\s') END
      FROM (SELECT list_id, id_type, label, rest, expires, issued,
                   regexp_replace(r1, '\s+issued\s+.*$', '') AS r2
              FROM (SELECT list_id, id_type, label, rest, expires,
                           substring(r1 from '\sissued\s+(.*)$') AS issued, r1
                      FROM (SELECT list_id, id_type, label, rest,
                                   substring(rest from '\sexpires\s+(.*)$') AS expires,
                                   regexp_replace(rest, '\s+expires\s+.*$', '') AS r1
                              FROM (SELECT DISTINCT ON (p.list_id, p.ord) p.list_id, l.id_type, l.label,
                                           btrim(substr(p.part, length(l.label) + 2)) AS rest
                                      FROM screen_stg_part p
                                      JOIN identifier_label l
                                        ON split_part(l.label, ' ', 1) = split_part(p.part, ' ', 1)
                                       AND starts_with(p.part, l.label || ' ')
                                     ORDER BY p.list_id, p.ord, length(l.label) DESC) a) b) c) d
     WHERE btrim(rest) <> '';
END;
$$;

CREATE FUNCTION screen.load_ofac(sdn text, add text DEFAULT NULL, alt text DEFAULT NULL,
                                 comments text DEFAULT NULL, source text DEFAULT 'OFAC-SDN',
                                 published date DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = screen, pg_catalog, pg_temp
AS $$
DECLARE
    v_src text := load_ofac.source;
    cons boolean := load_ofac.source = 'OFAC-CONS';
    f_sdn text := CASE WHEN cons THEN 'cons_prim.csv' ELSE 'sdn.csv' END;
    f_add text := CASE WHEN cons THEN 'cons_add.csv' ELSE 'add.csv' END;
    f_alt text := CASE WHEN cons THEN 'cons_alt.csv' ELSE 'alt.csv' END;
    f_com text := CASE WHEN cons THEN 'cons_comments.csv' ELSE 'sdn_comments.csv' END;
    sha text;
    v bigint;
    r record;
BEGIN
    sha := _files_sha256(ARRAY[f_sdn, f_add, f_alt, f_com], ARRAY[sdn, add, alt, comments]);
    v := _same_as_current(v_src, sha);
    IF v IS NOT NULL THEN
        RETURN v;
    END IF;
    PERFORM _stage_reset();

    PERFORM _stage_csv('sdn', sdn, f_sdn, ',', '-0-', 12,
        'ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks');
    IF add IS NOT NULL THEN
        PERFORM _stage_csv('add', add, f_add, ',', '-0-', 6,
            'ent_num, Add_num, Address, City/State/Postal, Country, Add_remarks');
    END IF;
    IF alt IS NOT NULL THEN
        PERFORM _stage_csv('alt', alt, f_alt, ',', '-0-', 5, 'ent_num, alt_num, alt_type, alt_name, alt_remarks');
    END IF;
    IF comments IS NOT NULL THEN
        PERFORM _stage_csv('com', comments, f_com, ',', '-0-', 2, 'ent_num, remarks');
    END IF;

    -- record-level checks, in file order
    SELECT s.tag, s.line, s.f INTO r FROM screen_stg_rec s
     WHERE s.f[1] IS NULL OR s.f[1] !~ '^\d+$' ORDER BY s.tag DESC, s.line LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: line %, field ent_num: "%" is not an entry number',
            CASE r.tag WHEN 'sdn' THEN f_sdn WHEN 'add' THEN f_add WHEN 'alt' THEN f_alt ELSE f_com END,
            r.line, r.f[1]
            USING ERRCODE = 'invalid_text_representation',
                  HINT = 'OFAC legacy CSV records start with the numeric ent_num; is this the right file?';
    END IF;
    SELECT s.line, s.f INTO r FROM screen_stg_rec s
     WHERE s.tag = 'sdn' AND s.f[3] IS NOT NULL AND s.f[3] NOT IN ('individual', 'vessel', 'aircraft', 'entity')
     ORDER BY s.line LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: line %, field SDN_Type: unknown entity type "%"', f_sdn, r.line, r.f[3]
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'OFAC entity types are individual, vessel, aircraft or -0- (an entity).';
    END IF;
    SELECT s.tag, s.line, s.f INTO r FROM screen_stg_rec s
     WHERE s.tag IN ('add', 'alt', 'com')
       AND NOT EXISTS (SELECT 1 FROM screen_stg_rec p WHERE p.tag = 'sdn' AND p.f[1] = s.f[1])
     ORDER BY s.tag, s.line LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: line %, field ent_num: entry % is not in %',
            CASE r.tag WHEN 'add' THEN f_add WHEN 'alt' THEN f_alt ELSE f_com END, r.line, r.f[1], f_sdn
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'The files come from different downloads, or the main file is truncated: load files of the same date.';
    END IF;
    SELECT s.line, s.f INTO r FROM screen_stg_rec s
     WHERE s.tag = 'alt' AND (s.f[3] IS NULL OR s.f[3] NOT IN ('aka', 'fka', 'nka') OR s.f[4] IS NULL)
     ORDER BY s.line LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: line %, field %: invalid alias "%"', f_alt, r.line,
            CASE WHEN r.f[4] IS NULL THEN 'alt_name' ELSE 'alt_type' END, coalesce(r.f[3], '-0-')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'alt_type is aka, fka or nka and alt_name is required.';
    END IF;

    INSERT INTO screen_stg_entity (list_id, kind, primary_name, title, remarks, extra, src)
    SELECT s.f[1],
           CASE s.f[3] WHEN 'individual' THEN 'person' WHEN 'vessel' THEN 'vessel'
                       WHEN 'aircraft' THEN 'aircraft' ELSE 'organization' END,
           btrim(s.f[2]), s.f[5],
           nullif(concat(s.f[12], c.more), ''),
           jsonb_strip_nulls(jsonb_build_object('call_sign', s.f[6], 'vessel_type', s.f[7],
               'tonnage', s.f[8], 'grt', s.f[9], 'vessel_flag', s.f[10], 'vessel_owner', s.f[11])),
           format('%s line %s', f_sdn, s.line)
      FROM screen_stg_rec s
      LEFT JOIN (SELECT c.f[1] AS ent_num, string_agg(c.f[2], '' ORDER BY c.line) AS more
                   FROM screen_stg_rec c WHERE c.tag = 'com' GROUP BY c.f[1]) c ON c.ent_num = s.f[1]
     WHERE s.tag = 'sdn';

    INSERT INTO screen_stg_program (list_id, program)
    SELECT s.f[1], btrim(p, ' []')
      FROM screen_stg_rec s, regexp_split_to_table(s.f[4], '\]\s*\[') p
     WHERE s.tag = 'sdn' AND btrim(p, ' []') <> '';

    INSERT INTO screen_stg_name (list_id, name, name_type, src)
    SELECT list_id, primary_name, 'primary', src FROM screen_stg_entity;
    INSERT INTO screen_stg_name (list_id, name, name_type, quality, remarks, src)
    SELECT s.f[1], btrim(s.f[4]), s.f[3], 'strong', s.f[5], format('%s line %s', f_alt, s.line)
      FROM screen_stg_rec s WHERE s.tag = 'alt';

    INSERT INTO screen_stg_address (list_id, street, city, country, remarks, src)
    SELECT s.f[1], s.f[3], s.f[4], s.f[5], s.f[6], format('%s line %s', f_add, s.line)
      FROM screen_stg_rec s
     WHERE s.tag = 'add' AND num_nonnulls(s.f[3], s.f[4], s.f[5], s.f[6]) > 0;

    -- vessels: call sign and flag; aircraft: the primary name is the tail number
    INSERT INTO screen_stg_identifier (list_id, id_type, label, value)
    SELECT list_id, 'call_sign', 'Call_Sign', extra ->> 'call_sign' FROM screen_stg_entity WHERE extra ? 'call_sign';
    INSERT INTO screen_stg_identifier (list_id, id_type, label, value)
    SELECT list_id, 'aircraft_tail_number', 'SDN_Name', primary_name FROM screen_stg_entity WHERE kind = 'aircraft';
    INSERT INTO screen_stg_country (list_id, role, country)
    SELECT list_id, 'flag', extra ->> 'vessel_flag' FROM screen_stg_entity WHERE extra ? 'vessel_flag';

    PERFORM _parse_ofac_remarks();

    RETURN _commit_version(v_src, published, sha,
        ARRAY[f_sdn] || CASE WHEN add IS NULL THEN '{}'::text[] ELSE ARRAY[f_add] END
                     || CASE WHEN alt IS NULL THEN '{}'::text[] ELSE ARRAY[f_alt] END
                     || CASE WHEN comments IS NULL THEN '{}'::text[] ELSE ARRAY[f_com] END);
END;
$$;
COMMENT ON FUNCTION screen.load_ofac(text, text, text, text, text, date) IS
  'Load an OFAC legacy CSV set (sdn/add/alt/sdn_comments or cons_*); returns the new version id';
