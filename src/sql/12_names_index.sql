-- ---------------------------------------------------------------------------
-- GIN operator class: WHERE name_col % query as an index scan
-- ---------------------------------------------------------------------------
CREATE FUNCTION screen.name_gin_extract_value(screen.name, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'pgs_name_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.name_gin_extract_query(screen.name, internal, int2, internal, internal, internal, internal)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'pgs_name_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.name_gin_consistent(internal, int2, screen.name, int4, internal, internal, internal, internal)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'pgs_name_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.name_gin_triconsistent(internal, int2, screen.name, int4, internal, internal, internal)
    RETURNS "char"
    AS 'MODULE_PATHNAME', 'pgs_name_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR CLASS screen.name_gin_ops
    DEFAULT FOR TYPE screen.name USING gin AS
        OPERATOR 1 screen.% (screen.name, screen.name),
        FUNCTION 1 btint4cmp(int4, int4),
        FUNCTION 2 screen.name_gin_extract_value(screen.name, internal),
        FUNCTION 3 screen.name_gin_extract_query(screen.name, internal, int2, internal, internal, internal, internal),
        FUNCTION 4 screen.name_gin_consistent(internal, int2, screen.name, int4, internal, internal, internal, internal),
        FUNCTION 6 screen.name_gin_triconsistent(internal, int2, screen.name, int4, internal, internal, internal),
        STORAGE int4;
COMMENT ON OPERATOR CLASS screen.name_gin_ops USING gin IS
    'index screen.name values so that name % query finds candidates without a full scan';
