#!/usr/bin/env bash
# Start what the test suite needs (PostgreSQL, Chromium), run the command given, stop them.
#
#   bash scripts/test-services.sh .venv/bin/python -m pytest -q
#
# PostgreSQL: a throwaway cluster (initdb in a temp dir, owned by the `postgres` user when
# run as root, since root cannot run the server), listening on 127.0.0.1 on a free port, with
# one database; its URL is exported as NARRASCOPE_TEST_PG_URL. When the server binaries are
# absent and we are root with apt-get, `postgresql` is installed. A URL already set in
# NARRASCOPE_TEST_PG_URL is used as is (nothing is started).
# Chromium: scripts/ensure-chromium.sh, when present (the web tests' browser).
#
# Each service is optional for a developer run: when it cannot be provided, the tests that
# need it are skipped with a reason; under CI (CI=true) those tests fail instead.
# The server is stopped and its directory removed on exit, whatever happens; the command's
# exit code is propagated, except pytest's 5 ("no tests collected"), which is not a failure.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_TMP=""
PG_BIN=""
PG_DATA=""
PG_USER_PREFIX=()

log() { echo "test-services: $*" >&2; }

cleanup() {
    if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
        "${PG_USER_PREFIX[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 \
            || log "could not stop PostgreSQL in $PG_DATA"
    fi
    if [[ -n "$PG_TMP" ]]; then
        rm -rf "$PG_TMP"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

find_pg_bin() {
    local dir
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

free_port() {
    python3 - <<'EOF' 2>/dev/null || echo 55432
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

start_postgres() {
    if [[ -n "${NARRASCOPE_TEST_PG_URL:-}" ]]; then
        log "using NARRASCOPE_TEST_PG_URL from the environment"
        return 0
    fi
    if ! PG_BIN="$(find_pg_bin)"; then
        if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
            log "installing PostgreSQL (apt-get install postgresql)"
            (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 \
                || log "apt-get install postgresql failed"
        fi
        PG_BIN="$(find_pg_bin)" || { log "PostgreSQL not available: PostgreSQL tests will skip (fail under CI)"; PG_BIN=""; return 1; }
    fi
    PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/narrascope-pg.XXXXXX")"
    PG_DATA="$PG_TMP/data"
    local owner
    owner="$(id -un)"
    if [[ "$(id -u)" == 0 ]]; then
        if ! id postgres >/dev/null 2>&1; then
            useradd --system --no-create-home --shell /usr/sbin/nologin postgres 2>/dev/null \
                || { log "no 'postgres' user and cannot create one"; return 1; }
        fi
        owner=postgres
        chown postgres "$PG_TMP"
        chmod 700 "$PG_TMP"
        if command -v runuser >/dev/null 2>&1; then
            PG_USER_PREFIX=(runuser -u postgres --)
        else
            PG_USER_PREFIX=(su postgres -s /bin/sh -c '"$0" "$@"')
        fi
    fi
    if ! "${PG_USER_PREFIX[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U "$owner" -A trust -E UTF8 --no-sync \
            >"$PG_TMP/initdb.log" 2>&1; then
        log "initdb failed:"; cat "$PG_TMP/initdb.log" >&2
        PG_DATA=""
        return 1
    fi
    local port
    port="$(free_port)"
    # fsync off: a throwaway test cluster; the socket directory is the temp dir.
    if ! "${PG_USER_PREFIX[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_TMP/server.log" -w -t 60 \
            -o "-h 127.0.0.1 -p $port -k $PG_TMP -F -c max_connections=200" start >/dev/null 2>&1; then
        log "PostgreSQL did not start:"; tail -20 "$PG_TMP/server.log" >&2
        return 1
    fi
    if ! "${PG_USER_PREFIX[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$owner" narrascope_test; then
        log "createdb failed"
        return 1
    fi
    export NARRASCOPE_TEST_PG_URL="postgresql://$owner@127.0.0.1:$port/narrascope_test"
    log "PostgreSQL $("$PG_BIN/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port ($NARRASCOPE_TEST_PG_URL)"
}

if [[ $# -eq 0 ]]; then
    echo "usage: bash scripts/test-services.sh COMMAND [ARGS...]" >&2
    exit 64
fi

start_postgres || true

if [[ -f "$ROOT/scripts/ensure-chromium.sh" ]]; then
    if ! bash "$ROOT/scripts/ensure-chromium.sh"; then
        log "scripts/ensure-chromium.sh failed: browser tests will skip (fail under CI)"
    fi
fi

"$@"
rc=$?
if [[ $rc -eq 5 ]]; then
    log "no tests were collected (pytest exit code 5): not treated as a failure"
    rc=0
fi
exit $rc
