package dev.migrationreview.rule;

import dev.migrationreview.discovery.DatabaseKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders rule documentation as Markdown: one page per rule (also what {@code explain} prints) and
 * an index. {@link #main} writes them to docs/rules; a test fails when the checked-in pages differ.
 */
public final class RuleDocs {

    /** The command that regenerates docs/rules, run from the project root. */
    public static final String REGENERATE_COMMAND =
            "source .ci/java-env && mvn -q compile && java -cp target/classes dev.migrationreview.rule.RuleDocs";
    public static final String INDEX_FILE = "README.md";

    private static final String GENERATED_NOTE = "<!-- Generated from the rule's RuleDoc by dev.migrationreview.rule.RuleDocs "
            + "(" + REGENERATE_COMMAND + "); do not edit. -->";

    private RuleDocs() {}

    /** One rule's page; the engine's own checks cannot be suppressed, so their pages say nothing of it. */
    public static String render(RuleDoc doc) {
        return "# " + doc.id() + "\n\n"
                + doc.summary() + ".\n\n"
                + "| | |\n|---|---|\n"
                + row("Default severity", doc.defaultSeverity().label())
                + row("Databases", databases(doc))
                + row("Applies to", doc.appliesTo())
                + row("Lock", doc.lock())
                + "\n## Why it hurts\n\n" + doc.why() + "\n\n"
                + "## Safe alternative\n\n" + doc.safeAlternative() + "\n\n"
                + "## Flagged\n\n" + codeBlock(doc.bad()) + "\n"
                + "## Safe\n\n" + codeBlock(doc.good()) + "\n"
                + (EngineChecks.all().contains(doc) ? "" : "## Suppressing\n\n"
                        + "When a finding does not apply, say why in a comment on the line before the statement:\n\n"
                        + codeBlock("-- migration-review:ignore " + doc.id() + " <why it is safe here>") + "\n")
                + GENERATED_NOTE + "\n";
    }

    /** The index of every page, as a table. */
    public static String index(List<RuleDoc> docs) {
        var out = new StringBuilder("# Rules\n\n")
                .append("Every check migration-review runs, with its default severity. Each page says what the "
                        + "flagged operation locks, why that hurts, and the safe alternative.\n\n")
                .append("| Rule | Summary | Default severity | Databases |\n|---|---|---|---|\n");
        docs.stream().sorted(Comparator.comparing(RuleDoc::id)).forEach(doc -> out
                .append("| [").append(doc.id()).append("](").append(doc.id()).append(".md) | ")
                .append(cell(doc.summary())).append(" | ").append(doc.defaultSeverity().label()).append(" | ")
                .append(cell(databases(doc))).append(" |\n"));
        return out.append('\n').append(GENERATED_NOTE).append('\n').toString();
    }

    /** Every page by file name: one per documented check, and the index. */
    public static Map<String, String> pages(RuleCatalog catalog) {
        var pages = new LinkedHashMap<String, String>();
        for (RuleDoc doc : catalog.docs()) {
            pages.put(doc.id() + ".md", render(doc));
        }
        pages.put(INDEX_FILE, index(catalog.docs()));
        return pages;
    }

    /** Writes the pages of the built-in catalogue to the folder given (default docs/rules), removing stale ones. */
    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "docs/rules");
        Map<String, String> pages = pages(RuleCatalog.builtIn());
        try {
            Files.createDirectories(folder);
            try (Stream<Path> existing = Files.list(folder)) {
                for (Path stale : existing.filter(p -> p.toString().endsWith(".md"))
                        .filter(p -> !pages.containsKey(p.getFileName().toString())).toList()) {
                    Files.delete(stale);
                }
            }
            for (var page : pages.entrySet()) {
                Files.writeString(folder.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the rule pages to " + folder, e);
        }
        System.out.println("Wrote " + pages.size() + " pages to " + folder);
    }

    private static String databases(RuleDoc doc) {
        if (doc.databases().isEmpty()) {
            return "every database";
        }
        return doc.databases().stream().sorted().map(RuleDocs::databaseName).collect(Collectors.joining(", "));
    }

    private static String databaseName(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRESQL -> "PostgreSQL";
            case MYSQL -> "MySQL";
            case MARIADB -> "MariaDB";
            case SQLITE -> "SQLite";
            case H2 -> "H2";
            case SQLSERVER -> "SQL Server";
            case DB2 -> "Db2";
            case COCKROACHDB -> "CockroachDB";
            case ORACLE -> "Oracle";
            case UNKNOWN -> "unknown databases";
        };
    }

    private static String row(String name, String value) {
        return "| " + name + " | " + cell(value) + " |\n";
    }

    /** Table cells hold one line without unescaped pipes. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** A fenced block, with a fence longer than any backtick run inside. */
    private static String codeBlock(String code) {
        String fence = "```";
        while (code.contains(fence)) {
            fence += "`";
        }
        return fence + "sql\n" + code.strip() + "\n" + fence + "\n";
    }
}
