package dev.migrationreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Block suppressions of every rule, as strong_migrations' safety_assured gives them. */
class BlockSuppressionTest {

    /** Flags every dropped column. */
    private static final Rule DROPS = new Rule() {
        public RuleDoc doc() {
            return new RuleDoc("drop-column", "drops", Severity.WARNING, Set.of(), "all", "none", "-", "-", "-", "-");
        }

        @Override
        public void check(OperationSite site, FindingSink out) {
            if (site.operation() instanceof Operation.DropColumn) {
                out.report(site.statement(), "dropped");
            }
        }
    };

    /** Three drops on lines 3, 4 and 8; the block covers lines 2 to 5. */
    private static List<Finding> walk(Suppression suppression) {
        var file = new MigrationFile(SourceFile.of("db/migrate/1_x.rb", ""), Framework.RAILS, Dialect.defaultPostgres(),
                Direction.UP, Optional.of("1"), MigrationOrder.ofVersion("1", "db/migrate/1_x.rb"), "x", true,
                Optional.empty());
        var statements = new ArrayList<Statement>();
        for (int line : List.of(3, 4, 8)) {
            statements.add(new Statement("remove_column", line, line,
                    List.of(new Operation.DropColumn(TableRef.of("users"), "c" + line, false, false)),
                    Statement.ParsedBy.FRAMEWORK, Statement.Section.UP));
        }
        var migration = new ParsedMigration(file, statements, List.of(suppression), true, List.of());
        return new ChangeWalker(List.of(DROPS), ReviewConfig.defaults()).walk(List.of(migration));
    }

    @Test
    void aReasonedBlockSilencesEveryRuleOnItsLines() {
        var findings = walk(Suppression.block(Suppression.ALL_RULES, Optional.of("columns are ignored"), 2, 5));
        assertThat(findings).extracting(Finding::ruleId, Finding::startLine).containsExactly(
                org.assertj.core.groups.Tuple.tuple("drop-column", 8));
    }

    @Test
    void aBlockWithoutAReasonSilencesNothingAndSaysSo() {
        var findings = walk(Suppression.block(Suppression.ALL_RULES, Optional.empty(), 2, 5));
        assertThat(findings).filteredOn(f -> f.ruleId().equals("drop-column")).hasSize(3);
        assertThat(findings).filteredOn(f -> f.ruleId().equals("suppression-without-reason")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("every rule"));
        assertThat(findings).noneMatch(f -> f.ruleId().equals("unused-suppression"));
    }

    @Test
    void aBlockOverNothingFlaggedIsUnused() {
        var findings = walk(Suppression.block(Suppression.ALL_RULES, Optional.of("safe"), 5, 7));
        assertThat(findings).filteredOn(f -> f.ruleId().equals("drop-column")).hasSize(3);
        assertThat(findings).filteredOn(f -> f.ruleId().equals("unused-suppression")).hasSize(1);
    }

    @Test
    void aLineSuppressionOfOneRuleStillCoversTheNextStatementOnly() {
        var findings = walk(new Suppression("drop-column", Optional.of("empty table"), 3, false));
        assertThat(findings).extracting(Finding::startLine).containsExactly(3, 8);
    }
}
