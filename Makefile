# antidote: one C core (common/), a PostgreSQL extension and a SQLite extension.
#
#   make            build both extensions
#   make install    install the PostgreSQL extension (honours DESTDIR)
#   make test       unit tests, SQLite suite, PostgreSQL suite (throwaway cluster)
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
CORE_LIBS   = -lfuzzy -lcrypto -licuuc -lxxhash -lpthread
WARN        = -Wall -Wextra -Werror

# ---- PostgreSQL (PGXS) ----
MODULE_big  = antidote
OBJS        = $(PG_SRCS:.c=.o) $(CORE_SRCS:.c=.o)
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*.sql))
PG_CPPFLAGS = -Icommon
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

$(OBJS): $(CORE_HDRS) pg_extension/antidote_pg.h

sql/$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION).sql antidote.control
	cp $< $@

# ---- SQLite loadable extension ----
SQLITE_SO   = build/antidote.so
SQLITE_OBJS = $(patsubst %.c,build/sqlite/%.o,$(CORE_SRCS) $(SQLITE_SRCS))
BUILD_CFLAGS = -std=c11 -D_GNU_SOURCE -O2 -g -fPIC $(WARN) -Icommon

all: $(SQLITE_SO)

build/sqlite/%.o: %.c $(CORE_HDRS) sqlite_extension/antidote_sqlite.h
	@mkdir -p $(dir $@)
	$(CC) $(BUILD_CFLAGS) $(EXTRA_CFLAGS) -c $< -o $@

$(SQLITE_SO): $(SQLITE_OBJS)
	$(CC) -shared -o $@ $^ $(EXTRA_LDFLAGS) $(CORE_LIBS)

# ---- core unit tests (no database) ----
UNIT_SRCS = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN  = build/test_core

$(UNIT_BIN): $(UNIT_SRCS) tests/unit/unit.h $(patsubst %.c,build/sqlite/%.o,$(CORE_SRCS))
	$(CC) $(BUILD_CFLAGS) $(EXTRA_CFLAGS) -Itests/unit -o $@ $(UNIT_SRCS) \
		$(patsubst %.c,build/sqlite/%.o,$(CORE_SRCS)) $(EXTRA_LDFLAGS) $(CORE_LIBS)

.PHONY: deps test test-unit test-ssdeep test-sqlite test-pg demo bench

deps:
	@scripts/deps.sh

test: deps
	$(MAKE) test-ssdeep test-unit test-sqlite test-pg

# The stored known answers are the ssdeep tool's own output on the stored files.
test-ssdeep:
	cd tests/data/ssdeep && ssdeep -b * | diff -u ../ssdeep.expected -
	@echo "ssdeep known answers match the ssdeep tool"

test-unit: $(UNIT_BIN)
	$(UNIT_BIN) tests/data

test-sqlite: $(SQLITE_SO)
	tests/sqlite/run.sh $(SQLITE_SO)

test-pg: all
	tests/pg/run.sh

demo: deps all
	scripts/demo.sh $(SQLITE_SO)

bench: deps all
	BENCH_QUICK=$(BENCH_QUICK) scripts/bench.sh
