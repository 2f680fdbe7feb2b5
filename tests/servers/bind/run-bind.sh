#!/bin/bash
# Start BIND 9 in the background on 127.0.0.1:PORT with zones example.org, example.net and the reverse zones
# 2.0.192.in-addr.arpa (192.0.2.0/24) and 8.b.d.0.1.0.0.2.ip6.arpa (2001:db8::/32) (updates and transfers
# allowed for TSIG key externaldns-key, hmac-sha256) and wait until it answers.
# usage: run-bind.sh WORKDIR PORT   (WORKDIR is created; pid in WORKDIR/named.pid, log in WORKDIR/named.log)
# Optional, through the environment:
#   BIND_TLS_PORT=N       also serve DNS over TLS on 127.0.0.1:N with WORKDIR/tls/server.crt and server.key (PEM)
#   BIND_TLS_CLIENT_CA=F  with it, require client certificates signed by the CA in file F (mutual TLS)
#   BIND_GSS_KEYTAB=FILE  accept GSS-TSIG (tkey-gssapi-keytab) and serve zone example.com, updatable by the Kerberos
#   BIND_GSS_PRINCIPAL=P  principal P (e.g. externaldns@EXAMPLE.TEST); KRB5_CONFIG should point at the realm's krb5.conf
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
for z in example.org example.net 2.0.192.in-addr.arpa 8.b.d.0.1.0.0.2.ip6.arpa; do cp "$D/db.$z.seed" "$W/work/db.$z"; rm -f "$W/work/db.$z.jnl"; done
TLS_BLOCK=""; TLS_LISTEN=""; GSS_OPTIONS=""; GSS_ZONE=""
if [ -n "${BIND_TLS_PORT:-}" ]; then
  [ -f "$W/tls/server.crt" ] && [ -f "$W/tls/server.key" ] || { echo "BIND_TLS_PORT set but $W/tls/server.crt or server.key is missing" >&2; exit 1; }
  CA_FILE=""
  [ -n "${BIND_TLS_CLIENT_CA:-}" ] && CA_FILE="ca-file \"$BIND_TLS_CLIENT_CA\";"
  TLS_BLOCK="tls local-tls { cert-file \"$W/tls/server.crt\"; key-file \"$W/tls/server.key\"; $CA_FILE };"
  TLS_LISTEN="listen-on port $BIND_TLS_PORT tls local-tls { 127.0.0.1; };"
fi
if [ -n "${BIND_GSS_KEYTAB:-}" ]; then
  GSS_OPTIONS="tkey-gssapi-keytab \"$BIND_GSS_KEYTAB\";"
  GSS_ZONE="zone \"example.com\" { type primary; file \"db.example.com\"; update-policy { grant ${BIND_GSS_PRINCIPAL:?BIND_GSS_PRINCIPAL is required with BIND_GSS_KEYTAB} zonesub ANY; }; allow-transfer { 127.0.0.1; }; };"
  cp "$D/db.example.com.seed" "$W/work/db.example.com"; rm -f "$W/work/db.example.com.jnl"
fi
sed -e "s#@DIR@#$W#g" -e "s#@PORT@#$P#g" -e "s#@TLS_BLOCK@#$TLS_BLOCK#" -e "s#@TLS_LISTEN@#$TLS_LISTEN#" \
    -e "s#@GSS_OPTIONS@#$GSS_OPTIONS#" -e "s#@GSS_ZONE@#$GSS_ZONE#" "$D/named.conf" > "$W/named.conf"
"$NAMED" -g -c "$W/named.conf" > "$W/named.log" 2>&1 &
echo $! > "$W/named.pid"
for i in $(seq 1 200); do
  if [ -n "$(dig +short +time=1 +tries=1 -p "$P" @127.0.0.1 example.org SOA 2>/dev/null)" ] \
     && [ -n "$(dig +short +time=1 +tries=1 -p "$P" @127.0.0.1 example.net SOA 2>/dev/null)" ] \
     && { [ -z "$GSS_ZONE" ] || [ -n "$(dig +short +time=1 +tries=1 -p "$P" @127.0.0.1 example.com SOA 2>/dev/null)" ]; }; then
    echo "BIND ready on 127.0.0.1:$P, pid $(cat "$W/named.pid")"; exit 0
  fi
  kill -0 "$(cat "$W/named.pid")" 2>/dev/null || break
  sleep 0.05
done
echo "BIND failed to start on port $P" >&2; cat "$W/named.log" >&2
kill "$(cat "$W/named.pid")" 2>/dev/null || true
exit 1
