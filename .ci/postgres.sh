#!/usr/bin/env bash
# A throwaway PostgreSQL for the test suite: `start` prints its URL, `stop` removes it.
# initdb refuses to run as root, so the server runs as the postgres system user.
set -euo pipefail
DATA=${PGTEST_DIR:-/tmp/foro-pgtest}
PORT=${PGTEST_PORT:-54329}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    [[ -x "$BIN/initdb" ]] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$DATA"
    [[ $(id -u) == 0 ]] && chown postgres:postgres "$DATA"
    as_pg "$BIN/initdb" -D "$DATA/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$BIN/pg_ctl" -D "$DATA/data" -l "$DATA/log" -w -t 60 \
      -o "-h 127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres foro_test
    echo "postgresql://postgres@127.0.0.1:$PORT/foro_test"
    ;;
  stop)
    if [[ -d "$DATA/data" ]]; then
      as_pg "$BIN/pg_ctl" -D "$DATA/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DATA"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
