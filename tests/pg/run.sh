#!/bin/sh
# PostgreSQL regression suite: install the extension, run pg_regress against a
# throwaway cluster, remove the cluster.  Serialized by a lock so that two
# checkouts on one machine do not install over each other mid-run.
set -e
cd "$(dirname "$0")/../.."
. tests/pg/cluster.sh
trap cluster_cleanup EXIT INT TERM

install_locked
cluster_start PG
mkdir -p build/pg_regress
if ! make -s installcheck PGHOST="$PG_HOST" PGPORT="$PG_PORT" PGUSER="$CLUSTER_USER"; then
	cat build/pg_regress/regression.diffs 2>/dev/null | head -200
	exit 1
fi
