# Sourced by the bench scripts that run a benchmark class from the test sources: checks the shared
# folder, builds the jar when missing, compiles the tests and sets $shared and $test_classpath.
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
test_classpath="target/test-classes:target/classes:$(cat bench/out/test-classpath.txt)"
