package dev.migrationreview.cli;

import dev.migrationreview.report.JsonRenderer;
import dev.migrationreview.report.MarkdownRenderer;
import dev.migrationreview.report.Renderer;
import dev.migrationreview.report.SarifRenderer;
import dev.migrationreview.report.TextRenderer;
import dev.migrationreview.rule.RuleCatalog;
import java.util.Locale;

/** {@code --format}: which renderer prints the review. */
enum Format {
    TEXT, MARKDOWN, JSON, SARIF;

    Renderer renderer(RuleCatalog catalog, boolean colour) {
        return switch (this) {
            case TEXT -> new TextRenderer(colour);
            case MARKDOWN -> new MarkdownRenderer();
            case JSON -> new JsonRenderer();
            case SARIF -> new SarifRenderer(catalog, Main.VERSION);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
