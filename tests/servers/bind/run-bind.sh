#!/bin/bash
# Start BIND 9 in the background on 127.0.0.1:PORT with zones example.org and example.net (updates and transfers
# allowed for TSIG key externaldns-key, hmac-sha256) and wait until it answers.
# usage: run-bind.sh WORKDIR PORT   (WORKDIR is created; pid in WORKDIR/named.pid, log in WORKDIR/named.log)
set -euo pipefail
D=$(cd "$(dirname "$0")" && pwd)
W=${1:?usage: run-bind.sh WORKDIR PORT}
P=${2:?usage: run-bind.sh WORKDIR PORT}
NAMED=$(command -v named || true)
[ -z "$NAMED" ] && [ -x /usr/sbin/named ] && NAMED=/usr/sbin/named
[ -z "$NAMED" ] && { echo "named (BIND 9) is not installed: apt-get install bind9 bind9-utils bind9-dnsutils" >&2; exit 2; }
mkdir -p "$W/work"
W=$(cd "$W" && pwd)
cp "$D/tsig.key" "$W/"
# Fresh zone files on every start: BIND writes journals (.jnl) beside them.
for z in example.org example.net; do cp "$D/db.$z.seed" "$W/work/db.$z"; rm -f "$W/work/db.$z.jnl"; done
sed -e "s#@DIR@#$W#g" -e "s#@PORT@#$P#g" "$D/named.conf" > "$W/named.conf"
"$NAMED" -g -c "$W/named.conf" > "$W/named.log" 2>&1 &
echo $! > "$W/named.pid"
for i in $(seq 1 200); do
  if [ -n "$(dig +short +time=1 +tries=1 -p "$P" @127.0.0.1 example.org SOA 2>/dev/null)" ] \
     && [ -n "$(dig +short +time=1 +tries=1 -p "$P" @127.0.0.1 example.net SOA 2>/dev/null)" ]; then
    echo "BIND ready on 127.0.0.1:$P, pid $(cat "$W/named.pid")"; exit 0
  fi
  kill -0 "$(cat "$W/named.pid")" 2>/dev/null || break
  sleep 0.05
done
echo "BIND failed to start on port $P" >&2; cat "$W/named.log" >&2
kill "$(cat "$W/named.pid")" 2>/dev/null || true
exit 1
