package dev.migrationreview.rule.postgres;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.OperationSite;
import java.util.Locale;
import java.util.Optional;

/**
 * Backfills: UPDATE, DELETE and MERGE of rows that existed before the change, and the batched
 * form the fixes suggest (a bounded set of rows per statement, committed one batch at a time).
 */
final class Backfills {

    static final int BATCH = 10_000;

    private Backfills() {}

    /** The data change at {@code site} when it touches rows of a table that existed before this change. */
    static Optional<Operation.DataChange> backfill(OperationSite site) {
        return site.operation() instanceof Operation.DataChange change
                && change.kind() != Operation.DataChange.Kind.INSERT
                && !site.context().isNewTable(change.table())
                ? Optional.of(change) : Optional.empty();
    }

    /**
     * The statement limited to one batch, to repeat until it changes no row. The statement is
     * rewritten when it is a plain UPDATE or DELETE without WHERE; otherwise a template with
     * the real table name is given.
     */
    static String batched(OperationSite site, Operation.DataChange change) {
        boolean mysql = site.context().dialect().isMysqlFamily();
        String table = SqlText.table(change.table());
        String pick = mysql ? " LIMIT " + BATCH
                : " id IN (SELECT id FROM " + table + " WHERE <not yet done> LIMIT " + BATCH + ")";
        String where = mysql ? " WHERE <not yet done>" + pick : " WHERE" + pick;
        String header = "-- repeat until no row changes, committing after each batch"
                + (mysql ? "" : " (id: the primary key)") + ":\n";
        Optional<String> rewritten = change.hasWhere() ? Optional.empty() : SqlText.editStatement(site, text -> {
            String sql = SqlText.stripTerminator(text);
            String upper = sql.toUpperCase(Locale.ROOT);
            boolean update = upper.startsWith("UPDATE");
            boolean delete = upper.startsWith("DELETE");
            // A joined UPDATE ... FROM or DELETE ... USING needs its WHERE merged by hand.
            boolean joined = update ? upper.contains(" FROM ") : upper.contains(" USING ");
            boolean plain = (update || delete) && !joined && !upper.contains(" RETURNING ");
            return plain ? Optional.of(sql + where + ";") : Optional.empty();
        });
        return header + rewritten.orElseGet(() -> switch (change.kind()) {
            case DELETE -> "DELETE FROM " + table + where + ";";
            default -> "UPDATE " + table + " SET <column> = <value>" + where + ";";
        });
    }
}
