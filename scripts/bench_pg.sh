# Source from a benchmark: install the extension and start a throwaway cluster
# (variables B_HOST, B_PORT; PGHOST/PGPORT/PGUSER exported), holding the
# install lock until the benchmark exits.
. tests/pg/cluster.sh
trap cluster_cleanup EXIT INT TERM
install_locked
cluster_start B
export PGHOST=$B_HOST PGPORT=$B_PORT PGUSER=$CLUSTER_USER PGDATABASE=postgres
mkdir -p build/bench
chmod 755 build build/bench
