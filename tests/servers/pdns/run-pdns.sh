#!/bin/bash
# Starts PowerDNS Authoritative (sqlite3 backend) in the background on 127.0.0.1 and waits until its HTTP API answers.
# usage: run-pdns.sh WORKDIR DNSPORT APIPORT [APIKEY [WATCHPID]]
#   WORKDIR  a directory of its own (created; holds pdns.conf, pdns.sqlite3, pdns.log, pdns.pid)
#   DNSPORT  DNS port (UDP and TCP), APIPORT  HTTP API port, APIKEY  X-API-Key value (default test-api-key)
#   WATCHPID when given, the server is killed once that process (the test host) is gone, even if it crashed
# The server starts with no zones: create them through the API. Stop it with stop-pdns.sh WORKDIR.
# Exit status 0 and "PowerDNS ready, pid N" on stdout when the API answers; otherwise 1 with the server log.
set -euo pipefail
D=$(cd "$(dirname "$0")" && pwd)
W=${1:?usage: run-pdns.sh WORKDIR DNSPORT APIPORT [APIKEY]}
DNSPORT=${2:?usage: run-pdns.sh WORKDIR DNSPORT APIPORT [APIKEY]}
APIPORT=${3:?usage: run-pdns.sh WORKDIR DNSPORT APIPORT [APIKEY]}
APIKEY=${4:-test-api-key}
WATCHPID=${5:-}
PATH="$PATH:/usr/sbin:/sbin"
for c in pdns_server sqlite3 curl; do
  command -v "$c" >/dev/null 2>&1 || { echo "run-pdns.sh: $c not found; run tests/servers/install.sh as root" >&2; exit 1; }
done
SCHEMA=/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql
[ -r "$SCHEMA" ] || { echo "run-pdns.sh: $SCHEMA missing; install pdns-backend-sqlite3 (tests/servers/install.sh)" >&2; exit 1; }

mkdir -p "$W"
W=$(cd "$W" && pwd)
rm -f "$W/pdns.sqlite3" "$W/pdns.pid"
sqlite3 "$W/pdns.sqlite3" < "$SCHEMA"
sed -e "s#@DIR@#$W#g" -e "s#@DNSPORT@#$DNSPORT#g" -e "s#@APIPORT@#$APIPORT#g" -e "s#@APIKEY@#$APIKEY#g" \
  "$D/pdns.conf" > "$W/pdns.conf"
# setsid: the server does not share the caller's process group (a Ctrl-C in a test runner reaches it only via stop-pdns.sh)
setsid pdns_server --config-dir="$W" </dev/null > "$W/pdns.log" 2>&1 &
PID=$!
echo "$PID" > "$W/pdns.pid"
for _ in $(seq 1 200); do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "run-pdns.sh: pdns_server exited during start-up (port $DNSPORT or $APIPORT taken?)" >&2
    cat "$W/pdns.log" >&2
    rm -f "$W/pdns.pid"
    exit 1
  fi
  if curl -sf -o /dev/null -H "X-API-Key: $APIKEY" "http://127.0.0.1:$APIPORT/api/v1/servers/localhost"; then
    if [ -n "$WATCHPID" ]; then
      setsid bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill "$2" 2>/dev/null' \
        watch-pdns "$WATCHPID" "$PID" </dev/null >/dev/null 2>&1 &
    fi
    echo "PowerDNS ready, pid $PID"
    exit 0
  fi
  sleep 0.05
done
echo "run-pdns.sh: PowerDNS API did not answer on 127.0.0.1:$APIPORT within 10 s" >&2
cat "$W/pdns.log" >&2
kill "$PID" 2>/dev/null || true
rm -f "$W/pdns.pid"
exit 1
