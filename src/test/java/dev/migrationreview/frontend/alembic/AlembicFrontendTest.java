package dev.migrationreview.frontend.alembic;

import static dev.migrationreview.frontend.dsl.DslFiles.operations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.dsl.DslFiles;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlembicFrontendTest {

    private static final String HEADER = """
            \"\"\"add things

            Revision ID: 1a2b3c
            Revises: 0f0f0f
            \"\"\"
            from alembic import op
            import sqlalchemy as sa

            revision = "1a2b3c"
            down_revision = "0f0f0f"

            """;

    private static ParsedMigration parse(String body) {
        return parse(body, Dialect.defaultPostgres());
    }

    private static ParsedMigration parse(String body, Dialect dialect) {
        var file = DslFiles.file("alembic/versions/1a2b3c_add_things.py", Framework.ALEMBIC, HEADER + body, dialect);
        return new AlembicFrontend(new SqlFrontend()).parse(file, FileTree.EMPTY);
    }

    /** Line numbers in tests count from the first line after the shared header. */
    private static int line(int bodyLine) {
        return HEADER.split("\n", -1).length - 1 + bodyLine;
    }

    @Test
    void readsColumnsWithTheirTypesNullabilityAndServerDefaults() {
        var parsed = parse("""
                def upgrade():
                    op.add_column("user", sa.Column("email", sa.String(length=255), nullable=False))
                    op.add_column(
                        "user",
                        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.sql.expression.true()),
                    )
                    op.add_column("user", sa.Column("joined", sa.DateTime(timezone=True), server_default=sa.text("now()")))

                def downgrade():
                    op.drop_column("user", "joined")
                    op.drop_column("user", "active")
                    op.drop_column("user", "email")
                """);
        var forward = parsed.forward();
        assertThat(forward).hasSize(3);
        var email = (Operation.AddColumn) forward.get(0).operations().get(0);
        assertThat(email.table()).isEqualTo(TableRef.of("user"));
        assertThat(email.column().type()).contains(DataType.of("varchar", "255"));
        assertThat(email.column().requiresValue()).isTrue();
        var active = (Operation.AddColumn) forward.get(1).operations().get(0);
        assertThat(active.column().defaultValue().orElseThrow().expression()).isEqualTo("true");
        assertThat(active.column().requiresValue()).isFalse();
        assertThat(forward.get(1).startLine()).isEqualTo(line(3));
        assertThat(forward.get(1).endLine()).isEqualTo(line(6));
        assertThat(forward.get(1).text()).startsWith("op.add_column(").endsWith(")");
        assertThat(forward.get(1).parsedBy()).isEqualTo(Statement.ParsedBy.FRAMEWORK);
        var joined = (Operation.AddColumn) forward.get(2).operations().get(0);
        assertThat(joined.column().type()).contains(DataType.of("timestamptz"));
        assertThat(joined.column().notNull()).isFalse();
        assertThat(joined.column().defaultValue().orElseThrow().expression()).isEqualTo("now()");
        assertThat(operations(parsed.rollback())).extracting(o -> ((Operation.DropColumn) o).column())
                .containsExactly("joined", "active", "email");
        assertThat(parsed.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ParsedMigration.Rollback.Kind.EXPLICIT);
            assertThat(r.unit()).isEqualTo("downgrade()");
        });
        assertThat(parsed.transactional()).isTrue();
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void createTableWithConstraintsAndIndexes() {
        var parsed = parse("""
                def upgrade():
                    op.create_table(
                        "deletednamespace",
                        sa.Column("id", sa.Integer(), nullable=False),
                        sa.Column("namespace_id", sa.Integer(), sa.ForeignKey("user.id"), nullable=False, index=True),
                        sa.ForeignKeyConstraint(["namespace_id"], ["user.id"], name=op.f("fk_ns_user")),
                        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletednamespace")),
                    )
                    op.create_index("deletednamespace_ns", "deletednamespace", ["namespace_id"], unique=True)

                def downgrade():
                    op.drop_table("deletednamespace")
                """);
        var create = (Operation.CreateTable) parsed.forward().get(0).operations().get(0);
        assertThat(create.columns()).extracting(c -> c.name()).containsExactly("id", "namespace_id");
        assertThat(create.columns().get(0).type()).contains(DataType.of("integer"));
        assertThat(create.columns().get(1).references().orElseThrow().table()).isEqualTo(TableRef.of("user"));
        assertThat(create.constraints()).extracting(ConstraintDef::kind)
                .containsExactly(ConstraintDef.Kind.FOREIGN_KEY, ConstraintDef.Kind.PRIMARY_KEY);
        assertThat(create.constraints().get(0).name()).contains("fk_ns_user");
        assertThat(create.constraints().get(0).references().orElseThrow().columns()).containsExactly("id");
        var columnIndex = (Operation.CreateIndex) parsed.forward().get(0).operations().get(1);
        assertThat(columnIndex.name()).contains("ix_deletednamespace_namespace_id");
        var index = (Operation.CreateIndex) parsed.forward().get(1).operations().get(0);
        assertThat(index.unique()).isTrue();
        assertThat(index.concurrently()).isFalse();
        assertThat(index.columns()).containsExactly("namespace_id");
        assertThat(operations(parsed.rollback())).singleElement().isInstanceOf(Operation.DropTable.class);
    }

    @Test
    void integerPrimaryKeyIsSerialOnPostgres() {
        var parsed = parse("""
                def upgrade():
                    op.create_table("t", sa.Column("id", sa.BigInteger(), primary_key=True))
                """);
        var create = (Operation.CreateTable) parsed.forward().get(0).operations().get(0);
        assertThat(create.columns().get(0).type()).contains(DataType.of("bigserial"));
        assertThat(create.columns().get(0).notNull()).isTrue();
    }

    @Test
    void autocommitBlockRunsOutsideTheTransaction() {
        var parsed = parse("""
                def upgrade():
                    op.add_column("manifest", sa.Column("subject_backfilled", sa.Boolean()))
                    with op.get_context().autocommit_block():
                        op.create_index(
                            "manifest_subject_backfilled",
                            "manifest",
                            ["subject_backfilled"],
                            unique=False,
                            postgresql_concurrently=True,
                        )
                    op.drop_index("old_index", table_name="manifest")
                """);
        assertThat(parsed.transactional()).isFalse();
        var forward = parsed.forward();
        assertThat(operations(forward)).extracting(o -> o.getClass().getSimpleName()).containsExactly(
                "Transaction", "AddColumn", "Transaction", "CreateIndex", "Transaction", "DropIndex", "Transaction");
        assertThat(operations(forward)).filteredOn(o -> o instanceof Operation.Transaction)
                .extracting(o -> ((Operation.Transaction) o).control()).containsExactly(
                        Operation.Transaction.Control.BEGIN, Operation.Transaction.Control.COMMIT,
                        Operation.Transaction.Control.BEGIN, Operation.Transaction.Control.COMMIT);
        var index = (Operation.CreateIndex) forward.get(3).operations().get(0);
        assertThat(index.concurrently()).isTrue();
        assertThat(forward.get(3).startLine()).isEqualTo(line(4));
        assertThat(forward.get(3).endLine()).isEqualTo(line(10));
    }

    @Test
    void concurrentlyIsIgnoredOffPostgres() {
        var parsed = parse("""
                def upgrade():
                    op.create_index("i", "t", ["c"], postgresql_concurrently=True)
                """, Dialect.of(DatabaseKind.MYSQL, "test"));
        assertThat(((Operation.CreateIndex) parsed.forward().get(0).operations().get(0)).concurrently()).isFalse();
    }

    @Test
    void batchAlterTableAppliesItsTableToEveryCall() {
        var parsed = parse("""
                def upgrade():
                    with op.batch_alter_table("repomirrorconfig", schema=None) as batch_op:
                        batch_op.add_column(sa.Column("root_rule", sa.Integer(), nullable=True))
                        batch_op.alter_column("sync_status", nullable=False, existing_type=sa.Integer())
                        batch_op.alter_column("name", new_column_name="title", type_=sa.Text())
                        batch_op.create_foreign_key("fk_rule", "repomirrorrule", ["root_rule"], ["id"])
                        batch_op.drop_constraint("uq_name", type_="unique")
                        batch_op.drop_column("legacy")
                """);
        var ops = operations(parsed.forward());
        assertThat(ops).allSatisfy(o -> assertThat(o.tables()).contains(TableRef.of("repomirrorconfig")));
        assertThat(ops).extracting(o -> o.getClass().getSimpleName()).containsExactly(
                "AddColumn", "SetNotNull", "AlterColumnType", "RenameColumn", "AddConstraint", "DropConstraint",
                "DropColumn");
        var fk = (Operation.AddConstraint) ops.get(4);
        assertThat(fk.constraint().references().orElseThrow().table()).isEqualTo(TableRef.of("repomirrorrule"));
        assertThat(fk.constraint().columns()).containsExactly("root_rule");
        assertThat(((Operation.AlterColumnType) ops.get(2)).newType()).isEqualTo(DataType.of("text"));
    }

    @Test
    void alterColumnOnMysqlRewritesTheWholeColumn() {
        var parsed = parse("""
                def upgrade():
                    op.alter_column("logentry", "metadata_json", existing_type=sa.Text(), nullable=False)
                """, Dialect.of(DatabaseKind.MYSQL, "test"));
        var alter = (Operation.AlterColumnType) parsed.forward().get(0).operations().get(0);
        assertThat(alter.newType()).isEqualTo(DataType.of("text"));
        assertThat(alter.mysqlDefinition().orElseThrow().notNull()).isTrue();
    }

    @Test
    void executeHandsTheSqlToTheSqlFrontendOnItsOwnLines() {
        var parsed = parse("""
                def upgrade():
                    op.execute(
                        \"\"\"
                        UPDATE repository SET state = 0
                        WHERE state IS NULL
                        \"\"\"
                    )
                    op.execute(sa.text('CREATE INDEX CONCURRENTLY i ON t (c)'))
                    op.execute("ALTER TABLE t "
                               "ADD COLUMN c int")
                """);
        var forward = parsed.forward();
        assertThat(forward).hasSize(3);
        assertThat(forward.get(0).text()).contains("UPDATE repository SET state = 0");
        assertThat(forward.get(0).startLine()).isBetween(line(3), line(4));
        assertThat(forward.get(0).endLine()).isBetween(line(5), line(6));
        assertThat(forward.get(1).text()).isEqualTo("CREATE INDEX CONCURRENTLY i ON t (c)");
        assertThat(forward.get(1).startLine()).isEqualTo(line(8));
        assertThat(forward.get(2).text()).contains("ALTER TABLE t ADD COLUMN c int");
        assertThat(forward.get(2).startLine()).isEqualTo(line(9));
        assertThat(forward.get(2).endLine()).isEqualTo(line(10));
    }

    @Test
    void sqlFromConstantsVariablesAndConnectionsIsResolved() {
        var parsed = parse("""
                BACKFILL = "UPDATE tag SET hidden = false"

                def upgrade():
                    bind = op.get_bind()
                    bind.execute(sa.text(BACKFILL))
                    table = "tag"
                    op.execute(f"ANALYZE {table}")
                    op.execute(f"VACUUM {unknown_table}")
                """);
        var forward = parsed.forward();
        assertThat(forward).extracting(Statement::text).containsExactly(
                "UPDATE tag SET hidden = false", "ANALYZE tag", "op.execute(f\"VACUUM {unknown_table}\")");
        assertThat(forward.get(0).startLine()).isEqualTo(line(5));
        assertThat(forward.get(2).isUnparsed()).isTrue();
        assertThat(((Operation.Unparsed) forward.get(2).operations().get(0)).reason()).contains("computed at run time");
    }

    @Test
    void sqlAlchemyCoreStatementsAreDataChanges() {
        var parsed = parse("""
                def upgrade(op, tables, tester):
                    op.bulk_insert(tables.logentrykind, [{"name": "login_failure"}])
                    op.execute(
                        tables.logentrykind.delete().where(
                            tables.logentrykind.name == op.inline_literal("x")
                        )
                    )
                    kinds = sa.table("mediatype", sa.column("name"))
                    op.execute(kinds.update().values(name="y"))
                """);
        var ops = operations(parsed.forward());
        assertThat(ops).containsExactly(
                new Operation.DataChange(Operation.DataChange.Kind.INSERT, TableRef.of("logentrykind"), false, false),
                new Operation.DataChange(Operation.DataChange.Kind.DELETE, TableRef.of("logentrykind"), true, false),
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, TableRef.of("mediatype"), false, false));
    }

    @Test
    void onlyTheBranchForThisDatabaseIsRead() {
        String body = """
                def upgrade():
                    bind = op.get_bind()
                    if bind.dialect.name == "postgresql":
                        with op.get_context().autocommit_block():
                            op.create_index("i", "user", ["email"], postgresql_concurrently=True)
                    else:
                        op.create_index("i", "user", ["email"])
                    if op.get_context().dialect.name != "sqlite" and feature_enabled():
                        op.drop_index("j", table_name="user")
                """;
        var parsedPostgres = parse(body);
        var postgres = operations(parsedPostgres.forward()).stream()
                .filter(o -> o instanceof Operation.CreateIndex).map(o -> (Operation.CreateIndex) o).toList();
        assertThat(postgres).singleElement().satisfies(i -> assertThat(i.concurrently()).isTrue());
        assertThat(parsedPostgres.notes()).singleElement().satisfies(n -> {
            assertThat(n.line()).isEqualTo(line(6));
            assertThat(n.message()).contains("Not reviewed").contains("PostgreSQL 16");
        });
        var mysql = parse(body, Dialect.of(DatabaseKind.MYSQL, "test"));
        assertThat(operations(mysql.forward())).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("CreateIndex", "DropIndex");
        assertThat(mysql.transactional()).isTrue();
    }

    @Test
    void helperFunctionsAndLoopsOverKnownListsAreFollowed() {
        var parsed = parse("""
                TABLES = ["repository", "namespace"]

                def _add_state(table_name, column="state"):
                    op.add_column(table_name, sa.Column(column, sa.Integer(), nullable=True))

                def upgrade():
                    for table in TABLES:
                        _add_state(table)
                    for row in fetch_rows():
                        op.drop_column(row, "x")
                """);
        var forward = parsed.forward();
        assertThat(operations(forward.subList(0, 2))).extracting(o -> ((Operation.AddColumn) o).table().name())
                .containsExactly("repository", "namespace");
        assertThat(forward.get(0).startLine()).isEqualTo(line(4));
        assertThat(forward.get(1).isUnparsed()).isFalse();
        assertThat(forward.subList(2, forward.size())).extracting(s -> s.operations().get(0).getClass().getSimpleName())
                .containsExactly("Unparsed");
    }

    @Test
    void helpersCalledInConditionsRunAndPythonBookkeepingIsNotCode() {
        var parsed = parse("""
                def _drop_invalid(bind, name):
                    bind.execute(sa.text(f"DROP INDEX IF EXISTS {name}"))
                    return True

                def upgrade():
                    bind = op.get_bind()
                    existing = {"a_idx"}
                    for name in ("a_idx", "b_idx"):
                        if name in existing and _drop_invalid(bind, name):
                            existing.discard(name)
                """);
        assertThat(parsed.forward()).extracting(Statement::text)
                .containsExactly("DROP INDEX IF EXISTS a_idx", "DROP INDEX IF EXISTS b_idx");
        assertThat(parsed.forward().get(0).startLine()).isEqualTo(line(2));
    }

    @Test
    void codeThatIsNotAnOperationIsReportedAsOpaqueOrUnparsed() {
        var parsed = parse("""
                import logging
                logger = logging.getLogger(__name__)

                def upgrade():
                    logger.info("starting")
                    inspector = sa.inspect(op.get_bind())
                    tester.populate_table("user", [("email", tester.TestDataType.String)])
                    op.frobnicate("user")
                """);
        var forward = parsed.forward();
        assertThat(forward).hasSize(2);
        assertThat(forward.get(0).operations().get(0)).isInstanceOf(Operation.OpaqueCode.class);
        assertThat(forward.get(0).startLine()).isEqualTo(line(7));
        assertThat(forward.get(1).isUnparsed()).isTrue();
        assertThat(((Operation.Unparsed) forward.get(1).operations().get(0)).reason()).contains("op.frobnicate");
    }

    @Test
    void anEmptyOrRaisingDowngradeMeansNoRollback() {
        var empty = parse("""
                def upgrade():
                    op.drop_column("user", "legacy")

                def downgrade():
                    pass
                """);
        assertThat(empty.rollback()).isEmpty();
        assertThat(empty.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.known()).isFalse();
            assertThat(r.detail()).contains("does nothing");
            assertThat(r.startLine()).isEqualTo(line(4));
        });
        var raising = parse("""
                def upgrade():
                    op.drop_column("user", "legacy")

                def downgrade():
                    op.add_column("user", sa.Column("legacy", sa.Text()))
                    raise NotImplementedError("data is gone")
                """);
        assertThat(raising.rollback()).isEmpty();
        assertThat(raising.rollbacks()).singleElement().satisfies(r -> assertThat(r.detail()).contains("raises"));
        var missing = parse("""
                def upgrade():
                    op.drop_column("user", "legacy")
                """);
        assertThat(missing.rollbacks()).singleElement().satisfies(r -> assertThat(r.kind())
                .isEqualTo(ParsedMigration.Rollback.Kind.MISSING));
    }

    @Test
    void fileProblemsAreReportedWithTheirLines() {
        var file = DslFiles.file("alembic/versions/x.py", Framework.ALEMBIC,
                new byte[] {'x', ' ', '=', ' ', '1', '\n', (byte) 0xff, '\n'}, Dialect.defaultPostgres());
        var parsed = new AlembicFrontend(new SqlFrontend()).parse(file, FileTree.EMPTY);
        assertThat(parsed.problems()).extracting(ParsedMigration.FrontendProblem::line).contains(2, 1);
        assertThat(parsed.problems()).extracting(ParsedMigration.FrontendProblem::message)
                .anyMatch(m -> m.contains("UTF-8")).anyMatch(m -> m.contains("revision"))
                .anyMatch(m -> m.contains("upgrade()"));
    }

    @Test
    void brokenPythonInsideUpgradeIsUnparsedNotLost() {
        var parsed = parse("""
                def upgrade():
                    op.drop_column("user", "a")
                    op.add_column("user", sa.Column("b", sa.Integer()
                    op.drop_column("user", "c")
                """);
        assertThat(parsed.forward()).anyMatch(Statement::isUnparsed);
        assertThat(parsed.forward().get(0).operations().get(0)).isInstanceOf(Operation.DropColumn.class);
    }

    @Test
    void suppressionCommentsAreRead() {
        var parsed = parse("""
                def upgrade():
                    # migration-review:ignore adding-not-null-column table is empty in production
                    op.add_column("user", sa.Column("email", sa.String(), nullable=False))
                """);
        assertThat(parsed.suppressions()).singleElement().satisfies(s -> {
            assertThat(s.ruleId()).isEqualTo("adding-not-null-column");
            assertThat(s.reason()).contains("table is empty in production");
            assertThat(s.line()).isEqualTo(line(2));
        });
    }

    @Test
    void readsRevisionIdentifiers() {
        var revision = AlembicRevision.read("""
                \"\"\"Revises: nothing\"\"\"
                revision = "b4c2d45bc132"
                down_revision = ("152edccba18c", "a1b2c3")
                """).orElseThrow();
        assertThat(revision.revision()).isEqualTo("b4c2d45bc132");
        assertThat(revision.downRevisions()).containsExactly("152edccba18c", "a1b2c3");
        assertThat(AlembicRevision.read("revision = 'x'\ndown_revision = None\n").orElseThrow().downRevisions()).isEmpty();
        assertThat(AlembicRevision.read("x = 1")).isEmpty();
    }

    @Test
    void typesFollowTheDatabase() {
        String body = """
                def upgrade():
                    op.add_column("t", sa.Column("flag", sa.Boolean(), nullable=True))
                """;
        var postgres = (Operation.AddColumn) parse(body).forward().get(0).operations().get(0);
        var mysql = (Operation.AddColumn) parse(body, Dialect.of(DatabaseKind.MYSQL, "test")).forward().get(0)
                .operations().get(0);
        assertThat(postgres.column().type()).contains(DataType.of("boolean"));
        assertThat(mysql.column().type()).contains(DataType.of("tinyint", "1"));
        assertThat(List.of(postgres, mysql)).allSatisfy(o -> assertThat(o.column().notNull()).isFalse());
    }
}
