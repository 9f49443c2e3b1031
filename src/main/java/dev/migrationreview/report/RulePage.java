package dev.migrationreview.report;

import dev.migrationreview.rule.RuleDoc;

/** A rule's page in Markdown: for {@code explain}, and SARIF's rule help. */
public final class RulePage {

    private RulePage() {}

    public static String markdown(RuleDoc doc) {
        return "## " + doc.id() + "\n\n" + doc.summary() + "\n\n"
                + "**Lock:** " + doc.lock() + "\n\n"
                + "### Why\n\n" + doc.why() + "\n\n"
                + "### Safe alternative\n\n" + doc.safeAlternative() + "\n\n"
                + "Instead of:\n\n" + Markdown.block("sql", doc.bad()) + "\nwrite:\n\n" + Markdown.block("sql", doc.good());
    }
}
