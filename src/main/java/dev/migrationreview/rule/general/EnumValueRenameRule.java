package dev.migrationreview.rule.general;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** ALTER TYPE ... RENAME VALUE: running code still writes and compares the old label. */
public final class EnumValueRenameRule extends ScopedRule {

    static final RuleDoc DOC = new RuleDoc(
            "enum-value-rename",
            "Renaming an enum value breaks code that still uses the old label",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL 10 and later (RENAME VALUE)",
            "a brief lock on the type; no table is scanned or rewritten",
            "Every row changes label at once, but the running application still writes the old label (\"invalid "
                    + "input value for enum\") and compares rows against it (queries silently match nothing). "
                    + "Check constraints, functions and other services that spell the old label break too.",
            "Add the new label, deploy code that accepts both and writes the new one, move existing rows to "
                    + "it in batches, then stop using the old label (PostgreSQL cannot drop an enum value, so it "
                    + "stays unused).",
            "ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';",
            "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled';");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected void checkInScope(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.RenameEnumValue rename) || createdBefore(site, rename.type())) {
            return;
        }
        String type = SqlText.identifier(rename.type(), site.context().dialect());
        out.report(site.statement(),
                "Renaming value '" + rename.value() + "' of enum " + rename.type() + " to '" + rename.newValue()
                        + "' breaks running code that writes or compares '" + rename.value() + "'. Add the new value "
                        + "instead, move code and rows to it, and leave the old one unused:",
                new Fix("ALTER TYPE " + type + " ADD VALUE IF NOT EXISTS " + literal(rename.newValue()) + ";\n"
                        + "-- deploy code that accepts both and writes " + literal(rename.newValue()) + ", then in batches:\n"
                        + "-- UPDATE <table> SET <column> = " + literal(rename.newValue()) + " WHERE <column> = "
                        + literal(rename.value()) + " AND id BETWEEN ...;", false));
    }

    /** Compared without schemas, as tables are: a migration rarely spells the schema the same way twice. */
    private static boolean createdBefore(OperationSite site, String type) {
        String name = TableRef.parse(type).name();
        return MigrationOperations.earlierInChange(site).stream()
                .anyMatch(o -> o instanceof Operation.CreateEnum create && TableRef.parse(create.type()).name().equals(name));
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
