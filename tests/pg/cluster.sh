# Throwaway PostgreSQL clusters for tests; source this file.
#
#   cluster_start VAR   initdb + start a cluster owned by an unprivileged user on a
#                       free loopback port; sets VAR_HOST, VAR_PORT, VAR_DATA
#   cluster_cleanup     stop and remove every cluster started here (set as EXIT trap)
#   install_locked      take the install lock (held until the script exits: every
#                       checkout on the machine installs into the same PostgreSQL
#                       directories) and install the extension
#
# PostgreSQL refuses to run as root, so as root the clusters belong to the
# system user antidote_test (created on first use).

PGBIN=$(pg_config --bindir)
CLUSTER_USER=$(id -un)
CLUSTER_DIRS=""

if [ "$(id -u)" = 0 ]; then
	CLUSTER_USER=antidote_test
	id "$CLUSTER_USER" >/dev/null 2>&1 ||
		useradd --system --no-create-home --shell /usr/sbin/nologin "$CLUSTER_USER"
fi

as_cluster_user() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$CLUSTER_USER" -- "$@"
	else
		"$@"
	fi
}

free_port() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

cluster_start() {
	_dir=$(mktemp -d /tmp/antidote-pg.XXXXXX)
	CLUSTER_DIRS="$CLUSTER_DIRS $_dir"
	chmod 755 "$_dir"
	[ "$(id -u)" = 0 ] && chown "$CLUSTER_USER" "$_dir"
	as_cluster_user "$PGBIN/initdb" -D "$_dir/data" -U "$CLUSTER_USER" --auth=trust \
		--encoding=UTF8 --no-locale >"$_dir/initdb.log" 2>&1 ||
		{ cat "$_dir/initdb.log" >&2; return 1; }
	_port=$(free_port)
	as_cluster_user "$PGBIN/pg_ctl" -D "$_dir/data" -l "$_dir/server.log" -w -t 60 \
		-o "-p $_port -k $_dir -c listen_addresses=127.0.0.1 ${CLUSTER_OPTS:-}" start >/dev/null 9>&- ||
		{ cat "$_dir/server.log" >&2; return 1; }
	eval "${1}_HOST=$_dir; ${1}_PORT=$_port; ${1}_DATA=$_dir/data; ${1}_LOG=$_dir/server.log"
}

cluster_cleanup() {
	for _d in $CLUSTER_DIRS; do
		[ -d "$_d/data" ] && as_cluster_user "$PGBIN/pg_ctl" -D "$_d/data" -m immediate stop >/dev/null 2>&1
		rm -rf "$_d"
	done
	CLUSTER_DIRS=""
}

install_locked() {
	exec 9>/tmp/antidote-pg-install.lock
	flock 9
	make -s install >/dev/null
}
