#!/bin/sh
# Upgrade paths: install each released version (0.1.0, 0.2.0, 0.3.0), ALTER EXTENSION
# antidote UPDATE, and compare every catalog object with a fresh install.
# GIN indexes built under 0.2.0 (unfolded keys) are rebuilt by the update and
# must answer % as a sequential scan does afterwards (ssdeep exactly; MinHash,
# an LSH filter, within the scan's answer and without losing a match).
set -eu
cd "$(dirname "$0")/../.."
. tests/pg/cluster.sh
trap cluster_cleanup EXIT INT TERM
install_locked
cluster_start U
q() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$U_HOST" -p "$U_PORT" -U "$CLUSTER_USER" -d "$1" -c "$2"; }
q postgres "CREATE DATABASE upgraded"
q postgres "CREATE DATABASE fresh"
q postgres "CREATE DATABASE from030"
q upgraded "CREATE EXTENSION antidote VERSION '0.1.0'"
first=$(q upgraded "SELECT extversion FROM pg_extension WHERE extname = 'antidote'")
q upgraded "ALTER EXTENSION antidote UPDATE"
q fresh "CREATE EXTENSION antidote"

# Every member object with its definition, comment and ACL, in a stable order.
catalog() {
	q "$1" "
	WITH m AS (
		SELECT d.classid, d.objid, d.objsubid FROM pg_depend d
		JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'antidote'
		WHERE d.deptype = 'e')
	SELECT pg_describe_object(m.classid, m.objid, m.objsubid)
		|| ' | ' || coalesce(obj_description(m.objid, (SELECT relname FROM pg_class WHERE oid = m.classid)), '')
		|| ' | ' || CASE m.classid
			WHEN 'pg_proc'::regclass THEN (SELECT pg_get_functiondef(p.oid) || p.provolatile::text || p.proparallel::text || p.proisstrict::text || coalesce(p.proacl::text, '')
				FROM pg_proc p WHERE p.oid = m.objid AND p.prokind <> 'a')
			WHEN 'pg_class'::regclass THEN (SELECT c.relkind::text || coalesce(c.relacl::text, '') || coalesce((
				SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || a.attnotnull::text
					|| a.attidentity::text || coalesce(pg_get_expr(ad.adbin, ad.adrelid), ''), ', ' ORDER BY a.attnum)
				FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
				WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
				FROM pg_class c WHERE c.oid = m.objid)
			WHEN 'pg_type'::regclass THEN (SELECT t.typinput::text || t.typoutput || t.typreceive || t.typsend || t.typstorage::text || t.typcategory::text FROM pg_type t WHERE t.oid = m.objid)
			WHEN 'pg_opfamily'::regclass THEN (SELECT coalesce(string_agg(p.amprocnum || ' ' || p.amproc::regprocedure::text, ', ' ORDER BY p.amprocnum), '')
				FROM pg_amproc p WHERE p.amprocfamily = m.objid)
			WHEN 'pg_operator'::regclass THEN (SELECT o.oprcode::text || o.oprrest || o.oprjoin || o.oprcom::regoperator::text || o.oprnegate::regoperator::text FROM pg_operator o WHERE o.oid = m.objid)
			ELSE '' END
	FROM m ORDER BY 1"
}
fail=0
passed=0
compare() {
	catalog "$1" >"build/upgrade_$1.txt"
	n=$(wc -l <build/upgrade_fresh.txt)
	if diff -u build/upgrade_fresh.txt "build/upgrade_$1.txt"; then
		echo "upgrade: $2 -> $(q "$1" "SELECT extversion FROM pg_extension WHERE extname = 'antidote'") gives the same $n objects as a fresh install"
		passed=$((passed + 1))
	else
		fail=$((fail + 1))
	fi
}
catalog fresh >build/upgrade_fresh.txt
compare upgraded "$first"
q from030 "CREATE EXTENSION antidote VERSION '0.3.0'"
q from030 "ALTER EXTENSION antidote UPDATE"
compare from030 0.3.0

# 0.2.0 with GIN indexes of the old key format: the update rebuilds them.
q postgres "CREATE DATABASE indexed"
q indexed "CREATE EXTENSION antidote VERSION '0.2.0'"
q indexed "CREATE TABLE docs AS
	SELECT g AS id, fuzzy_hash(t) AS h, minhash(t::text) AS m
	FROM generate_series(1, 3000) g,
	LATERAL (SELECT string_agg(CASE WHEN random() < 0.05 THEN md5(random()::text) ELSE 'w' || ((g / 30) * 131 + k) % 997 END, ' ') AS t
	         FROM generate_series(1, 160) k) x"
q indexed "CREATE INDEX docs_h ON docs USING gin (h); CREATE INDEX docs_m ON docs USING gin (m)"
# A partitioned table's index: only its partitions' indexes have storage.
q indexed "CREATE TABLE parts (id int, h ssdeep) PARTITION BY RANGE (id);
	CREATE TABLE parts_1 PARTITION OF parts FOR VALUES FROM (0) TO (1500);
	CREATE TABLE parts_2 PARTITION OF parts FOR VALUES FROM (1500) TO (3001);
	INSERT INTO parts SELECT id, h FROM docs;
	CREATE INDEX parts_h ON parts USING gin (h)"
q indexed "CREATE TABLE answers AS
	SELECT p.id AS probe, 'h' AS col, (SELECT array_agg(d.id ORDER BY d.id) FROM docs d WHERE fuzzy_compare(d.h, p.h) >= 60) AS want
	FROM docs p WHERE p.id % 97 = 0
	UNION ALL
	SELECT p.id, 'm', (SELECT array_agg(d.id ORDER BY d.id) FROM docs d WHERE minhash_similarity(d.m, p.m) >= 0.5)
	FROM docs p WHERE p.id % 97 = 0"
# The indexed answer to probe id $1 on column $2 (h: ssdeep %, m: minhash %).
indexed_answer() {
	echo "(SELECT array_agg(d.id ORDER BY d.id) FROM docs d WHERE d.$2 % (SELECT $2 FROM docs WHERE id = $1))"
}
# ssdeep: probes whose indexed answer differs from the scan's (the filter is exact).
# MinHash (LSH finds a pair with a probability): probes whose indexed answer is
# not within the scan's, or misses a row the index found in the step before.
mismatches() {
	q indexed "SET enable_seqscan = off;
	SELECT count(*) FILTER (WHERE a.col = 'h' AND a.want IS DISTINCT FROM $(indexed_answer a.probe h))
	     + count(*) FILTER (WHERE a.col = 'm' AND NOT (a.want @> $(indexed_answer a.probe m)
	                                               AND $(indexed_answer a.probe m) @> a.found))
	FROM answers a"
}
q indexed "ALTER TABLE answers ADD found int[] DEFAULT '{}'"
# Until the update, a 0.2.0 catalog keeps reading its indexes in the old format.
before=$(mismatches)
q indexed "SET enable_seqscan = off; UPDATE answers a SET found = $(indexed_answer a.probe m) WHERE col = 'm'"
files() { q indexed "SELECT string_agg(pg_relation_filenode(c)::text, ' ' ORDER BY c) FROM unnest('{docs_h,docs_m,parts_1_h_idx,parts_2_h_idx}'::regclass[]) c"; }
old_files=$(files)
q indexed "ALTER EXTENSION antidote UPDATE"
compare indexed 0.2.0
# REINDEX gives an index new files.
new_files=$(files)
rebuilt=0
for f in $old_files; do
	case " $new_files " in *" $f "*) ;; *) rebuilt=$((rebuilt + 1)) ;; esac
done
mismatch=$(mismatches)
uses_index=$(q indexed "SET enable_seqscan = off; EXPLAIN SELECT $(indexed_answer 1 h), $(indexed_answer 1 m)" |
	grep -c "Bitmap Index Scan on docs_[hm]" || true)
probes=$(q indexed "SELECT count(*) FROM answers")
parts_wrong=$(q indexed "SET enable_seqscan = off;
	SELECT count(*) FROM answers a WHERE a.col = 'h' AND a.want IS DISTINCT FROM
		(SELECT array_agg(p.id ORDER BY p.id) FROM parts p WHERE p.h % (SELECT h FROM docs WHERE id = a.probe))")
if [ "$rebuilt" = 4 ] && [ "$before" = 0 ] && [ "$parts_wrong" = 0 ] && [ "$mismatch" = 0 ] && [ "$uses_index" = 2 ]; then
	echo "upgrade: 0.2.0 indexes answer $probes probes as a scan does (ssdeep exactly, MinHash within it) before the update and, rebuilt ($rebuilt, two of them partitions of a partitioned index), after it, losing no MinHash match"
	passed=$((passed + 1))
else
	echo "upgrade: rebuilt $rebuilt of 4 indexes; of $probes probes $before were wrong before the update, $mismatch after ($parts_wrong on the partitioned table); index used: $uses_index" >&2
	fail=$((fail + 1))
fi
echo "upgrade: $passed passed, $fail failed"
[ "$fail" = 0 ]
