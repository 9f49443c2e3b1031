package dev.migrationreview.cli;

import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.RuleDocs;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explain <rule>}: the rule's page (why, lock, safe alternative, bad and good example). */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Shows a rule's page: why it matters, the lock, the safe alternative, examples.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RULE", description = "A rule id, as listed by `migration-review rules`.")
    String ruleId;

    @Override
    public Integer call() {
        var catalog = RuleCatalog.builtIn();
        String wanted = ruleId.strip().toLowerCase(Locale.ROOT);
        var doc = catalog.doc(wanted);
        if (doc.isPresent()) {
            spec.commandLine().getOut().print(RuleDocs.render(doc.get()));
            return ExitCodes.CLEAN;
        }
        var err = spec.commandLine().getErr();
        err.println("migration-review: unknown rule '" + ruleId + "'.");
        List<String> similar = similar(wanted, catalog.docs());
        if (!similar.isEmpty()) {
            err.println("Did you mean: " + String.join(", ", similar) + "?");
        }
        err.println("Run `migration-review rules` to list every rule.");
        return ExitCodes.USAGE_OR_ERROR;
    }

    /** Ids that contain the given text, or share a word with it ("concurrent index" finds the index rules). */
    private static List<String> similar(String wanted, List<RuleDoc> docs) {
        Set<String> words = words(wanted);
        return docs.stream().map(RuleDoc::id)
                .filter(id -> id.contains(wanted) || words.stream().anyMatch(words(id)::contains))
                .limit(5).toList();
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.split("[^a-z0-9]+")).filter(w -> w.length() > 2).collect(Collectors.toSet());
    }
}
