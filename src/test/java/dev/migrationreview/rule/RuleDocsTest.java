package dev.migrationreview.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleDocsTest {

    private static final Path CHECKED_IN = Path.of("docs", "rules");

    private static final RuleDoc SAMPLE = new RuleDoc("sample-rule", "A sample | with a pipe", Severity.WARNING,
            Set.of(DatabaseKind.MYSQL, DatabaseKind.POSTGRESQL), "PostgreSQL 11+", "ACCESS EXCLUSIVE",
            "Because it hurts.", "Do it safely.", "ALTER TABLE t ADD COLUMN c int;", "-- ```nested fence```\nSELECT 1;");

    @Test
    void rendersEveryFieldOfAPage() {
        String page = RuleDocs.render(SAMPLE);

        assertThat(page).startsWith("# sample-rule\n\nA sample | with a pipe.\n")
                .contains("| Default severity | warning |", "| Databases | PostgreSQL, MySQL |",
                        "| Applies to | PostgreSQL 11+ |", "| Lock | ACCESS EXCLUSIVE |",
                        "## Why it hurts\n\nBecause it hurts.", "## Safe alternative\n\nDo it safely.",
                        "## Flagged\n\n```sql\nALTER TABLE t ADD COLUMN c int;\n```",
                        "## Safe\n\n````sql\n-- ```nested fence```\nSELECT 1;\n````",
                        "-- migration-review:ignore sample-rule <why it is safe here>");
    }

    @Test
    void enginePagesDoNotOfferSuppressions() {
        assertThat(RuleDocs.render(EngineChecks.UNREADABLE_FILE)).doesNotContain("migration-review:ignore");
    }

    @Test
    void indexLinksEveryPageAndEscapesTableCells() {
        String index = RuleDocs.index(List.of(SAMPLE));

        assertThat(index).contains("| [sample-rule](sample-rule.md) | A sample \\| with a pipe | warning | PostgreSQL, MySQL |");
    }

    @Test
    void checkedInPagesAreUpToDate() throws IOException {
        var pages = RuleDocs.pages(RuleCatalog.builtIn());
        var problems = new ArrayList<String>();
        for (var page : pages.entrySet()) {
            Path file = CHECKED_IN.resolve(page.getKey());
            if (!Files.exists(file)) {
                problems.add(file + " is missing");
            } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
                problems.add(file + " differs from its rule's doc");
            }
        }
        try (Stream<Path> files = Files.list(CHECKED_IN)) {
            files.map(f -> f.getFileName().toString()).filter(name -> !pages.containsKey(name))
                    .forEach(name -> problems.add(CHECKED_IN.resolve(name) + " documents no rule"));
        }

        assertThat(problems).as("docs/rules is out of date; regenerate it from the project root with:%n  %s%n",
                RuleDocs.REGENERATE_COMMAND).isEmpty();
    }

    @Test
    void mainWritesEveryPageAndRemovesStaleOnes(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("retired-rule.md"), "# retired-rule\n");
        Files.writeString(folder.resolve("notes.txt"), "kept");

        RuleDocs.main(new String[] {folder.toString()});

        var pages = RuleDocs.pages(RuleCatalog.builtIn());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(pages.keySet().stream(), Stream.of("notes.txt")).toList());
        }
        assertThat(Files.readString(folder.resolve("README.md"))).isEqualTo(pages.get("README.md"));
    }
}
