#!/bin/sh
# Install what pg_screen needs to build and test, from Debian's archive.
# Idempotent: does nothing when everything is already there.
set -e
PKGS="build-essential pkg-config postgresql-15 postgresql-server-dev-15 postgresql-contrib
      postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl libicu-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "pg_screen: installing$missing"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
