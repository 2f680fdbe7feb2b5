#!/bin/bash
# Stop the KDC started by run-kdc.sh (by its PID; nothing else).
# usage: stop-kdc.sh WORKDIR
W=${1:?usage: stop-kdc.sh WORKDIR}
P=$(cat "$W/kdc.pid" 2>/dev/null) || exit 0
kill "$P" 2>/dev/null || exit 0
for i in $(seq 1 50); do kill -0 "$P" 2>/dev/null || exit 0; sleep 0.1; done
kill -9 "$P" 2>/dev/null || true
