#!/usr/bin/env bash
# Starts (start) or stops (stop) a throw-away PostgreSQL server on 127.0.0.1 for the tests of the
# shared job repository. Installs Debian's PostgreSQL first when the machine lacks it.
# Prints the JDBC URL on start. The server runs as the 'postgres' user in a temporary directory.
set -euo pipefail
PORT="${ODS_HARVESTER_PG_PORT:-55432}"
DIR="${ODS_HARVESTER_PG_DIR:-/tmp/ods-harvester-pg}"

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  echo "$dir"
}

case "${1:-}" in
  start)
    if [ -z "$(pg_bin)" ]; then
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq postgresql >&2
    fi
    BIN=$(pg_bin)
    RUN=(runuser -u postgres --)
    [ "$(id -u)" = 0 ] || RUN=()
    rm -rf "$DIR"; mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    "${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=200" start >/dev/null
    "${RUN[@]}" "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -q -c "CREATE DATABASE harvest" >/dev/null
    echo "jdbc:postgresql://127.0.0.1:$PORT/harvest"
    ;;
  stop)
    BIN=$(pg_bin)
    if [ -n "$BIN" ] && [ -d "$DIR/data" ]; then
      RUN=(runuser -u postgres --)
      [ "$(id -u)" = 0 ] || RUN=()
      "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
      rm -rf "$DIR"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
