#!/bin/bash
# Installs the Debian packages the integration tests need (BIND 9, PowerDNS with the SQLite backend, dig, curl, and an
# MIT Kerberos KDC with its admin tools for the GSS-TSIG tests; the GSSAPI client library libgssapi-krb5-2 comes with them).
# Idempotent: a quick no-op when everything is present. Runs as root (or through sudo) on Debian 12, needs no stdin.
# usage: tests/servers/install.sh
set -euo pipefail

PACKAGES=(bind9 bind9-utils bind9-dnsutils pdns-server pdns-backend-sqlite3 sqlite3 curl krb5-kdc krb5-admin-server krb5-user libgssapi-krb5-2)
# Commands the tests and the server scripts run; a package counts as present only if dpkg says so as well.
COMMANDS=(named named-checkconf nsupdate dig pdns_server pdnsutil sqlite3 curl krb5kdc kdb5_util kadmin.local kinit)

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

# Optional tools for the deployment tests (tests/ExternalDns.Cli.Tests/Deploy): kubectl renders deploy/ with its
# embedded kustomize (the 'kubectl' package of the Kubernetes/Google apt repository where configured, else Debian's
# kubernetes-client); podman, buildah and runc build and run the container image. Best effort: when they cannot be
# installed, the kustomize tests fail saying so and the image test is skipped with the reason; the rest still runs.
install_optional() {
  local want=()
  command -v kubectl >/dev/null 2>&1 || {
    if apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; then want+=(kubectl); else want+=(kubernetes-client); fi
  }
  for p in podman buildah runc; do installed "$p" || want+=("$p"); done
  [ ${#want[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then command -v sudo >/dev/null 2>&1 || { echo "install.sh: not root, optional tools not installed: ${want[*]}" >&2; return 0; }; sudo=(sudo -n); fi
  echo "install.sh: installing optional ${want[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${want[@]}" </dev/null \
    || echo "install.sh: warning: could not install ${want[*]} (the deployment tests say what is missing)" >&2
}
install_optional

missing=()
for p in "${PACKAGES[@]}"; do
  installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  for c in "${COMMANDS[@]}"; do
    PATH="$PATH:/usr/sbin:/sbin" command -v "$c" >/dev/null 2>&1 || { echo "install.sh: packages present but '$c' not found" >&2; exit 1; }
  done
  echo "install.sh: all test packages present (${PACKAGES[*]})"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install.sh: must run as root (missing: ${missing[*]})" >&2; exit 1; }
  SUDO=(sudo -n)
fi

# The tests start their own server instances on 127.0.0.1 with private configurations: keep the packages'
# system services (named on :53, pdns on :53) from starting during installation, unless a policy already exists.
POLICY=/usr/sbin/policy-rc.d
created_policy=0
cleanup() {
  if [ "$created_policy" = 1 ]; then "${SUDO[@]}" rm -f "$POLICY"; fi
}
trap cleanup EXIT
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null
  "${SUDO[@]}" chmod 755 "$POLICY"
  created_policy=1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install.sh: installing ${missing[*]}"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" </dev/null

for p in "${missing[@]}"; do
  installed "$p" || { echo "install.sh: $p did not install" >&2; exit 1; }
done
echo "install.sh: done"
