-- antidote 0.3.0 -> 0.4.0
\echo Use "ALTER EXTENSION antidote UPDATE TO '0.4.0'" to load this file. \quit

-- audits: the query is read once (antidote.audit_input), its columns are checked,
-- errors name the function called
DROP FUNCTION antidote.audit_rows(text, text);
DROP FUNCTION antidote.audit_columns(text, text);
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

CREATE OR REPLACE FUNCTION @extschema@.antidote_audit(query text,
	OUT id text, OUT suspicion double precision, OUT reasons jsonb,
	OUT cluster_id bigint, OUT cluster_size integer, OUT distinct_sources integer,
	OUT provenance text)
RETURNS SETOF record
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE AS $fn$
	SELECT * FROM antidote.audit_rows(query, 'antidote_audit')
$fn$;
COMMENT ON FUNCTION @extschema@.antidote_audit(text) IS 'per row of (id, content [, source [, provenance]]): suspicion with its reasons, near-duplicate cluster, provenance status';

CREATE OR REPLACE FUNCTION @extschema@.antidote_audit_summary(query text, OUT metric text, OUT value numeric)
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

-- keys: a private key never becomes a SQL value; signing_keygen(name) writes it to the keyring
DROP FUNCTION @extschema@.signing_keygen();
CREATE FUNCTION @extschema@.signing_keygen(OUT public_key text, OUT key_id text)
	AS 'MODULE_PATHNAME', 'antidote_signing_keygen' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.signing_keygen() IS 'an error: PostgreSQL never returns a private key as a SQL value; call signing_keygen(name)';

CREATE FUNCTION @extschema@.signing_keygen(name text, OUT public_key text, OUT key_id text)
	AS 'MODULE_PATHNAME', 'antidote_signing_keygen_file' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.signing_keygen(text) IS 'a new Ed25519 key pair: the private key goes to a new chmod-600 file name in antidote.keyring_dir, the public key PEM and key id are returned';
REVOKE ALL ON FUNCTION @extschema@.signing_keygen(text) FROM PUBLIC;
-- near_duplicate_clusters: star clusters, a representative row per cluster (new last column)
DROP FUNCTION @extschema@.near_duplicate_clusters(text);
CREATE FUNCTION @extschema@.near_duplicate_clusters(query text,
	OUT id text, OUT cluster_id bigint, OUT cluster_size integer,
	OUT distinct_sources integer, OUT method text, OUT representative text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'antidote_near_duplicate_clusters' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.near_duplicate_clusters(text) IS 'clusters of near-duplicate rows among (id, content [, source]) from the query, by equal normalized text, ssdeep, MinHash or shared rare tokens; every member is near its representative row';

-- max_sources, quarantine verdicts, sweep
ALTER TABLE antidote.quarantine ADD COLUMN verdict jsonb;
-- a quarantined UPDATE keeps the row it would have replaced; release applies it there
ALTER TABLE antidote.quarantine ADD COLUMN old_row jsonb;
COMMENT ON FUNCTION antidote.guard() IS 'BEFORE INSERT OR UPDATE row trigger: antidote.guard(content_col, provenance_col, policy [, source_col])';
CREATE FUNCTION antidote.sweep(table_name regclass, policy text) RETURNS bigint
	AS 'MODULE_PATHNAME', 'antidote_sweep' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION antidote.sweep(regclass, text) IS 'moves every stored row of a near-duplicate flood that breaks the policy''s max_near_duplicates / max_sources into antidote.quarantine; returns the count';
REVOKE ALL ON FUNCTION antidote.sweep(regclass, text) FROM PUBLIC;

-- near_duplicate_pairs: the verified pairs of near_duplicate_clusters, with both scores
-- Runs caller SQL (read-only), reads settings: VOLATILE, not parallel safe.
CREATE FUNCTION @extschema@.near_duplicate_pairs(query text,
	OUT id_a text, OUT id_b text, OUT ssdeep_score integer,
	OUT minhash_similarity double precision, OUT method text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'antidote_near_duplicate_pairs' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.near_duplicate_pairs(text) IS 'pairs of near-duplicate rows among (id, content [, source]) from the query, found as near_duplicate_clusters finds them, each once with both scores';

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
