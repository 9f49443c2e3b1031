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

/** ADD UNIQUE (or a column added UNIQUE) on an existing table, which builds the index under ACCESS EXCLUSIVE. */
public final class AddUniqueConstraint extends AddedConstraintRule {

    private static final RuleDoc DOC = new RuleDoc(
            "add-unique-constraint",
            "Adding a UNIQUE constraint builds its index while blocking reads and writes",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "ACCESS EXCLUSIVE on the table during the index build",
            "ADD CONSTRAINT ... UNIQUE builds a unique index over the whole table while holding ACCESS EXCLUSIVE: "
                    + "no query can read or write the table until the build ends.",
            "Build the unique index with CREATE UNIQUE INDEX CONCURRENTLY (in a migration without a transaction), "
                    + "then attach it with ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX, which is instant. "
                    + "If the concurrent build fails on a duplicate it leaves an INVALID index: drop it, fix the "
                    + "data, retry.",
            "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
            "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n"
                    + "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    public AddUniqueConstraint() {
        super(ConstraintDef.Kind.UNIQUE);
    }

    @Override
    void onConstraint(OperationSite site, Operation.AddConstraint add, FindingSink out) {
        report(site, out, add.table(), add.constraint().columns(),
                add.constraint().name().orElseGet(() -> SqlText.defaultName(add.table(), add.constraint().columns(), "key")), "");
    }

    @Override
    void onColumn(OperationSite site, Operation.AddColumn add, FindingSink out) {
        report(site, out, add.table(), List.of(add.column().name()),
                SqlText.defaultName(add.table(), List.of(add.column().name()), "key"),
                SqlText.addPlainColumn(add.table(), add.column()) + ";\n");
    }

    private static void report(OperationSite site, FindingSink out, TableRef table, List<String> columns, String name,
                               String prelude) {
        out.report(site.statement(), "Adding unique constraint " + name + " builds its index over all of " + table
                        + " while holding ACCESS EXCLUSIVE: every read and write of " + table + " waits for the build. "
                        + "Build the index CONCURRENTLY, then attach it with ADD CONSTRAINT ... UNIQUE USING INDEX (instant).",
                IndexBackedConstraints.fix(site, table, columns, name, "UNIQUE", prelude));
    }
}
