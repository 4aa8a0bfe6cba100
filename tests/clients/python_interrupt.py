#!/usr/bin/python3
"""A long near_duplicate_clusters or antidote_audit call stops promptly when the
client interrupts it: from a timer thread (sqlite3_interrupt) and from the
progress handler."""
import os
import sqlite3
import sys
import threading
import time

so = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/antidote.so")
LIMIT = 1.5  # seconds from the interrupt to the error
ROWS = ("WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 2000000) "
        "SELECT x, 'some text ' || x FROM g")
CALLS = {
    "near_duplicate_clusters": "SELECT count(*) FROM near_duplicate_clusters(?)",
    "antidote_audit": "SELECT count(*) FROM antidote_audit(?)",
    "antidote_audit_summary": "SELECT count(*) FROM antidote_audit_summary(?)",
}
failed = 0


def connect():
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.enable_load_extension(True)
    db.load_extension(so[:-3] if so.endswith(".so") else so)
    db.enable_load_extension(False)
    return db


def run(name, sql, how):
    """Run sql, stop it after 0.2 s by `how`; return seconds from the stop to the error."""
    global failed
    db = connect()
    stop_at = [None]
    t0 = time.monotonic()
    if how == "interrupt":
        def fire():
            stop_at[0] = time.monotonic()
            db.interrupt()
        timer = threading.Timer(0.2, fire)
        timer.start()
    else:
        def progress():
            if time.monotonic() - t0 < 0.2:
                return 0
            if stop_at[0] is None:
                stop_at[0] = time.monotonic()
            return 1
        db.set_progress_handler(progress, 1000)
    try:
        db.execute(sql, (ROWS,)).fetchone()
        print("FAIL %s (%s): not stopped" % (name, how))
        failed += 1
        return
    except sqlite3.OperationalError as e:
        end = time.monotonic()
        msg = str(e)
    finally:
        if how == "interrupt":
            timer.cancel()
    lag = end - (stop_at[0] or end)
    ok = "interrupt" in msg and lag < LIMIT
    print("%s %s (%s): stopped %.2f s after the request: %s" %
          ("ok  " if ok else "FAIL", name, how, lag, msg))
    failed += not ok
    db.close()


for name, sql in CALLS.items():
    for how in ("interrupt", "progress"):
        run(name, sql, how)
print("interrupt: %s" % ("all stopped promptly" if failed == 0 else "%d failed" % failed))
sys.exit(1 if failed else 0)
