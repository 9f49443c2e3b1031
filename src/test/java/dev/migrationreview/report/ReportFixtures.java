package dev.migrationreview.report;

import dev.migrationreview.config.ConfigError;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Optional;

/** Review results as the engine produces them, built by hand so renderer tests control every field. */
final class ReportFixtures {

    private ReportFixtures() {}

    static MigrationFile migration(String path, Framework framework) {
        return new MigrationFile(SourceFile.of(path, "-- migration"), framework, Dialect.defaultPostgres(), Direction.UP,
                Optional.of("3"), MigrationOrder.ofPath(path), "add email", true, Optional.empty());
    }

    /** An analysed file with {@code statements} statements of which {@code unparsed} could not be parsed. */
    static FileReview analysed(String path, int statements, int unparsed) {
        return analysed(path, statements, unparsed, List.of());
    }

    static FileReview analysed(String path, int statements, int unparsed, List<ParsedMigration.Note> notes) {
        var file = migration(path, Framework.FLYWAY);
        var list = new java.util.ArrayList<Statement>();
        for (int i = 0; i < statements; i++) {
            boolean bad = i < unparsed;
            list.add(new Statement("SELECT " + i, i + 1, i + 1,
                    List.of(bad ? new Operation.Unparsed("unknown") : new Operation.Unparsed("x")),
                    bad ? Statement.ParsedBy.NONE : Statement.ParsedBy.JSQLPARSER, Statement.Section.UP));
        }
        return new FileReview(file, Optional.of(new ParsedMigration(file, list, List.of(), true, List.of(), List.of(), notes)),
                Optional.empty());
    }

    static FileReview notAnalysed(String path, Framework framework, String reason) {
        return new FileReview(migration(path, framework), Optional.empty(), Optional.of(reason));
    }

    static Finding finding(String rule, Severity severity, String path, int line, String message) {
        return new Finding(rule, severity, path, line, line, message, Optional.empty(), Optional.empty());
    }

    static Finding indexFinding(String path, int line) {
        return new Finding("require-concurrent-index-creation", Severity.ERROR, path, line, line + 1,
                "CREATE INDEX blocks writes to users while it builds.",
                Optional.of("SHARE on users"),
                Optional.of(new Fix("CREATE INDEX CONCURRENTLY idx_users_email ON users (email);", true)));
    }

    static ReviewReport report(ReviewResult result, Verdict verdict) {
        return new ReviewReport("feature against main, merge base 1a2b3c4d5e6f", result, verdict, List.of());
    }

    static Verdict failing() {
        return new Verdict(Verdict.Outcome.FAIL, "1 finding at or above error.");
    }

    static Verdict passing() {
        return new Verdict(Verdict.Outcome.PASS, "No findings at or above error.");
    }

    /** Two migrations, one not analysed and one with a note, with an error carrying lock and fix and a plain warning. */
    static ReviewReport typical() {
        var result = new ReviewResult(
                List.of(analysed("db/migration/V3__email.sql", 4, 1,
                                List.of(new ParsedMigration.Note(2, "this part runs only on MySQL and was not reviewed"))),
                        notAnalysed("db/changelog/main.xml", Framework.LIQUIBASE_XML,
                                "Liquibase XML changelog files are recognised but not analysed yet")),
                List.of(indexFinding("db/migration/V3__email.sql", 3),
                        finding("adding-field-with-default", Severity.WARNING, "db/migration/V3__email.sql", 1,
                                "Adding a column with a volatile default rewrites the table.")));
        return new ReviewReport("feature against main, merge base 1a2b3c4d5e6f", result, failing(),
                List.of(new ConfigError(".github/migration-review.yml", 4, 3, "unknown rule 'no-such-rule'")));
    }
}
