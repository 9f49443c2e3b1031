package dev.migrationreview.rule.general;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The general and MySQL rules over every PostgreSQL and MySQL SQL migration of the shared corpus
 * (real projects): no rule fails on real input, and known dangerous statements are flagged.
 */
class RulesOnCorpusTest {

    private static final List<Rule> RULES = RuleCatalog.builtIn().rules().stream()
            .filter(r -> r.getClass().getPackageName().endsWith(".general") || r.getClass().getPackageName().endsWith(".mysql"))
            .toList();
    private static Path corpus;
    private static final List<Finding> FINDINGS = new ArrayList<>();
    private static int filesReviewed;

    @BeforeAll
    static void reviewTheCorpus() throws IOException {
        Path shared = Path.of(System.getProperty("shared.dir", "../shared"));
        corpus = shared.resolve("corpus");
        assertThat(corpus).as("the shared corpus (system property shared.dir, else ../shared) is missing").isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path file : files) {
            Optional<Dialect> dialect = dialectOf(corpus.relativize(file));
            if (dialect.isPresent()) {
                FINDINGS.addAll(RuleTestSupport.findings(RULES, dialect.get(), true, ReviewConfig.defaults(), read(file))
                        .stream().map(f -> relocated(f, corpus.relativize(file))).toList());
                filesReviewed++;
            }
        }
    }

    @Test
    void noRuleFailsOnRealMigrations() {
        assertThat(filesReviewed).isGreaterThan(3000);
        assertThat(FINDINGS).filteredOn(f -> f.ruleId().equals("rule-error")).isEmpty();
    }

    @Test
    void flagsMysqlForeignKeysAddedWithChecksOn() {
        assertThat(at("hawkbit-repository-jpa/src/main/resources/db/migration/MYSQL/V1_10_3__add_rollout_deleted_flag__MYSQL.sql", 15))
                .anySatisfy(f -> {
                    assertThat(f.ruleId()).isEqualTo("mysql-add-foreign-key");
                    assertThat(f.fix().orElseThrow().code()).contains("SET foreign_key_checks = 0;",
                            "ON DELETE CASCADE, ALGORITHM=INPLACE, LOCK=NONE;");
                });
    }

    @Test
    void flagsMysqlColumnChangesAndIntegerIds() {
        assertThat(at("conductor/mysql-persistence/src/main/resources/db/migration/V2__queue_message_timestamps.sql", 1))
                .anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("mysql-column-type-change"));
        assertThat(at("conductor/mysql-persistence/src/main/resources/db/migration/V1__initial_schema.sql", 6))
                .anySatisfy(f -> assertThat(f.message()).startsWith("meta_event_handler.id is int(11): a 32-bit id"));
    }

    @Test
    void flagsTableRenamesWithAViewAsTheFix() {
        assertThat(at("2.41/V2_41_20__ProgramStageInstanceToEvent.sql", 2)).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("rename-table");
            assertThat(f.fix().orElseThrow().code()).isEqualTo(
                    "ALTER TABLE programstageinstance RENAME TO event;\nCREATE VIEW programstageinstance AS SELECT * FROM event;");
        });
    }

    @Test
    void flagsNestedTransactionsAndTruncatedNames() {
        assertThat(at("2.41/V2_41_10__Add_missing_uid_indexes_all_tables.sql", 119))
                .anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("transaction-nesting"));
        assertThat(at("20251118162943_add_idx_dataset_item_events/migration.sql", 2))
                .anySatisfy(f -> assertThat(f.message()).contains("is 64 bytes", "created as "
                        + "dataset_item_events_project_id_dataset_id_item_id_created_at_id."));
    }

    private static List<Finding> at(String pathSuffix, int line) {
        var found = FINDINGS.stream().filter(f -> f.path().endsWith(pathSuffix) && f.startLine() == line).toList();
        assertThat(found).as("findings at %s:%d", pathSuffix, line).isNotEmpty();
        return found;
    }

    /** PostgreSQL unless a path segment names MySQL; files for other databases are left out. */
    private static Optional<Dialect> dialectOf(Path relative) {
        String path = relative.toString().toLowerCase(Locale.ROOT);
        if (Stream.of("sqlite", "cockroach", "h2", "db2", "sql_server", "sqlserver", "mssql")
                .anyMatch(other -> path.contains("/" + other) || path.contains("_" + other))) {
            return Optional.empty();
        }
        return Optional.of(path.contains("mysql") ? Dialect.of(DatabaseKind.MYSQL, "corpus path") : Dialect.defaultPostgres());
    }

    private static Finding relocated(Finding finding, Path file) {
        return new Finding(finding.ruleId(), finding.severity(), file.toString(), finding.startLine(), finding.endLine(),
                finding.message(), finding.lock(), finding.fix());
    }

    private static String read(Path file) {
        try {
            // Lenient decoding: a stray byte must not stop the review of the other files.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
