package dev.migrationreview.rule;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every rule the engine runs, and the docs of the engine's own checks, looked up by id. */
public final class RuleCatalog {

    private final List<Rule> rules;

    public RuleCatalog(List<Rule> rules) {
        this.rules = rules.stream().sorted(Comparator.comparing(Rule::id)).toList();
    }

    /** The built-in catalogue. */
    public static RuleCatalog builtIn() {
        return new RuleCatalog(BuiltInRules.all());
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Rule docs and engine-check docs together, sorted by id. */
    public List<RuleDoc> docs() {
        return Stream.of(rules.stream().map(Rule::doc), EngineChecks.all().stream(), ProofRuleDocs.all().stream()).flatMap(d -> d)
                .sorted(Comparator.comparing(RuleDoc::id)).toList();
    }

    public Optional<RuleDoc> doc(String id) {
        return docs().stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
