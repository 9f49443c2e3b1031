package dev.migrationreview.review;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.EngineChecks;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.MigrationSite;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleContext;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * Runs every rule over the forward operations of a change in run order, keeping the state rules
 * reason with: tables created so far, the open transaction, timeouts set. Applies configured
 * severities and suppressions, and turns a failing rule into a finding instead of a lost review.
 */
final class ChangeWalker {

    private final List<Rule> rules;
    private final ReviewConfig config;
    private final List<Finding> findings = new ArrayList<>();
    private final List<OperationSite> changeSoFar = new ArrayList<>();
    /** Tables created in this change, with the position in {@link #changeSoFar} of the operation that created them. */
    private final Map<TableRef, Integer> createdAt = new HashMap<>();
    /**
     * Columns added in this change, by unqualified table and name, with the position of the operation
     * that added them: rules ask for every dropped or renamed column, so a scan of the change would
     * make a migration of thousands of them quadratic.
     */
    private final Map<TableRef, Map<String, Integer>> columnsAddedAt = new HashMap<>();
    /** The operations of {@link #changeSoFar} that name each table, with their positions there. */
    private final Map<TableRef, TableHistory> byTable = new HashMap<>();

    ChangeWalker(List<Rule> rules, ReviewConfig config) {
        this.rules = rules;
        this.config = config;
    }

    List<Finding> walk(List<ParsedMigration> migrations) {
        for (ParsedMigration migration : migrations) {
            walkMigration(migration);
        }
        return findings;
    }

    private void walkMigration(ParsedMigration migration) {
        var state = new MigrationState(migration);
        var suppressions = new Suppressions(migration);
        for (var problem : migration.problems()) {
            emit(EngineChecks.UNREADABLE_FILE, migration, problem.line(), problem.line(), problem.message(), Optional.empty());
        }
        for (Statement statement : migration.forward()) {
            for (Operation operation : statement.operations()) {
                var site = new OperationSite(operation, statement, migration, state.now());
                for (Rule rule : rules) {
                    if (enabled(rule)) {
                        runGuarded(rule, statement, migration, suppressions, sink -> rule.check(site, sink));
                    }
                }
                state.after(site);
            }
        }
        var end = new MigrationSite(migration, state.now(), state.operations());
        Statement whole = new Statement("", 1, 1, List.of(), Statement.ParsedBy.FRAMEWORK, Statement.Section.UP);
        for (Rule rule : rules) {
            if (enabled(rule)) {
                runGuarded(rule, whole, migration, suppressions, sink -> rule.checkMigration(end, sink));
            }
        }
        suppressions.reportProblems();
    }

    private boolean enabled(Rule rule) {
        return severityOf(rule.doc()) != Severity.OFF;
    }

    private Severity severityOf(RuleDoc doc) {
        return config.rules().getOrDefault(doc.id(), doc.defaultSeverity());
    }

    private void runGuarded(Rule rule, Statement statement, ParsedMigration migration, Suppressions suppressions,
                            java.util.function.Consumer<FindingSink> check) {
        FindingSink sink = (at, message, fix) -> {
            if (!suppressions.suppresses(rule.id(), at)) {
                emit(rule.doc(), migration, at.startLine(), at.endLine(), message, fix);
            }
        };
        try {
            check.accept(sink);
        } catch (RuntimeException | StackOverflowError e) {
            emit(EngineChecks.RULE_ERROR, migration, statement.startLine(), statement.endLine(),
                    "Rule " + rule.id() + " failed here (" + e.getClass().getSimpleName() + "); the statement was not fully checked.",
                    Optional.empty());
        }
    }

    private void emit(RuleDoc doc, ParsedMigration migration, int start, int end, String message, Optional<Fix> fix) {
        Severity severity = severityOf(doc);
        if (severity == Severity.OFF) {
            return;
        }
        Optional<String> lock = doc.lock().equals("none") ? Optional.empty() : Optional.of(doc.lock());
        findings.add(new Finding(doc.id(), severity, migration.file().path(), start, end, message, lock, fix));
    }

    /** Suppression comments of one file, and which of them matched a finding. */
    private final class Suppressions {
        private final ParsedMigration migration;
        private final Map<Suppression, Boolean> used = new IdentityHashMap<>();

        Suppressions(ParsedMigration migration) {
            this.migration = migration;
            migration.suppressions().forEach(s -> used.put(s, false));
        }

        boolean suppresses(String ruleId, Statement at) {
            for (Suppression s : migration.suppressions()) {
                if (s.silences(ruleId) && (s.wholeFile() || appliesTo(s, at))) {
                    used.put(s, true);
                    return true;
                }
            }
            return false;
        }

        /** A line suppression covers the first statement that starts after its comment; a block, its lines. */
        private boolean appliesTo(Suppression s, Statement at) {
            if (s.lastLine().isPresent()) {
                return at.startLine() >= s.line() && at.startLine() <= s.lastLine().getAsInt();
            }
            if (at.startLine() <= s.line()) {
                return false;
            }
            for (Statement st : migration.statements()) {
                if (st.startLine() > s.line()) {
                    return st.startLine() == at.startLine();
                }
            }
            return false;
        }

        void reportProblems() {
            for (Suppression s : migration.suppressions()) {
                boolean everyRule = s.ruleId().equals(Suppression.ALL_RULES);
                if (s.reason().isEmpty()) {
                    emit(EngineChecks.SUPPRESSION_WITHOUT_REASON, migration, s.line(), s.line(), everyRule
                            ? "This block silences every rule without saying why, so it silences nothing here: "
                            + "add a comment above it saying why the change is safe."
                            : "Suppression of " + s.ruleId() + " gives no reason. Write why it is safe, e.g. "
                                    + "`-- migration-review:ignore " + s.ruleId() + " table is empty in production`.",
                            Optional.empty());
                }
                if (everyRule && s.reason().isEmpty()) {
                    continue;
                }
                if (!used.get(s) && everyRule) {
                    emit(EngineChecks.UNUSED_SUPPRESSION, migration, s.line(), s.line(),
                            "This block silences every rule but no finding falls inside it; it can go.",
                            Optional.empty());
                } else if (!used.get(s)) {
                    emit(EngineChecks.UNUSED_SUPPRESSION, migration, s.line(), s.line(),
                            "Suppression of " + s.ruleId() + " matches no finding; remove it or fix the rule id.",
                            Optional.empty());
                }
            }
        }
    }

    /**
     * The walk through one migration: what it has set so far. Every rule sees a {@link Moment}
     * taken from it, so a site kept for later (earlierInTransaction, MigrationSite.operations)
     * still answers as of its own operation.
     */
    private final class MigrationState {
        private final ParsedMigration migration;
        private final List<OperationSite> operations = new ArrayList<>();
        private boolean explicitTransaction;
        private boolean lockTimeout;
        private boolean statementTimeout;
        private List<OperationSite> transaction = new ArrayList<>();

        MigrationState(ParsedMigration migration) {
            this.migration = migration;
        }

        Moment now() {
            return new Moment(migration, changeSoFar.size(), explicitTransaction || migration.transactional(),
                    lockTimeout || config.timeoutsSetByRunner(), statementTimeout || config.timeoutsSetByRunner(),
                    transaction, transaction.size());
        }

        List<OperationSite> operations() {
            return operations;
        }

        void after(OperationSite site) {
            int position = changeSoFar.size();
            changeSoFar.add(site);
            operations.add(site);
            indexByTable(site, position);
            if (site.operation() instanceof Operation.AddColumn add) {
                columnsAddedAt.computeIfAbsent(add.table().unqualified(), t -> new HashMap<>()).putIfAbsent(add.column().name(), position);
            }
            switch (site.operation()) {
                case Operation.CreateTable t -> createdAt.putIfAbsent(t.table().unqualified(), position);
                case Operation.RenameTable r when site.context().isNewTable(r.table()) ->
                        createdAt.putIfAbsent(TableRef.of(r.newName()), position);
                case Operation.Transaction tx -> {
                    switch (tx.control()) {
                        case BEGIN -> {
                            explicitTransaction = true;
                            transaction = new ArrayList<>();
                        }
                        case COMMIT, ROLLBACK -> {
                            explicitTransaction = false;
                            transaction = new ArrayList<>();
                        }
                        default -> { }
                    }
                    return;
                }
                case Operation.SetTimeout t -> {
                    boolean set = t.value().map(d -> !d.isZero()).orElse(false);
                    if (t.timeout() == Operation.SetTimeout.Timeout.LOCK) {
                        lockTimeout = set;
                    } else if (t.timeout() == Operation.SetTimeout.Timeout.STATEMENT) {
                        statementTimeout = set;
                    }
                }
                default -> { }
            }
            if (explicitTransaction || migration.transactional()) {
                transaction.add(site);
            }
        }
    }

    private void indexByTable(OperationSite site, int position) {
        var tables = new java.util.LinkedHashSet<TableRef>();
        for (TableRef table : site.operation().tables()) {
            tables.add(table.unqualified());
        }
        if (site.operation() instanceof Operation.RenameTable rename) {
            tables.add(TableRef.parse(rename.newName()).unqualified());
        }
        for (TableRef table : tables) {
            byTable.computeIfAbsent(table, t -> new TableHistory()).add(site, position);
        }
    }

    /** One table's operations in change order, with their positions in the whole change. */
    private static final class TableHistory {
        private final List<OperationSite> sites = new ArrayList<>();
        private int[] positions = new int[8];

        void add(OperationSite site, int position) {
            if (sites.size() == positions.length) {
                positions = java.util.Arrays.copyOf(positions, positions.length * 2);
            }
            positions[sites.size()] = position;
            sites.add(site);
        }

        /** The operations before {@code position}: positions only grow, so a binary search finds the cut. */
        List<OperationSite> before(int position) {
            int found = java.util.Arrays.binarySearch(positions, 0, sites.size(), position);
            return new Prefix(sites, found >= 0 ? found : -found - 1);
        }
    }

    /**
     * The rule context frozen before one operation (or at a migration's end). The lists it hands
     * out are prefixes of append-only lists, so taking a moment per operation costs no copying.
     */
    private final class Moment implements RuleContext {
        private final ParsedMigration migration;
        private final int position;
        private final boolean inTransaction;
        private final boolean lockTimeout;
        private final boolean statementTimeout;
        private final List<OperationSite> transaction;
        private final int transactionSize;

        Moment(ParsedMigration migration, int position, boolean inTransaction, boolean lockTimeout,
               boolean statementTimeout, List<OperationSite> transaction, int transactionSize) {
            this.migration = migration;
            this.position = position;
            this.inTransaction = inTransaction;
            this.lockTimeout = lockTimeout;
            this.statementTimeout = statementTimeout;
            this.transaction = transaction;
            this.transactionSize = transactionSize;
        }

        public Dialect dialect() {
            return migration.file().dialect();
        }

        public ReviewConfig config() {
            return config;
        }

        public boolean isNewTable(TableRef table) {
            Integer created = createdAt.get(table.unqualified());
            return created != null && created < position;
        }

        public boolean isNewColumn(TableRef table, String column) {
            Integer added = columnsAddedAt.getOrDefault(table.unqualified(), Map.of()).get(column);
            return added != null && added < position;
        }

        public boolean inTransaction() {
            return inTransaction;
        }

        public boolean lockTimeoutSet() {
            return lockTimeout;
        }

        public boolean statementTimeoutSet() {
            return statementTimeout;
        }

        public List<OperationSite> earlierInTransaction() {
            return inTransaction ? new Prefix(transaction, transactionSize) : List.of();
        }

        public List<OperationSite> earlierInChange() {
            return new Prefix(changeSoFar, position);
        }

        public List<OperationSite> earlierOnTable(TableRef table) {
            TableHistory history = byTable.get(table.unqualified());
            return history == null ? List.of() : history.before(position);
        }
    }

    /** A read-only view of the first {@code size} elements of a list that is only ever appended to. */
    private static final class Prefix extends AbstractList<OperationSite> implements RandomAccess {
        private final List<OperationSite> list;
        private final int size;

        Prefix(List<OperationSite> list, int size) {
            this.list = list;
            this.size = size;
        }

        @Override
        public OperationSite get(int index) {
            Objects.checkIndex(index, size);
            return list.get(index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
