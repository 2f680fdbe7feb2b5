#!/usr/bin/env bash
# Builds the external-dns image WITHOUT pulling a base image: `buildah from scratch` plus the output of
# build/publish.sh (self-contained .NET), the shared libraries it loads (glibc, libstdc++, libgcc_s, zlib, OpenSSL 3,
# taken from this machine), the CA bundle for TLS to the DNS providers, and /etc/passwd with user 65532. Used by CI
# (tests/ExternalDns.Cli.Tests ContainerImageTests) where registries cannot be reached; the Dockerfile builds the same
# publish output onto a chiseled runtime-deps base where they can.
# usage: build/image-from-publish.sh PUBLISH_DIR IMAGE_NAME
# Environment: BUILDAH_ARGS (e.g. "--storage-driver vfs --root DIR --runroot DIR"), CONTAINERS_CONF as podman needs.
set -euo pipefail
pub=${1:?usage: build/image-from-publish.sh PUBLISH_DIR IMAGE_NAME}
image=${2:?usage: build/image-from-publish.sh PUBLISH_DIR IMAGE_NAME}
read -r -a bargs <<< "${BUILDAH_ARGS:---storage-driver vfs}"
[ -x "$pub/external-dns" ] || { echo "image-from-publish.sh: $pub/external-dns is missing: run build/publish.sh $pub" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/app" "$stage/etc/ssl/certs" "$stage/tmp"
chmod 1777 "$stage/tmp"
cp -a "$pub/." "$stage/app/"

# Every shared library the host binary and the runtime's native parts link against, plus what .NET opens at run time
# (OpenSSL 3 for TLS and hashing; libgssapi_krb5 only for GSS-TSIG, left out: the RFC2136 GSS-TSIG mode needs a base
# image with it).
libs=$( { for f in "$pub/external-dns" "$pub"/*.so; do ldd "$f" 2>/dev/null | awk '/=>/ { print $3 } /^[ \t]*\/.*ld-linux/ { print $1 }'; done
          ldconfig -p | awk '/libssl\.so\.3 |libcrypto\.so\.3 / && /x86-64/ { print $NF }'; } | grep '^/' | grep -v "^$pub/" | sort -u)
for lib in $libs; do
  real=$(readlink -f "$lib")
  mkdir -p "$stage$(dirname "$lib")"
  cp "$real" "$stage$lib"
done
cp /etc/ssl/certs/ca-certificates.crt "$stage/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$stage/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$stage/etc/group"

c=$(buildah "${bargs[@]}" from scratch)
buildah "${bargs[@]}" copy --quiet "$c" "$stage" / >/dev/null
buildah "${bargs[@]}" config --entrypoint '["/app/external-dns"]' --cmd '' --user 65532:65532 --workingdir /app \
  --env DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 --env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
  --port 7979 --label org.opencontainers.image.title=external-dns "$c"
buildah "${bargs[@]}" commit --quiet --rm "$c" "$image" >/dev/null
echo "$image"
