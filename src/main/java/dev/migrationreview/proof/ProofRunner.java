package dev.migrationreview.proof;

import dev.migrationreview.config.ProofConfig;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies a change's migrations to a throwaway database, statement by statement and inside
 * transactions exactly where the framework would run them, and records what really happened:
 * locks, rewrites, timings, errors, whether the rollback restores the schema, and how the plans
 * of critical queries change.
 */
public final class ProofRunner {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "proof-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final ProofServer server;

    public ProofRunner(ProofServer server) {
        this.server = server;
    }

    /**
     * @param base   migrations already applied on the base branch (and any configured schema dump), in run order
     * @param change the pull request's migrations in run order; DOWN files serve as rollbacks of their UP files
     */
    public ProofReport prove(List<ParsedMigration> base, List<ParsedMigration> change, ProofConfig settings) {
        long started = System.nanoTime();
        String serverName = "PostgreSQL";
        try {
            serverName = server.version();
            try (ProofDatabase database = server.createDatabase(); Connection connection = database.connect()) {
                var run = new Run(connection, settings, started);
                var cancel = WATCHDOG.schedule(run::abort, settings.wallClock().toMillis(), TimeUnit.MILLISECONDS);
                try {
                    return run.prove(serverName, base, change);
                } finally {
                    cancel.cancel(false);
                }
            }
        } catch (SQLException | RuntimeException e) {
            return ProofReport.failed(serverName, since(started), "the proof could not run: " + e.getMessage());
        }
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    /** One proof on one connection. */
    private static final class Run {
        private final Connection connection;
        private final ProofConfig settings;
        private final long started;
        private final List<StatementTrace> traces = new ArrayList<>();
        private final List<String> notProved = new ArrayList<>();
        private volatile java.sql.Statement running;
        private volatile boolean aborted;
        private Set<Long> preExisting = Set.of();

        Run(Connection connection, ProofConfig settings, long started) {
            this.connection = connection;
            this.settings = settings;
            this.started = started;
        }

        void abort() {
            aborted = true;
            var statement = running;
            if (statement != null) {
                try {
                    statement.cancel();
                } catch (SQLException ignored) {
                    // The statement finished between the check and the cancel: nothing left to stop.
                }
            }
        }

        ProofReport prove(String serverName, List<ParsedMigration> base, List<ParsedMigration> change) throws SQLException {
            connection.setAutoCommit(true);
            execute("SET statement_timeout = " + settings.statementTimeout().toMillis());
            execute("SET lock_timeout = " + settings.lockTimeout().toMillis());
            for (ParsedMigration migration : base) {
                if (!provable(migration)) {
                    continue;
                }
                Optional<String> error = apply(migration, migration.forward(), false);
                if (error.isPresent()) {
                    return failure(serverName, "the base state could not be built: " + migration.file().path() + ": " + error.get());
                }
            }
            new SyntheticVolume(connection).fill(settings.volume());
            execute("ANALYZE");
            Map<ProofConfig.CriticalQuery, Optional<QueryPlan>> plansBefore = explainAll();
            preExisting = relationOids();

            Map<String, ParsedMigration> byPath = new HashMap<>();
            change.forEach(m -> byPath.put(m.file().path(), m));
            var applied = new ArrayList<Applied>();
            for (ParsedMigration migration : change) {
                if (migration.file().direction() == Direction.DOWN || !provable(migration)) {
                    continue;
                }
                CatalogSnapshot before = CatalogSnapshot.capture(connection);
                if (apply(migration, migration.forward(), true).isPresent() || aborted) {
                    break;
                }
                applied.add(new Applied(migration, rollbackOf(migration, byPath), before));
            }
            if (aborted) {
                return failure(serverName, "the proof exceeded its wall-clock cap of " + settings.wallClock().toSeconds() + " s");
            }
            execute("ANALYZE");
            var plans = comparePlans(plansBefore);
            var rollbacks = proveRollbacks(applied);
            return new ProofReport(serverName, since(started), traces, rollbacks, plans, notProved, Optional.empty());
        }

        /** A migration the proof applied, its rollback, and the schema before it. */
        private record Applied(ParsedMigration migration, Optional<Rollback> rollback, CatalogSnapshot before) {}

        /**
         * Rolls the change back newest first, as a deploy would, checking each down restores the
         * schema from before its up; then applies the ups again, checking each lands where it did
         * the first time. Stops at a migration without a rollback: older ones cannot be undone past it.
         */
        private List<RollbackResult> proveRollbacks(List<Applied> applied) throws SQLException {
            if (applied.stream().noneMatch(a -> a.rollback().isPresent())) {
                return List.of();
            }
            CatalogSnapshot end = CatalogSnapshot.capture(connection);
            var results = new java.util.LinkedHashMap<Applied, RollbackResult>();
            int undone = applied.size();
            while (undone > 0 && !aborted) {
                Applied last = applied.get(undone - 1);
                if (last.rollback().isEmpty()) {
                    if (applied.stream().limit(undone - 1).anyMatch(a -> a.rollback().isPresent())) {
                        notProved.add("rollbacks before " + last.migration().file().path() + " were not proved: it has no rollback");
                    }
                    break;
                }
                Rollback rollback = last.rollback().get();
                String upPath = last.migration().file().path();
                Optional<String> error = apply(rollback.holder(), rollback.holder().rollback(), false);
                if (error.isPresent()) {
                    results.put(last, new RollbackResult(upPath, rollback.path(), RollbackResult.Status.FAILED, List.of(), error));
                    break;
                }
                List<String> differences = last.before().differencesTo(CatalogSnapshot.capture(connection));
                results.put(last, new RollbackResult(upPath, rollback.path(),
                        differences.isEmpty() ? RollbackResult.Status.RESTORED : RollbackResult.Status.NOT_RESTORED,
                        differences, Optional.empty()));
                undone--;
                if (!differences.isEmpty()) {
                    // What older rollbacks would find is no longer the schema they expect: judging them would blame them for this one.
                    if (applied.stream().limit(undone).anyMatch(a -> a.rollback().isPresent())) {
                        notProved.add("rollbacks before " + upPath + " were not proved: its rollback did not restore the schema");
                    }
                    return List.copyOf(results.values()).reversed();
                }
            }
            for (int i = undone; i < applied.size() && !aborted; i++) {
                Applied again = applied.get(i);
                if (!results.containsKey(again) || results.get(again).status() == RollbackResult.Status.FAILED) {
                    break;
                }
                CatalogSnapshot expected = i + 1 < applied.size() ? applied.get(i + 1).before() : end;
                Optional<String> error = apply(again.migration(), again.migration().forward(), false);
                RollbackResult first = results.get(again);
                var differences = new ArrayList<>(first.differences());
                if (error.isEmpty()) {
                    expected.differencesTo(CatalogSnapshot.capture(connection)).forEach(d -> differences.add("after up again: " + d));
                }
                RollbackResult.Status status = error.isPresent() && differences.isEmpty() ? RollbackResult.Status.FAILED
                        : differences.isEmpty() ? RollbackResult.Status.RESTORED : RollbackResult.Status.NOT_RESTORED;
                results.put(again, new RollbackResult(first.path(), first.rollbackPath(), status, differences,
                        error.map(e -> "up again after down failed: " + e)));
                if (error.isPresent()) {
                    break;
                }
            }
            return List.copyOf(results.values()).reversed();
        }

        private ProofReport failure(String serverName, String why) {
            return new ProofReport(serverName, since(started), traces, List.of(), List.of(), notProved, Optional.of(why));
        }

        private boolean provable(ParsedMigration migration) {
            if (migration.file().framework().isSql()) {
                return true;
            }
            notProved.add(migration.file().path() + ": " + migration.file().framework().displayName()
                    + " migrations are reviewed statically; the proof runs SQL migrations only");
            return false;
        }

        private Optional<Rollback> rollbackOf(ParsedMigration migration, Map<String, ParsedMigration> byPath) {
            if (!migration.rollback().isEmpty()) {
                return Optional.of(new Rollback(migration, migration.file().path()));
            }
            return migration.file().rollback().map(byPath::get)
                    .filter(down -> !down.rollback().isEmpty())
                    .map(down -> new Rollback(down, down.file().path()));
        }

        /** The statements that undo a migration and the migration that holds them (for its transaction mode). */
        private record Rollback(ParsedMigration holder, String path) {}

        /**
         * Runs statements as the framework would: inside one transaction when the migration is
         * transactional, honouring the file's own BEGIN/COMMIT. Returns the first error.
         */
        private Optional<String> apply(ParsedMigration migration, List<Statement> statements, boolean traced) throws SQLException {
            var transaction = new OpenTransaction();
            if (migration.transactional()) {
                transaction.begin();
            }
            for (Statement statement : statements) {
                if (aborted) {
                    transaction.rollback();
                    return Optional.of("aborted at the wall-clock cap");
                }
                Optional<Operation.Transaction.Control> control = transactionControl(statement);
                if (control.isPresent()) {
                    switch (control.get()) {
                        case BEGIN -> transaction.begin();
                        case COMMIT -> transaction.commit();
                        case ROLLBACK -> transaction.rollback();
                        default -> execute(statement.text());
                    }
                    continue;
                }
                Optional<String> error = traced
                        ? traceStatement(migration, statement, transaction)
                        : executeQuietly(statement.text());
                if (error.isPresent()) {
                    transaction.rollback();
                    return Optional.of("line " + statement.startLine() + ": " + error.get());
                }
            }
            transaction.commit();
            return Optional.empty();
        }

        private Optional<String> traceStatement(ParsedMigration migration, Statement statement, OpenTransaction transaction) throws SQLException {
            boolean ownTransaction = !transaction.open && statement.operations().stream().noneMatch(Operation::refusesTransactionBlock);
            if (ownTransaction) {
                // Locks are released at commit: a one-statement transaction lets us read them first.
                transaction.begin();
            }
            Map<Long, Long> filesBefore = relationFiles();
            long t0 = System.nanoTime();
            Optional<String> error = executeQuietly(statement.text());
            Duration elapsed = since(t0);
            boolean observed = transaction.open;
            List<HeldLock> locks = observed && error.isEmpty() ? transaction.newLocks() : List.of();
            List<String> rewritten = error.isEmpty() ? rewrites(filesBefore, relationFiles()) : List.of();
            var trace = new StatementTrace(migration.file().path(), statement.startLine(), statement.text(), locks, observed,
                    elapsed, elapsed, rewritten, error);
            transaction.held(trace, t0);
            if (error.isPresent()) {
                return error;
            }
            if (ownTransaction) {
                transaction.commit();
            }
            return Optional.empty();
        }

        private static Optional<Operation.Transaction.Control> transactionControl(Statement statement) {
            return statement.operations().stream()
                    .filter(Operation.Transaction.class::isInstance)
                    .map(op -> ((Operation.Transaction) op).control())
                    .findFirst();
        }

        private record Holding(StatementTrace trace, long since) {}

        /** The transaction the migration is in, and the traces whose locks it still holds. */
        private final class OpenTransaction {
            private boolean open;
            private final Set<String> locksSeen = new HashSet<>();
            /** Statements whose locks the open transaction still holds, with when each started (System.nanoTime). */
            private final List<Holding> holding = new ArrayList<>();

            void begin() throws SQLException {
                if (!open) {
                    execute("BEGIN");
                    open = true;
                    locksSeen.clear();
                }
            }

            void commit() throws SQLException {
                end("COMMIT");
            }

            void rollback() throws SQLException {
                end("ROLLBACK");
            }

            private void end(String command) throws SQLException {
                if (open) {
                    execute(command);
                    open = false;
                }
                long now = System.nanoTime();
                for (Holding held : holding) {
                    traces.add(held.trace().heldUntil(Duration.ofNanos(now - held.since())));
                }
                holding.clear();
            }

            void held(StatementTrace trace, long since) {
                if (open) {
                    holding.add(new Holding(trace, since));
                } else {
                    traces.add(trace);
                }
            }

            List<HeldLock> newLocks() throws SQLException {
                var locks = new ArrayList<HeldLock>();
                String sql = "SELECT l.relation::bigint, COALESCE(n.nspname || '.' || c.relname, 'relation ' || l.relation), l.mode"
                        + " FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation"
                        + " LEFT JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted"
                        + " AND COALESCE(n.nspname, '') NOT IN ('pg_catalog', 'information_schema')"
                        + " AND COALESCE(n.nspname, '') NOT LIKE 'pg_toast%' ORDER BY 2, 3";
                try (var st = connection.createStatement(); var rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        long oid = rs.getLong(1);
                        String key = oid + "/" + rs.getString(3);
                        if (locksSeen.add(key)) {
                            locks.add(new HeldLock(rs.getString(2), rs.getString(3), preExisting.contains(oid)));
                        }
                    }
                }
                return locks;
            }
        }

        private Map<Long, Long> relationFiles() throws SQLException {
            var files = new HashMap<Long, Long>();
            String sql = "SELECT c.oid::bigint, c.relfilenode::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'm', 'i', 't') AND n.nspname NOT IN ('pg_catalog', 'information_schema')";
            try (var st = connection.createStatement(); var rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    files.put(rs.getLong(1), rs.getLong(2));
                }
            }
            return files;
        }

        private List<String> rewrites(Map<Long, Long> before, Map<Long, Long> after) throws SQLException {
            var rewritten = new ArrayList<String>();
            for (var entry : after.entrySet()) {
                Long old = before.get(entry.getKey());
                if (old != null && old != 0 && !old.equals(entry.getValue()) && preExisting.contains(entry.getKey())) {
                    rewritten.add(relationName(entry.getKey()));
                }
            }
            rewritten.sort(null);
            return rewritten;
        }

        private String relationName(long oid) throws SQLException {
            try (var st = connection.prepareStatement("SELECT ?::bigint::oid::regclass::text")) {
                st.setLong(1, oid);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }

        private Set<Long> relationOids() throws SQLException {
            return new HashSet<>(relationFiles().keySet());
        }

        private Map<ProofConfig.CriticalQuery, Optional<QueryPlan>> explainAll() {
            var plans = new java.util.LinkedHashMap<ProofConfig.CriticalQuery, Optional<QueryPlan>>();
            for (var query : settings.criticalQueries()) {
                plans.put(query, explain(query));
            }
            return plans;
        }

        private Optional<QueryPlan> explain(ProofConfig.CriticalQuery query) {
            try {
                return Optional.of(QueryPlan.explain(connection, query.sql()));
            } catch (SQLException e) {
                return Optional.empty();
            }
        }

        private List<PlanComparison> comparePlans(Map<ProofConfig.CriticalQuery, Optional<QueryPlan>> before) throws SQLException {
            Set<String> indexes = indexNames();
            var comparisons = new ArrayList<PlanComparison>();
            for (var entry : before.entrySet()) {
                Optional<QueryPlan> after = explain(entry.getKey());
                List<String> regressions;
                if (entry.getValue().isEmpty()) {
                    regressions = List.of();
                } else if (after.isEmpty()) {
                    regressions = List.of("the query no longer runs after the change");
                } else {
                    regressions = entry.getValue().get().regressionsTo(after.get(), settings.costFactor(), indexes);
                }
                comparisons.add(new PlanComparison(entry.getKey(), entry.getValue(), after, regressions));
            }
            return comparisons;
        }

        private Set<String> indexNames() throws SQLException {
            var names = new HashSet<String>();
            try (var st = connection.createStatement(); var rs = st.executeQuery("SELECT indexname FROM pg_indexes")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }

        private void execute(String sql) throws SQLException {
            try (var st = connection.createStatement()) {
                running = st;
                st.execute(sql);
            } finally {
                running = null;
            }
        }

        private Optional<String> executeQuietly(String sql) {
            try {
                execute(sql);
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of(e.getMessage());
            }
        }
    }
}
