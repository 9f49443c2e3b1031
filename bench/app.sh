#!/usr/bin/env bash
# The GitHub App's benchmark: webhook ack latency at 200 deliveries/s, PR event -> completed check
# run for a 10-migration PR, GitHub API calls per review, start-up time and idle RSS of the jar.
# WireMock plays api.github.com on loopback. Writes bench/out/app-bench.txt.
# Environment: SHARED_DIR (default ../shared). Arguments: sections to run, comma-separated
# (default ack,latency,calls,startup).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=test-classpath.sh
source bench/test-classpath.sh
java -Dshared.dir="$shared" -cp "$test_classpath" \
  dev.migrationreview.server.AppBench target/migration-review.jar "${1:-ack,latency,calls,startup}"
