package dev.migrationreview.frontend.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whether each tool really runs a file in a transaction on PostgreSQL, which decides the CONCURRENTLY rules. */
class RunnerTransactionTest {

    private static final String ONE_CONCURRENT_INDEX = "CREATE INDEX CONCURRENTLY idx_a ON accounts (email);\n";
    private static final String INDEX_AND_COLUMN = ONE_CONCURRENT_INDEX + "ALTER TABLE accounts ADD COLUMN note text;\n";

    @Test
    void prismaAndGolangMigrateRunASingleStatementOutsideATransaction() {
        assertThat(transactional(Framework.PRISMA, ONE_CONCURRENT_INDEX, Dialect.defaultPostgres())).isFalse();
        assertThat(transactional(Framework.GOLANG_MIGRATE, ONE_CONCURRENT_INDEX, Dialect.defaultPostgres())).isFalse();
    }

    @Test
    void prismaAndGolangMigrateRunSeveralStatementsAsOneImplicitTransaction() {
        assertThat(transactional(Framework.PRISMA, INDEX_AND_COLUMN, Dialect.defaultPostgres())).isTrue();
        assertThat(transactional(Framework.GOLANG_MIGRATE, INDEX_AND_COLUMN, Dialect.defaultPostgres())).isTrue();
    }

    @Test
    void explicitBeginAndCommitInAPrismaFileMarkTheTransactionThemselves() {
        assertThat(transactional(Framework.PRISMA, "BEGIN;\n" + INDEX_AND_COLUMN + "COMMIT;\n", Dialect.defaultPostgres())).isFalse();
    }

    @Test
    void flywayRunsAScriptOfOnlyNonTransactionalStatementsWithoutATransaction() {
        assertThat(transactional(Framework.FLYWAY, ONE_CONCURRENT_INDEX + "DROP INDEX CONCURRENTLY idx_b;\n",
                Dialect.defaultPostgres())).isFalse();
        assertThat(transactional(Framework.FLYWAY, INDEX_AND_COLUMN, Dialect.defaultPostgres())).isTrue();
    }

    @Test
    void otherDatabasesKeepTheDeclaredMode() {
        assertThat(transactional(Framework.PRISMA, "ALTER TABLE a ADD COLUMN b int;\n", Dialect.of(DatabaseKind.MYSQL, "test")))
                .isTrue();
    }

    private static boolean transactional(Framework framework, String sql, Dialect dialect) {
        var file = new MigrationFile(SourceFile.of("m/migration.sql", sql), framework, dialect, Direction.UP, Optional.empty(),
                MigrationOrder.ofPath("m/migration.sql"), "test", framework.transactionalByDefault(), Optional.empty());
        return new SqlFrontend().parse(file, FileTree.EMPTY).transactional();
    }
}
