-- antidote 0.3.0 -> 0.4.0
\echo Use "ALTER EXTENSION antidote UPDATE TO '0.4.0'" to load this file. \quit

-- near_duplicate_clusters: star clusters, a representative row per cluster (new last column)
DROP FUNCTION @extschema@.near_duplicate_clusters(text);
CREATE FUNCTION @extschema@.near_duplicate_clusters(query text,
	OUT id text, OUT cluster_id bigint, OUT cluster_size integer,
	OUT distinct_sources integer, OUT method text, OUT representative text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'antidote_near_duplicate_clusters' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.near_duplicate_clusters(text) IS 'clusters of near-duplicate rows among (id, content [, source]) from the query, by equal normalized text, ssdeep or MinHash; every member is near its representative row';
