#!/bin/bash
# Stop the BIND started by run-bind.sh (by its PID; nothing else).
# usage: stop-bind.sh WORKDIR
W=${1:?usage: stop-bind.sh WORKDIR}
P=$(cat "$W/named.pid" 2>/dev/null) || exit 0
kill "$P" 2>/dev/null || exit 0
for i in $(seq 1 50); do kill -0 "$P" 2>/dev/null || exit 0; sleep 0.1; done
kill -9 "$P" 2>/dev/null || true
