package dev.migrationreview.server;

import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.config.Glob;
import dev.migrationreview.config.InvalidGlobException;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.report.Verdict;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import dev.migrationreview.snapshot.PullRequestSnapshot;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The App's review: configuration from the pull request's base (a broken file is reported and the
 * review runs on defaults), the engine, and the verdict: changes are needed when an error is found.
 */
public final class EngineReviewer implements SnapshotReviewer {

    private final ReviewEngine engine;
    private final ConfigLoader loader;

    public EngineReviewer(ReviewEngine engine, RuleCatalog catalog) {
        this.engine = engine;
        this.loader = ConfigLoader.checkingRuleIds(catalog.docs().stream().map(RuleDoc::id).collect(Collectors.toSet()));
    }

    @Override
    public ReviewReport review(PullRequestSnapshot snapshot) {
        ConfigResult config = load(snapshot.baseConfig());
        ReviewResult result = engine.review(new ReviewInput(snapshot.headContents(), snapshot.headTree(), config.effective()));
        long errors = result.count(Severity.ERROR);
        Verdict verdict = errors > 0
                ? new Verdict(Verdict.Outcome.FAIL, errors + (errors == 1 ? " finding" : " findings") + " at error level.")
                : new Verdict(Verdict.Outcome.PASS, "No findings at error level.");
        return new ReviewReport(snapshot.description(), result, verdict, config.errors());
    }

    @Override
    public Predicate<String> configuredMigrations(Optional<SourceFile> config) {
        var globs = new ArrayList<Glob>();
        for (ReviewConfig.MigrationGlob migration : load(config).effective().migrations()) {
            try {
                globs.add(Glob.compile(migration.glob()));
            } catch (InvalidGlobException e) {
                // The loader reports an invalid glob as a config error; it just selects nothing here.
            }
        }
        return path -> globs.stream().anyMatch(glob -> glob.matches(path));
    }

    private ConfigResult load(Optional<SourceFile> config) {
        return config.map(file -> loader.load(file.path(), file.content()))
                .orElseGet(() -> new ConfigResult.Loaded(ReviewConfig.defaults()));
    }
}
