# empathy: PGXS build
#
#   make && make install        build and install the extension
#   make installcheck           pg_regress suite (test/sql -> expected/)
#   make unit                   engine unit tests, no server (ASan + UBSan)
#   make fuzz FUZZ_SECONDS=N    libFuzzer targets over the engine (clang)
#
# The full suite, set-up included, is test/check.sh; see README.md.

EXTENSION = empathy
EXTVERSION = 0.1.0
MODULE_big = empathy

# The engine (src/engine, no postgres.h) and the binding (src/*.c).
ENGINE_SRCS = $(filter-out src/engine/builtin_data.c,$(wildcard src/engine/*.c))
BINDING_SRCS = $(wildcard src/*.c)
OBJS = $(ENGINE_SRCS:.c=.o) src/engine/builtin_data.o $(BINDING_SRCS:.c=.o)

# Data files compiled into the library (parsed once per backend).
EMP_DATA_FILES = $(sort $(wildcard data/builtin/*.tsv))

# The install script is assembled from one file per section (sql/parts).
SQL_PARTS = $(sort $(wildcard sql/parts/*.sql))
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*--*.sql))

REGRESS = $(patsubst test/sql/%.sql,%,$(sort $(wildcard test/sql/*.sql)))
REGRESS_OPTS = --inputdir=test --load-extension=$(EXTENSION)

# PGXS owns ICU_CFLAGS/ICU_LIBS; use our own names.
EMP_ICU_CFLAGS := $(shell pkg-config --cflags icu-uc 2>/dev/null)
EMP_ICU_LIBS := $(shell pkg-config --libs icu-uc 2>/dev/null || echo -licuuc -licudata)
PG_CPPFLAGS = -I$(srcdir)/src -I$(srcdir)/src/engine $(EMP_ICU_CFLAGS)
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare
SHLIB_LINK = $(EMP_ICU_LIBS) -lstemmer -lm

EXTRA_CLEAN = src/engine/builtin_data.c src/engine/builtin_data.files sql/parts.files $(DATA_built) \
	test/unit/*_test test/fuzz/*_fuzz

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The engine's functions are not the server's business: hidden, they are
# called directly and inlined within the library (PostgreSQL 15 builds
# modules with default visibility, which routes every call through the PLT).
# No fused multiply-add contraction: a machine with FMA would otherwise
# round some sums differently, and the same text must score the same on
# every machine (and with or without an explanation).
EMP_FP_CFLAGS = -ffp-contract=off
$(ENGINE_SRCS:.c=.o) src/engine/builtin_data.o: CFLAGS += -fvisibility=hidden $(EMP_FP_CFLAGS)

# PGXS tracks no header dependencies unless the server was configured with
# --enable-depend: every object depends on every header of the project.
$(OBJS): $(wildcard src/*.h src/engine/*.h)

# Removing a data file or an SQL part must rebuild what embeds them, which
# timestamps cannot tell: each list of files is also kept in a file that is
# rewritten only when the list changes.
src/engine/builtin_data.files: emp-list-check
	@echo '$(EMP_DATA_FILES)' | cmp -s - $@ || echo '$(EMP_DATA_FILES)' > $@
sql/parts.files: emp-list-check
	@echo '$(SQL_PARTS)' | cmp -s - $@ || echo '$(SQL_PARTS)' > $@
.PHONY: emp-list-check

src/engine/builtin_data.c: $(EMP_DATA_FILES) src/engine/builtin_data.files src/engine/embed.sh
	sh src/engine/embed.sh $(EMP_DATA_FILES) > $@.tmp && mv $@.tmp $@

$(DATA_built): $(SQL_PARTS) sql/parts.files
	cat $(SQL_PARTS) > $@

# ---- engine tests without a server ----
ENGINE_CC ?= gcc
ENGINE_TEST_CFLAGS = -std=gnu99 -O1 -g -ffp-contract=off -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -Isrc/engine $(EMP_ICU_CFLAGS)
ENGINE_TEST_LIBS = $(EMP_ICU_LIBS) -lstemmer -lm
UNIT_SRCS = $(wildcard test/unit/*_test.c)
UNIT_BINS = $(UNIT_SRCS:.c=)

test/unit/%_test: test/unit/%_test.c test/unit/unit.h $(ENGINE_SRCS) src/engine/builtin_data.c $(wildcard src/engine/*.h)
	$(ENGINE_CC) $(ENGINE_TEST_CFLAGS) -o $@ $< $(ENGINE_SRCS) src/engine/builtin_data.c $(ENGINE_TEST_LIBS)

unit: $(UNIT_BINS)
	@status=0; for t in $(UNIT_BINS); do ASAN_OPTIONS=detect_leaks=0 ./$$t || status=1; done; exit $$status

FUZZ_SECONDS ?= 20
FUZZ_SRCS = $(wildcard test/fuzz/*_fuzz.c)
FUZZ_BINS = $(FUZZ_SRCS:.c=)
FUZZ_CC ?= clang-14
test/fuzz/%_fuzz: test/fuzz/%_fuzz.c $(ENGINE_SRCS) src/engine/builtin_data.c $(wildcard src/engine/*.h)
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc/engine $(EMP_ICU_CFLAGS) \
		-o $@ $< $(ENGINE_SRCS) src/engine/builtin_data.c $(ENGINE_TEST_LIBS)

fuzz: $(FUZZ_BINS)
	@status=0; for f in $(FUZZ_BINS); do \
		mkdir -p test/fuzz/corpus-work/$$(basename $$f); \
		./$$f -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
			test/fuzz/corpus-work/$$(basename $$f) test/fuzz/seeds || status=1; \
	done; exit $$status

.PHONY: unit fuzz

# ---- the engine's command-line tool (debugging, learning weights) ----
test/tools/emp_cli: test/tools/emp_cli.c $(ENGINE_SRCS) src/engine/builtin_data.c $(wildcard src/engine/*.h)
	$(ENGINE_CC) -std=gnu99 -O2 -g -ffp-contract=off -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Isrc/engine $(EMP_ICU_CFLAGS) \
		-o $@ $< $(ENGINE_SRCS) src/engine/builtin_data.c $(ENGINE_TEST_LIBS)

emp_cli: test/tools/emp_cli
.PHONY: emp_cli
