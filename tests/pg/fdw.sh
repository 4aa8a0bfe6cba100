#!/bin/sh
# Scale-out: a partitioned table whose partitions live on two other clusters via
# postgres_fdw with `extensions 'antidote'`.  Filters on antidote's IMMUTABLE
# functions must be shipped to the shards (EXPLAIN VERBOSE shows them in the
# Remote SQL) and the distributed answer must equal a local one.
set -eu
cd "$(dirname "$0")/../.."
. tests/pg/cluster.sh
trap cluster_cleanup EXIT INT TERM
exec 9>/tmp/antidote-pg-install.lock
flock 9
make -s install >/dev/null
cluster_start S1
cluster_start S2
cluster_start C

q() { # q HOST PORT SQL -> unaligned output
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U "$CLUSTER_USER" -d postgres -c "$3"
}

# Each shard holds its slice of the same rows.
for s in S1 S2; do
	eval "h=\$${s}_HOST p=\$${s}_PORT"
	lo=1; hi=1000; [ "$s" = S2 ] && { lo=1001; hi=2000; }
	q "$h" "$p" "CREATE EXTENSION antidote;
		CREATE TABLE docs (id int, body text);
		INSERT INTO docs SELECT g, 'item ' || (g % 50) || ' ' || repeat(md5((g % 50)::text), 8)
		FROM generate_series($lo, $hi) g;"
done

q "$C_HOST" "$C_PORT" "CREATE EXTENSION antidote; CREATE EXTENSION postgres_fdw;
	CREATE TABLE local_docs (id int, body text);
	INSERT INTO local_docs SELECT g, 'item ' || (g % 50) || ' ' || repeat(md5((g % 50)::text), 8)
	FROM generate_series(1, 2000) g;
	CREATE TABLE docs (id int, body text) PARTITION BY RANGE (id);"
for s in S1 S2; do
	eval "p=\$${s}_PORT"
	lo=1; hi=1001; [ "$s" = S2 ] && { lo=1001; hi=2001; }
	q "$C_HOST" "$C_PORT" "CREATE SERVER $s FOREIGN DATA WRAPPER postgres_fdw
			OPTIONS (host '127.0.0.1', port '$p', dbname 'postgres', extensions 'antidote');
		CREATE USER MAPPING FOR CURRENT_USER SERVER $s OPTIONS (user '$CLUSTER_USER');
		CREATE FOREIGN TABLE docs_$s PARTITION OF docs FOR VALUES FROM ($lo) TO ($hi)
			SERVER $s OPTIONS (table_name 'docs');"
done

pass=0
fail=0
# probe NAME PREDICATE: the predicate is shipped to both shards, and the answer is right.
probe() {
	plan=$(q "$C_HOST" "$C_PORT" "EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM docs WHERE $2")
	shipped=$(printf '%s\n' "$plan" | grep 'Remote SQL:' | grep -c "$1(" || true)
	got=$(q "$C_HOST" "$C_PORT" "SELECT count(*) || ':' || coalesce(sum(id), 0) FROM docs WHERE $2")
	want=$(q "$C_HOST" "$C_PORT" "SELECT count(*) || ':' || coalesce(sum(id), 0) FROM local_docs WHERE $2")
	if [ "$shipped" = 2 ] && [ "$got" = "$want" ]; then
		pass=$((pass + 1)); echo "ok   $1 pushed to both shards ($got)"
	else
		fail=$((fail + 1)); echo "FAIL $1: shipped to $shipped shard(s), answer $got, local $want"
		printf '%s\n' "$plan"
	fi
}
probe fuzzy_compare "fuzzy_compare(fuzzy_hash(body), '$(q "$C_HOST" "$C_PORT" "SELECT fuzzy_hash('item 7 ' || repeat(md5('7'), 8))")') >= 60"
probe text_normalize "text_normalize(body) LIKE 'item 7 %'"
probe content_sha256 "content_sha256(body) = content_sha256('item 7 ' || repeat(md5('7'), 8))"
echo "fdw: $pass passed, $fail failed"
[ "$fail" = 0 ]
