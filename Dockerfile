# syntax=docker/dockerfile:1
# The external-dns image. The build stage runs build/publish.sh, the same command CI runs before its image test
# (tests/ExternalDns.Cli.Tests, ContainerImageTests, which builds the image from that output with buildah because CI
# cannot pull base images). Self-contained, trimmed (partial), invariant globalization: the runtime stage needs no
# .NET, only glibc, OpenSSL and CA certificates — the chiseled runtime-deps image (no shell, no package manager).
#   docker build -t external-dns:dev .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN bash build/publish.sh /out linux-x64

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /out/ /app/
# Non-root (the Deployment runs as 65532 too); works with a read-only root filesystem (mount an emptyDir at /tmp).
USER 65532:65532
EXPOSE 7979
ENTRYPOINT ["/app/external-dns"]
