package dev.migrationreview.cli;

import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rules}: every rule id with its default severity, databases and one-line summary. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Lists every rule: id, default severity, databases and summary.")
final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        List<RuleDoc> docs = RuleCatalog.builtIn().docs();
        int idWidth = docs.stream().mapToInt(d -> d.id().length()).max().orElse(4);
        int databasesWidth = docs.stream().mapToInt(d -> databases(d).length()).max().orElse(9);
        var out = spec.commandLine().getOut();
        String format = "%-" + idWidth + "s  %-8s  %-" + databasesWidth + "s  %s%n";
        out.printf(format, "RULE", "SEVERITY", "DATABASES", "SUMMARY");
        for (RuleDoc doc : docs) {
            out.printf(format, doc.id(), doc.defaultSeverity().label(), databases(doc), doc.summary());
        }
        out.printf("%nmigration-review explain <rule> shows why a rule matters and the safe alternative.%n");
    }

    private static String databases(RuleDoc doc) {
        if (doc.databases().isEmpty()) {
            return "all";
        }
        return doc.databases().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(","));
    }
}
