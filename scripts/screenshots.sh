#!/usr/bin/env bash
# Regenerates the console screenshots of the README (docs/screenshots/*.png, 1280x800): the console's browser tests
# (coremonitor-server, io.coremonitor.server.console.*IT) take them while they run against the real server jar, the
# Docker engine and SQLite. Needs what those tests need: dockerd (scripts/start-dockerd.sh), the test images
# (scripts/test-images.sh), chromium and chromium-driver (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/docs/screenshots"
mkdir -p "$out"
# -am builds the modules the server needs; only the console's browser tests run (no unit test, no other IT).
mvn -B -pl coremonitor-server -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dcheckstyle.skip \
    -Dit.test='io.coremonitor.server.console.*IT' -Dconsole.screenshots="$out"
echo "screenshots in $out:"
ls -1 "$out"
