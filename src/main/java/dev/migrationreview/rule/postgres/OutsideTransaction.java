package dev.migrationreview.rule.postgres;

import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to run a statement outside a transaction, in the words of the file's migration tool:
 * CONCURRENTLY operations refuse to run inside one, and splitting a lock-taking step from a
 * long validation needs a separate one.
 */
final class OutsideTransaction {

    private OutsideTransaction() {}

    /** One sentence telling how to run the flagged statement without a surrounding transaction. */
    static String howTo(OperationSite site) {
        if (inWrittenTransactionBlock(site)) {
            return "Move it out of the BEGIN ... COMMIT block that surrounds it.";
        }
        return switch (site.migration().file().framework()) {
            case FLYWAY -> "Put it in its own migration with a script configuration file beside it "
                    + "(<migration>.sql.conf) containing `executeInTransaction=false`.";
            case FLYWAY_JAVA -> "Put it in its own migration whose canExecuteInTransaction() returns false.";
            case DBMATE -> "Put it in its own migration whose header is `-- migrate:up transaction:false`.";
            case GOOSE -> "Put it in its own migration marked `-- +goose NO TRANSACTION`.";
            case DIESEL -> "Put it in its own migration with `run_in_transaction = false` in its metadata.toml.";
            case PRISMA -> "Put it alone in its own migration: Prisma runs a migration file as one script, "
                    + "which PostgreSQL wraps in one transaction when it holds several statements.";
            case LIQUIBASE_SQL, LIQUIBASE_XML, LIQUIBASE_YAML, LIQUIBASE_JSON ->
                    "Put it in its own changeSet with `runInTransaction` set to false.";
            case RAILS -> "Put it in its own migration with `disable_ddl_transaction!`.";
            case ALEMBIC -> "Run it inside `with op.get_context().autocommit_block():`.";
            case DJANGO -> "Put it in its own migration with `atomic = False`.";
            case GOLANG_MIGRATE, SQITCH, PLAIN_SQL ->
                    "Put it in its own migration file with no BEGIN/COMMIT around it.";
        };
    }

    /**
     * True when the transaction around the statement is a BEGIN ... COMMIT written in the file,
     * rather than one the tool opens. Liquibase's per-changeSet transactions reach the rules as
     * BEGIN/COMMIT operations too, but they are the tool's, switched off per changeSet.
     */
    private static boolean inWrittenTransactionBlock(OperationSite site) {
        return !site.migration().transactional() && switch (site.migration().file().framework()) {
            case LIQUIBASE_SQL, LIQUIBASE_XML, LIQUIBASE_YAML, LIQUIBASE_JSON -> false;
            default -> true;
        };
    }

    /**
     * The statement as its own migration that runs without a transaction: with the tool's header
     * where the tool has one in SQL, otherwise with a comment saying where it goes.
     */
    static String example(OperationSite site, String sql) {
        if (inWrittenTransactionBlock(site)) {
            return "-- after the COMMIT, outside the transaction block:\n" + sql;
        }
        return switch (site.migration().file().framework()) {
            case FLYWAY -> "-- in a new migration, with executeInTransaction=false in its .sql.conf file:\n" + sql;
            case DBMATE -> "-- migrate:up transaction:false\n" + sql;
            case GOOSE -> "-- +goose NO TRANSACTION\n-- +goose Up\n" + sql;
            case LIQUIBASE_SQL -> "--changeset author:id runInTransaction:false\n" + sql;
            default -> "-- in its own migration, outside any transaction:\n" + sql;
        };
    }

    /**
     * The fix for a statement that must become CONCURRENTLY: its own lines with the edit applied
     * when it already runs outside a transaction; otherwise the edited statement (or
     * {@code modelSql} when it is not SQL) as its own migration without a transaction.
     */
    static Fix concurrently(OperationSite site, Function<String, Optional<String>> edit, String modelSql) {
        String sql = SqlText.editStatement(site, edit).orElse(modelSql);
        if (!site.context().inTransaction()) {
            return SqlText.editLines(site, edit).map(lines -> new Fix(lines, true)).orElse(new Fix(sql, false));
        }
        return new Fix(example(site, sql), false);
    }
}
