-- ===========================================================================
-- 20_lists_model.sql — sanctions-list data model (doc/lists.md)
--
-- list_source   one row per list (OFAC-SDN, UN, BIS-DPL, ...)
-- list_version  one row per loaded file set: SHA-256, counts, status
-- entity        one row per *revision* of a listed entity: (source, list_id)
--               is the list's own identity; a revision is valid from the
--               version that introduced it until the version that changed or
--               removed it (valid_to, exclusive).  Nothing is ever deleted:
--               a delisted entity's last revision simply gets a valid_to.
-- entity_name / _identifier / _birth_date / _birth_place / _country /
-- _address / _program   hang off a revision (entity_id).
-- ===========================================================================

-- the kinds of listed entity (used by the model, the loaders and screening)
CREATE FUNCTION screen.is_entity_kind(kind text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN kind IN ('person', 'organization', 'vessel', 'aircraft', 'unknown');
COMMENT ON FUNCTION screen.is_entity_kind(text) IS
    'true for person, organization, vessel, aircraft and unknown: the kinds of listed entity';

CREATE TABLE screen.list_source (
    code        text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$'),
    authority   text NOT NULL,
    name        text NOT NULL,
    format      text NOT NULL,
    builtin     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE screen.list_source IS 'Sanctions and denied-party lists known to pg_screen (one row per list)';

INSERT INTO screen.list_source (code, authority, name, format, builtin) VALUES
 ('OFAC-SDN',  'US Treasury OFAC', 'Specially Designated Nationals and Blocked Persons List', 'ofac_csv', true),
 ('OFAC-CONS', 'US Treasury OFAC', 'Consolidated Sanctions List (non-SDN)',                    'ofac_csv', true),
 ('UN',        'UN Security Council', 'United Nations Security Council Consolidated List',     'un_xml',   true),
 ('BIS-DPL',   'US Commerce BIS', 'Denied Persons List',                                       'bis_dpl',  true),
 ('EU-FSF',    'European Commission', 'EU Financial Sanctions Files (consolidated list)',      'eu_xml',   true),
 ('UK-OFSI',   'HM Treasury OFSI', 'UK Consolidated List of Financial Sanctions Targets',      'uk_csv',   true);

CREATE TABLE screen.list_version (
    version_id        bigserial PRIMARY KEY,
    source            text NOT NULL REFERENCES screen.list_source (code),
    published         date,
    loaded_at         timestamptz NOT NULL DEFAULT now(),
    sha256            text NOT NULL,
    files             text[] NOT NULL,
    entity_count      integer NOT NULL DEFAULT 0,
    name_count        integer NOT NULL DEFAULT 0,
    identifier_count  integer NOT NULL DEFAULT 0,
    address_count     integer NOT NULL DEFAULT 0,
    added             integer NOT NULL DEFAULT 0,
    removed           integer NOT NULL DEFAULT 0,
    changed           integer NOT NULL DEFAULT 0,
    status            text NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded'))
);
CREATE UNIQUE INDEX list_version_one_current ON screen.list_version (source) WHERE status = 'current';
COMMENT ON TABLE screen.list_version IS 'Every loaded version of every list; sha256 identifies the input bytes';

CREATE TABLE screen.entity (
    entity_id     bigserial PRIMARY KEY,
    source        text NOT NULL REFERENCES screen.list_source (code),
    list_id       text NOT NULL,
    valid_from    bigint NOT NULL REFERENCES screen.list_version (version_id),
    valid_to      bigint REFERENCES screen.list_version (version_id),
    kind          text NOT NULL CHECK (screen.is_entity_kind(kind)),
    primary_name  text NOT NULL,
    title         text,
    gender        text CHECK (gender IN ('male', 'female')),
    listed_on     date,
    remarks       text,
    extra         jsonb NOT NULL DEFAULT '{}',
    content_hash  text NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX entity_current_key ON screen.entity (source, list_id) WHERE valid_to IS NULL;
CREATE INDEX entity_source_list_id ON screen.entity (source, list_id, valid_from);
COMMENT ON TABLE screen.entity IS 'Listed entities, one row per revision; valid_to IS NULL = current';

CREATE TABLE screen.entity_name (
    name_id    bigserial PRIMARY KEY,
    entity_id  bigint NOT NULL REFERENCES screen.entity ON DELETE CASCADE,
    name       text NOT NULL,
    name_type  text NOT NULL CHECK (name_type IN ('primary', 'aka', 'fka', 'nka', 'weak', 'original_script')),
    quality    text CHECK (quality IN ('strong', 'good', 'low', 'weak')),
    script     text,
    remarks    text
);
CREATE INDEX entity_name_entity ON screen.entity_name (entity_id);

CREATE TABLE screen.entity_identifier (
    entity_id   bigint NOT NULL REFERENCES screen.entity ON DELETE CASCADE,
    id_type     text NOT NULL,
    label       text,
    value       text NOT NULL,
    normalized  text NOT NULL,
    country     text,
    issued      text,
    expires     text,
    note        text
);
CREATE INDEX entity_identifier_entity ON screen.entity_identifier (entity_id);
CREATE INDEX entity_identifier_lookup ON screen.entity_identifier (normalized, id_type);

CREATE TABLE screen.entity_birth_date (
    entity_id  bigint NOT NULL REFERENCES screen.entity ON DELETE CASCADE,
    date_from  date,
    date_to    date,
    date_precision  text NOT NULL CHECK (date_precision IN ('day', 'month', 'year', 'range', 'unparsed')),
    circa      boolean NOT NULL DEFAULT false,
    raw        text NOT NULL
);
CREATE INDEX entity_birth_date_entity ON screen.entity_birth_date (entity_id);

CREATE TABLE screen.entity_birth_place (
    entity_id  bigint NOT NULL REFERENCES screen.entity ON DELETE CASCADE,
    place      text NOT NULL,
    country    text
);
CREATE INDEX entity_birth_place_entity ON screen.entity_birth_place (entity_id);

CREATE TABLE screen.entity_country (
    entity_id  bigint NOT NULL REFERENCES screen.entity ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('nationality', 'citizenship', 'residence', 'flag', 'jurisdiction', 'other')),
    country    text NOT NULL
);
CREATE INDEX entity_country_entity ON screen.entity_country (entity_id);

CREATE TABLE screen.entity_address (
    entity_id    bigint NOT NULL REFERENCES screen.entity ON DELETE CASCADE,
    street       text,
    city         text,
    state        text,
    postal_code  text,
    country      text,
    remarks      text
);
CREATE INDEX entity_address_entity ON screen.entity_address (entity_id);

CREATE TABLE screen.entity_program (
    entity_id  bigint NOT NULL REFERENCES screen.entity ON DELETE CASCADE,
    program    text NOT NULL
);
CREATE INDEX entity_program_entity ON screen.entity_program (entity_id);

-- identifier labels found in free-text remarks (OFAC) -> normalized id_type.
-- Users may add rows; only builtin rows are created by the extension.
CREATE TABLE screen.identifier_label (
    label    text PRIMARY KEY,
    id_type  text NOT NULL,
    builtin  boolean NOT NULL DEFAULT false
);

-- pg_dump keeps the list data (extension-created builtin rows are recreated
-- by CREATE EXTENSION and therefore filtered out)
SELECT pg_catalog.pg_extension_config_dump('screen.list_source', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('screen.identifier_label', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('screen.list_version', '');
SELECT pg_catalog.pg_extension_config_dump('screen.list_version_version_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('screen.entity', '');
SELECT pg_catalog.pg_extension_config_dump('screen.entity_entity_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('screen.entity_name', '');
SELECT pg_catalog.pg_extension_config_dump('screen.entity_name_name_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('screen.entity_identifier', '');
SELECT pg_catalog.pg_extension_config_dump('screen.entity_birth_date', '');
SELECT pg_catalog.pg_extension_config_dump('screen.entity_birth_place', '');
SELECT pg_catalog.pg_extension_config_dump('screen.entity_country', '');
SELECT pg_catalog.pg_extension_config_dump('screen.entity_address', '');
SELECT pg_catalog.pg_extension_config_dump('screen.entity_program', '');

-- current state ------------------------------------------------------------
CREATE VIEW screen.current_version AS
    SELECT * FROM screen.list_version WHERE status = 'current';
CREATE VIEW screen.current_entity AS
    SELECT * FROM screen.entity WHERE valid_to IS NULL;
CREATE VIEW screen.current_name AS
    SELECT e.source, e.list_id, e.kind, n.*
      FROM screen.entity e JOIN screen.entity_name n USING (entity_id)
     WHERE e.valid_to IS NULL;
CREATE VIEW screen.current_identifier AS
    SELECT e.source, e.list_id, i.*
      FROM screen.entity e JOIN screen.entity_identifier i USING (entity_id)
     WHERE e.valid_to IS NULL;
CREATE VIEW screen.current_address AS
    SELECT e.source, e.list_id, a.*
      FROM screen.entity e JOIN screen.entity_address a USING (entity_id)
     WHERE e.valid_to IS NULL;
CREATE VIEW screen.current_birth_date AS
    SELECT e.source, e.list_id, d.*
      FROM screen.entity e JOIN screen.entity_birth_date d USING (entity_id)
     WHERE e.valid_to IS NULL;
CREATE VIEW screen.current_country AS
    SELECT e.source, e.list_id, c.*
      FROM screen.entity e JOIN screen.entity_country c USING (entity_id)
     WHERE e.valid_to IS NULL;
CREATE VIEW screen.current_program AS
    SELECT e.source, e.list_id, p.*
      FROM screen.entity e JOIN screen.entity_program p USING (entity_id)
     WHERE e.valid_to IS NULL;
CREATE VIEW screen.current_birth_place AS
    SELECT e.source, e.list_id, p.*
      FROM screen.entity e JOIN screen.entity_birth_place p USING (entity_id)
     WHERE e.valid_to IS NULL;
