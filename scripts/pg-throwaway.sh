#!/usr/bin/env bash
# A disposable PostgreSQL cluster for the test suite: `start` prints its postgres:// URL on
# stdout (everything else goes to stderr), `url` prints it again, `stop` kills and deletes it.
# Where it lives: $TAIZHANG_PG_DIR (scripts/run-tests.sh hands each run its own mktemp dir,
# so two runs never share a cluster), else one fixed per-user dir under /tmp for manual use.
set -euo pipefail

DIR=${TAIZHANG_PG_DIR:-${TMPDIR:-/tmp}/taizhang-pg-$(id -u)}
DB=taizhang
log() { echo "pg-throwaway: $*" >&2; }

# Newest installed server; not /usr/local/bin/pg_ctl, which may be an image's wrapper.
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
[[ -x $PG_BIN/postgres ]] || { log "no PostgreSQL server found; run scripts/system-deps.sh"; exit 1; }

# The server refuses to run as root, so root hands the cluster to an unprivileged user.
as_owner() {
    if ((EUID == 0)); then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}
OWNER=$(id -un)
if ((EUID == 0)); then
    OWNER=postgres
    if ! id -u postgres >/dev/null 2>&1; then
        OWNER=taizhang-test
        id -u "$OWNER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$OWNER"
    fi
fi

running() { [[ -f $DIR/data/postmaster.pid ]] && as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }

stop() {
    if running; then as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null; fi
    # Delete only what we made: a dir with our marker, or an empty one handed to us.
    if [[ -f $DIR/.taizhang-pg ]]; then rm -rf "$DIR"; elif [[ -d $DIR ]]; then rmdir "$DIR" 2>/dev/null || true; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    if running && [[ -f $DIR/url ]]; then cat "$DIR/url"; return; fi
    stop  # leftovers of a crashed run
    mkdir -p "$DIR"
    touch "$DIR/.taizhang-pg"
    # Any failure from here on (set -e exits) must not leave a server or files behind.
    trap 'log "start failed"; tail -n 20 "$DIR/server.log" >&2 2>/dev/null || true; stop' EXIT
    chown "$OWNER" "$DIR"
    chmod 0700 "$DIR"
    # trust auth is safe only because the server listens on loopback and lives minutes.
    as_owner "$PG_BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    # Durability is pointless for a cluster deleted after the run; turning it off makes
    # Django's per-test database create/flush several times faster.
    cat >>"$DIR/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    # The port is picked before the server binds it, so another process may win the race: retry.
    local port tries=0
    until port=$(free_port) && as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-p $port" start >/dev/null; do
        ((++tries < 3)) || { log "server did not start"; false; }
        log "port $port unavailable, retrying"
    done
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB"
    echo "postgres://postgres@127.0.0.1:$port/$DB" | tee "$DIR/url"
    trap - EXIT
    log "started in $DIR (pid $(head -n1 "$DIR/data/postmaster.pid"))"
}

case ${1:-} in
start) start ;;
stop) stop ;;
url) cat "$DIR/url" 2>/dev/null || { log "no cluster in $DIR; run start first"; exit 1; } ;;
*) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
