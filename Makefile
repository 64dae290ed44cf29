# pg_screen — PGXS build
#
# C sources: every src/*.c is compiled into pg_screen.so (one concern per file).
# SQL: src/sql/NN_topic.sql are concatenated, in name order, into the
# extension script pg_screen--$(EXTVERSION).sql.
# Tests: every sql/*.sql is a pg_regress test (expected output in expected/);
# pgTAP suites live in test/pgtap and are run by scripts/test.sh.

EXTENSION   = pg_screen
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" pg_screen.control)
MODULE_big  = pg_screen
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
DATA_built  = pg_screen--$(EXTVERSION).sql
DATA        = $(sort $(wildcard src/data/*.json src/data/*.csv))
REGRESS     = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --encoding=UTF8 --no-locale
EXTRA_CLEAN = pg_screen--*.sql

ICU_CFLAGS := $(shell pkg-config --cflags icu-uc icu-i18n)
ICU_LIBS   := $(shell pkg-config --libs icu-uc icu-i18n)

PG_CPPFLAGS = -I$(srcdir)/src $(ICU_CFLAGS)
SHLIB_LINK  = $(ICU_LIBS)
# CI adds -Werror; -Wextra minus the two warnings every fmgr/PGXS extension trips over
PG_CFLAGS   = -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare $(EXTRA_CFLAGS)

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

pg_screen--$(EXTVERSION).sql: $(sort $(wildcard src/sql/*.sql))
	cat $^ > $@

$(OBJS): $(wildcard src/*.h)
