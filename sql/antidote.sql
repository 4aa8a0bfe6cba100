-- antidote master install script; the build copies it to antidote--<version>.sql.
\echo Use "CREATE EXTENSION antidote" to load this file. \quit

-- Schema for the extension's tables and trigger functions.
CREATE SCHEMA antidote;

CREATE FUNCTION @extschema@.antidote_version() RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_version' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.antidote_version() IS 'version of the antidote library';

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
-- provenance: Ed25519 keys, DSSE envelopes, in-toto statements,
-- the trusted-key registry
---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.signing_keygen(OUT public_key text, OUT key_id text)
	AS 'MODULE_PATHNAME', 'antidote_signing_keygen' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.signing_keygen() IS 'an error: PostgreSQL never returns a private key as a SQL value; call signing_keygen(name)';

CREATE FUNCTION @extschema@.signing_keygen(name text, OUT public_key text, OUT key_id text)
	AS 'MODULE_PATHNAME', 'antidote_signing_keygen_file' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.signing_keygen(text) IS 'a new Ed25519 key pair: the private key goes to a new chmod-600 file name in antidote.keyring_dir, the public key PEM and key id are returned';
REVOKE ALL ON FUNCTION @extschema@.signing_keygen(text) FROM PUBLIC;

CREATE FUNCTION @extschema@.key_id(public_key text) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_key_id' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.key_id(text) IS 'sha256: + hex SHA-256 of the DER SubjectPublicKeyInfo of an Ed25519 public key (PEM or 64 hex digits)';

CREATE FUNCTION @extschema@.dsse_pae(payload_type text, payload bytea) RETURNS bytea
	AS 'MODULE_PATHNAME', 'antidote_dsse_pae' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dsse_pae(text, bytea) IS 'DSSE v1 pre-authentication encoding, the bytes a DSSE signature covers';

CREATE FUNCTION @extschema@.dsse_sign(payload_type text, payload bytea, key_name text) RETURNS json
	AS 'MODULE_PATHNAME', 'antidote_dsse_sign' LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dsse_sign(text, bytea, text) IS 'DSSE envelope signed with the Ed25519 key file key_name in antidote.keyring_dir';
REVOKE ALL ON FUNCTION @extschema@.dsse_sign(text, bytea, text) FROM PUBLIC;

CREATE FUNCTION @extschema@.dsse_verify(envelope json, public_key text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'antidote_dsse_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dsse_verify(json, text) IS 'true when the Ed25519 public key signed the DSSE envelope';

CREATE FUNCTION @extschema@.dsse_verify(envelope json, public_keys text[], threshold integer) RETURNS boolean
	AS 'MODULE_PATHNAME', 'antidote_dsse_verify_keys' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dsse_verify(json, text[], integer) IS 'true when at least threshold distinct given Ed25519 keys signed the DSSE envelope';

CREATE FUNCTION @extschema@.provenance_statement(content text, source text, collected_at timestamptz) RETURNS json
	AS 'MODULE_PATHNAME', 'antidote_provenance_statement_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.provenance_statement(text, text, timestamptz) IS 'in-toto Statement v1 whose subject digest is the SHA-256 of the UTF-8 bytes of content';

CREATE FUNCTION @extschema@.provenance_statement(content text, source text, collected_at timestamptz, extra json) RETURNS json
	AS 'MODULE_PATHNAME', 'antidote_provenance_statement_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.provenance_statement(text, text, timestamptz, json) IS 'in-toto Statement v1 about content with an extra JSON object in the predicate';

CREATE FUNCTION @extschema@.provenance_statement(content bytea, source text, collected_at timestamptz) RETURNS json
	AS 'MODULE_PATHNAME', 'antidote_provenance_statement_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.provenance_statement(bytea, text, timestamptz) IS 'in-toto Statement v1 whose subject digest is the SHA-256 of the bytes';

CREATE FUNCTION @extschema@.provenance_statement(content bytea, source text, collected_at timestamptz, extra json) RETURNS json
	AS 'MODULE_PATHNAME', 'antidote_provenance_statement_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.provenance_statement(bytea, text, timestamptz, json) IS 'in-toto Statement v1 about the bytes with an extra JSON object in the predicate';

-- The registry: public keys are not secret, so everyone may read it; only
-- trust_key and revoke_key (owner, and roles granted EXECUTE) change it.
CREATE TABLE antidote.trusted_keys (
	keyid text PRIMARY KEY CHECK (keyid ~ '^sha256:[0-9a-f]{64}$'),
	public_key text NOT NULL,
	source text,
	added_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	revoked_at timestamptz
);
COMMENT ON TABLE antidote.trusted_keys IS 'trusted Ed25519 public keys for provenance_verify; change it with trust_key and revoke_key';
SELECT pg_catalog.pg_extension_config_dump('antidote.trusted_keys', '');
GRANT USAGE ON SCHEMA antidote TO PUBLIC;
GRANT SELECT ON antidote.trusted_keys TO PUBLIC;

CREATE FUNCTION @extschema@.provenance_verify(content text, envelope json) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_provenance_verify_text' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.provenance_verify(text, json) IS 'verified, unsigned, malformed, unknown_key, revoked_key, bad_signature or digest_mismatch, against antidote.trusted_keys';

CREATE FUNCTION @extschema@.provenance_verify(content bytea, envelope json) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_provenance_verify_bytea' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.provenance_verify(bytea, json) IS 'provenance status of the bytes against antidote.trusted_keys';
CREATE FUNCTION @extschema@.provenance_verify(content text, envelope json, trusted_keys text[]) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_provenance_verify_text' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.provenance_verify(text, json, text[]) IS 'provenance status against the given trusted public keys instead of the registry (pure: can be pushed down)';
CREATE FUNCTION @extschema@.provenance_verify(content bytea, envelope json, trusted_keys text[]) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_provenance_verify_bytea' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.provenance_verify(bytea, json, text[]) IS 'provenance status of the bytes against the given trusted public keys';

CREATE FUNCTION @extschema@.trust_key(public_key text, source text DEFAULT NULL) RETURNS text
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	kid text;
BEGIN
	IF public_key IS NULL THEN
		RAISE EXCEPTION 'trust_key: argument 1 is NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	kid := @extschema@.key_id(public_key);
	-- Revocation is permanent: a known key is left as it is.
	INSERT INTO antidote.trusted_keys (keyid, public_key, source)
		VALUES (kid, public_key, source) ON CONFLICT (keyid) DO NOTHING;
	RETURN kid;
END
$$;
COMMENT ON FUNCTION @extschema@.trust_key(text, text) IS 'add an Ed25519 public key to the registry and return its key id';
REVOKE ALL ON FUNCTION @extschema@.trust_key(text, text) FROM PUBLIC;

CREATE FUNCTION @extschema@.revoke_key(keyid text) RETURNS boolean
	LANGUAGE sql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
	WITH r AS (
		UPDATE antidote.trusted_keys SET revoked_at = pg_catalog.now()
		WHERE trusted_keys.keyid = revoke_key.keyid AND revoked_at IS NULL
		RETURNING 1)
	SELECT count(*) > 0 FROM r
$$;
COMMENT ON FUNCTION @extschema@.revoke_key(text) IS 'revoke a registry key for good; true when it was trusted until now';
REVOKE ALL ON FUNCTION @extschema@.revoke_key(text) FROM PUBLIC;

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
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gin_extract_value_folded' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gin_extract_value(@extschema@.ssdeep, internal) IS 'GIN support: keys of an indexed ssdeep signature, folded to the index''s bits';
CREATE FUNCTION @extschema@.ssdeep_gin_extract_query(@extschema@.ssdeep, internal, int2, internal, internal, internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gin_extract_query_folded' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gin_extract_query(@extschema@.ssdeep, internal, int2, internal, internal, internal, internal) IS 'GIN support: keys of an ssdeep % probe at the current threshold';
CREATE FUNCTION @extschema@.minhash_gin_extract_value(@extschema@.minhash, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_minhash_gin_extract_value_folded' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash_gin_extract_value(@extschema@.minhash, internal) IS 'GIN support: LSH band keys of an indexed minhash, folded to the index''s bits';
CREATE FUNCTION @extschema@.minhash_gin_extract_query(@extschema@.minhash, internal, int2, internal, internal, internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_minhash_gin_extract_query_folded' LANGUAGE C STABLE STRICT PARALLEL SAFE;
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

CREATE FUNCTION @extschema@.ssdeep_gin_options(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'antidote_gin_options' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gin_options(internal) IS 'GIN support: operator class options of ssdeep_gin_ops (bits)';
CREATE FUNCTION @extschema@.minhash_gin_options(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'antidote_gin_options' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash_gin_options(internal) IS 'GIN support: operator class options of minhash_gin_ops (bits)';

CREATE OPERATOR CLASS @extschema@.ssdeep_gin_ops
DEFAULT FOR TYPE @extschema@.ssdeep USING gin AS
	OPERATOR 1 @extschema@.% (@extschema@.ssdeep, @extschema@.ssdeep),
	FUNCTION 1 btint8cmp(int8, int8),
	FUNCTION 2 @extschema@.ssdeep_gin_extract_value(@extschema@.ssdeep, internal),
	FUNCTION 3 @extschema@.ssdeep_gin_extract_query(@extschema@.ssdeep, internal, int2, internal, internal, internal, internal),
	FUNCTION 4 @extschema@.ssdeep_gin_consistent(internal, int2, @extschema@.ssdeep, int4, internal, internal, internal, internal),
	FUNCTION 6 @extschema@.ssdeep_gin_triconsistent(internal, int2, @extschema@.ssdeep, int4, internal, internal, internal),
	FUNCTION 7 @extschema@.ssdeep_gin_options(internal),
	STORAGE int8;

CREATE OPERATOR CLASS @extschema@.minhash_gin_ops
DEFAULT FOR TYPE @extschema@.minhash USING gin AS
	OPERATOR 1 @extschema@.% (@extschema@.minhash, @extschema@.minhash),
	FUNCTION 1 btint8cmp(int8, int8),
	FUNCTION 2 @extschema@.minhash_gin_extract_value(@extschema@.minhash, internal),
	FUNCTION 3 @extschema@.minhash_gin_extract_query(@extschema@.minhash, internal, int2, internal, internal, internal, internal),
	FUNCTION 4 @extschema@.minhash_gin_consistent(internal, int2, @extschema@.minhash, int4, internal, internal, internal, internal),
	FUNCTION 6 @extschema@.minhash_gin_triconsistent(internal, int2, @extschema@.minhash, int4, internal, internal, internal),
	FUNCTION 7 @extschema@.minhash_gin_options(internal),
	STORAGE int8;

-- ssdeep distance and the GiST class for ORDER BY sig <-> probe LIMIT k
CREATE FUNCTION @extschema@.ssdeep_distance(a @extschema@.ssdeep, b @extschema@.ssdeep) RETURNS integer
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_distance(@extschema@.ssdeep, @extschema@.ssdeep) IS '100 - fuzzy_compare(a, b) (the <-> operator), 0..100';

CREATE OPERATOR @extschema@.<-> (
	LEFTARG = @extschema@.ssdeep,
	RIGHTARG = @extschema@.ssdeep,
	PROCEDURE = @extschema@.ssdeep_distance,
	COMMUTATOR = OPERATOR(@extschema@.<->)
);

CREATE FUNCTION @extschema@.ssdeep_gist_consistent(internal, @extschema@.ssdeep, smallint, oid, internal) RETURNS boolean
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gist_consistent' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gist_consistent(internal, @extschema@.ssdeep, smallint, oid, internal) IS 'GiST support: exact % at a leaf, the count filter''s bound on a subtree';
CREATE FUNCTION @extschema@.ssdeep_gist_distance(internal, @extschema@.ssdeep, smallint, oid, internal) RETURNS double precision
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gist_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gist_distance(internal, @extschema@.ssdeep, smallint, oid, internal) IS 'GiST support: exact <-> at a leaf, a lower bound on a subtree';
CREATE FUNCTION @extschema@.ssdeep_gist_compress(internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gist_compress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gist_compress(internal) IS 'GiST support: a leaf entry holds the signature';
CREATE FUNCTION @extschema@.ssdeep_gist_union(internal, internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gist_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gist_union(internal, internal) IS 'GiST support: OR of the key bitmaps and block sizes';
CREATE FUNCTION @extschema@.ssdeep_gist_penalty(internal, internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gist_penalty' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gist_penalty(internal, internal, internal) IS 'GiST support: bits and block sizes a subtree would gain';
CREATE FUNCTION @extschema@.ssdeep_gist_picksplit(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gist_picksplit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gist_picksplit(internal, internal) IS 'GiST support: split around the two entries farthest apart';
CREATE FUNCTION @extschema@.ssdeep_gist_same(bytea, bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gist_same' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gist_same(bytea, bytea, internal) IS 'GiST support: equal entries';
CREATE FUNCTION @extschema@.ssdeep_gist_options(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gist_options' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gist_options(internal) IS 'GiST support: operator class options of ssdeep_gist_ops (siglen)';

CREATE OPERATOR CLASS @extschema@.ssdeep_gist_ops
FOR TYPE @extschema@.ssdeep USING gist AS
	OPERATOR 1 @extschema@.% (@extschema@.ssdeep, @extschema@.ssdeep),
	OPERATOR 2 @extschema@.<-> (@extschema@.ssdeep, @extschema@.ssdeep) FOR ORDER BY pg_catalog.integer_ops,
	FUNCTION 1 @extschema@.ssdeep_gist_consistent(internal, @extschema@.ssdeep, smallint, oid, internal),
	FUNCTION 2 @extschema@.ssdeep_gist_union(internal, internal),
	FUNCTION 3 @extschema@.ssdeep_gist_compress(internal),
	FUNCTION 5 @extschema@.ssdeep_gist_penalty(internal, internal, internal),
	FUNCTION 6 @extschema@.ssdeep_gist_picksplit(internal, internal),
	FUNCTION 7 @extschema@.ssdeep_gist_same(bytea, bytea, internal),
	FUNCTION 8 @extschema@.ssdeep_gist_distance(internal, @extschema@.ssdeep, smallint, oid, internal),
	FUNCTION 10 @extschema@.ssdeep_gist_options(internal),
	STORAGE bytea;

-- Runs caller SQL (read-only), reads settings: VOLATILE, not parallel safe.
CREATE FUNCTION @extschema@.near_duplicate_clusters(query text,
	OUT id text, OUT cluster_id bigint, OUT cluster_size integer,
	OUT distinct_sources integer, OUT method text, OUT representative text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'antidote_near_duplicate_clusters' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.near_duplicate_clusters(text) IS 'clusters of near-duplicate rows among (id, content [, source]) from the query, by equal normalized text, ssdeep, MinHash or shared rare tokens; every member is near its representative row';

-- Runs caller SQL (read-only), reads settings: VOLATILE, not parallel safe.
CREATE FUNCTION @extschema@.near_duplicate_pairs(query text,
	OUT id_a text, OUT id_b text, OUT ssdeep_score integer,
	OUT minhash_similarity double precision, OUT method text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'antidote_near_duplicate_pairs' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.near_duplicate_pairs(text) IS 'pairs of near-duplicate rows among (id, content [, source]) from the query, found as near_duplicate_clusters finds them, each once with both scores';

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

---------------------------------------------------------------------------
-- guard trigger and quarantine
---------------------------------------------------------------------------
-- Rows a guard turned away, with why; released rows leave this table.
CREATE TABLE antidote.quarantine (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	table_name regclass NOT NULL,
	row_data jsonb NOT NULL,
	reasons text[] NOT NULL,
	policy text NOT NULL,
	quarantined_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	quarantined_by name NOT NULL,
	verdict jsonb,
	old_row jsonb
);
CREATE INDEX ON antidote.quarantine (table_name);
COMMENT ON TABLE antidote.quarantine IS 'rows turned away by antidote.guard triggers (on_reject=quarantine), with their reasons';
REVOKE ALL ON antidote.quarantine FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('antidote.quarantine', '');

CREATE FUNCTION antidote.guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'antidote_guard' LANGUAGE C;
COMMENT ON FUNCTION antidote.guard() IS 'BEFORE INSERT OR UPDATE row trigger: antidote.guard(content_col, provenance_col, policy [, source_col])';

CREATE FUNCTION antidote.guard_check(policy text) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_guard_check' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION antidote.guard_check(text) IS 'validates a guard policy and returns its canonical form';

CREATE FUNCTION antidote.release(quarantine_id bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'antidote_release' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION antidote.release(bigint) IS 'puts a reviewed quarantined row back into its table, past the guard';
REVOKE ALL ON FUNCTION antidote.release(bigint) FROM PUBLIC;

CREATE FUNCTION antidote.sweep(table_name regclass, policy text) RETURNS bigint
	AS 'MODULE_PATHNAME', 'antidote_sweep' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION antidote.sweep(regclass, text) IS 'moves every stored row of a near-duplicate flood that breaks the policy''s max_near_duplicates / max_sources into antidote.quarantine; returns the count';
REVOKE ALL ON FUNCTION antidote.sweep(regclass, text) FROM PUBLIC;

---------------------------------------------------------------------------
-- audits
---------------------------------------------------------------------------
-- The caller's query runs under the caller's search_path (these SQL functions
-- set none); everything they add to it is schema-qualified, so no look-alike
-- on that path can capture it.

-- The query's rows, read once, each with its near-duplicate cluster.
CREATE FUNCTION antidote.audit_input(query text, fn text,
	OUT ord bigint, OUT id text, OUT content text, OUT source text, OUT envelope text,
	OUT columns integer, OUT cluster_id bigint, OUT cluster_size integer, OUT distinct_sources integer)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'antidote_audit_input' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION antidote.audit_input(text, text) IS 'the rows of an audit query, read once and clustered by position; errors name fn (internal)';

-- The audit itself; fn names the function called, for errors.
CREATE FUNCTION antidote.audit_rows(query text, fn text,
	OUT id text, OUT suspicion double precision, OUT reasons jsonb,
	OUT cluster_id bigint, OUT cluster_size integer, OUT distinct_sources integer,
	OUT provenance text)
RETURNS SETOF record
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE AS $fn$
	SELECT a.id,
		@extschema@.suspicion_score(a.content, x.ctx),
		(SELECT coalesce(pg_catalog.jsonb_agg(s.value OPERATOR(pg_catalog.->>) 'reason' ORDER BY s.key),
				'[]'::pg_catalog.jsonb)
		 FROM pg_catalog.jsonb_each(@extschema@.suspicion_signals(a.content, x.ctx)) s
		 WHERE (s.value OPERATOR(pg_catalog.->>) 'fired')::pg_catalog.bool),
		a.cluster_id, a.cluster_size, a.distinct_sources, p.status
	FROM antidote.audit_input(query, fn) a,
		LATERAL (SELECT CASE WHEN a.columns OPERATOR(pg_catalog.=) 4
			THEN @extschema@.provenance_verify(a.content, a.envelope::pg_catalog.json) END AS status) p,
		LATERAL (SELECT @extschema@.suspicion_settings()
			OPERATOR(pg_catalog.||) pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
				'near_duplicates', a.cluster_size OPERATOR(pg_catalog.-) 1,
				'distinct_sources', a.distinct_sources,
				'provenance', p.status)) AS ctx) x
	ORDER BY a.ord
$fn$;
COMMENT ON FUNCTION antidote.audit_rows(text, text) IS 'antidote_audit, with errors naming the function called (internal)';

CREATE FUNCTION @extschema@.antidote_audit(query text,
	OUT id text, OUT suspicion double precision, OUT reasons jsonb,
	OUT cluster_id bigint, OUT cluster_size integer, OUT distinct_sources integer,
	OUT provenance text)
RETURNS SETOF record
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE AS $fn$
	SELECT * FROM antidote.audit_rows(query, 'antidote_audit')
$fn$;
COMMENT ON FUNCTION @extschema@.antidote_audit(text) IS 'per row of (id, content [, source [, provenance]]): suspicion with its reasons, near-duplicate cluster, provenance status';

CREATE FUNCTION @extschema@.antidote_audit_summary(query text, OUT metric text, OUT value numeric)
RETURNS SETOF record
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE AS $fn$
	WITH a AS (SELECT * FROM antidote.audit_rows(query, 'antidote_audit_summary')),
	c AS (SELECT DISTINCT a.cluster_id, a.cluster_size, a.distinct_sources FROM a WHERE a.cluster_id IS NOT NULL)
	SELECT m.metric, m.value FROM (VALUES
		(1, 'rows', (SELECT pg_catalog.count(*) FROM a)::pg_catalog.numeric),
		(2, 'suspicious rows (suspicion >= 0.5)',
			(SELECT pg_catalog.count(*) FROM a WHERE a.suspicion OPERATOR(pg_catalog.>=) 0.5)),
		(3, 'mean suspicion', (SELECT pg_catalog.round(pg_catalog.avg(a.suspicion)::pg_catalog.numeric, 3) FROM a)),
		(4, 'near-duplicate clusters', (SELECT pg_catalog.count(*) FROM c)),
		(5, 'rows in near-duplicate clusters', (SELECT coalesce(pg_catalog.sum(c.cluster_size), 0) FROM c)),
		(6, 'largest cluster', (SELECT coalesce(pg_catalog.max(c.cluster_size), 0) FROM c)),
		(7, 'most distinct sources in one cluster', (SELECT coalesce(pg_catalog.max(c.distinct_sources), 0) FROM c)),
		(8, 'provenance verified', (SELECT pg_catalog.count(*) FROM a WHERE a.provenance OPERATOR(pg_catalog.=) 'verified')),
		(9, 'provenance unsigned', (SELECT pg_catalog.count(*) FROM a WHERE a.provenance OPERATOR(pg_catalog.=) 'unsigned')),
		(10, 'provenance failed', (SELECT pg_catalog.count(*) FROM a
			WHERE a.provenance OPERATOR(pg_catalog.<>) 'verified' AND a.provenance OPERATOR(pg_catalog.<>) 'unsigned'))
	) AS m(ord, metric, value)
	ORDER BY m.ord
$fn$;
COMMENT ON FUNCTION @extschema@.antidote_audit_summary(text) IS 'headline figures of antidote_audit over the query';
