package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Set;

/** ADD PRIMARY KEY (or a column added PRIMARY KEY) on an existing table. */
public final class AddPrimaryKey extends AddedConstraintRule {

    private static final RuleDoc DOC = new RuleDoc(
            "add-primary-key",
            "Adding a primary key builds its index, and may scan for NULLs, while blocking reads and writes",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "ACCESS EXCLUSIVE on the table during the index build (and the NOT NULL scan)",
            "ADD PRIMARY KEY builds a unique index over the whole table while holding ACCESS EXCLUSIVE, and sets "
                    + "its columns NOT NULL, which scans the table for NULLs under the same lock unless they are "
                    + "already NOT NULL: no query can read or write the table meanwhile.",
            "Make the key's columns NOT NULL first without a long lock (see set-not-null), build a unique index "
                    + "with CREATE UNIQUE INDEX CONCURRENTLY (in a migration without a transaction), then attach it "
                    + "with ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY USING INDEX, which is then instant.",
            "ALTER TABLE events ADD PRIMARY KEY (id);",
            "CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id);\n"
                    + "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    public AddPrimaryKey() {
        super(ConstraintDef.Kind.PRIMARY_KEY);
    }

    @Override
    void onConstraint(OperationSite site, Operation.AddConstraint add, FindingSink out) {
        report(site, out, add.table(), add.constraint().columns(),
                add.constraint().name().orElseGet(() -> SqlText.defaultName(add.table(), List.of(), "pkey")), "");
    }

    @Override
    void onColumn(OperationSite site, Operation.AddColumn add, FindingSink out) {
        report(site, out, add.table(), List.of(add.column().name()), SqlText.defaultName(add.table(), List.of(), "pkey"),
                SqlText.addPlainColumn(add.table(), add.column()) + ";\n"
                        + "-- backfill it in batches, then add NOT NULL as set-not-null shows\n");
    }

    private static void report(OperationSite site, FindingSink out, TableRef table, List<String> columns, String name,
                               String prelude) {
        out.report(site.statement(), "Adding primary key " + name + " builds its index over all of " + table + " (and checks "
                        + String.join(", ", columns) + " for NULLs) while holding ACCESS EXCLUSIVE: every read and write of "
                        + table + " waits. Make the columns NOT NULL safely first, build the index CONCURRENTLY, then "
                        + "attach it with ADD CONSTRAINT ... PRIMARY KEY USING INDEX (instant).",
                IndexBackedConstraints.fix(site, table, columns, name, "PRIMARY KEY",
                        prelude.isEmpty() ? "-- with " + String.join(", ", columns) + " already NOT NULL (see set-not-null):\n" : prelude));
    }
}
