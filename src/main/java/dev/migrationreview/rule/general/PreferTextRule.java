package dev.migrationreview.rule.general;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** varchar(n) in PostgreSQL, where text with a CHECK constraint stores the same and changes without a table lock. */
public final class PreferTextRule extends ColumnTypeRule {

    static final RuleDoc DOC = new RuleDoc(
            "prefer-text",
            "Use text with a CHECK constraint instead of varchar(n)",
            Severity.NOTICE, Set.of(DatabaseKind.POSTGRESQL), "every PostgreSQL version",
            "none when created; changing the length later takes ACCESS EXCLUSIVE (and shortening scans or rewrites the table)",
            "In PostgreSQL varchar(n) is stored exactly like text; the length is only a check. But that check can "
                    + "only be changed with ALTER COLUMN TYPE, which takes an ACCESS EXCLUSIVE lock (blocking reads "
                    + "and writes, and queueing behind long transactions), and shortening it rewrites the table. A "
                    + "CHECK constraint can be replaced online: add the new one NOT VALID, VALIDATE it (SHARE "
                    + "UPDATE EXCLUSIVE, writes continue), drop the old one.",
            "Declare the column text with CHECK (char_length(column) <= n), or plain text when the limit is not "
                    + "a business rule.",
            "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL);",
            "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL CHECK (char_length(name) <= 100));");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected boolean flags(ColumnDef column, boolean primaryKey, Dialect dialect) {
        return column.type().filter(t -> t.isVarchar() && !t.modifiers().isEmpty()).isPresent();
    }

    @Override
    protected ColumnDef preferred(ColumnDef column, Dialect dialect) {
        DataType type = column.type().orElseThrow();
        String length = "char_length(" + SqlText.identifier(column.name(), dialect) + ") <= " + type.modifiers().get(0);
        if (type.array()) {
            // A length check on an array would need every element; keep the elements' limit out of the example.
            return retyped(column, new DataType("text", List.of(), true));
        }
        Optional<String> check = Optional.of(column.check().map(c -> "(" + c + ") AND " + length).orElse(length));
        return new ColumnDef(column.name(), Optional.of(DataType.of("text")), column.notNull(), column.defaultValue(),
                column.primaryKey(), column.unique(), column.generated(), column.references(), check);
    }

    @Override
    protected String problem(Dialect dialect) {
        return "in PostgreSQL varchar(n) is text with a length check that only ALTER COLUMN TYPE can change, "
                + "under an ACCESS EXCLUSIVE lock; a CHECK constraint can be changed without blocking. Use:";
    }
}
