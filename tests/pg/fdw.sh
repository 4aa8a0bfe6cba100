#!/bin/sh
# Scale-out: a partitioned table whose partitions live on two other clusters via
# postgres_fdw with `extensions 'antidote'`.  Filters on antidote's IMMUTABLE
# functions must be shipped to the shards (EXPLAIN VERBOSE shows them in the
# Remote SQL) and the distributed answer must equal a local one.
set -eu
cd "$(dirname "$0")/../.."
. tests/pg/cluster.sh
trap cluster_cleanup EXIT INT TERM
install_locked
cluster_start S1
cluster_start S2
cluster_start C

q() { # q HOST PORT SQL -> unaligned output
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U "$CLUSTER_USER" -d postgres -c "$3"
}

# A real DSSE envelope (upstream vector "single-signature", key A) on every 100th row.
env=$(/usr/bin/python3 -c 'import json; d = json.load(open("tests/data/dsse-testvectors.json")); print(json.dumps(d["vectors"][0]["envelope"]))')
pub_a=$(/usr/bin/python3 -c 'import json; print(json.load(open("tests/data/dsse-testvectors.json"))["keys"]["A"]["public"])')
rows="SELECT g, 'item ' || (g % 50) || ' ' || repeat(md5((g % 50)::text), 8),
	CASE WHEN g % 100 = 0 THEN '$env'::json END, '$pub_a'"

# Each shard holds its slice of the same rows.
for s in S1 S2; do
	eval "h=\$${s}_HOST p=\$${s}_PORT"
	lo=1; hi=1000; [ "$s" = S2 ] && { lo=1001; hi=2000; }
	q "$h" "$p" "CREATE EXTENSION antidote;
		CREATE TABLE docs (id int, body text, prov json, signer text);
		INSERT INTO docs $rows FROM generate_series($lo, $hi) g;"
done

q "$C_HOST" "$C_PORT" "CREATE EXTENSION antidote; CREATE EXTENSION postgres_fdw;
	CREATE TABLE local_docs (id int, body text, prov json, signer text);
	INSERT INTO local_docs $rows FROM generate_series(1, 2000) g;
	CREATE TABLE docs (id int, body text, prov json, signer text) PARTITION BY RANGE (id);"
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
probe suspicion_score "suspicion_score(body) < 0.5"
probe suspicion_signals "suspicion_signals(body) @> '{\"injection\": {\"fired\": false}}'"
# The key comes from the row: postgres_fdw ships a function whose collatable
# (text) inputs derive from the foreign table; with only a constant text key and
# a json column it keeps the filter local (its collation rule, not antidote's).
probe dsse_verify "dsse_verify(prov, signer)"
probe provenance_statement "provenance_statement(body, 'crawler', '2024-05-01T00:00:00Z') IS NOT NULL"
probe minhash_similarity "minhash_similarity(minhash(body), minhash('item 7 ' || repeat(md5('7'), 8))) > 0.5"

# provenance_verify with explicit trusted keys is pure (IMMUTABLE): shipped.
probe provenance_verify "provenance_verify(body, prov, ARRAY[signer]) = 'unsigned'"

# provenance_verify against the registry reads the local trusted-key registry (STABLE):
# postgres_fdw does not ship it; it runs on the coordinator, against the coordinator's registry.
plan=$(q "$C_HOST" "$C_PORT" "EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM docs WHERE provenance_verify(body, prov) = 'unsigned'")
got=$(q "$C_HOST" "$C_PORT" "SELECT count(*) FROM docs WHERE provenance_verify(body, prov) = 'unsigned'")
if ! printf '%s\n' "$plan" | grep 'Remote SQL:' | grep -q provenance_verify &&
	printf '%s\n' "$plan" | grep -q 'Filter: (provenance_verify' && [ "$got" = 1980 ]; then
	pass=$((pass + 1)); echo "ok   provenance_verify evaluated on the coordinator ($got unsigned)"
else
	fail=$((fail + 1)); echo "FAIL provenance_verify: $got"; printf '%s\n' "$plan"
fi
echo "fdw: $pass passed, $fail failed"
[ "$fail" = 0 ]
