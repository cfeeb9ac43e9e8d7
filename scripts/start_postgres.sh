#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on a free localhost port, for the store's tests.
#   scripts/start_postgres.sh          -> prints the SQLAlchemy URL, then PGDATA=<dir>
#   scripts/start_postgres.sh stop DIR -> stops that cluster and removes DIR
# Uses Debian's binaries (/usr/lib/postgresql/*/bin, installed by scripts/setup.sh).
# When run as root the cluster runs as the `postgres` user (the server refuses root).
set -euo pipefail

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "start_postgres: no PostgreSQL binaries under /usr/lib/postgresql/*/bin" >&2
  exit 2
fi

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = "stop" ]; then
  DIR=${2:?usage: start_postgres.sh stop DIR}
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  exit 0
fi

DIR=$(mktemp -d /tmp/counterpoint-pg.XXXXXX)
chmod 755 "$DIR"
[ "$(id -u)" = "0" ] && chown postgres "$DIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
echo "PGDATA=$DIR"
