package dev.migrationreview.rule;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.TableRef;
import java.util.List;

/**
 * What a rule may know about the change at the point of the operation it judges: everything that
 * ran before it in this change (across files, in run order) and the settings in force.
 */
public interface RuleContext {

    Dialect dialect();

    ReviewConfig config();

    /** True when the table was created earlier in this change (or earlier in this statement): it holds no rows yet. */
    boolean isNewTable(TableRef table);

    /** True when the column was added to the table (by its unqualified name) earlier in this change: no running code uses it yet. */
    boolean isNewColumn(TableRef table, String column);

    /** True when the operation runs inside a transaction, explicit (BEGIN) or the framework's own. */
    boolean inTransaction();

    /** True when lock_timeout was set earlier in this migration, or the runner sets it (config). */
    boolean lockTimeoutSet();

    /** True when statement_timeout was set earlier in this migration, or the runner sets it (config). */
    boolean statementTimeoutSet();

    /** The operations that ran earlier in the current transaction, oldest first (empty outside one). */
    List<OperationSite> earlierInTransaction();

    /**
     * Every operation that ran earlier in this change (all migrations, in run order), oldest first,
     * each with its context as it stood before it ran: lets a rule find a column's type or a
     * constraint added by an earlier migration of the same change.
     */
    List<OperationSite> earlierInChange();

    /**
     * The operations earlier in this change that name the table (by its unqualified name), oldest
     * first; a RENAME TO is listed under both names. Rules asking about one table use this instead
     * of scanning the whole change.
     */
    List<OperationSite> earlierOnTable(TableRef table);
}
