#!/bin/bash
# Stops the PowerDNS started by run-pdns.sh WORKDIR (by the PID it recorded); a no-op when it is not running.
# usage: stop-pdns.sh WORKDIR
W=${1:?usage: stop-pdns.sh WORKDIR}
P=$(cat "$W/pdns.pid" 2>/dev/null) || exit 0
[ -n "$P" ] || exit 0
kill "$P" 2>/dev/null || { rm -f "$W/pdns.pid"; exit 0; }
for _ in $(seq 1 50); do
  kill -0 "$P" 2>/dev/null || { rm -f "$W/pdns.pid"; exit 0; }
  sleep 0.1
done
kill -9 "$P" 2>/dev/null || true
rm -f "$W/pdns.pid"
