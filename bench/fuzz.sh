#!/usr/bin/env bash
# Fuzzes the webhook endpoint and the review engine: cases tried by category, failures with the
# seed and case number that replay them, and the duration. Writes bench/out/fuzz.txt.
#
#   bash bench/fuzz.sh                          # both fuzzers, FUZZ_SECONDS (default 90) each, a fresh seed
#   bash bench/fuzz.sh engine --seconds 300     # arguments go to FuzzMain (see --help)
#   bash bench/fuzz.sh webhook --seed 42 --case 17 [--category huge-strings]   # replay one failure
#
# The webhook fuzzer runs against a bot started in its own JVM with WireMock playing GitHub. With
# FUZZ_JAR=1 it then also runs against `java -jar target/migration-review.jar serve` started here
# with a small heap (FUZZ_JAR_HEAP, default 256m), the fuzzer playing GitHub on a local port; the
# report says whether that process survived. Environment: SHARED_DIR (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=test-classpath.sh
source bench/test-classpath.sh
if [ ! -d "$shared/corpus" ]; then
  echo "fuzz: the shared folder $shared has no corpus (set SHARED_DIR)" >&2
  exit 2
fi
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(all --seconds "${FUZZ_SECONDS:-90}")
fi
classpath=$test_classpath
fuzz() {
  java -Xmx1g -Dshared.dir="$shared" -cp "$classpath" dev.migrationreview.fuzz.FuzzMain --shared "$shared" "$@"
}

rm -f bench/out/fuzz.txt bench/out/fuzz-jar.txt
status=0
fuzz "${args[@]}" --report bench/out/fuzz.txt || status=$?

rest=("${args[@]}")
target=all
case "${rest[0]}" in
  webhook|engine|all) target=${rest[0]}; rest=("${rest[@]:1}") ;;
esac
if [ "${FUZZ_JAR:-0}" = 1 ] && [ "$target" != engine ]; then
  # Always rebuilt: a jar left from an earlier build would fuzz code that is no longer there.
  mvn -B -ntp -q package -DskipTests
  work=$(mktemp -d)
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/webhook-secret"
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/admin-token"
  # A port nothing listens on yet, for the fake GitHub the fuzzer starts once the server is up.
  github_port=
  for candidate in $(shuf -i 20000-60000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      github_port=$candidate
      break
    fi
  done
  GITHUB_APP_ID=4711 GITHUB_PRIVATE_KEY_FILE=src/test/resources/dev/migrationreview/github/app-key.pkcs8.pem \
    WEBHOOK_SECRET_FILE="$work/webhook-secret" MIGRATION_REVIEW_ADMIN_TOKEN_FILE="$work/admin-token" \
    GITHUB_API_URL="http://127.0.0.1:$github_port" \
    java -Xmx"${FUZZ_JAR_HEAP:-256m}" -jar target/migration-review.jar serve --host 127.0.0.1 --port 0 \
      --data-dir "$work/data" --log-format text --reconcile-minutes 0 --sweep-minutes 0 --write-interval 10 \
      --max-attempts 3 > "$work/server.log" 2>&1 &
  server=$!
  port=
  for _ in $(seq 1 300); do
    port=$(sed -n 's/.*listening on [^:]*:\([0-9][0-9]*\).*/\1/p' "$work/server.log" | head -n 1)
    if [ -n "$port" ] || ! kill -0 "$server" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "fuzz: the server did not start; its log is $work/server.log" >&2
    kill "$server" 2>/dev/null || true
    exit 2
  fi
  # The separate process gets the same budget and seed as the in-process run.
  fuzz webhook "${rest[@]}" --url "http://127.0.0.1:$port" --secret-file "$work/webhook-secret" \
    --admin-token-file "$work/admin-token" --github-port "$github_port" --report bench/out/fuzz-jar.txt || status=$?
  {
    echo
    echo "== against java -Xmx${FUZZ_JAR_HEAP:-256m} -jar target/migration-review.jar serve (a separate process) =="
    cat bench/out/fuzz-jar.txt 2>/dev/null || echo "the fuzzer wrote no report (see its output)"
    if kill -0 "$server" 2>/dev/null; then
      echo "server process still running after the run: yes (RSS $(awk '/VmRSS/ {print $2, $3}' "/proc/$server/status"))"
    else
      echo "server process still running after the run: NO (it exited; log: $work/server.log)"
      status=1
    fi
    echo "server log lines at ERROR: $(grep -c ' ERROR ' "$work/server.log" || true)"
  } >> bench/out/fuzz.txt
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
fi
echo "report: bench/out/fuzz.txt"
exit "$status"
