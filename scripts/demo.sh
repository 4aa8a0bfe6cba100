#!/bin/sh
# Run the demo in the sqlite3 shell with the freshly built extension.
set -e
cd "$(dirname "$0")/.."
so=${1:-build/antidote.so}
{ echo ".load ${so%.so}"; cat scripts/demo.sql; } | sqlite3 -batch :memory:
