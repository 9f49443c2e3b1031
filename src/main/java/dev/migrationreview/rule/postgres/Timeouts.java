package dev.migrationreview.rule.postgres;

/**
 * The timeouts fixes suggest. A lock_timeout of a few seconds makes a DDL statement give up
 * (and the migration fail, to be retried) rather than queue all traffic behind it; a
 * statement_timeout bounds how long a statement may hold its locks.
 */
final class Timeouts {

    static final String SET_LOCK_TIMEOUT = "SET lock_timeout = '5s';";
    static final String SET_STATEMENT_TIMEOUT = "SET statement_timeout = '15min';";

    private Timeouts() {}
}
