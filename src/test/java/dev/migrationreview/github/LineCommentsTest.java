package dev.migrationreview.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Line comments sit only where GitHub accepts them, once per finding and content. */
class LineCommentsTest {

    static final String PATH = "db/migrate/V2__users.sql";
    static final String CONTENT = """
            CREATE TABLE users (id bigint);
            CREATE INDEX users_id
              ON users (id);
            ALTER TABLE users ADD COLUMN email text NOT NULL;
            """;
    /** The diff shows lines 2-4 (the file existed with line 1 before). */
    static final DiffHunks HUNKS = DiffHunks.parse("@@ -1,1 +1,4 @@\n CREATE TABLE users (id bigint);\n+CREATE INDEX users_id\n"
            + "+  ON users (id);\n+ALTER TABLE users ADD COLUMN email text NOT NULL;");

    static Finding finding(String rule, int start, int end, boolean replaces) {
        return new Finding(rule, Severity.WARNING, PATH, start, end, rule + " message", Optional.empty(),
                Optional.of(new Fix("CREATE INDEX CONCURRENTLY users_id\n  ON users (id);", replaces)));
    }

    final LineComments comments = new LineComments();

    List<LineComments.LineComment> comment(List<Finding> findings, Set<String> posted) {
        return comments.comments(findings, path -> path.equals(PATH) ? HUNKS : DiffHunks.none(),
                List.of(SourceFile.of(PATH, CONTENT)), posted);
    }

    @Test
    void aStatementTheDiffShowsGetsAMultiLineCommentWithASuggestion() {
        var only = comment(List.of(finding("create-index-non-concurrently", 2, 3, true)), Set.of()).getFirst();
        assertThat(only.startLine()).hasValue(2);
        assertThat(only.line()).isEqualTo(3);
        assertThat(only.body()).startsWith("<!-- migration-review:finding " + only.fingerprint() + " -->")
                .contains("```suggestion\nCREATE INDEX CONCURRENTLY users_id\n  ON users (id);\n```");
    }

    @Test
    void partlyShownStatementsAreCommentedOnTheirLastShownLineWithoutASuggestion() {
        var partly = comment(List.of(finding("wide", 1, 2, true)), Set.of()).getFirst();
        assertThat(partly.startLine()).as("line 1 is context, 2 is added: one hunk shows both").hasValue(1);
        var beyond = comment(List.of(finding("beyond", 4, 9, true)), Set.of()).getFirst();
        assertThat(beyond.startLine()).isEmpty();
        assertThat(beyond.line()).isEqualTo(4);
        assertThat(beyond.body()).doesNotContain("```suggestion").contains("```sql");
        assertThat(comment(List.of(finding("elsewhere", 7, 8, true)), Set.of())).as("not in the diff").isEmpty();
        var example = comment(List.of(finding("example", 2, 3, false)), Set.of()).getFirst();
        assertThat(example.body()).as("a fix to adapt is no suggestion").doesNotContain("```suggestion");
    }

    @Test
    void theSameFindingOnTheSameTextIsNeverPostedTwice() {
        var first = comment(List.of(finding("create-index-non-concurrently", 2, 3, true)), Set.of()).getFirst();
        assertThat(comment(List.of(finding("create-index-non-concurrently", 2, 3, true)), Set.of(first.fingerprint()))).isEmpty();
        String moved = "-- a new first line\n" + CONTENT;
        Finding shifted = finding("create-index-non-concurrently", 3, 4, true);
        assertThat(LineComments.fingerprint(shifted, moved.split("\n"))).as("moving the statement keeps its fingerprint")
                .isEqualTo(first.fingerprint());
        String edited = CONTENT.replace("ON users (id)", "ON users (id, email)");
        assertThat(LineComments.fingerprint(finding("create-index-non-concurrently", 2, 3, true), edited.split("\n")))
                .as("changing the statement changes it").isNotEqualTo(first.fingerprint());
        assertThat(LineComments.fingerprintsIn(List.of(first.body(), "unrelated"))).containsExactly(first.fingerprint());
        assertThat(comment(List.of(finding("twice", 2, 3, true), finding("twice", 2, 3, true)), Set.of()))
                .as("duplicates within one review").hasSize(1);
    }
}
