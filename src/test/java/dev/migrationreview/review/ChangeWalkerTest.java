package dev.migrationreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.MigrationSite;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeWalkerTest {

    private static final TableRef USERS = TableRef.of("users");

    /** Keeps what the walker hands to rules, to look at it after the walk. */
    private static final class Recorder implements Rule {
        final List<OperationSite> sites = new ArrayList<>();
        final List<MigrationSite> migrations = new ArrayList<>();

        public RuleDoc doc() {
            return new RuleDoc("recorder", "records", Severity.NOTICE, Set.of(), "all", "none", "-", "-", "-", "-");
        }

        @Override
        public void check(OperationSite site, FindingSink out) {
            sites.add(site);
        }

        @Override
        public void checkMigration(MigrationSite migration, FindingSink out) {
            migrations.add(migration);
        }
    }

    @Test
    void contextsKeptForLaterAnswerAsOfTheirOwnOperation() {
        var create = new Operation.CreateTable(USERS, List.of(ColumnDef.simple("id", DataType.of("bigint"))), List.of(),
                false, false, false, Optional.empty());
        var timeout = new Operation.SetTimeout(Operation.SetTimeout.Timeout.LOCK, Optional.of(Duration.ofSeconds(2)), false);
        var addColumn = new Operation.AddColumn(USERS, ColumnDef.simple("name", DataType.of("text")), false);
        var recorder = new Recorder();

        new ChangeWalker(List.of(recorder), ReviewConfig.defaults()).walk(List.of(
                migration(1, false, create), migration(2, true, timeout, addColumn)));

        OperationSite createSite = recorder.sites.get(0);
        OperationSite addSite = recorder.sites.get(2);
        assertThat(createSite.context().isNewTable(USERS)).as("before CREATE TABLE ran").isFalse();
        assertThat(addSite.context().isNewTable(USERS)).isTrue();
        assertThat(addSite.context().lockTimeoutSet()).isTrue();
        assertThat(recorder.sites.get(1).context().lockTimeoutSet()).as("before SET ran").isFalse();
        assertThat(addSite.context().earlierInChange()).extracting(OperationSite::operation).containsExactly(create, timeout);
        assertThat(addSite.context().earlierInTransaction()).extracting(OperationSite::operation).containsExactly(timeout);
        assertThat(createSite.context().inTransaction()).isFalse();

        MigrationSite second = recorder.migrations.get(1);
        assertThat(second.operations()).extracting(OperationSite::operation).containsExactly(timeout, addColumn);
        assertThat(second.context().earlierInChange()).hasSize(3);
        assertThat(second.operations().get(0).context().lockTimeoutSet()).isFalse();
    }

    private static ParsedMigration migration(int version, boolean transactional, Operation... operations) {
        String path = "db/V" + version + "__m.sql";
        var file = new MigrationFile(SourceFile.of(path, ""), Framework.FLYWAY, Dialect.defaultPostgres(), Direction.UP,
                Optional.of(String.valueOf(version)), MigrationOrder.ofVersion(String.valueOf(version), path), "m",
                transactional, Optional.empty());
        var statements = new ArrayList<Statement>();
        for (int i = 0; i < operations.length; i++) {
            statements.add(new Statement("-", i + 1, i + 1, List.of(operations[i]), Statement.ParsedBy.FRAMEWORK,
                    Statement.Section.UP));
        }
        return new ParsedMigration(file, statements, List.of(), transactional, List.of());
    }
}
