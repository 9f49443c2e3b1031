package dev.migrationreview.config;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's part of {@code .github/migration-review.yml}.
 *
 * @param database            the database kind; empty means infer per file
 * @param databaseVersion     the major version; empty means the kind's default (PostgreSQL 16)
 * @param migrations          globs that add files to discovery (with the framework to read them as)
 * @param exclude             globs of files never treated as migrations
 * @param rules               per-rule severity overrides, OFF disables
 * @param timeoutsSetByRunner the deploy tool sets lock_timeout/statement_timeout, so migrations need not
 */
public record ReviewConfig(
        Optional<DatabaseKind> database,
        Optional<Integer> databaseVersion,
        List<MigrationGlob> migrations,
        List<String> exclude,
        Map<String, Severity> rules,
        boolean timeoutsSetByRunner) {

    public static final String DEFAULT_PATH = ".github/migration-review.yml";

    public ReviewConfig {
        migrations = List.copyOf(migrations);
        exclude = List.copyOf(exclude);
        rules = Map.copyOf(rules);
    }

    public static ReviewConfig defaults() {
        return new ReviewConfig(Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(), false);
    }

    /** A glob of migration files and, optionally, the framework to read them as (otherwise detected). */
    public record MigrationGlob(String glob, Optional<String> framework) {}
}
