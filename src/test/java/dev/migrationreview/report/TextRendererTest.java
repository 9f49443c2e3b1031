package dev.migrationreview.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest {

    @Test
    void oneLinePerFindingWithLockAndFixIndented() {
        String text = new TextRenderer(false).render(ReportFixtures.typical());

        assertThat(text).isEqualTo("""
                .github/migration-review.yml:4 config unknown rule 'no-such-rule'
                db/migration/V3__email.sql:1 warning adding-field-with-default Adding a column with a volatile default rewrites the table.
                db/migration/V3__email.sql:3 error require-concurrent-index-creation CREATE INDEX blocks writes to users while it builds.
                    lock: SHARE on users
                    fix:
                      CREATE INDEX CONCURRENTLY idx_users_email ON users (email);
                db/migration/V3__email.sql:2 note this part runs only on MySQL and was not reviewed
                db/changelog/main.xml not analysed Liquibase XML changelog files are recognised but not analysed yet
                FAIL 2 migration files reviewed (feature against main, merge base 1a2b3c4d5e6f): 1 error, 1 warning. 1 finding at or above error.
                """);
    }

    @Test
    void colourOnlyWhenAsked() {
        assertThat(new TextRenderer(false).render(ReportFixtures.typical())).doesNotContain("\u001b[");
        assertThat(new TextRenderer(true).render(ReportFixtures.typical())).contains("\u001b[31merror\u001b[0m");
    }

    @Test
    void escapeSequencesFromAMigrationNeverReachTheTerminal() {
        var result = new ReviewResult(List.of(), List.of(ReportFixtures.finding("rule-error", Severity.NOTICE,
                "db/V1.sql", 1, "column \u001b]0;pwned\u0007 \u001b[2J")));

        String text = new TextRenderer(true).render(ReportFixtures.report(result, ReportFixtures.passing()));

        assertThat(text).doesNotContain("\u001b]0").doesNotContain("\u0007").doesNotContain("\u001b[2J").contains("column ?]0;pwned?");
    }
}
