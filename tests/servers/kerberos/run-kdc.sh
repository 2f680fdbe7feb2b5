#!/bin/bash
# Start an MIT Kerberos KDC in the background on 127.0.0.1:PORT (UDP and TCP) for realm EXAMPLE.TEST, with a fresh
# database in WORKDIR: the user externaldns (password in this script: a test value, not a secret), the DNS service
# principals DNS/127.0.0.1 and DNS/localhost with their keys in WORKDIR/dns.keytab (for BIND's tkey-gssapi-keytab),
# and WORKDIR/krb5.conf for clients (export KRB5_CONFIG=WORKDIR/krb5.conf). Waits until kinit works.
# usage: run-kdc.sh WORKDIR PORT   (pid in WORKDIR/kdc.pid, log in WORKDIR/kdc.log)
set -euo pipefail
W=${1:?usage: run-kdc.sh WORKDIR PORT}
P=${2:?usage: run-kdc.sh WORKDIR PORT}
REALM=EXAMPLE.TEST
USER_NAME=externaldns
USER_PASSWORD=externaldns-test-password
export PATH="$PATH:/usr/sbin:/sbin"
for c in krb5kdc kdb5_util kadmin.local kinit; do
  command -v "$c" >/dev/null 2>&1 || { echo "$c is not installed: apt-get install krb5-kdc krb5-admin-server krb5-user (tests/servers/install.sh)" >&2; exit 2; }
done
mkdir -p "$W"
W=$(cd "$W" && pwd)
rm -f "$W/principal"* "$W/stash" "$W/dns.keytab" "$W/ccache"
cat > "$W/krb5.conf" <<CONF
[libdefaults]
  default_realm = $REALM
  dns_lookup_kdc = false
  dns_lookup_realm = false
  dns_canonicalize_hostname = false
  rdns = false
  udp_preference_limit = 1
[realms]
  $REALM = {
    kdc = 127.0.0.1:$P
  }
[domain_realm]
  127.0.0.1 = $REALM
  localhost = $REALM
CONF
cat > "$W/kdc.conf" <<CONF
[kdcdefaults]
  kdc_ports = $P
  kdc_tcp_ports = $P
[realms]
  $REALM = {
    database_name = $W/principal
    key_stash_file = $W/stash
    acl_file = $W/kadm5.acl
    kdc_ports = $P
    kdc_tcp_ports = $P
    max_life = 1h
    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
  }
[logging]
  kdc = FILE:$W/kdc.log
CONF
: > "$W/kadm5.acl"
export KRB5_CONFIG="$W/krb5.conf" KRB5_KDC_PROFILE="$W/kdc.conf"
kdb5_util create -s -r "$REALM" -P "kdc-master-$RANDOM$RANDOM" >"$W/setup.log" 2>&1
kadmin.local -r "$REALM" -q "addprinc -pw $USER_PASSWORD $USER_NAME" >>"$W/setup.log" 2>&1
for s in DNS/127.0.0.1 DNS/localhost; do
  kadmin.local -r "$REALM" -q "addprinc -randkey $s" >>"$W/setup.log" 2>&1
  kadmin.local -r "$REALM" -q "ktadd -k $W/dns.keytab $s" >>"$W/setup.log" 2>&1
done
[ -s "$W/dns.keytab" ] || { echo "kadmin.local did not write $W/dns.keytab" >&2; cat "$W/setup.log" >&2; exit 1; }
krb5kdc -n -r "$REALM" -P "$W/kdc.pid" > "$W/kdc.out" 2>&1 &
echo $! > "$W/kdc.pid"
for i in $(seq 1 100); do
  if echo "$USER_PASSWORD" | KRB5CCNAME="FILE:$W/ccache" kinit "$USER_NAME@$REALM" >/dev/null 2>&1; then
    rm -f "$W/ccache"
    echo "KDC ready on 127.0.0.1:$P (realm $REALM), pid $(cat "$W/kdc.pid")"; exit 0
  fi
  kill -0 "$(cat "$W/kdc.pid")" 2>/dev/null || break
  sleep 0.05
done
echo "KDC failed to start on port $P" >&2; cat "$W/kdc.out" "$W/kdc.log" >&2 2>/dev/null || true
kill "$(cat "$W/kdc.pid")" 2>/dev/null || true
exit 1
