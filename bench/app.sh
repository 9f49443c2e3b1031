#!/usr/bin/env bash
# The GitHub App's benchmark: webhook ack latency at 200 deliveries/s, PR event -> completed check
# run for a 10-migration PR, GitHub API calls per review, start-up time and idle RSS of the jar.
# WireMock plays api.github.com on loopback. Writes bench/out/app-bench.txt.
# Environment: SHARED_DIR (default ../shared). Arguments: sections to run, comma-separated
# (default ack,latency,calls,startup).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../.ci/java-env
source .ci/java-env
shared=${SHARED_DIR:-../shared}
if [ ! -d "$shared/fixtures/webhooks" ]; then
  echo "bench: the shared folder $shared is missing (set SHARED_DIR)" >&2
  exit 2
fi
if [ ! -f target/migration-review.jar ]; then
  mvn -B -ntp -q package -DskipTests
fi
mvn -B -ntp -q test-compile
mkdir -p bench/out
mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile=bench/out/test-classpath.txt -Dmdep.includeScope=test
java -Dshared.dir="$shared" -cp "target/test-classes:target/classes:$(cat bench/out/test-classpath.txt)" \
  dev.migrationreview.server.AppBench target/migration-review.jar "${1:-ack,latency,calls,startup}"
