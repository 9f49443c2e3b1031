#!/usr/bin/env bash
# The proof benchmark: a pull request of 10 PostgreSQL migrations proved end to end with
# `migration-review prove` (embedded PostgreSQL started by the command itself, base branch
# migrations applied, every statement traced, rollbacks run), timed as a whole process.
# Environment: RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../.ci/java-env
source .ci/java-env
runs=${RUNS:-3}
if [ ! -f target/migration-review.jar ]; then
  mvn -B -ntp -q package -DskipTests
fi
jar=$(pwd)/target/migration-review.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
git init -q -b main "$repo"
cd "$repo"
git config user.email bench@example.invalid
git config user.name bench
mkdir -p db/migrations
cat > db/migrations/1_base.up.sql <<'SQL'
CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), total numeric(12,2), status text);
CREATE INDEX idx_orders_customer ON orders (customer_id);
SQL
echo "DROP TABLE orders; DROP TABLE customers;" > db/migrations/1_base.down.sql
git add -A && git commit -qm base
git checkout -q -b feature
statements=(
  "ALTER TABLE customers ADD COLUMN nickname text;"
  "CREATE INDEX idx_customers_email ON customers (email);"
  "ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';"
  "ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);"
  "CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));"
  "ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (total >= 0) NOT VALID;"
  "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check;"
  "CREATE INDEX idx_orders_status ON orders (status);"
  "ALTER TABLE customers ALTER COLUMN email SET NOT NULL;"
  "UPDATE orders SET currency = 'USD' WHERE customer_id < 100;"
)
for i in "${!statements[@]}"; do
  n=$((i + 2))
  echo "${statements[$i]}" > "db/migrations/${n}_step.up.sql"
  echo "SELECT 1;" > "db/migrations/${n}_step.down.sql"
done
git add -A && git commit -qm "ten migrations"
pgdir=$work/pg
echo "proof of a 10-migration pull request (embedded PostgreSQL start included), $runs runs:"
for run in $(seq "$runs"); do
  start=$(date +%s%N)
  java -jar "$jar" prove --repo "$repo" --work-dir "$pgdir" --volume customers=20000 --volume orders=100000 \
    --query "orders of a customer=SELECT * FROM orders WHERE customer_id = 42" > "$work/out.md" || true
  end=$(date +%s%N)
  echo "run $run: $(( (end - start) / 1000000 )) ms"
done
cat "$work/out.md"
