package dev.migrationreview.policy;

import dev.migrationreview.config.BoundedRegex;
import dev.migrationreview.config.PolicyConfig.Conventions;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * The naming and indexing conventions of the config, as findings: names of new tables, columns,
 * indexes and constraints against their patterns; foreign keys whose columns no index leads with;
 * indexes wider than allowed.
 */
final class NamingConventions {

    private final Conventions config;
    private final Optional<BoundedRegex> tables;
    private final Optional<BoundedRegex> columns;
    private final Optional<BoundedRegex> indexes;
    private final Optional<BoundedRegex> constraints;
    /** Patterns that ran out of their budget once: not tried again in this review, so the work stays bounded. */
    private final Set<BoundedRegex> givenUp = new HashSet<>();

    NamingConventions(Conventions config) {
        this.config = config;
        this.tables = config.tables().flatMap(NamingConventions::compile);
        this.columns = config.columns().flatMap(NamingConventions::compile);
        this.indexes = config.indexes().flatMap(NamingConventions::compile);
        this.constraints = config.constraints().flatMap(NamingConventions::compile);
    }

    /** The configuration loader refused patterns it could not bound; one made elsewhere is left out the same way. */
    private static Optional<BoundedRegex> compile(String pattern) {
        try {
            return Optional.of(BoundedRegex.compile(pattern));
        } catch (BoundedRegex.TooCostly | PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    List<Finding> check(SchemaChange change) {
        if (config.severity() == Severity.OFF) {
            return List.of();
        }
        var findings = new ArrayList<Finding>();
        for (SchemaChange.Step step : change.steps()) {
            names(step, findings);
            width(step, findings);
        }
        if (config.foreignKeysIndexed()) {
            foreignKeys(change, findings);
        }
        return findings;
    }

    private void names(SchemaChange.Step step, List<Finding> out) {
        switch (step.operation()) {
            case Operation.CreateTable create when !create.temporary() -> {
                name(step, "table", create.table().name(), tables, out);
                create.columns().forEach(c -> name(step, "column", c.name(), columns, out));
                create.constraints().forEach(c -> c.name().ifPresent(n -> name(step, "constraint", n, constraints, out)));
            }
            case Operation.RenameTable rename -> name(step, "table", rename.newName(), tables, out);
            case Operation.AddColumn add -> name(step, "column", add.column().name(), columns, out);
            case Operation.RenameColumn rename -> name(step, "column", rename.newName(), columns, out);
            case Operation.CreateIndex index -> index.name().ifPresent(n -> name(step, "index", n, indexes, out));
            case Operation.RenameIndex rename -> name(step, "index", rename.newName(), indexes, out);
            case Operation.AddConstraint add -> add.constraint().name().ifPresent(n -> name(step, "constraint", n, constraints, out));
            default -> { }
        }
    }

    private void name(SchemaChange.Step step, String kind, String name, Optional<BoundedRegex> pattern, List<Finding> out) {
        if (pattern.isEmpty() || givenUp.contains(pattern.get())) {
            return;
        }
        BoundedRegex convention = pattern.get();
        String key = "conventions." + kind + (kind.equals("index") ? "es" : "s");
        try {
            if (!convention.matches(name)) {
                out.add(PolicyFindings.at(PolicyFindings.NAMING_CONVENTION, config.severity(), step,
                        "The " + kind + " name " + name + " does not follow the convention " + convention.pattern()
                                + " (" + key + "): rename it before it ships, while nothing depends on the name yet."));
            }
        } catch (BoundedRegex.TooCostly e) {
            givenUp.add(convention);
            out.add(PolicyFindings.at(PolicyFindings.NAMING_CONVENTION, config.severity(), step,
                    "The convention " + convention.pattern() + " (" + key + ") " + e.reason() + " on a " + kind + " name of "
                            + name.length() + " characters, so it was not checked for the rest of this change: "
                            + "simplify the pattern in the configuration."));
        }
    }

    private void width(SchemaChange.Step step, List<Finding> out) {
        if (step.operation() instanceof Operation.CreateIndex index && config.maxIndexColumns().isPresent()
                && index.columns().size() > config.maxIndexColumns().get()) {
            out.add(PolicyFindings.at(PolicyFindings.INDEX_TOO_WIDE, config.severity(), step,
                    "The index " + index.name().map(n -> n + " ").orElse("") + "on " + index.table() + " has "
                            + index.columns().size() + " columns (" + String.join(", ", index.columns()) + "); the convention "
                            + "allows at most " + config.maxIndexColumns().get() + " (conventions.max_index_columns). Wide "
                            + "indexes are large and slow every write; index the leading columns your queries filter on."));
        }
    }

    /**
     * Foreign keys on columns this change creates (new tables, added columns), whose columns no
     * index or key of the change leads with: deleting or updating a referenced row then scans the
     * whole referencing table. Keys on older columns are left alone: an index may exist already.
     */
    private void foreignKeys(SchemaChange change, List<Finding> out) {
        var newColumns = new HashSet<String>();
        var indexed = new ArrayList<IndexedColumns>();
        var keys = new ArrayList<ForeignKey>();
        for (SchemaChange.Step step : change.steps()) {
            switch (step.operation()) {
                case Operation.CreateTable create -> {
                    create.columns().forEach(c -> {
                        newColumns.add(column(create.table(), c.name()));
                        if (c.primaryKey() || c.unique()) {
                            indexed.add(new IndexedColumns(create.table(), List.of(c.name())));
                        }
                        c.references().ifPresent(r -> keys.add(new ForeignKey(step, create.table(), List.of(c.name()))));
                    });
                    create.constraints().forEach(c -> constraint(step, create.table(), c, indexed, keys));
                }
                case Operation.AddColumn add -> {
                    newColumns.add(column(add.table(), add.column().name()));
                    ColumnDef c = add.column();
                    if (c.primaryKey() || c.unique()) {
                        indexed.add(new IndexedColumns(add.table(), List.of(c.name())));
                    }
                    c.references().ifPresent(r -> keys.add(new ForeignKey(step, add.table(), List.of(c.name()))));
                }
                case Operation.AddConstraint add -> constraint(step, add.table(), add.constraint(), indexed, keys);
                case Operation.CreateIndex index -> indexed.add(new IndexedColumns(index.table(), index.columns()));
                default -> { }
            }
        }
        for (ForeignKey key : keys) {
            boolean onNewColumns = key.columns().stream().allMatch(c -> newColumns.contains(column(key.table(), c)));
            if (onNewColumns && indexed.stream().noneMatch(i -> i.leadsWith(key.table(), key.columns()))) {
                String cols = String.join(", ", key.columns());
                out.add(PolicyFindings.at(PolicyFindings.FOREIGN_KEY_NOT_INDEXED, config.severity(), key.step(),
                        "The foreign key on " + key.table() + " (" + cols + ") has no index that starts with its columns: "
                                + "every delete or key update of a referenced row scans " + key.table() + ", and joins on it "
                                + "cannot use an index (conventions.foreign_keys_indexed).",
                        Optional.of(new Fix("CREATE INDEX " + "ix_" + key.table().name() + "_"
                                + String.join("_", key.columns()) + " ON " + key.table() + " (" + cols + ");", false))));
            }
        }
    }

    private static void constraint(SchemaChange.Step step, TableRef table, ConstraintDef constraint,
                                   List<IndexedColumns> indexed, List<ForeignKey> keys) {
        switch (constraint.kind()) {
            case PRIMARY_KEY, UNIQUE, EXCLUSION -> indexed.add(new IndexedColumns(table, constraint.columns()));
            case FOREIGN_KEY -> keys.add(new ForeignKey(step, table, constraint.columns()));
            default -> { }
        }
    }

    private static String column(TableRef table, String column) {
        return table.unqualified().name() + "." + column.toLowerCase(Locale.ROOT);
    }

    private record ForeignKey(SchemaChange.Step step, TableRef table, List<String> columns) {}

    private record IndexedColumns(TableRef table, List<String> columns) {
        /** Whether the index's first columns are the key's columns, in any order. */
        boolean leadsWith(TableRef keyTable, List<String> keyColumns) {
            if (!table.unqualified().equals(keyTable.unqualified()) || columns.size() < keyColumns.size() || keyColumns.isEmpty()) {
                return false;
            }
            Set<String> leading = new HashSet<>();
            columns.subList(0, keyColumns.size()).forEach(c -> leading.add(c.strip().toLowerCase(Locale.ROOT)));
            return keyColumns.stream().allMatch(c -> leading.contains(c.strip().toLowerCase(Locale.ROOT)));
        }
    }
}
