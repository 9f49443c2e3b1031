#!/usr/bin/env bash
# Scale-out and fault run: two replicas of the packaged App (separate processes) on one embedded
# PostgreSQL, 1,000 signed deliveries at 200/s through a round-robin load balancer, against a
# stateful WireMock GitHub. Scenarios (first argument, comma-separated; default kill,faults):
#   kill    one replica is killed with SIGKILL half-way through and restarted 3 s later
#   faults  20% of GitHub's answers are 5xx or secondary rate limits (403 + Retry-After)
#   both    the two at once
# Further arguments: --deliveries N --rate N --pulls N --installations N --write-interval-ms N
# --fault-rate F --retry-after S --seed N --settle-seconds N. Writes bench/out/load.txt; exits 1
# when an invariant fails (a delivery lost, a pull request without exactly one completed check run
# for its newest head and one summary comment, writes of an installation closer than the pacing).
# Environment: SHARED_DIR (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=test-classpath.sh
source bench/test-classpath.sh
java -Dshared.dir="$shared" -Dot.epg.working-dir="$PWD/target/epg" \
  -cp "$test_classpath" \
  dev.migrationreview.server.LoadBench target/migration-review.jar "${@:-kill,faults}" | tee bench/out/load.txt
