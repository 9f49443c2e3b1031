package dev.migrationreview.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    @Test
    void startsWithTheHiddenMarkerThenTheVerdict() {
        String markdown = new MarkdownRenderer().render(ReportFixtures.typical());

        assertThat(markdown.lines().findFirst()).contains(MarkdownRenderer.MARKER);
        assertThat(markdown.lines().skip(1).findFirst()).contains("### ❌ Migration review: changes needed");
        assertThat(markdown).contains("**1 error, 1 warning** in 2 migration files (feature against main");
        assertThat(markdown).contains("> ⚠️ Configuration `.github/migration-review.yml` line 4: unknown rule 'no-such-rule'");
    }

    @Test
    void tablesTheFilesAndGroupsFindingsByFileWithLockAndFix() {
        String markdown = new MarkdownRenderer().render(ReportFixtures.typical());

        assertThat(markdown).contains("| File | Framework | Dialect | Statements | Unparsed |")
                .contains("| `db/migration/V3__email.sql` | Flyway | PostgreSQL 16 | 4 | 1 |")
                .contains("| `db/changelog/main.xml` | Liquibase XML changelog | PostgreSQL 16 | – | – |")
                .contains("#### `db/migration/V3__email.sql`")
                .contains("❌ **error** · lines 3–4 · `require-concurrent-index-creation`")
                .contains("Lock: SHARE on users")
                .contains("```sql\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\n```")
                .contains("#### Notes\n\n- `db/migration/V3__email.sql` line 2: this part runs only on MySQL and was not reviewed\n")
                .contains("#### Recognised but not analysed")
                .contains("| `db/changelog/main.xml` | Liquibase XML changelog | Liquibase XML changelog files are recognised but not analysed yet |");
        assertThat(markdown.indexOf("adding-field-with-default")).isLessThan(markdown.indexOf("require-concurrent-index-creation"));
    }

    @Test
    void aPassingReviewSaysSo() {
        String markdown = new MarkdownRenderer().render(
                ReportFixtures.report(new ReviewResult(java.util.List.of(), java.util.List.of()), ReportFixtures.passing()));

        assertThat(markdown).contains("### ✅ Migration review: passed").contains("**no findings** in 0 migration files");
    }

    @Test
    void migrationTextCannotBreakOutOfItsBlocksOrHideTheMarker() {
        var finding = new Finding("rule-error", Severity.NOTICE, "db/V1.sql", 1, 1, "drops <!-- migration-review --> | `x`",
                Optional.empty(), Optional.of(new Fix("SELECT '```';", false)));
        String markdown = new MarkdownRenderer().render(ReportFixtures.report(
                new ReviewResult(java.util.List.of(), java.util.List.of(finding)), ReportFixtures.failing()));

        assertThat(markdown.indexOf(MarkdownRenderer.MARKER)).isZero();
        assertThat(markdown.lastIndexOf(MarkdownRenderer.MARKER)).isZero();
        assertThat(markdown).contains("````sql\nSELECT '```';\n````");
    }

    @Test
    void aHugeReviewIsCutToFitAGitHubCommentAndSaysHowMuchIsMissing() {
        var files = new ArrayList<FileReview>();
        var findings = new ArrayList<Finding>();
        for (int i = 0; i < 400; i++) {
            String path = "db/migration/V%04d__change.sql".formatted(i);
            files.add(ReportFixtures.analysed(path, 3, 0));
            for (int line = 1; line <= 10; line++) {
                findings.add(ReportFixtures.indexFinding(path, line));
            }
        }
        String markdown = new MarkdownRenderer().render(
                ReportFixtures.report(new ReviewResult(files, findings), ReportFixtures.failing()));

        assertThat(markdown.length()).isLessThanOrEqualTo(MarkdownRenderer.GITHUB_COMMENT_LIMIT);
        assertThat(markdown).contains("…and 300 more files.");
        int shown = markdown.split("`require-concurrent-index-creation`", -1).length - 1;
        assertThat(shown).isBetween(50, 3999);
        assertThat(markdown).contains("cut short to fit GitHub's limit").contains((4000 - shown) + " more findings not shown");
    }
}
