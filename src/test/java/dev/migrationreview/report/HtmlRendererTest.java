package dev.migrationreview.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The details page: source shown beside findings stays small whatever the file looks like. */
class HtmlRendererTest {

    private static ReviewReport oneLineFile(String line, int findings) {
        String path = "db/migration/V2__drops.sql";
        var file = new MigrationFile(SourceFile.of(path, line), Framework.FLYWAY, Dialect.defaultPostgres(), Direction.UP,
                Optional.of("2"), MigrationOrder.ofPath(path), "drops", true, Optional.empty());
        List<Finding> found = Collections.nCopies(findings,
                ReportFixtures.finding("drop-table", Severity.ERROR, path, 1, "Dropping table t loses its data."));
        return ReportFixtures.report(new ReviewResult(List.of(new FileReview(file, Optional.empty(), Optional.empty())), found),
                ReportFixtures.failing());
    }

    @Test
    void everyFindingOnAVeryLongLineShowsOnlyItsStart() {
        // Found by the engine fuzzer: a 1 MB line of 80,000 statements made a page of 88 GB (OutOfMemoryError).
        String html = new HtmlRenderer().render(oneLineFile("DROP TABLE t; ".repeat(20_000), 100));

        assertThat(html.length()).isLessThan(100 * 2_000);
        assertThat(html).contains("    1  DROP TABLE t; DROP TABLE t;").contains(" more characters");
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String html = new HtmlRenderer().render(oneLineFile("x" + "\uD83D\uDE00".repeat(1_000), 1));

        assertThat(html).doesNotContain("\uD83D …").contains("\uD83D\uDE00 …");
    }
}
