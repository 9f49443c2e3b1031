package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Optional;
import java.util.Set;

/**
 * ALTER COLUMN TYPE on an existing table, unless the change is one PostgreSQL makes in the
 * catalog only (see {@link TypeChanges}).
 */
public final class ColumnTypeChange extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "column-type-change",
            "Changing a column's type rewrites the table and its indexes",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "ACCESS EXCLUSIVE on the table during a full rewrite",
            "ALTER COLUMN ... TYPE converts every row and rebuilds every index of the table while holding ACCESS "
                    + "EXCLUSIVE: no query can read or write it until the rewrite ends. Only changes where the old "
                    + "values are already valid in the new type skip the rewrite: varchar(n) to varchar(m >= n), "
                    + "varchar or text; text to varchar; numeric(p,s) to numeric(q >= p,s) or numeric; "
                    + "varbit(n) to a longer or unlimited varbit; cidr to inet; timestamp, time and interval to a "
                    + "higher precision. char(n) to text or varchar rewrites (trailing blanks are stripped), and so "
                    + "does timestamp to timestamptz unless the session time zone is UTC (PostgreSQL 12+), which a "
                    + "migration should not count on.",
            "Expand and contract: add a new column of the new type, keep it in sync on writes (trigger or "
                    + "application), backfill it in batches, then swap the columns by renaming them in a short "
                    + "transaction, and drop the old one later.",
            "ALTER TABLE orders ALTER COLUMN id TYPE bigint;",
            "ALTER TABLE orders ADD COLUMN note varchar(200);\n"
                    + "-- next migration: note is varchar(200), so text is a catalog-only change\n"
                    + "ALTER TABLE orders ALTER COLUMN note TYPE text;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.AlterColumnType alter) || !existing(site, alter.table())) {
            return;
        }
        Optional<DataType> old = ChangeHistory.before(site).columnType(alter.table(), alter.column());
        if (alter.using().isEmpty() && old.filter(o -> TypeChanges.isMetadataOnly(o, alter.newType())).isPresent()) {
            return;
        }
        String subject = "Changing " + alter.table() + "." + alter.column()
                + old.map(o -> " from " + o.sql()).orElse("") + " to " + alter.newType().sql()
                + " rewrites " + alter.table() + " and rebuilds its indexes under ACCESS EXCLUSIVE: no query can read or "
                + "write it until the rewrite ends.";
        Optional<String> unlessOldType = alter.using().isPresent() || old.isPresent() ? Optional.empty()
                : TypeChanges.metadataOnlyFrom(alter.newType());
        var caveat = new StringBuilder();
        unlessOldType.map(from -> " Only if the column is currently " + from + " is this a catalog-only "
                + "change; this change does not show its current type, so check it.").ifPresent(caveat::append);
        zoneCounterpart(alter.newType()).filter(other -> old.map(o -> o.name().equals(other)).orElse(true)).ifPresent(other ->
                caveat.append(old.isPresent() ? " PostgreSQL 12+ skips this rewrite only when the session time zone is UTC, "
                        + "which a migration should not count on." : " From " + other + ", PostgreSQL 12+ skips the rewrite "
                        + "only when the session time zone is UTC."));
        out.report(site.statement(), subject + caveat + " Otherwise add a new column of the new type, backfill it, and swap.",
                expandAndContract(alter));
    }

    /** timestamp for timestamptz and back: the conversion PostgreSQL 12+ skips when the time zone is UTC. */
    private static Optional<String> zoneCounterpart(DataType to) {
        return switch (to.name()) {
            case "timestamp with time zone" -> Optional.of("timestamp without time zone");
            case "timestamp without time zone" -> Optional.of("timestamp with time zone");
            default -> Optional.empty();
        };
    }

    private static Fix expandAndContract(Operation.AlterColumnType alter) {
        String table = SqlText.table(alter.table());
        String column = SqlText.ident(alter.column());
        String fresh = SqlText.ident(alter.column() + "_new");
        String conversion = alter.using().orElse(column + "::" + alter.newType().sql());
        return new Fix("ALTER TABLE " + table + " ADD COLUMN " + fresh + " " + alter.newType().sql() + ";\n"
                + "-- keep " + fresh + " in sync on writes (trigger or application), then backfill in batches:\n"
                + "UPDATE " + table + " SET " + fresh + " = " + conversion + " WHERE <primary key range of one batch>;\n"
                + "-- then, in one short transaction:\n"
                + "ALTER TABLE " + table + " RENAME COLUMN " + column + " TO " + SqlText.ident(alter.column() + "_old") + ";\n"
                + "ALTER TABLE " + table + " RENAME COLUMN " + fresh + " TO " + column + ";", false);
    }
}
