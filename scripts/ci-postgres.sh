#!/usr/bin/env bash
# A private PostgreSQL for the register's tests: installs Debian's PostgreSQL
# if it is missing, starts a throw-away cluster on a free port on 127.0.0.1
# (trust authentication, no fsync: for tests only) and prints its connection
# string on stdout; everything else goes to stderr.
#
#   export ROUTEWAYS_TEST_POSTGRES="$(bash scripts/ci-postgres.sh)"
#   npm test
#   bash scripts/ci-postgres.sh stop
#
# ROUTEWAYS_PG_DIR chooses the cluster's folder (default /tmp/routeways-ci-postgres).
set -euo pipefail
DIR="${ROUTEWAYS_PG_DIR:-/tmp/routeways-ci-postgres}"
DB=routeways_test
USER_NAME=routeways

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "ci-postgres: installing PostgreSQL (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)"
fi

# PostgreSQL refuses to run as root: run it as the postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  if [ -f "$DIR/data/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2; fi
  rm -rf "$DIR"
  exit 0
fi

if [ -f "$DIR/port" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  echo "postgres://$USER_NAME@127.0.0.1:$(cat "$DIR/port")/$DB"
  exit 0
fi

rm -rf "$DIR"
mkdir -p "$DIR"
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
PORT=""
for p in $(seq 54329 54429); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
done
if [ -z "$PORT" ]; then echo "ci-postgres: no free port between 54329 and 54429" >&2; exit 1; fi

as_owner "$BIN/initdb" -D "$DIR/data" -U "$USER_NAME" -A trust -E UTF8 --no-sync >&2
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >&2
as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" "$DB" >&2
echo "$PORT" > "$DIR/port"
echo "postgres://$USER_NAME@127.0.0.1:$PORT/$DB"
