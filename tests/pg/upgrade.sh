#!/bin/sh
# Upgrade path: install the first released version (0.1.0), ALTER EXTENSION
# antidote UPDATE, and compare every catalog object with a fresh install.
set -eu
cd "$(dirname "$0")/../.."
. tests/pg/cluster.sh
trap cluster_cleanup EXIT INT TERM
install_locked
cluster_start U
q() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$U_HOST" -p "$U_PORT" -U "$CLUSTER_USER" -d "$1" -c "$2"; }
q postgres "CREATE DATABASE upgraded"
q postgres "CREATE DATABASE fresh"
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
			WHEN 'pg_operator'::regclass THEN (SELECT o.oprcode::text || o.oprrest || o.oprjoin || o.oprcom::regoperator::text || o.oprnegate::regoperator::text FROM pg_operator o WHERE o.oid = m.objid)
			ELSE '' END
	FROM m ORDER BY 1"
}
catalog upgraded >build/upgrade_upgraded.txt
catalog fresh >build/upgrade_fresh.txt
n=$(wc -l <build/upgrade_fresh.txt)
if diff -u build/upgrade_fresh.txt build/upgrade_upgraded.txt; then
	echo "upgrade: $first -> $(q upgraded "SELECT extversion FROM pg_extension WHERE extname = 'antidote'") gives the same $n objects as a fresh install"
	echo "upgrade: 1 passed, 0 failed"
else
	echo "upgrade: 0 passed, 1 failed"
	exit 1
fi
