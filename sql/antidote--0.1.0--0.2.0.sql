-- antidote 0.1.0 -> 0.2.0: the objects added since 0.1.0, in the order of the master script.
\echo Use "ALTER EXTENSION antidote UPDATE TO '0.2.0'" to load this file. \quit

CREATE FUNCTION @extschema@.antidote_version() RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_version' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.antidote_version() IS 'version of the antidote library';


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
	quarantined_by name NOT NULL
);
CREATE INDEX ON antidote.quarantine (table_name);
COMMENT ON TABLE antidote.quarantine IS 'rows turned away by antidote.guard triggers (on_reject=quarantine), with their reasons';
REVOKE ALL ON antidote.quarantine FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('antidote.quarantine', '');

CREATE FUNCTION antidote.guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'antidote_guard' LANGUAGE C;
COMMENT ON FUNCTION antidote.guard() IS 'BEFORE INSERT OR UPDATE row trigger: antidote.guard(content_col, provenance_col, policy)';

CREATE FUNCTION antidote.guard_check(policy text) RETURNS text
	AS 'MODULE_PATHNAME', 'antidote_guard_check' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION antidote.guard_check(text) IS 'validates a guard policy and returns its canonical form';

CREATE FUNCTION antidote.release(quarantine_id bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'antidote_release' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION antidote.release(bigint) IS 'puts a reviewed quarantined row back into its table, past the guard';
REVOKE ALL ON FUNCTION antidote.release(bigint) FROM PUBLIC;

---------------------------------------------------------------------------
-- audits
---------------------------------------------------------------------------
-- The query's columns by position: id, content [, source [, provenance]].
CREATE FUNCTION antidote.audit_columns(query text) RETURNS text
LANGUAGE plpgsql VOLATILE STRICT SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	n integer;
BEGIN
	EXECUTE format('SELECT count(*) FROM json_object_keys((SELECT to_json(q) FROM (%s) q LIMIT 1))', query) INTO n;
	IF n = 0 THEN
		RETURN NULL;			-- no rows
	ELSIF n < 2 OR n > 4 THEN
		RAISE EXCEPTION 'antidote_audit: the query must yield (id, content [, source [, provenance]]), it yields % columns', n
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN array_to_string((ARRAY['id', 'content', 'source', 'provenance'])[1:n], ', ');
END
$fn$;
COMMENT ON FUNCTION antidote.audit_columns(text) IS 'column names for an audit query by position (internal)';

CREATE FUNCTION @extschema@.antidote_audit(query text,
	OUT id text, OUT suspicion double precision, OUT reasons jsonb,
	OUT cluster_id bigint, OUT cluster_size integer, OUT distinct_sources integer,
	OUT provenance text)
RETURNS SETOF record
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	cols text := antidote.audit_columns(query);
	rows text;
BEGIN
	IF cols IS NULL THEN
		RETURN;
	END IF;
	rows := format('(SELECT * FROM (%s) q(%s))', query, cols);
	RETURN QUERY EXECUTE format($q$
		WITH r AS (SELECT * FROM %1$s r0),
		c AS (SELECT * FROM @extschema@.near_duplicate_clusters(%2$L)),
		f AS (
			SELECT r.id::text AS id, r.content::text AS content,
				%3$s AS provenance,
				c.cluster_id, c.cluster_size, c.distinct_sources
			FROM r LEFT JOIN c ON c.id = r.id::text)
		SELECT f.id,
			@extschema@.suspicion_score(f.content, @extschema@.suspicion_settings()
				|| jsonb_strip_nulls(jsonb_build_object(
					'near_duplicates', f.cluster_size - 1,
					'distinct_sources', f.distinct_sources,
					'provenance', f.provenance))),
			(SELECT coalesce(jsonb_agg(s.value->>'reason' ORDER BY s.key), '[]'::jsonb)
			 FROM jsonb_each(@extschema@.suspicion_signals(f.content)) s
			 WHERE (s.value->>'fired')::boolean),
			f.cluster_id, f.cluster_size, f.distinct_sources, f.provenance
		FROM f$q$,
		rows,
		format('SELECT id::text, content::text%s FROM %s r0',
			CASE WHEN cols LIKE '%%source%%' THEN ', source::text' ELSE '' END, rows),
		CASE WHEN cols LIKE '%%provenance%%'
			THEN '@extschema@.provenance_verify(r.content::text, r.provenance::json)'
			ELSE 'NULL::text' END);
END
$fn$;
COMMENT ON FUNCTION @extschema@.antidote_audit(text) IS 'per row of (id, content [, source [, provenance]]): suspicion with its reasons, near-duplicate cluster, provenance status';

CREATE FUNCTION @extschema@.antidote_audit_summary(query text, OUT metric text, OUT value numeric)
RETURNS SETOF record
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp AS $fn$
	WITH a AS (SELECT * FROM @extschema@.antidote_audit(query)),
	c AS (SELECT DISTINCT cluster_id, cluster_size, distinct_sources FROM a WHERE cluster_id IS NOT NULL)
	SELECT m.metric, m.value FROM (VALUES
		(1, 'rows', (SELECT count(*) FROM a)::numeric),
		(2, 'suspicious rows (suspicion >= 0.5)', (SELECT count(*) FROM a WHERE suspicion >= 0.5)),
		(3, 'mean suspicion', (SELECT round(avg(suspicion)::numeric, 3) FROM a)),
		(4, 'near-duplicate clusters', (SELECT count(*) FROM c)),
		(5, 'rows in near-duplicate clusters', (SELECT coalesce(sum(cluster_size), 0) FROM c)),
		(6, 'largest cluster', (SELECT coalesce(max(cluster_size), 0) FROM c)),
		(7, 'most distinct sources in one cluster', (SELECT coalesce(max(distinct_sources), 0) FROM c)),
		(8, 'provenance verified', (SELECT count(*) FROM a WHERE provenance = 'verified')),
		(9, 'provenance unsigned', (SELECT count(*) FROM a WHERE provenance = 'unsigned')),
		(10, 'provenance failed', (SELECT count(*) FROM a WHERE provenance NOT IN ('verified', 'unsigned')))
	) AS m(ord, metric, value)
	ORDER BY m.ord
$fn$;
COMMENT ON FUNCTION @extschema@.antidote_audit_summary(text) IS 'headline figures of antidote_audit over the query';
