package dev.migrationreview.rule;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs rules over SQL written in a test, as the engine would over a migration file. Each SQL text
 * is one file, reviewed in order, so tests can show "created in an earlier migration of the change".
 */
public final class RuleTestSupport {

    private RuleTestSupport() {}

    /** Findings of one rule over SQL files as PostgreSQL 16, each run in a transaction (as Flyway does). */
    public static List<Finding> findings(Rule rule, String... sqlFiles) {
        return findings(List.of(rule), Dialect.defaultPostgres(), true, ReviewConfig.defaults(), sqlFiles);
    }

    /** Findings of one rule over SQL files run outside a transaction (golang-migrate, plain psql). */
    public static List<Finding> findingsNoTransaction(Rule rule, String... sqlFiles) {
        return findings(List.of(rule), Dialect.defaultPostgres(), false, ReviewConfig.defaults(), sqlFiles);
    }

    public static List<Finding> findings(Rule rule, Dialect dialect, String... sqlFiles) {
        return findings(List.of(rule), dialect, true, ReviewConfig.defaults(), sqlFiles);
    }

    public static Dialect postgres(int version) {
        return Dialect.postgres(version, "test");
    }

    public static Dialect mysql() {
        return Dialect.of(DatabaseKind.MYSQL, "test");
    }

    public static List<Finding> findings(List<Rule> rules, Dialect dialect, boolean transactional, ReviewConfig config,
                                         String... sqlFiles) {
        var files = new ArrayList<MigrationFile>();
        for (int i = 0; i < sqlFiles.length; i++) {
            String path = "migrations/V" + (i + 1) + "__test.sql";
            files.add(new MigrationFile(SourceFile.of(path, sqlFiles[i]), Framework.PLAIN_SQL, dialect, Direction.UP,
                    Optional.of(String.valueOf(i + 1)), MigrationOrder.ofVersion(String.valueOf(i + 1), path),
                    "test", transactional, Optional.empty()));
        }
        var engine = new ReviewEngine((changed, repo, cfg) -> files, BuiltInFrontends.all(), rules);
        return engine.review(new ReviewInput(files.stream().map(MigrationFile::source).toList(), FileTree.EMPTY, config))
                .findings();
    }
}
