package dev.migrationreview.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.report.Verdict;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the check run shows stays within GitHub's limits and points to the full report. */
class CheckRunOutputTest {

    static final String DETAILS = "https://review.example.com/reviews/0123456789abcdef0123456789abcdef";

    static ReviewReport report(int findings, String message) {
        String path = "db/migration/V7__big.sql";
        var file = new MigrationFile(SourceFile.of(path, "CREATE INDEX i ON t (c);\n".repeat(findings)), Framework.FLYWAY,
                Dialect.defaultPostgres(), Direction.UP, Optional.of("7"), MigrationOrder.ofPath(path), "big", true,
                Optional.empty());
        List<Finding> list = IntStream.rangeClosed(1, findings).mapToObj(line -> new Finding("create-index-non-concurrently",
                line % 3 == 0 ? Severity.ERROR : Severity.WARNING, path, line, line, message + " (line " + line + ")",
                Optional.of("SHARE on t"), Optional.of(new Fix("CREATE INDEX CONCURRENTLY i ON t (c);", true)))).toList();
        return new ReviewReport("o/r#1 at abc1234 (into main)", new ReviewResult(List.of(new FileReview(file, Optional.empty(),
                Optional.empty())), list), new Verdict(Verdict.Outcome.FAIL, "Findings at error level."), List.of());
    }

    @Test
    void aHugeReviewIsCutWithinTheLimitsWithALinkToTheFullReport() {
        String longMessage = "Creating an index without CONCURRENTLY blocks writes ✋ ".repeat(40);
        CheckRunOutput output = CheckRunOutput.of(report(900, longMessage), "failure", DETAILS,
                List.of("GitHub lists only the first 3000 files."));
        assertThat(bytes(output.summary())).isLessThanOrEqualTo(65_535);
        assertThat(bytes(output.text())).isLessThanOrEqualTo(65_535);
        assertThat(output.text()).endsWith("Full report: " + DETAILS + "\n");
        assertThat(output.summary()).contains(DETAILS).contains("GitHub lists only the first 3000 files.")
                .contains("650 more findings");
        assertThat(output.annotations()).hasSize(CheckRunOutput.MAX_ANNOTATIONS);
        assertThat(output.omittedAnnotations()).isEqualTo(650);
        assertThat(output.title()).isEqualTo("300 errors, 600 warnings in 1 migration file");
        assertThat(output.annotations().getFirst().level()).isEqualTo("warning");
        assertThat(output.annotations().get(2).level()).isEqualTo("failure");
        assertThat(output.annotations().getFirst().rawDetails()).hasValue("CREATE INDEX CONCURRENTLY i ON t (c);");
        assertThat(output.annotations().getFirst().message()).endsWith("\nLock: SHARE on t");
    }

    @Test
    void aSmallReviewIsSentWhole() {
        CheckRunOutput output = CheckRunOutput.of(report(2, "Index blocks writes."), "neutral", DETAILS, List.of());
        assertThat(output.text()).doesNotContain("cut to fit").contains("Index blocks writes. (line 2)");
        assertThat(output.annotations()).hasSize(2);
        assertThat(output.omittedAnnotations()).isZero();
    }

    @Test
    void cuttingNeverSplitsACharacter() {
        String emoji = "🙂".repeat(30_000);
        String cut = TextLimits.cut(emoji, 65_535, "…");
        assertThat(bytes(cut)).isLessThanOrEqualTo(65_535);
        assertThat(cut).endsWith("🙂…");
        assertThat(TextLimits.cut("short", 65_535, "…")).isEqualTo("short");
    }

    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
