
-- screen.ofac_score: the score of the US Treasury OFAC Sanctions List Search tool
CREATE FUNCTION screen.ofac_score(query text, listed_name text)
RETURNS integer
AS 'MODULE_PATHNAME', 'ofac_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION screen.ofac_score(text, text) IS
'Score (0-100) that the OFAC Sanctions List Search tool shows for listed_name when query is searched: '
'Jaro-Winkler over the whole name, and per name part with Soundex, the higher reported; '
'0 when the tool would not return the name. See doc/ofac_score.md.';
