-- antidote master install script; the build copies it to antidote--<version>.sql.
\echo Use "CREATE EXTENSION antidote" to load this file. \quit

-- Schema for the extension's tables and trigger functions.
CREATE SCHEMA antidote;

---------------------------------------------------------------------------
-- ssdeep signature type
---------------------------------------------------------------------------
CREATE TYPE @extschema@.ssdeep;

CREATE FUNCTION @extschema@.ssdeep_in(cstring) RETURNS @extschema@.ssdeep
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ssdeep_out(@extschema@.ssdeep) RETURNS cstring
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ssdeep_recv(internal) RETURNS @extschema@.ssdeep
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ssdeep_send(@extschema@.ssdeep) RETURNS bytea
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.ssdeep (
	INPUT = @extschema@.ssdeep_in,
	OUTPUT = @extschema@.ssdeep_out,
	RECEIVE = @extschema@.ssdeep_recv,
	SEND = @extschema@.ssdeep_send,
	INTERNALLENGTH = VARIABLE,
	STORAGE = extended,
	CATEGORY = 'S'
);
COMMENT ON TYPE @extschema@.ssdeep IS 'ssdeep (libfuzzy) signature "blocksize:part1:part2"';

CREATE FUNCTION @extschema@.ssdeep(text) RETURNS @extschema@.ssdeep
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep(text) IS 'checked conversion of text to ssdeep';
CREATE CAST (text AS @extschema@.ssdeep) WITH FUNCTION @extschema@.ssdeep(text) AS ASSIGNMENT;
CREATE CAST (@extschema@.ssdeep AS text) WITHOUT FUNCTION AS IMPLICIT;

---------------------------------------------------------------------------
-- fuzzy hashing
---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.fuzzy_hash(text) RETURNS @extschema@.ssdeep
	AS 'MODULE_PATHNAME', 'antidote_fuzzy_hash_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fuzzy_hash(text) IS 'ssdeep signature of the UTF-8 bytes of the text (libfuzzy, flags 0)';

CREATE FUNCTION @extschema@.fuzzy_hash(bytea) RETURNS @extschema@.ssdeep
	AS 'MODULE_PATHNAME', 'antidote_fuzzy_hash_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fuzzy_hash(bytea) IS 'ssdeep signature of the bytes (libfuzzy, flags 0)';

CREATE FUNCTION @extschema@.fuzzy_compare(@extschema@.ssdeep, @extschema@.ssdeep) RETURNS integer
	AS 'MODULE_PATHNAME', 'antidote_fuzzy_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fuzzy_compare(@extschema@.ssdeep, @extschema@.ssdeep) IS 'libfuzzy match score of two ssdeep signatures, 0..100';

---------------------------------------------------------------------------
-- text normal form and digests
---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.text_normalize(text) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_text_normalize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.text_normalize(text) IS 'matching normal form: invisible characters dropped, NFKC_Casefold, white space collapsed';

CREATE FUNCTION @extschema@.content_sha256(text) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_content_sha256_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.content_sha256(text) IS 'lower-case hex SHA-256 of the UTF-8 bytes of the text';

CREATE FUNCTION @extschema@.content_sha256(bytea) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_content_sha256_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.content_sha256(bytea) IS 'lower-case hex SHA-256 of the bytes';

---------------------------------------------------------------------------
-- suspicion scoring
---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.suspicion_signals(text) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'antidote_suspicion_signals' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.suspicion_signals(text) IS 'suspicion signals of the text (value, threshold, weight, fired, reason each) under the default weights and thresholds';

CREATE FUNCTION @extschema@.suspicion_signals(text, jsonb) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'antidote_suspicion_signals' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.suspicion_signals(text, jsonb) IS 'suspicion signals of the text and of the context (near_duplicates, distinct_sources, provenance; weights, thresholds, phrases override the defaults)';

CREATE FUNCTION @extschema@.suspicion_score(text) RETURNS double precision
	AS 'MODULE_PATHNAME', 'antidote_suspicion_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.suspicion_score(text) IS 'fused suspicion score 0..1 of the text under the default weights and thresholds';

CREATE FUNCTION @extschema@.suspicion_score(text, jsonb) RETURNS double precision
	AS 'MODULE_PATHNAME', 'antidote_suspicion_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.suspicion_score(text, jsonb) IS 'fused suspicion score 0..1 of the text and the context JSON';

CREATE FUNCTION @extschema@.suspicion_settings() RETURNS jsonb
	AS 'MODULE_PATHNAME', 'antidote_suspicion_settings' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.suspicion_settings() IS 'the session''s antidote.suspicion_* settings as a context fragment {"weights":...,"thresholds":...}';
