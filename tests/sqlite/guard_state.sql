-- the guard's per-connection state survives a host replacing antidote_release (a use after
-- free before): a Python client loads the same build of the extension as this shell
.system /usr/bin/python3 tests/sqlite/guard_state.py "$(grep -o '/[^ ]*antidote\.so$' /proc/$PPID/maps | head -1)"
