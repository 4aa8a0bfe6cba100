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
-- near-duplicate search: minhash type, % operators, GIN operator classes,
-- clustering
---------------------------------------------------------------------------
CREATE TYPE @extschema@.minhash;

CREATE FUNCTION @extschema@.minhash_in(cstring) RETURNS @extschema@.minhash
	AS 'MODULE_PATHNAME', 'antidote_minhash_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.minhash_out(@extschema@.minhash) RETURNS cstring
	AS 'MODULE_PATHNAME', 'antidote_minhash_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.minhash_recv(internal) RETURNS @extschema@.minhash
	AS 'MODULE_PATHNAME', 'antidote_minhash_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.minhash_send(@extschema@.minhash) RETURNS bytea
	AS 'MODULE_PATHNAME', 'antidote_minhash_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.minhash (
	INPUT = @extschema@.minhash_in,
	OUTPUT = @extschema@.minhash_out,
	RECEIVE = @extschema@.minhash_recv,
	SEND = @extschema@.minhash_send,
	INTERNALLENGTH = VARIABLE,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.minhash IS 'MinHash signature of word shingles (520 bytes; text form: lower-case hex)';

CREATE FUNCTION @extschema@.minhash(text) RETURNS @extschema@.minhash
	AS 'MODULE_PATHNAME', 'antidote_minhash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash(text) IS 'MinHash signature (128 permutations) of the 2-word shingles of text_normalize(text)';

CREATE FUNCTION @extschema@.minhash_similarity(@extschema@.minhash, @extschema@.minhash) RETURNS double precision
	AS 'MODULE_PATHNAME', 'antidote_minhash_similarity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash_similarity(@extschema@.minhash, @extschema@.minhash) IS 'estimated Jaccard similarity of the shingle sets, 0..1';

-- The % operators read settings, so their functions are STABLE (as in pg_trgm).
CREATE FUNCTION @extschema@.ssdeep_similar(@extschema@.ssdeep, @extschema@.ssdeep) RETURNS boolean
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_similar' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_similar(@extschema@.ssdeep, @extschema@.ssdeep) IS 'fuzzy_compare(a, b) >= antidote.ssdeep_threshold (the % operator)';

CREATE OPERATOR @extschema@.% (
	LEFTARG = @extschema@.ssdeep,
	RIGHTARG = @extschema@.ssdeep,
	PROCEDURE = @extschema@.ssdeep_similar,
	COMMUTATOR = OPERATOR(@extschema@.%),
	RESTRICT = contsel,
	JOIN = contjoinsel
);

CREATE FUNCTION @extschema@.minhash_similar(@extschema@.minhash, @extschema@.minhash) RETURNS boolean
	AS 'MODULE_PATHNAME', 'antidote_minhash_similar' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash_similar(@extschema@.minhash, @extschema@.minhash) IS 'minhash_similarity(a, b) >= antidote.minhash_threshold (the % operator)';

CREATE OPERATOR @extschema@.% (
	LEFTARG = @extschema@.minhash,
	RIGHTARG = @extschema@.minhash,
	PROCEDURE = @extschema@.minhash_similar,
	COMMUTATOR = OPERATOR(@extschema@.%),
	RESTRICT = contsel,
	JOIN = contjoinsel
);

-- GIN support.  Keys are int8; one shared key makes a candidate, rechecked by the operator.
CREATE FUNCTION @extschema@.ssdeep_gin_extract_value(@extschema@.ssdeep, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gin_extract_value(@extschema@.ssdeep, internal) IS 'GIN support: keys of an indexed ssdeep signature';
CREATE FUNCTION @extschema@.ssdeep_gin_extract_query(@extschema@.ssdeep, internal, int2, internal, internal, internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gin_extract_query' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gin_extract_query(@extschema@.ssdeep, internal, int2, internal, internal, internal, internal) IS 'GIN support: keys of an ssdeep % probe at the current threshold';
CREATE FUNCTION @extschema@.minhash_gin_extract_value(@extschema@.minhash, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_minhash_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash_gin_extract_value(@extschema@.minhash, internal) IS 'GIN support: LSH band keys of an indexed minhash';
CREATE FUNCTION @extschema@.minhash_gin_extract_query(@extschema@.minhash, internal, int2, internal, internal, internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_minhash_gin_extract_query' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash_gin_extract_query(@extschema@.minhash, internal, int2, internal, internal, internal, internal) IS 'GIN support: LSH band keys of a minhash % probe';
CREATE FUNCTION @extschema@.ssdeep_gin_consistent(internal, int2, @extschema@.ssdeep, int4, internal, internal, internal, internal) RETURNS boolean
	AS 'MODULE_PATHNAME', 'antidote_neardup_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gin_consistent(internal, int2, @extschema@.ssdeep, int4, internal, internal, internal, internal) IS 'GIN support: any shared key is a candidate (rechecked)';
CREATE FUNCTION @extschema@.ssdeep_gin_triconsistent(internal, int2, @extschema@.ssdeep, int4, internal, internal, internal) RETURNS "char"
	AS 'MODULE_PATHNAME', 'antidote_neardup_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gin_triconsistent(internal, int2, @extschema@.ssdeep, int4, internal, internal, internal) IS 'GIN support: ternary form of ssdeep_gin_consistent';
CREATE FUNCTION @extschema@.minhash_gin_consistent(internal, int2, @extschema@.minhash, int4, internal, internal, internal, internal) RETURNS boolean
	AS 'MODULE_PATHNAME', 'antidote_neardup_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash_gin_consistent(internal, int2, @extschema@.minhash, int4, internal, internal, internal, internal) IS 'GIN support: any shared key is a candidate (rechecked)';
CREATE FUNCTION @extschema@.minhash_gin_triconsistent(internal, int2, @extschema@.minhash, int4, internal, internal, internal) RETURNS "char"
	AS 'MODULE_PATHNAME', 'antidote_neardup_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash_gin_triconsistent(internal, int2, @extschema@.minhash, int4, internal, internal, internal) IS 'GIN support: ternary form of minhash_gin_consistent';

-- The index keys themselves (SQLite keeps side tables of them; here for inspection).
CREATE FUNCTION @extschema@.ssdeep_keys(hash @extschema@.ssdeep, min_score integer DEFAULT 1) RETURNS TABLE (key bigint)
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_keys' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 40;
COMMENT ON FUNCTION @extschema@.ssdeep_keys(@extschema@.ssdeep, integer) IS 'index keys of an ssdeep signature: any pair scoring >= min_score shares one';
CREATE FUNCTION @extschema@.minhash_keys(signature @extschema@.minhash) RETURNS TABLE (key bigint)
	AS 'MODULE_PATHNAME', 'antidote_minhash_keys' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 32;
COMMENT ON FUNCTION @extschema@.minhash_keys(@extschema@.minhash) IS 'LSH band keys of a minhash signature (32 bands of 4 values)';

CREATE OPERATOR CLASS @extschema@.ssdeep_gin_ops
DEFAULT FOR TYPE @extschema@.ssdeep USING gin AS
	OPERATOR 1 @extschema@.% (@extschema@.ssdeep, @extschema@.ssdeep),
	FUNCTION 1 btint8cmp(int8, int8),
	FUNCTION 2 @extschema@.ssdeep_gin_extract_value(@extschema@.ssdeep, internal),
	FUNCTION 3 @extschema@.ssdeep_gin_extract_query(@extschema@.ssdeep, internal, int2, internal, internal, internal, internal),
	FUNCTION 4 @extschema@.ssdeep_gin_consistent(internal, int2, @extschema@.ssdeep, int4, internal, internal, internal, internal),
	FUNCTION 6 @extschema@.ssdeep_gin_triconsistent(internal, int2, @extschema@.ssdeep, int4, internal, internal, internal),
	STORAGE int8;

CREATE OPERATOR CLASS @extschema@.minhash_gin_ops
DEFAULT FOR TYPE @extschema@.minhash USING gin AS
	OPERATOR 1 @extschema@.% (@extschema@.minhash, @extschema@.minhash),
	FUNCTION 1 btint8cmp(int8, int8),
	FUNCTION 2 @extschema@.minhash_gin_extract_value(@extschema@.minhash, internal),
	FUNCTION 3 @extschema@.minhash_gin_extract_query(@extschema@.minhash, internal, int2, internal, internal, internal, internal),
	FUNCTION 4 @extschema@.minhash_gin_consistent(internal, int2, @extschema@.minhash, int4, internal, internal, internal, internal),
	FUNCTION 6 @extschema@.minhash_gin_triconsistent(internal, int2, @extschema@.minhash, int4, internal, internal, internal),
	STORAGE int8;

-- Runs caller SQL (read-only), reads settings: VOLATILE, not parallel safe.
CREATE FUNCTION @extschema@.near_duplicate_clusters(query text,
	OUT id text, OUT cluster_id bigint, OUT cluster_size integer,
	OUT distinct_sources integer, OUT method text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'antidote_near_duplicate_clusters' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.near_duplicate_clusters(text) IS 'clusters of near-duplicate rows among (id, content [, source]) from the query, by equal normalized text, ssdeep or MinHash';

-- Byte-wise btree operators for ssdeep.  Without a btree class of its own the type
-- borrows text's (it is binary-coercible to text), whose collation it lacks, so
-- ANALYZE of an ssdeep column failed; this class also gives = and ORDER BY.
CREATE FUNCTION @extschema@.ssdeep_eq(@extschema@.ssdeep, @extschema@.ssdeep) RETURNS boolean
	AS 'byteaeq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_eq(@extschema@.ssdeep, @extschema@.ssdeep) IS 'byte-wise equality of signatures';
CREATE FUNCTION @extschema@.ssdeep_ne(@extschema@.ssdeep, @extschema@.ssdeep) RETURNS boolean
	AS 'byteane' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_ne(@extschema@.ssdeep, @extschema@.ssdeep) IS 'byte-wise inequality of signatures';
CREATE FUNCTION @extschema@.ssdeep_lt(@extschema@.ssdeep, @extschema@.ssdeep) RETURNS boolean
	AS 'bytealt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_lt(@extschema@.ssdeep, @extschema@.ssdeep) IS 'byte-wise order of signatures';
CREATE FUNCTION @extschema@.ssdeep_le(@extschema@.ssdeep, @extschema@.ssdeep) RETURNS boolean
	AS 'byteale' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_le(@extschema@.ssdeep, @extschema@.ssdeep) IS 'byte-wise order of signatures';
CREATE FUNCTION @extschema@.ssdeep_gt(@extschema@.ssdeep, @extschema@.ssdeep) RETURNS boolean
	AS 'byteagt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gt(@extschema@.ssdeep, @extschema@.ssdeep) IS 'byte-wise order of signatures';
CREATE FUNCTION @extschema@.ssdeep_ge(@extschema@.ssdeep, @extschema@.ssdeep) RETURNS boolean
	AS 'byteage' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_ge(@extschema@.ssdeep, @extschema@.ssdeep) IS 'byte-wise order of signatures';
CREATE FUNCTION @extschema@.ssdeep_cmp(@extschema@.ssdeep, @extschema@.ssdeep) RETURNS integer
	AS 'byteacmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_cmp(@extschema@.ssdeep, @extschema@.ssdeep) IS 'byte-wise comparison of signatures (btree support)';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.ssdeep, RIGHTARG = @extschema@.ssdeep,
	PROCEDURE = @extschema@.ssdeep_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.ssdeep, RIGHTARG = @extschema@.ssdeep,
	PROCEDURE = @extschema@.ssdeep_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.ssdeep, RIGHTARG = @extschema@.ssdeep,
	PROCEDURE = @extschema@.ssdeep_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.ssdeep, RIGHTARG = @extschema@.ssdeep,
	PROCEDURE = @extschema@.ssdeep_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.ssdeep, RIGHTARG = @extschema@.ssdeep,
	PROCEDURE = @extschema@.ssdeep_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.ssdeep, RIGHTARG = @extschema@.ssdeep,
	PROCEDURE = @extschema@.ssdeep_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);

CREATE OPERATOR CLASS @extschema@.ssdeep_ops
DEFAULT FOR TYPE @extschema@.ssdeep USING btree AS
	OPERATOR 1 @extschema@.<,
	OPERATOR 2 @extschema@.<=,
	OPERATOR 3 @extschema@.=,
	OPERATOR 4 @extschema@.>=,
	OPERATOR 5 @extschema@.>,
	FUNCTION 1 @extschema@.ssdeep_cmp(@extschema@.ssdeep, @extschema@.ssdeep);
