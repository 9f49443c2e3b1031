package dev.migrationreview.rule.postgres;

import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.MigrationSite;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;

/**
 * A rule about PostgreSQL's locks and rewrites. It sees only migrations judged as PostgreSQL, so
 * no PostgreSQL advice ever reaches a MySQL, SQLite or H2 migration.
 */
abstract class PostgresRule implements Rule {

    @Override
    public final void check(OperationSite site, FindingSink out) {
        if (site.context().dialect().isPostgres()) {
            checkPostgres(site, out);
        }
    }

    @Override
    public final void checkMigration(MigrationSite migration, FindingSink out) {
        if (migration.context().dialect().isPostgres()) {
            checkPostgresMigration(migration, out);
        }
    }

    /** Called for every operation of a PostgreSQL migration. */
    void checkPostgres(OperationSite site, FindingSink out) {}

    /** Called once per PostgreSQL migration, after its operations. */
    void checkPostgresMigration(MigrationSite migration, FindingSink out) {}

    /** True unless the table was created earlier in this change: an existing table may hold many rows. */
    static boolean existing(OperationSite site, dev.migrationreview.operation.TableRef table) {
        return !site.context().isNewTable(table);
    }

    static int version(OperationSite site) {
        return site.context().dialect().majorVersion();
    }
}
