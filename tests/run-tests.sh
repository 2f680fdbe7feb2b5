#!/usr/bin/env bash
# The test command (README "Run the tests"; .ci/run calls exactly this).
# Installs what the tests need (DNS servers from Debian), builds the solution, runs every test project, and ends
# with one plain line "N passed, N failed". Exit code 0 only when everything built and every test passed.
set -uo pipefail
cd "$(dirname "$0")/.."

bash tests/servers/install.sh || { echo "installing test dependencies failed"; echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# The self-contained publish the Dockerfile makes (build/publish.sh): the container image test builds its image from it.
publish_failed=0
if ! bash build/publish.sh artifacts/publish/linux-x64 >"$log" 2>&1; then
  cat "$log"; echo "build/publish.sh failed"; publish_failed=1
fi

dotnet test ExternalDns.sln --nologo -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$((failed + publish_failed))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build failed or a test host crashed: count it as a failure so the line never reads clean.
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
