package dev.migrationreview.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.sql.SqlFrontend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds every built-in rule (whoever wrote it) to its documentation: complete docs, unique
 * kebab-case ids, and examples that do what they say: the bad example is flagged by its rule
 * and, wherever it is, the good example is not.
 */
class BuiltInRuleDocsTest {

    private static final Pattern NEXT_MIGRATION = Pattern.compile("(?im)^(?=--\\s*(next|separate|in a separate) migration)");
    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    static Stream<Named<Rule>> rules() {
        return RuleCatalog.builtIn().rules().stream().map(rule -> Named.of(rule.id(), rule));
    }

    @Test
    void idsAreKebabCaseAndUnique() {
        var seen = new HashSet<String>();
        for (RuleDoc doc : RuleCatalog.builtIn().docs()) {
            assertThat(doc.id()).as("rule id").matches(KEBAB_CASE);
            assertThat(seen.add(doc.id())).as("%s is used by two rules", doc.id()).isTrue();
        }
        assertThat(RuleCatalog.builtIn().rules()).isNotEmpty();
    }

    @Test
    void everyFieldIsFilledIn() {
        for (RuleDoc doc : RuleCatalog.builtIn().docs()) {
            var fields = List.of(doc.id(), doc.summary(), doc.appliesTo(), doc.lock(), doc.why(), doc.safeAlternative(),
                    doc.bad(), doc.good());
            assertThat(fields).as("fields of %s", doc.id()).allSatisfy(field -> assertThat(field).isNotBlank());
            assertThat(doc.defaultSeverity()).as("default severity of %s", doc.id()).isNotEqualTo(Severity.OFF);
        }
        for (Rule rule : RuleCatalog.builtIn().rules()) {
            assertThat(rule.doc().bad()).as("bad and good examples of %s", rule.id()).isNotEqualTo(rule.doc().good());
        }
    }

    /**
     * The examples are shown for the first setting (database, version, transaction mode) in which
     * the bad one is flagged, trying the database's default version first: there the good one must
     * pass. (A safe alternative may need a newer version than the default's oldest peers.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void badExampleIsFlaggedAndGoodExampleIsNot(Rule rule) {
        RuleDoc doc = rule.doc();
        Optional<Setting> flagging = settings(doc).filter(s -> !findingsOf(rule, doc.bad(), s).isEmpty()).findFirst();

        assertThat(flagging).as("a setting (database, version, transaction) in which %s flags its bad example:%n%s",
                doc.id(), doc.bad()).isPresent();
        assertThat(findingsOf(rule, doc.good(), flagging.get()))
                .as("%s on its good example with %s:%n%s", doc.id(), flagging.get(), doc.good()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void goodExampleIsSqlTheParserReads(Rule rule) {
        RuleDoc doc = rule.doc();
        Dialect dialect = settings(doc).findFirst().orElseThrow().dialect();
        var statements = new SqlFrontend().parseSql(doc.good(), dialect, 1, Statement.Section.UP);
        assertThat(statements).as("statements of the good example of %s", doc.id())
                .noneMatch(Statement::isUnparsed);
    }

    /** A database, version and transaction mode to run an example in. */
    record Setting(Dialect dialect, boolean transactional) {
        @Override
        public String toString() {
            return dialect.label() + (transactional ? ", in a transaction" : ", outside a transaction");
        }
    }

    /**
     * Every database the rule names (PostgreSQL and MySQL for rules of every database): its default
     * version first, then every other version it may mean from the newest down, each in and outside
     * a transaction.
     */
    private static Stream<Setting> settings(RuleDoc doc) {
        Set<DatabaseKind> kinds = doc.databases().isEmpty() ? Set.of(DatabaseKind.POSTGRESQL, DatabaseKind.MYSQL) : doc.databases();
        var dialects = new ArrayList<Dialect>();
        for (DatabaseKind kind : kinds.stream().sorted().toList()) {
            Dialect byDefault = Dialect.of(kind, "docs");
            List<Integer> versions = switch (kind) {
                case POSTGRESQL -> IntStream.rangeClosed(9, 18).boxed().toList();
                case MYSQL -> List.of(5, 8, 9);
                case MARIADB -> List.of(10, 11);
                default -> List.of();
            };
            dialects.add(byDefault);
            versions.stream().filter(v -> v != byDefault.majorVersion()).sorted(Comparator.reverseOrder())
                    .forEach(v -> dialects.add(new Dialect(kind, v, "docs")));
        }
        return dialects.stream().flatMap(d -> Stream.of(new Setting(d, true), new Setting(d, false)));
    }

    /**
     * Findings of the rule over an example; an example spanning migrations separates them with a
     * comment line starting {@code -- next migration}, {@code -- separate migration} or {@code -- in a
     * separate migration}, each part then reviewed as its own file, in order.
     */
    private static List<Finding> findingsOf(Rule rule, String sql, Setting setting) {
        String[] migrations = NEXT_MIGRATION.split(sql);
        return RuleTestSupport.findings(List.of(rule), setting.dialect(), setting.transactional(), ReviewConfig.defaults(),
                        migrations)
                .stream().filter(f -> f.ruleId().equals(rule.id())).toList();
    }
}
