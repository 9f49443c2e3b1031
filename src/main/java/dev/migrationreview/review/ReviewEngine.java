package dev.migrationreview.review;

import dev.migrationreview.discovery.MigrationDiscovery;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.Frontends;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's entry: changed files in, findings out. Discovery picks the migrations, frontends
 * translate them into operations, and the {@link ChangeWalker} runs every rule over them in the
 * order the migrations run, so rules see the whole change.
 */
public final class ReviewEngine {

    private final MigrationDiscovery discovery;
    private final Frontends frontends;
    private final List<Rule> rules;

    public ReviewEngine(MigrationDiscovery discovery, Frontends frontends, List<Rule> rules) {
        this.discovery = discovery;
        this.frontends = frontends;
        this.rules = List.copyOf(rules);
    }

    public ReviewResult review(ReviewInput input) {
        List<MigrationFile> migrations = discovery.discover(input.changedFiles(), input.repository(), input.config());
        var files = new ArrayList<FileReview>(migrations.size());
        var parsed = new ArrayList<ParsedMigration>(migrations.size());
        for (MigrationFile migration : migrations) {
            FileReview review = parse(migration, input);
            files.add(review);
            review.parsed().ifPresent(parsed::add);
        }
        List<Finding> findings = new ChangeWalker(rules, input.config()).walk(parsed);
        return new ReviewResult(files, findings);
    }

    private FileReview parse(MigrationFile migration, ReviewInput input) {
        var frontend = frontends.forFramework(migration.framework());
        if (frontend.isEmpty()) {
            return new FileReview(migration, Optional.empty(), Optional.of(
                    migration.framework().displayName() + " files are recognised but not analysed yet"));
        }
        try {
            return new FileReview(migration, Optional.of(frontend.get().parse(migration, input.repository())), Optional.empty());
        } catch (RuntimeException | StackOverflowError e) {
            // A frontend bug must not lose the file: it is listed with the reason, and the rest is reviewed.
            var problem = new ParsedMigration.FrontendProblem(1,
                    "could not read this file: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return new FileReview(migration, Optional.of(new ParsedMigration(migration, List.of(), List.of(),
                    migration.transactional(), List.of(problem))), Optional.of(problem.message()));
        }
    }
}
