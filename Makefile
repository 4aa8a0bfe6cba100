# antidote: one C core (common/), a PostgreSQL extension and a SQLite extension.
#
#   make            build both extensions
#   make install    install the PostgreSQL extension (honours DESTDIR)
#   make test       unit tests, SQLite suite, PostgreSQL suite (throwaway cluster),
#                   key-leak and openssl interoperability checks
#   make demo       the near-duplicate demo over the bundled sample, in sqlite3
#   make bench      throughput figures
#
# `sudo make test` and `sudo make demo` first install the Debian packages they need.

EXTENSION  = antidote
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" antidote.control)

CORE_SRCS   = $(sort $(wildcard common/*.c))
PG_SRCS     = $(sort $(wildcard pg_extension/*.c))
SQLITE_SRCS = $(sort $(wildcard sqlite_extension/*.c))
CORE_HDRS   = $(wildcard common/*.h)
CORE_LIBS   = -lfuzzy -lcrypto -licui18n -licuuc -ljansson -lz -lxxhash -lpthread -lm
WARN        = -Wall -Wextra -Werror

# The phrase lists (data/phrases/*.txt) are compiled into a generated header.
PHRASE_LISTS = $(sort $(wildcard data/phrases/*.txt))
PHRASE_HDR   = build/gen/ad_phrase_data.h

# ---- PostgreSQL (PGXS) ----
MODULE_big  = antidote
OBJS        = $(PG_SRCS:.c=.o) $(CORE_SRCS:.c=.o)
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*.sql))
PG_CPPFLAGS = -Icommon -Ibuild/gen
PG_CFLAGS   = $(WARN) -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare
SHLIB_LINK  = $(CORE_LIBS)
REGRESS     = $(patsubst tests/pg/sql/%.sql,%,$(sort $(wildcard tests/pg/sql/*.sql)))
REGRESS_OPTS = --inputdir=tests/pg --outputdir=build/pg_regress --load-extension=$(EXTENSION)
EXTRA_CLEAN = build sql/$(EXTENSION)--$(EXTVERSION).sql

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
else
# No PostgreSQL headers yet: only `make deps` (and the SQLite parts) can run.
all:
install installcheck:
	@echo "pg_config not found: run 'sudo make deps' first" >&2; exit 1
endif

$(OBJS): $(CORE_HDRS) pg_extension/antidote_pg.h $(PHRASE_HDR)
# the LLVM bitcode PGXS builds beside each object reads the same headers
$(OBJS:.o=.bc): $(CORE_HDRS) pg_extension/antidote_pg.h $(PHRASE_HDR)

$(PHRASE_HDR): $(PHRASE_LISTS) scripts/gen_phrases.sh
	scripts/gen_phrases.sh $@ $(PHRASE_LISTS)

sql/$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION).sql antidote.control
	cp $< $@

# ---- SQLite loadable extension and core unit tests ----
# OUT selects a build variant: build (default), build/asan (sanitizers).
OUT         ?= build
SQLITE_SO    = $(OUT)/antidote.so
CORE_OBJS    = $(patsubst %.c,$(OUT)/obj/%.o,$(CORE_SRCS))
SQLITE_OBJS  = $(CORE_OBJS) $(patsubst %.c,$(OUT)/obj/%.o,$(SQLITE_SRCS))
BUILD_CFLAGS = -std=c11 -D_GNU_SOURCE -O2 -g -fPIC $(WARN) -Icommon -Ibuild/gen
UNIT_SRCS    = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN     = $(OUT)/test_core
SANITIZE     = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

all: $(SQLITE_SO)

$(OUT)/obj/%.o: %.c $(CORE_HDRS) sqlite_extension/antidote_sqlite.h $(PHRASE_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(BUILD_CFLAGS) $(EXTRA_CFLAGS) -c $< -o $@

# -z nodelete: ICU and OpenSSL keep caches for the life of the process, so the
# extension (and they) stay mapped after sqlite3_close.
$(SQLITE_SO): $(SQLITE_OBJS)
	$(CC) -shared -Wl,-z,nodelete -o $@ $^ $(EXTRA_LDFLAGS) $(CORE_LIBS)

$(UNIT_BIN): $(UNIT_SRCS) tests/unit/unit.h $(CORE_OBJS)
	$(CC) $(BUILD_CFLAGS) $(EXTRA_CFLAGS) -Itests/unit -o $@ $(UNIT_SRCS) \
		$(CORE_OBJS) $(EXTRA_LDFLAGS) $(CORE_LIBS)

.PHONY: deps test test-clock test-readme test-packaging test-unit test-ssdeep test-sqlite test-pg test-clients test-asan test-valgrind test-fuzz test-fdw test-upgrade fuzz demo bench test-security test-eval eval test-concurrency

deps:
	@scripts/deps.sh

test: deps
	$(MAKE) test-ssdeep test-packaging test-unit test-sqlite test-eval test-clients test-asan test-valgrind test-fuzz test-pg test-readme test-fdw test-upgrade test-security test-concurrency test-clock

# No expected output may depend on the wall clock, the time zone or the locale: the
# suites run again 400 days ahead (libfaketime) at UTC+14, and in a zone at UTC-10 with
# daylight saving time, each under another locale. Built first, with the real clock.
CLOCK_SUITES = test-unit test-sqlite test-pg test-readme
test-clock: all $(UNIT_BIN)
	TZ=Pacific/Kiritimati LC_ALL=C.UTF-8 DONT_FAKE_MONOTONIC=1 faketime -f '+400d' \
		$(MAKE) -s $(CLOCK_SUITES)
	TZ=America/Adak LC_ALL=C DONT_FAKE_MONOTONIC=1 faketime -f '-400d' \
		$(MAKE) -s $(CLOCK_SUITES)
	@echo "test-clock: the suites pass 400 days ahead at UTC+14 and 400 days back at UTC-10"

# The stored known answers are the ssdeep tool's own output on the stored files.
test-ssdeep:
	cd tests/data/ssdeep && ssdeep -b * | diff -u ../ssdeep.expected -
	@echo "ssdeep known answers match the ssdeep tool"

test-packaging: all
	tests/packaging.sh

test-unit: $(UNIT_BIN)
	$(UNIT_BIN) tests/data

test-sqlite: $(SQLITE_SO)
	tests/sqlite/run.sh $(SQLITE_SO)

# Real clients load the SQLite extension: Python's sqlite3 module, Node's better-sqlite3;
# a client's interrupt and progress handler stop long clustering and audit calls;
# the README's examples (examples/jobs_*) from Python and Node, in both engines.
test-clients: $(SQLITE_SO)
	/usr/bin/python3 tests/clients/python_sqlite.py $(SQLITE_SO)
	/usr/bin/python3 tests/clients/python_interrupt.py $(SQLITE_SO)
	tests/clients/run_node.sh $(SQLITE_SO)
	tests/clients/run_examples.sh $(SQLITE_SO)

# Core unit tests and the SQLite suite again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer (the sqlite3 shell gets the ASan runtime preloaded).
test-asan:
	$(MAKE) -s OUT=build/asan EXTRA_CFLAGS="$(SANITIZE)" EXTRA_LDFLAGS="$(SANITIZE)" \
		build/asan/antidote.so build/asan/test_core
	ASAN_OPTIONS=detect_leaks=1 build/asan/test_core tests/data
	LD_PRELOAD=$$($(CC) -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0 \
		tests/sqlite/run.sh build/asan/antidote.so

# The same under valgrind: no invalid access, no definite leak.
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
test-valgrind: $(UNIT_BIN) $(SQLITE_SO)
	$(VALGRIND) $(UNIT_BIN) tests/data
	SQLITE3="$(VALGRIND) sqlite3" tests/sqlite/run.sh $(SQLITE_SO)

# libFuzzer harnesses (tests/fuzz/fuzz_*.c) over the core, with ASan and UBSan.
# `make fuzz` runs each for FUZZ_SECONDS; `make test` runs a short smoke of each.
FUZZ_SRCS    = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRCS))
FUZZ_CC      = clang
FUZZ_SECONDS ?= 60
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(CORE_SRCS) $(CORE_HDRS) $(PHRASE_HDR)
	@mkdir -p build/fuzz
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(WARN) \
		-Icommon -Ibuild/gen -o $@ $< $(CORE_SRCS) $(CORE_LIBS)

fuzz: deps $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do \
		n=$$(basename $$f | sed 's/^fuzz_//'); mkdir -p build/fuzz/corpus/$$n; \
		echo "== $$n ($(FUZZ_SECONDS) s)"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -timeout=10 -rss_limit_mb=4096 -artifact_prefix=build/fuzz/$$n- \
			build/fuzz/corpus/$$n tests/fuzz/corpus/$$n 2>build/fuzz/$$n.log || \
			{ tail -50 build/fuzz/$$n.log; exit 1; }; \
		grep -E 'stat::number_of_executed_units|stat::new_units_added' build/fuzz/$$n.log; \
	done

test-fuzz:
	$(MAKE) -s fuzz FUZZ_SECONDS=$(or $(FUZZ_SMOKE_SECONDS),5)

# Suspicion signals on the labeled corpus in tests/eval: prints the figures, checks the floors.
test-eval: $(SQLITE_SO)
	/usr/bin/python3 tests/eval/eval_suspicion.py $(SQLITE_SO:.so=)
	/usr/bin/python3 tests/eval/eval_real.py $(SQLITE_SO:.so=)

# The real-text evaluation on a larger corpus rebuilt from this machine's text (build/eval/).
eval: $(SQLITE_SO)
	@mkdir -p build/eval
	/usr/bin/python3 tests/eval/build_corpus.py build/eval/real.tsv 3000
	EVAL_CORPUS=build/eval/real.tsv /usr/bin/python3 tests/eval/eval_real.py $(SQLITE_SO:.so=) --no-check
	/usr/bin/python3 tests/eval/injection_fpr.py $(SQLITE_SO:.so=)

test-pg: all
	tests/pg/run.sh

# The README's marked psql and sqlite3 examples run as written; their output is checked.
test-readme: all
	tests/readme/run.sh

# 0.1.0 + ALTER EXTENSION UPDATE gives the same catalog objects as a fresh install.
test-upgrade: all
	tests/pg/upgrade.sh

# 8 concurrent writers through a quarantine guard: counts balance, no error.
# Two sessions releasing one quarantined row: one releases it, the other gets false.
test-concurrency: all
	tests/pg/guard_concurrency.sh
	tests/pg/release_concurrency.sh

# postgres_fdw scale-out: shards on two more throwaway clusters.
test-fdw: all
	tests/pg/fdw.sh

# Signing leaves no key material in a fully logged server; openssl interoperability.
test-security: all
	tests/sqlite/interop.sh $(SQLITE_SO)
	tests/pg/security.sh

demo: deps all
	scripts/demo.sh $(SQLITE_SO)

bench: deps all
	BENCH_QUICK=$(BENCH_QUICK) scripts/bench.sh

# The core's suspicion_score beside its fuzzy_hash, without SQL (scripts/bench_suspicion.sh).
build/bench/suspicion_speed: tests/bench/suspicion_speed.c $(CORE_OBJS)
	@mkdir -p build/bench
	$(CC) $(BUILD_CFLAGS) -o $@ $< $(CORE_OBJS) $(CORE_LIBS)
