package dev.migrationreview.rule.postgres;

import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import java.util.Optional;

/**
 * The timeouts fixes suggest. A lock_timeout of a few seconds makes a DDL statement give up
 * (and the migration fail, to be retried) rather than queue all traffic behind it; a
 * statement_timeout bounds how long a statement may hold its locks.
 */
final class Timeouts {

    static final String SET_LOCK_TIMEOUT = "SET lock_timeout = '5s';";
    static final String SET_STATEMENT_TIMEOUT = "SET statement_timeout = '15min';";

    private Timeouts() {}

    /** {@code set} placed before the flagged statement: replacing its lines when it is SQL, else shown alone. */
    static Fix before(OperationSite site, String set) {
        return SqlText.editLines(site, text -> Optional.of(set + "\n" + text))
                .map(code -> new Fix(code, true))
                .orElseGet(() -> new Fix(set, false));
    }
}
