#!/bin/sh
# pg_virtualenv, run as root, always names its throwaway cluster 15/regress and
# refuses to start when one exists.  A run that was killed leaves it behind;
# callers hold /tmp/pg_screen_install.lock, so a leftover here is stale: drop it.
if [ -f /etc/postgresql/15/regress/.by_pg_virtualenv ]; then
    echo "pg_screen: dropping a stale throwaway cluster 15/regress left by an interrupted run"
    pg_ctlcluster --mode immediate 15 regress stop >/dev/null 2>&1 || true
    pg_dropcluster 15 regress >/dev/null 2>&1 || true
    rm -rf /etc/postgresql/15/regress /var/lib/postgresql/15/regress
fi
