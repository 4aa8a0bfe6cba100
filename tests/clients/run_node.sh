#!/bin/sh
# Node's better-sqlite3 (version 12) loads the extension; needs Node.js 20 or later.
set -e
cd "$(dirname "$0")/node"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
	echo "node client: skipped (better-sqlite3 12 needs Node.js >= 20, found ${major:-none})"
	exit 0
fi
[ -d node_modules/better-sqlite3/build/Release ] && [ -d node_modules/pg ] ||
	npm install --no-audit --no-fund --loglevel=error >/dev/null
ANTIDOTE_SO="$(cd ../../.. && pwd)/${1:-build/antidote.so}" node --test
# The README's Node example for SQLite prints what the Python one does.
cd ../../..
NODE_PATH=tests/clients/node/node_modules node examples/jobs_sqlite.js "${1:-build/antidote.so}" >build/jobs_sqlite_node.out
diff -u tests/clients/jobs.expected build/jobs_sqlite_node.out
echo "node example (SQLite): output as expected"
