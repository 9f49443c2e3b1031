package dev.migrationreview.frontend.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlywayJavaFrontendTest {

    private static final String BACKFILL = """
            package db.migration;

            import org.flywaydb.core.api.migration.BaseJavaMigration;
            import org.flywaydb.core.api.migration.Context;
            import org.springframework.jdbc.core.JdbcTemplate;

            public class V7__Backfill_status extends BaseJavaMigration {

                private static final String INDEX = "CREATE INDEX idx_orders_status ON orders (status)";

                @Override
                public void migrate(Context context) throws Exception {
                    var jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
                    // migration-review:ignore backfill-in-migration orders holds 200 rows
                    jdbc.execute("ALTER TABLE orders ADD COLUMN status text");
                    jdbc.update(\"""
                        UPDATE orders
                        SET status = 'open'
                        \""");
                    jdbc.execute(INDEX);
                    for (String table : List.of("a", "b")) {
                        jdbc.execute("DROP TABLE " + table);
                    }
                    String ignored = "DROP TABLE not_sql_call";
                    jdbc.execute("ALTER TABLE orders "
                            + "ALTER COLUMN status SET NOT NULL");
                }
            }
            """;

    @Test
    void javaMigrationIsOpaqueButItsLiteralSqlIsParsedOnItsLines() {
        ParsedMigration migration = parse("src/main/java/db/migration/V7__Backfill_status.java", BACKFILL);

        assertThat(migration.statements()).extracting(s -> s.startLine() + "-" + s.endLine() + " " + s.text()).containsExactly(
                "12-27 public void migrate(Context context) throws Exception {",
                "15-15 ALTER TABLE orders ADD COLUMN status text",
                "17-18 UPDATE orders\nSET status = 'open'",
                "9-9 CREATE INDEX idx_orders_status ON orders (status)",
                "25-26 ALTER TABLE orders ALTER COLUMN status SET NOT NULL");
        assertThat(migration.statements().getFirst().operations())
                .containsExactly(new Operation.OpaqueCode("Java-based migration: its effect cannot be judged statically"));
        TableRef orders = TableRef.of("orders");
        assertThat(migration.statements().subList(1, 5)).flatExtracting(Statement::operations).containsExactly(
                new Operation.AddColumn(orders, new ColumnDef("status",
                        Optional.of(DataType.of("text")), false, Optional.empty(), false, false,
                        Optional.empty(), Optional.empty(), Optional.empty()), false),
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, orders, false, false),
                new Operation.CreateIndex(Optional.of("idx_orders_status"), orders, List.of("status"), false, false, false,
                        false, Optional.empty()),
                new Operation.SetNotNull(orders, "status"));
        assertThat(migration.notes()).extracting(n -> n.line() + " " + n.message())
                .containsExactly("22 The SQL passed to execute is built at run time; it was not reviewed.");
        assertThat(migration.suppressions()).containsExactly(new Suppression("backfill-in-migration",
                Optional.of("orders holds 200 rows"), 14, false));
        assertThat(migration.transactional()).isTrue();
        assertThat(migration.problems()).isEmpty();
    }

    @Test
    void aMigrationThatOptsOutOfTheTransactionRunsOutsideOne() {
        var migration = parse("db/migration/V8__Index.java", """
                public class V8__Index extends BaseJavaMigration {
                    @Override
                    public boolean canExecuteInTransaction() {
                        return false;
                    }

                    @Override
                    public void migrate(Context context) throws Exception {
                        try (var statement = context.getConnection().createStatement()) {
                            statement.execute("CREATE INDEX CONCURRENTLY idx_a ON a (b)");
                        }
                    }
                }
                """);

        assertThat(migration.transactional()).isFalse();
        assertThat(migration.statements()).extracting(Statement::startLine).containsExactly(8, 10);
    }

    @Test
    void kotlinMigrationsAreReadToo() {
        var migration = parse("src/main/kotlin/db/migration/V10__Kotlin.kt", """
                class V10__Kotlin : BaseJavaMigration() {
                    override fun canExecuteInTransaction(): Boolean = false

                    override fun migrate(context: Context) {
                        val table = "orders"
                        context.connection.createStatement().use {
                            it.execute(\"""CREATE INDEX CONCURRENTLY idx_orders_total
                                ON orders (total)\""")
                            it.execute("DROP TABLE ${table}_old")
                        }
                    }
                }
                """);

        assertThat(migration.transactional()).isFalse();
        assertThat(migration.statements()).extracting(s -> s.startLine() + "-" + s.endLine() + " " + s.operations().getFirst()
                .getClass().getSimpleName()).containsExactly("4-11 OpaqueCode", "7-8 CreateIndex");
        assertThat(migration.notes()).extracting(n -> n.line() + " " + n.message())
                .containsExactly("9 The SQL passed to execute is built at run time; it was not reviewed.");
    }

    @Test
    void brokenSourceIsAProblemAndTheMigrationStaysOpaque() {
        var migration = parse("db/migration/V9__Broken.java", """
                public class V9__Broken extends BaseJavaMigration {
                    public void migrate(Context context) {
                        context.getConnection().createStatement().execute("DROP TABLE a);
                    }
                }
                """);

        assertThat(migration.problems()).extracting(p -> p.line() + " " + p.message())
                .containsExactly("3 Unterminated string starting on line 3; the code after it was not read.");
        assertThat(migration.statements()).singleElement().satisfies(s -> {
            assertThat(s.operations().getFirst()).isInstanceOf(Operation.OpaqueCode.class);
            assertThat(s.startLine()).isEqualTo(2);
        });
    }

    @Test
    void theEngineRoutesJavaMigrationsToThisFrontend() {
        var file = file("db/migration/V7__Backfill_status.java", BACKFILL);
        assertThat(BuiltInFrontends.all().forFramework(Framework.FLYWAY_JAVA)).get()
                .isInstanceOf(FlywayJavaFrontend.class);
        assertThat(BuiltInFrontends.all().forFramework(Framework.FLYWAY_JAVA).orElseThrow().parse(file, FileTree.EMPTY)
                .statements()).hasSize(5);
    }

    private static ParsedMigration parse(String path, String source) {
        return new FlywayJavaFrontend(new SqlFrontend()).parse(file(path, source), FileTree.EMPTY);
    }

    private static MigrationFile file(String path, String source) {
        return new MigrationFile(SourceFile.of(path, source), Framework.FLYWAY_JAVA, Dialect.defaultPostgres(), Direction.UP,
                Optional.of("7"), MigrationOrder.ofVersion("7", path), "test", true, Optional.empty());
    }
}
