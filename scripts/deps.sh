#!/bin/sh
# Install the Debian packages antidote needs to build, test and demo.
# Runs apt-get only when something is missing; needs root for that.
set -e
PKGS="gcc make libc6-dev libfuzzy-dev ssdeep libssl-dev openssl libicu-dev libxxhash-dev
      libjansson-dev zlib1g-dev libsqlite3-dev sqlite3 postgresql-15 postgresql-server-dev-15
      python3 valgrind clang libclang-rt-14-dev faketime tzdata python3-psycopg"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "antidote: missing Debian packages:$missing" >&2
	echo "antidote: run 'sudo make deps' (or sudo make test / sudo make demo)" >&2
	exit 1
fi
echo "antidote: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
