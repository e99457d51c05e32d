# fphc — Future Proof Human Capital Scan service.
#   make run    install what is missing, build, start a private PostgreSQL, migrate, serve
#   make test   the same on a throwaway database, then every test suite
#   make bench  benchmarks (prints figures; never part of the tests)
#   make fuzz   libFuzzer targets for a bounded time
#   make stop / make clean-db / make clean

BUILD ?= build
BIN ?= bin/fphc
SAN ?=

CC ?= cc
WARN = -std=c17 -Wall -Wextra -Werror -pedantic -Wstrict-prototypes \
       -Wmissing-prototypes -Wshadow -Wvla -Wwrite-strings -Wformat-security -fno-common
PKGS = libmicrohttpd libpq libcjson libsodium libcmark libcurl xlsxwriter libpng
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -I. -I$(BUILD)/gen -D_DEFAULT_SOURCE $(PKG_CFLAGS)
OPT ?= -O2 -g
ifeq ($(SAN),1)
OPT = -O1 -g -fno-omit-frame-pointer
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined
endif
CFLAGS += $(WARN) $(OPT) $(SANFLAGS) -MMD -MP
LDFLAGS += $(SANFLAGS)
LDLIBS += $(PKG_LIBS) -lhpdf -lreadstat -lpthread -lm

LIB_SRCS := $(sort $(wildcard common/*.c scoring/*.c reports/*.c server/*.c server/*/*.c cli/*.c))
LIB_SRCS := $(filter-out cli/main.c,$(LIB_SRCS))
ASSETS := $(sort $(wildcard server/templates/*.html server/static/* server/i18n/*.json migrations/*.sql))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/assets.o
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRCS := $(sort $(wildcard tests/bench/bench_*.c))
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=$(BUILD)/bench/%)

.PHONY: all units benches deps deps-test run test bench fuzz stop clean-db clean asan
all: $(BIN)

$(BIN): $(BUILD)/obj/cli/main.o $(BUILD)/libfphc.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libfphc.a: $(LIB_OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Templates, static files and migrations are compiled into the binary, so a
# deployed bin/fphc never disagrees with the files it was built from.
$(BUILD)/embed: scripts/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -o $@ $<
$(BUILD)/gen/assets.c: $(BUILD)/embed $(ASSETS) Makefile
	@mkdir -p $(dir $@)
	@echo "  EMBED $(words $(ASSETS)) files"
	@$(BUILD)/embed $(ASSETS) > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/gen/assets.o: $(BUILD)/gen/assets.c
	@mkdir -p $(dir $@)
	@$(CC) $(CPPFLAGS) -std=c17 $(OPT) $(SANFLAGS) -c -o $@ $<

units: $(UNIT_BINS)
# Dependency files go under obj/, so build/tests/ holds only runnable binaries
# (`for t in build/tests/test_*; do $$t; done` must not meet a .d file).
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libfphc.a
	@mkdir -p $(dir $@) $(BUILD)/obj/tests
	@echo "  TEST $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -MF $(BUILD)/obj/tests/$*.d $(LDFLAGS) -o $@ $< $(BUILD)/libfphc.a $(LDLIBS) -lcmocka

# In-process benchmarks, linked like the unit tests; run by scripts/bench.sh.
benches: $(BENCH_BINS)
$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libfphc.a
	@mkdir -p $(dir $@) $(BUILD)/obj/bench
	@echo "  BENCH $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -MF $(BUILD)/obj/bench/$*.d $(LDFLAGS) -o $@ $< $(BUILD)/libfphc.a $(LDLIBS)

asan:
	$(MAKE) BUILD=build/asan SAN=1 BIN=bin/fphc-asan bin/fphc-asan units

deps:
	@scripts/deps.sh run
deps-test:
	@scripts/deps.sh test

run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run.sh

test: deps-test
	@$(MAKE) --no-print-directory all units
	@$(MAKE) --no-print-directory asan
	@scripts/test.sh

bench: deps-test
	@$(MAKE) --no-print-directory all
	@scripts/bench.sh

fuzz: deps-test
	@scripts/fuzz.sh

stop:
	@scripts/pg.sh stop var/pg

clean-db: stop
	rm -rf var/pg

clean:
	rm -rf build bin

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
