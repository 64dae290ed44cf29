-- ---------------------------------------------------------------------------
-- Controls: the screen.controlcode type (src/controlcode*.c)
-- ---------------------------------------------------------------------------

CREATE TYPE screen.controlcode;

-- Input reads pg_screen.default_jurisdiction for codes without a prefix, so
-- it is STABLE (like date_in and DateStyle); output always has the prefix.
CREATE FUNCTION screen.controlcode_in(cstring) RETURNS screen.controlcode
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_out(screen.controlcode) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_recv(internal) RETURNS screen.controlcode
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_send(screen.controlcode) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE screen.controlcode (
    INTERNALLENGTH = 32,
    INPUT = screen.controlcode_in,
    OUTPUT = screen.controlcode_out,
    RECEIVE = screen.controlcode_recv,
    SEND = screen.controlcode_send,
    ALIGNMENT = int2,
    STORAGE = plain
);
COMMENT ON TYPE screen.controlcode IS
    'Export control classification: US ECCN/EAR99, EU Annex I, Wassenaar ML, UK PL codes, with jurisdiction';

CREATE CAST (text AS screen.controlcode) WITH INOUT AS ASSIGNMENT;
CREATE CAST (screen.controlcode AS text) WITH INOUT AS ASSIGNMENT;

-- comparison -----------------------------------------------------------------
CREATE FUNCTION screen.controlcode_cmp(screen.controlcode, screen.controlcode) RETURNS int
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_lt(screen.controlcode, screen.controlcode) RETURNS bool
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_le(screen.controlcode, screen.controlcode) RETURNS bool
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_eq(screen.controlcode, screen.controlcode) RETURNS bool
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_ne(screen.controlcode, screen.controlcode) RETURNS bool
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_ge(screen.controlcode, screen.controlcode) RETURNS bool
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_gt(screen.controlcode, screen.controlcode) RETURNS bool
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_hash(screen.controlcode) RETURNS int
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_hash_extended(screen.controlcode, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR screen.< (LEFTARG = screen.controlcode, RIGHTARG = screen.controlcode,
    FUNCTION = screen.controlcode_lt, COMMUTATOR = OPERATOR(screen.>), NEGATOR = OPERATOR(screen.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR screen.<= (LEFTARG = screen.controlcode, RIGHTARG = screen.controlcode,
    FUNCTION = screen.controlcode_le, COMMUTATOR = OPERATOR(screen.>=), NEGATOR = OPERATOR(screen.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR screen.= (LEFTARG = screen.controlcode, RIGHTARG = screen.controlcode,
    FUNCTION = screen.controlcode_eq, COMMUTATOR = OPERATOR(screen.=), NEGATOR = OPERATOR(screen.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR screen.<> (LEFTARG = screen.controlcode, RIGHTARG = screen.controlcode,
    FUNCTION = screen.controlcode_ne, COMMUTATOR = OPERATOR(screen.<>), NEGATOR = OPERATOR(screen.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR screen.>= (LEFTARG = screen.controlcode, RIGHTARG = screen.controlcode,
    FUNCTION = screen.controlcode_ge, COMMUTATOR = OPERATOR(screen.<=), NEGATOR = OPERATOR(screen.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR screen.> (LEFTARG = screen.controlcode, RIGHTARG = screen.controlcode,
    FUNCTION = screen.controlcode_gt, COMMUTATOR = OPERATOR(screen.<), NEGATOR = OPERATOR(screen.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);

CREATE OPERATOR CLASS screen.controlcode_ops
    DEFAULT FOR TYPE screen.controlcode USING btree AS
        OPERATOR 1 screen.<,
        OPERATOR 2 screen.<=,
        OPERATOR 3 screen.=,
        OPERATOR 4 screen.>=,
        OPERATOR 5 screen.>,
        FUNCTION 1 screen.controlcode_cmp(screen.controlcode, screen.controlcode);

CREATE OPERATOR CLASS screen.controlcode_hash_ops
    DEFAULT FOR TYPE screen.controlcode USING hash AS
        OPERATOR 1 screen.=,
        FUNCTION 1 screen.controlcode_hash(screen.controlcode),
        FUNCTION 2 screen.controlcode_hash_extended(screen.controlcode, bigint);

-- containment, with planner support turning it into btree index conditions --
CREATE FUNCTION screen.controlcode_contains_support(internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_contained_support(internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_contains(screen.controlcode, screen.controlcode) RETURNS bool
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SUPPORT screen.controlcode_contains_support;
CREATE FUNCTION screen.controlcode_contained(screen.controlcode, screen.controlcode) RETURNS bool
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SUPPORT screen.controlcode_contained_support;
COMMENT ON FUNCTION screen.controlcode_contains(screen.controlcode, screen.controlcode) IS
    'a @> b: b is a itself or a paragraph under a';

-- selectivity: estimated as the btree range / the ancestors' equality
CREATE FUNCTION screen.controlcode_contsel(internal, oid, internal, integer) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE OPERATOR screen.@> (LEFTARG = screen.controlcode, RIGHTARG = screen.controlcode,
    FUNCTION = screen.controlcode_contains, COMMUTATOR = OPERATOR(screen.<@),
    RESTRICT = screen.controlcode_contsel, JOIN = contjoinsel);
CREATE OPERATOR screen.<@ (LEFTARG = screen.controlcode, RIGHTARG = screen.controlcode,
    FUNCTION = screen.controlcode_contained, COMMUTATOR = OPERATOR(screen.@>),
    RESTRICT = screen.controlcode_contsel, JOIN = contjoinsel);

-- accessors ----------------------------------------------------------------
CREATE FUNCTION screen.jurisdiction(screen.controlcode) RETURNS text
    AS 'MODULE_PATHNAME', 'controlcode_jurisdiction' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.category(screen.controlcode) RETURNS text
    AS 'MODULE_PATHNAME', 'controlcode_category' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.product_group(screen.controlcode) RETURNS text
    AS 'MODULE_PATHNAME', 'controlcode_product_group' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.number(screen.controlcode) RETURNS text
    AS 'MODULE_PATHNAME', 'controlcode_number' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.depth(screen.controlcode) RETURNS int
    AS 'MODULE_PATHNAME', 'controlcode_depth' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.parent(screen.controlcode) RETURNS screen.controlcode
    AS 'MODULE_PATHNAME', 'controlcode_parent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.subpath(screen.controlcode, int) RETURNS screen.controlcode
    AS 'MODULE_PATHNAME', 'controlcode_subpath' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.ancestors(screen.controlcode) RETURNS screen.controlcode[]
    AS 'MODULE_PATHNAME', 'controlcode_ancestors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.controlcode_upper(screen.controlcode) RETURNS screen.controlcode
    AS 'MODULE_PATHNAME', 'controlcode_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.regime_hint(screen.controlcode) RETURNS text
    AS 'MODULE_PATHNAME', 'controlcode_regime_hint' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- the entry (depth 0) a code belongs to
CREATE FUNCTION screen.entry(screen.controlcode) RETURNS screen.controlcode
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN screen.subpath($1, 0);

COMMENT ON FUNCTION screen.subpath(screen.controlcode, int) IS
    'ancestor at the given paragraph depth (0 = the entry itself; negative counts back from the end)';
COMMENT ON FUNCTION screen.regime_hint(screen.controlcode) IS
    'HINT from the numbering convention (Wassenaar/MTCR/NSG/Australia Group/CWC/anti-terrorism); the entry''s reasons for control are the authority';
COMMENT ON FUNCTION screen.controlcode_upper(screen.controlcode) IS
    'range sentinel X.*: sorts after every code under X (used for btree range scans)';
