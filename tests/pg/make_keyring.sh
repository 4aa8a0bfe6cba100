#!/bin/sh
# Make the keyring directory DIR for the provenance tests, owned by the owner of
# CLUSTER_DIR (the server user): good, group-readable, wrong-type, malformed and
# symlinked key files.
set -e
dir=$1
user=$(stat -c %U "$2")
keys=tests/data/keys
rm -rf "$dir"
install -d -m 700 -o "$user" "$dir"
install -m 600 -o "$user" "$keys/rfc8032-a.key" "$dir/signer-a"
install -m 600 -o "$user" "$keys/rfc8032-b.key" "$dir/signer-b"
install -m 640 -o "$user" "$keys/rfc8032-a.key" "$dir/group-readable"
install -m 600 -o "$user" "$keys/rsa.key" "$dir/rsa"
printf 'not a key\n' >"$dir/junk"
chown "$user" "$dir/junk"
chmod 600 "$dir/junk"
ln -s "$dir/signer-a" "$dir/link-to-a"
