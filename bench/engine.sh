#!/usr/bin/env bash
# The benchmark (see "Reading the benchmark" in README.md):
#  (a) in-process throughput: `migration-review bench`, statements per second on one thread after
#      warm-up, beside JSqlParser parsing the same statements in the same run;
#  (b) whole-process wall time of `migration-review review` over every PostgreSQL migration of the
#      shared corpus, beside the squawk linter on the same files, in the same run.
# Environment: SHARED_DIR (default ../shared), RUNS (default 5); WARMUP and SECONDS_MEASURED for (a).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../.ci/java-env
source .ci/java-env
corpus=${SHARED_DIR:-../shared}/corpus
runs=${RUNS:-5}
if [ ! -d "$corpus" ]; then
  echo "bench: the corpus $corpus is missing (set SHARED_DIR to the shared folder)" >&2
  exit 2
fi

if [ ! -x bench/node_modules/.bin/squawk ]; then
  echo "bench: installing squawk-cli into bench/node_modules" >&2
  (cd bench && npm install --no-package-lock --no-audit --no-fund --loglevel=error)
fi
squawk_bin=$(ls bench/node_modules/@squawk-cli/*/bin/squawk 2>/dev/null | head -1)
squawk_version=$(bench/node_modules/.bin/squawk --version | awk '{ print $NF }')
if [ ! -f target/migration-review.jar ]; then
  echo "bench: building target/migration-review.jar" >&2
  mvn -B -ntp -q package -DskipTests
fi

mkdir -p bench/out
list=bench/out/postgres-files.txt
{
  find "$corpus/prisma/langfuse" -type f -name '*.sql'
  find "$corpus/golang-migrate/harbor" -type f -name '*.sql'
  # kratos keeps one file per dialect: the PostgreSQL ones and those without a dialect segment.
  find "$corpus/golang-migrate/kratos" -type f -name '*.sql' \
    | grep -E '\.postgres\.|/[0-9]+_[A-Za-z0-9_-]+(\.autocommit)?\.(up|down)\.sql$'
  find "$corpus/flyway/dhis2-core" -type f -name '*.sql'
  find "$corpus/flyway/hawkbit" -path '*/POSTGRESQL/*' -type f -name '*.sql'
  find "$corpus/flyway/conductor" -path '*postgres*' -type f -name '*.sql'
} | sort > "$list"
mapfile -t files < "$list"
bytes=$(cat "${files[@]}" | wc -c)
echo "files: ${#files[@]} PostgreSQL migration files, $((bytes / 1024)) KiB (list in $list)"
echo "java: $(java -version 2>&1 | head -1); squawk: $squawk_version; runs: $runs"

rm -f target/migration-review*.jsa
review="review --repo $corpus --fail-on never"
# name|command: every tool reads the same files; exit codes 0 and 1 (findings) both mean success.
tools=(
  "squawk $squawk_version, native binary|${squawk_bin:-bench/node_modules/.bin/squawk}"
  "squawk through npm's node wrapper|bench/node_modules/.bin/squawk"
  "migration-review: java -jar|java -jar target/migration-review.jar $review"
  "migration-review: java -jar, C1 + serial GC|java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar target/migration-review.jar $review"
  "migration-review: bin/ (C1, serial GC, AppCDS)|bin/migration-review $review"
)

declare -A wall
for tool in "${tools[@]}"; do
  name=${tool%%|*}
  command=${tool#*|}
  # One untimed run: fills the page cache and writes the AppCDS archive.
  set +e
  $command "${files[@]}" > "bench/out/last-output.txt" 2> "bench/out/last-error.txt"
  status=$?
  set -e
  if [ "$status" -gt 1 ]; then
    echo "bench: '$name' failed with exit code $status:" >&2
    head -20 bench/out/last-error.txt >&2
    exit 2
  fi
done
declare -A cpu
for _ in $(seq "$runs"); do
  # Interleaved, so drift in machine load touches every tool alike.
  for tool in "${tools[@]}"; do
    name=${tool%%|*}
    command=${tool#*|}
    start=$(date +%s%N)
    # CPU time (user + system, children included) says how much work a tool did, whatever the machine's load.
    TIMEFORMAT='%U %S'
    seconds=$( { time $command "${files[@]}" > /dev/null 2>&1 || true; } 2>&1 )
    end=$(date +%s%N)
    wall[$name]+="$(( (end - start) / 1000000 )) "
    cpu[$name]+="$(echo "$seconds" | awk '{ printf "%d", ($1 + $2) * 1000 }') "
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)) }'; }
ratio() { echo "$1 $2" | awk '{ printf "%.2f", $1 / $2 }'; }
baseline_name=${tools[0]%%|*}
baseline=$(echo "${wall[$baseline_name]}" | median)
baseline_cpu=$(echo "${cpu[$baseline_name]}" | median)
echo
echo "(b) whole-process wall time, median of $runs runs; ratio = time / $baseline_name (target <= 1.00)"
printf '  %-48s %9s %6s %9s %6s   %s\n' "" "wall" "ratio" "cpu" "ratio" "wall times of the runs (ms)"
for tool in "${tools[@]}"; do
  name=${tool%%|*}
  m=$(echo "${wall[$name]}" | median)
  c=$(echo "${cpu[$name]}" | median)
  printf '  %-48s %6d ms %6s %6d ms %6s   %s\n' "$name" "$m" "$(ratio "$m" "$baseline")" "$c" "$(ratio "$c" "$baseline_cpu")" "${wall[$name]}"
done

echo
echo "start-up alone (--version), median of $runs runs"
for launcher in "java -jar target/migration-review.jar" "bin/migration-review"; do
  startup=""
  $launcher --version > /dev/null
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    $launcher --version > /dev/null
    end=$(date +%s%N)
    startup+="$(( (end - start) / 1000000 )) "
  done
  printf '  %-44s %7d ms\n' "$launcher" "$(echo "$startup" | median)"
done

echo
echo "(a) in-process throughput, one thread (target >= 50,000 statements/s)"
for scope in one-change each-file; do
  scope_option=()
  if [ "$scope" = each-file ]; then
    scope_option=(--each-file)
  fi
  java -jar target/migration-review.jar bench --repo "$corpus" --files-from "$list" "${scope_option[@]}" \
    --warmup "${WARMUP:-5}" --seconds "${SECONDS_MEASURED:-10}" | sed 's/^/  /'
  echo
done
