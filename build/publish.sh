#!/usr/bin/env bash
# The one publish command of ExternalDns: the Dockerfile's build stage and the CI image test (tests/ExternalDns.Cli.Tests,
# ContainerImageTests) both run exactly this. A self-contained linux-x64 publish (no .NET installed in the image),
# trimmed in "partial" mode (only the framework's trimmable assemblies are trimmed; our code and the provider SDKs are
# kept whole, so nothing they reach by reflection is cut), invariant globalization (no ICU needed).
# usage: build/publish.sh OUTPUT_DIRECTORY [RUNTIME_IDENTIFIER]
set -euo pipefail
out=${1:?usage: build/publish.sh OUTPUT_DIRECTORY [RUNTIME_IDENTIFIER]}
rid=${2:-linux-x64}
cd "$(dirname "$0")/.."
dotnet publish src/ExternalDns/ExternalDns.csproj -c Release -r "$rid" --self-contained true \
  -p:PublishTrimmed=true -p:TrimMode=partial -p:SuppressTrimAnalysisWarnings=true \
  -p:InvariantGlobalization=true -p:DebugType=none -p:GenerateDocumentationFile=false \
  --nologo -o "$out"
