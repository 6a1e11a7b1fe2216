#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (issue 5): IKU_TEST_POSTGRES_DSN.
#
# Installs PostgreSQL from Debian's packages when it is missing, creates a cluster in a temporary
# directory ($IKU_PG_DIR, default /tmp/iku-postgres) owned by an unprivileged user, and starts it
# on 127.0.0.1 at a free port (its unix socket lives in the same directory). Idempotent: a second
# call finds the running cluster and gives the same DSN.
#
#   source .ci/services/postgres.sh        # exports IKU_TEST_POSTGRES_DSN (as .ci/run does)
#   bash .ci/services/postgres.sh          # prints IKU_TEST_POSTGRES_DSN=postgresql://...
#   bash .ci/services/postgres.sh stop     # stops the cluster

_iku_pg_bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Runs in a subshell: its `set -e` and variables stay inside, whether this file is sourced or run.
_iku_pg_start() (
    set -euo pipefail
    dir="${IKU_PG_DIR:-/tmp/iku-postgres}"
    user="${IKU_PG_USER:-postgres}"
    db="iku_test"
    log() { echo "postgres.sh: $*" >&2; }
    as_user() { if [ "$(id -u)" = "0" ]; then runuser -u "$user" -- "$@"; else "$@"; fi; }

    bindir="$(_iku_pg_bindir || true)"
    if [ -z "$bindir" ]; then
        log "installing PostgreSQL from Debian's packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq --no-install-recommends postgresql >&2
        bindir="$(_iku_pg_bindir)"
    fi
    if [ "$(id -u)" = "0" ]; then
        id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    else
        user="$(id -un)"
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = "0" ]; then chown "$user" "$dir"; fi

    if [ ! -f "$dir/data/PG_VERSION" ]; then
        log "creating a cluster in $dir/data"
        as_user "$bindir/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 \
            --locale=C >/dev/null
    fi
    if ! as_user "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
        echo "$port" >"$dir/port"
        log "starting PostgreSQL on 127.0.0.1:$port (socket in $dir)"
        as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
    fi
    port="$(cat "$dir/port")"
    if ! as_user "$bindir/psql" -h "$dir" -p "$port" -U "$user" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
        as_user "$bindir/createdb" -h "$dir" -p "$port" -U "$user" "$db"
    fi
    echo "postgresql://$user@127.0.0.1:$port/$db"
)

_iku_pg_stop() (
    dir="${IKU_PG_DIR:-/tmp/iku-postgres}"
    bindir="$(_iku_pg_bindir)" || exit 0
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    owner="$(stat -c %U "$dir/data")"
    if [ "$(id -u)" = "0" ]; then
        runuser -u "$owner" -- "$bindir/pg_ctl" -D "$dir/data" -m fast stop >&2
    else
        "$bindir/pg_ctl" -D "$dir/data" -m fast stop >&2
    fi
)

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    IKU_TEST_POSTGRES_DSN="$(_iku_pg_start)" || return 1
    export IKU_TEST_POSTGRES_DSN
    echo "postgres.sh: IKU_TEST_POSTGRES_DSN=$IKU_TEST_POSTGRES_DSN" >&2
elif [ "${1:-}" = "stop" ]; then
    _iku_pg_stop
else
    dsn="$(_iku_pg_start)" || exit 1
    echo "IKU_TEST_POSTGRES_DSN=$dsn"
fi
