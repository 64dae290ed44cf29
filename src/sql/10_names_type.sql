-- ---------------------------------------------------------------------------
-- Names layer: the screen.name type, scoring functions, operators.
-- ---------------------------------------------------------------------------

CREATE TYPE screen.name;

CREATE FUNCTION screen.name_in(cstring) RETURNS screen.name
    AS 'MODULE_PATHNAME', 'pgs_name_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.name_out(screen.name) RETURNS cstring
    AS 'MODULE_PATHNAME', 'pgs_name_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.name_recv(internal) RETURNS screen.name
    AS 'MODULE_PATHNAME', 'pgs_name_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.name_send(screen.name) RETURNS bytea
    AS 'MODULE_PATHNAME', 'pgs_name_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE screen.name (
    INPUT = screen.name_in,
    OUTPUT = screen.name_out,
    RECEIVE = screen.name_recv,
    SEND = screen.name_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON TYPE screen.name IS
    'a person or organisation name parsed once into normalized, classified tokens (see doc/names.md)';

CREATE FUNCTION screen.to_name(text) RETURNS screen.name
    AS 'MODULE_PATHNAME', 'pgs_to_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION screen.to_name(text) IS
    'parse a name in any script into a screen.name (transliterated, normalized, classified tokens)';

CREATE CAST (text AS screen.name) WITH FUNCTION screen.to_name(text) AS ASSIGNMENT;
CREATE CAST (varchar AS screen.name) WITH FUNCTION screen.to_name(text) AS ASSIGNMENT;

CREATE FUNCTION screen.name_tokens(screen.name,
        OUT ord int, OUT token text, OUT class text, OUT canonical text,
        OUT weight real, OUT phonetic text, OUT script text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'pgs_name_tokens' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
COMMENT ON FUNCTION screen.name_tokens(screen.name) IS
    'the tokens of a parsed name with their class, canonical form, weight, phonetic key and script family';

CREATE FUNCTION screen.name_score(screen.name, screen.name) RETURNS real
    AS 'MODULE_PATHNAME', 'pgs_name_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION screen.name_score(screen.name, screen.name) IS
    'similarity of two names in [0, 1]; symmetric';

CREATE FUNCTION screen.name_score(text, text) RETURNS real
    AS 'MODULE_PATHNAME', 'pgs_name_score_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION screen.name_score(text, text) IS
    'similarity of two names given as text (parsed on the fly) in [0, 1]';

CREATE FUNCTION screen.name_explain(text, text) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'pgs_name_explain' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION screen.name_explain(text, text) IS
    'how name_score(text, text) came about: tokens, alignment, per-pair similarity, penalties';

-- % depends on the pg_screen.threshold setting, hence STABLE
CREATE FUNCTION screen.name_match(screen.name, screen.name) RETURNS boolean
    AS 'MODULE_PATHNAME', 'pgs_name_match' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION screen.name_distance(screen.name, screen.name) RETURNS real
    AS 'MODULE_PATHNAME', 'pgs_name_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR screen.% (
    LEFTARG = screen.name, RIGHTARG = screen.name,
    FUNCTION = screen.name_match,
    COMMUTATOR = OPERATOR(screen.%),
    RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR screen.% (screen.name, screen.name) IS
    'names match: name_score >= pg_screen.threshold';

CREATE OPERATOR screen.<-> (
    LEFTARG = screen.name, RIGHTARG = screen.name,
    FUNCTION = screen.name_distance,
    COMMUTATOR = OPERATOR(screen.<->)
);
COMMENT ON OPERATOR screen.<-> (screen.name, screen.name) IS
    'distance between names: 1 - name_score';

CREATE FUNCTION screen.name_with_threshold(screen.name, real) RETURNS screen.name
    AS 'MODULE_PATHNAME', 'pgs_name_with_threshold' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION screen.name_with_threshold(screen.name, real) IS
    'the name carrying its own threshold for % (used on the right of %, and by its index scan) instead of pg_screen.threshold';

CREATE FUNCTION screen.current_threshold() RETURNS real
    AS 'MODULE_PATHNAME', 'pgs_current_threshold' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION screen.current_threshold() IS
    'the pg_screen.threshold in force (works before the library is loaded in a session)';

CREATE FUNCTION screen.name_explain(screen.name, screen.name, text, text) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'pgs_name_explain_parsed' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION screen.name_explain(screen.name, screen.name, text, text) IS
    'name_explain of two names already parsed; the texts are shown as the names'' text';
