package dev.migrationreview.rule.postgres;

import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import java.util.List;

/**
 * The safe way to add a UNIQUE or PRIMARY KEY constraint: build its index CONCURRENTLY first,
 * then attach it with {@code ADD CONSTRAINT ... USING INDEX}, which takes ACCESS EXCLUSIVE only
 * for an instant.
 */
final class IndexBackedConstraints {

    private IndexBackedConstraints() {}

    /** {@code keyword} is {@code UNIQUE} or {@code PRIMARY KEY}. */
    static Fix fix(OperationSite site, TableRef table, List<String> columns, String name, String keyword, String prelude) {
        String index = "CREATE UNIQUE INDEX CONCURRENTLY " + SqlText.ident(name) + " ON " + SqlText.table(table)
                + " (" + SqlText.columns(columns) + ");";
        String attach = "ALTER TABLE " + SqlText.table(table) + " ADD CONSTRAINT " + SqlText.ident(name) + " " + keyword
                + " USING INDEX " + SqlText.ident(name) + ";";
        String build = site.context().inTransaction() ? OutsideTransaction.example(site, index) + "\n-- then:" : index;
        return new Fix(prelude + build + "\n" + attach, false);
    }
}
