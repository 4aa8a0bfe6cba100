-- antidote 0.2.0 -> 0.3.0: GIN indexes of ssdeep and minhash store folded keys;
-- provenance_verify against explicit trusted keys.
\echo Use "ALTER EXTENSION antidote UPDATE TO '0.3.0'" to load this file. \quit

-- The key extractors fold keys into 2^bits values (operator class option
-- bits, default 24), so rows share posting lists and the indexes shrink.
CREATE OR REPLACE FUNCTION @extschema@.ssdeep_gin_extract_value(@extschema@.ssdeep, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gin_extract_value_folded' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gin_extract_value(@extschema@.ssdeep, internal) IS 'GIN support: keys of an indexed ssdeep signature, folded to the index''s bits';
CREATE OR REPLACE FUNCTION @extschema@.ssdeep_gin_extract_query(@extschema@.ssdeep, internal, int2, internal, internal, internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_ssdeep_gin_extract_query_folded' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.minhash_gin_extract_value(@extschema@.minhash, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_minhash_gin_extract_value_folded' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash_gin_extract_value(@extschema@.minhash, internal) IS 'GIN support: LSH band keys of an indexed minhash, folded to the index''s bits';
CREATE OR REPLACE FUNCTION @extschema@.minhash_gin_extract_query(@extschema@.minhash, internal, int2, internal, internal, internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'antidote_minhash_gin_extract_query_folded' LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ssdeep_gin_options(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'antidote_gin_options' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ssdeep_gin_options(internal) IS 'GIN support: operator class options of ssdeep_gin_ops (bits)';
CREATE FUNCTION @extschema@.minhash_gin_options(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'antidote_gin_options' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.minhash_gin_options(internal) IS 'GIN support: operator class options of minhash_gin_ops (bits)';
ALTER OPERATOR FAMILY @extschema@.ssdeep_gin_ops USING gin
	ADD FUNCTION 7 (@extschema@.ssdeep) @extschema@.ssdeep_gin_options(internal);
ALTER OPERATOR FAMILY @extschema@.minhash_gin_ops USING gin
	ADD FUNCTION 7 (@extschema@.minhash) @extschema@.minhash_gin_options(internal);

-- Indexes built under 0.2.0 hold unfolded keys: rebuild every one of them
-- (this runs as the updating role, which must own their tables).  Only
-- indexes with storage: a partitioned index has none (its partitions' indexes
-- are rebuilt one by one), and REINDEX of one cannot run inside the update's
-- transaction.
DO $$
DECLARE
	ix regclass;
BEGIN
	FOR ix IN
		SELECT DISTINCT i.indexrelid::regclass
		FROM pg_catalog.pg_index i
		JOIN pg_catalog.pg_class r ON r.oid = i.indexrelid AND r.relkind = 'i'
		JOIN pg_catalog.pg_opclass c ON c.oid = ANY (i.indclass::oid[])
		JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_opclass'::regclass
			AND d.objid = c.oid AND d.deptype = 'e'
		JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'antidote'
		WHERE c.opcname IN ('ssdeep_gin_ops', 'minhash_gin_ops')
	LOOP
		EXECUTE pg_catalog.format('REINDEX INDEX %s', ix);
	END LOOP;
END
$$;

-- provenance_verify against explicit trusted keys: pure, so postgres_fdw ships it.
CREATE FUNCTION @extschema@.provenance_verify(content text, envelope json, trusted_keys text[]) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_provenance_verify_text' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.provenance_verify(text, json, text[]) IS 'provenance status against the given trusted public keys instead of the registry (pure: can be pushed down)';
CREATE FUNCTION @extschema@.provenance_verify(content bytea, envelope json, trusted_keys text[]) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_provenance_verify_bytea' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.provenance_verify(bytea, json, text[]) IS 'provenance status of the bytes against the given trusted public keys';
