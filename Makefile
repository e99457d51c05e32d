# fphc — Future Proof Human Capital Scan service.
#   make run    install what is missing, build, start a private PostgreSQL, migrate, serve
#   make test   the same on a throwaway database, then every test suite
#   make bench  benchmarks (prints figures; never part of the tests)
#   make fuzz   libFuzzer targets for a bounded time
#   make cluster / make cluster-stop  primary + replica, PgBouncers, two instances, nginx (./var/cluster)
#   make stop / make clean-db / make clean

BUILD ?= build
BIN ?= bin/fphc
SAN ?=

CC ?= cc
WARN = -std=c17 -Wall -Wextra -Werror -pedantic -Wstrict-prototypes \
       -Wmissing-prototypes -Wshadow -Wvla -Wwrite-strings -Wformat-security -fno-common
PKGS = libmicrohttpd libpq libcjson libsodium libcmark libcurl xlsxwriter libpng liboath zlib libzip expat libqrencode
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -D_DEFAULT_SOURCE $(PKG_CFLAGS)
OPT ?= -O2 -g
ifeq ($(SAN),1)
OPT = -O1 -g -fno-omit-frame-pointer
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined
endif
CFLAGS += $(WARN) $(OPT) $(SANFLAGS) -MMD -MP
LDFLAGS += $(SANFLAGS)
LDLIBS += $(PKG_LIBS) -lhpdf -lreadstat -lpthread -lm

# Layers, each its own archive; an include path reaches only the layer itself
# and the layers below it (build/inc/LAYER holds links to just those folders),
# so `#include "server/…"` from scoring/ or reports/ does not compile, and
# server/db/ cannot include server/http/, server/app/ or the pages.
#   common ← scoring ← reports;  common, scoring ← server/db ← server ← cli
COMMON_SRCS := $(sort $(wildcard common/*.c))
SCORING_SRCS := $(sort $(wildcard scoring/*.c))
REPORTS_SRCS := $(sort $(wildcard reports/*.c))
DB_SRCS := $(sort $(wildcard server/db/*.c))
SERVER_SRCS := $(sort $(wildcard server/http/*.c server/app/*.c server/pages/*/*.c))
CLI_SRCS := $(filter-out cli/main.c,$(sort $(wildcard cli/*.c)))
ASSETS := $(sort $(wildcard server/templates/*.html server/templates/*/*.html server/static/* \
            server/i18n/*.json migrations/*.sql questionnaires/fphc-1.json))

objs = $(1:%.c=$(BUILD)/obj/%.o)
LIBCOMMON := $(BUILD)/libcommon.a
LIBSCORING := $(BUILD)/libscoring.a
LIBREPORTS := $(BUILD)/libreports.a
LIBSERVER := $(BUILD)/libserver.a
LIBCLI := $(BUILD)/libcli.a
ALL_LIBS := $(LIBCLI) $(LIBSERVER) $(LIBREPORTS) $(LIBSCORING) $(LIBCOMMON)

INC := $(BUILD)/inc
LAYER_common := common
LAYER_scoring := common scoring
LAYER_reports := common scoring reports
LAYER_db := common scoring server/db
LAYER_server := common scoring reports server cli
LAYER_tests := tests
# the include path of the layer a source file belongs to
layer_of = $(if $(filter common/%,$1),common,$(if $(filter scoring/%,$1),scoring,$(if $(filter reports/%,$1),reports,$(if $(filter server/db/%,$1),db,server))))

$(INC)/%/.stamp: Makefile
	@rm -rf $(INC)/$* && mkdir -p $(INC)/$*
	@for d in $(LAYER_$*); do mkdir -p $(INC)/$*/$$(dirname $$d); ln -sfn $(CURDIR)/$$d $(INC)/$*/$$d; done
	@touch $@

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
# Unit tests of the pure layers link only their own archive and those below it.
SCORING_TESTS := test_answers test_fphc1 test_item_diagnostics test_peer test_questionnaire_check test_questionnaire_sheet test_reliability \
                 test_score_fixture test_score_properties test_suppression
REPORTS_TESTS := test_chart test_report test_markdown_depth test_report_scripts
test_libs = $(if $(filter $1,$(SCORING_TESTS)),$(LIBSCORING) $(LIBCOMMON),$(if $(filter $1,$(REPORTS_TESTS)),$(LIBREPORTS) $(LIBCOMMON),$(ALL_LIBS)))
test_layer = $(if $(filter $1,$(SCORING_TESTS)),scoring,$(if $(filter $1,$(REPORTS_TESTS)),reports,server))
BENCH_SRCS := $(sort $(wildcard tests/bench/bench_*.c))
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=$(BUILD)/bench/%)

.PHONY: all units benches deps deps-test deps-cluster run test bench fuzz stop clean-db clean asan cluster cluster-stop
all: $(BIN)

$(BIN): $(BUILD)/obj/cli/main.o $(ALL_LIBS)
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(LIBCOMMON): $(call objs,$(COMMON_SRCS)) $(BUILD)/obj/gen/assets.o
$(LIBSCORING): $(call objs,$(SCORING_SRCS))
$(LIBREPORTS): $(call objs,$(REPORTS_SRCS))
$(LIBSERVER): $(call objs,$(DB_SRCS) $(SERVER_SRCS))
$(LIBCLI): $(call objs,$(CLI_SRCS))
$(ALL_LIBS):
	@rm -f $@
	@ar rcs $@ $^

.SECONDARY: $(foreach l,common scoring reports db server tests,$(INC)/$(l)/.stamp)
.SECONDEXPANSION:
$(BUILD)/obj/%.o: %.c $(INC)/$$(call layer_of,$$*.c)/.stamp
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) -iquote $(INC)/$(call layer_of,$<) -I$(INC)/$(call layer_of,$<) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

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
	@$(CC) -I$(CURDIR) $(CPPFLAGS) -std=c17 $(OPT) $(SANFLAGS) -c -o $@ $<

units: $(UNIT_BINS)
# Dependency files go under obj/, so build/tests/ holds only runnable binaries
# (`for t in build/tests/test_*; do $$t; done` must not meet a .d file).
$(BUILD)/tests/%: tests/unit/%.c $$(call test_libs,$$*) $(INC)/$$(call test_layer,$$*)/.stamp $(INC)/tests/.stamp
	@mkdir -p $(dir $@) $(BUILD)/obj/tests
	@echo "  TEST $@"
	@$(CC) -iquote $(INC)/$(call test_layer,$*) -iquote $(INC)/tests $(CPPFLAGS) $(CFLAGS) -MF $(BUILD)/obj/tests/$*.d $(LDFLAGS) -o $@ $< $(call test_libs,$*) $(LDLIBS) -lcmocka

# In-process benchmarks, linked like the unit tests; run by scripts/bench.sh.
benches: $(BENCH_BINS)
$(BUILD)/bench/%: tests/bench/%.c $(ALL_LIBS) $(INC)/server/.stamp $(INC)/tests/.stamp
	@mkdir -p $(dir $@) $(BUILD)/obj/bench
	@echo "  BENCH $@"
	@$(CC) -iquote $(INC)/server -iquote $(INC)/tests $(CPPFLAGS) $(CFLAGS) -MF $(BUILD)/obj/bench/$*.d $(LDFLAGS) -o $@ $< $(ALL_LIBS) $(LDLIBS)

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

deps-cluster:
	@scripts/deps.sh cluster
cluster: deps-cluster
	@$(MAKE) --no-print-directory all
	@scripts/cluster.sh start
	@scripts/cluster.sh demo
	@scripts/cluster.sh env
	@echo "open $$(scripts/cluster.sh url)"
cluster-stop:
	@scripts/cluster.sh stop

clean-db: stop
	rm -rf var/pg

clean:
	rm -rf build bin

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
