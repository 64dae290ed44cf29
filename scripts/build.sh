#!/bin/sh
# Build and install pg_screen into the local PostgreSQL 15 (needs root or sudo).
# EXTRA_CFLAGS=-Werror is set by the test entry point.
set -e
cd "$(dirname "$0")/.."
export PG_CONFIG="${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}"
make -s -j2 EXTRA_CFLAGS="${EXTRA_CFLAGS:-}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO make -s install EXTRA_CFLAGS="${EXTRA_CFLAGS:-}" >/dev/null
