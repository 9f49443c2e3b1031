package dev.migrationreview.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.PolicyConfig.AiAuthors;
import dev.migrationreview.config.PolicyConfig.AiProfile;
import dev.migrationreview.config.PolicyConfig.Approvals;
import dev.migrationreview.config.PolicyConfig.Area;
import dev.migrationreview.config.PolicyConfig.Changes;
import dev.migrationreview.config.PolicyConfig.Checklist;
import dev.migrationreview.config.PolicyConfig.Conventions;
import dev.migrationreview.config.PolicyConfig.OwnerApproval;
import dev.migrationreview.config.PolicyConfig.Profile;
import dev.migrationreview.config.PolicyConfig.TableSizes;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyConfigLoaderTest {

    private static final String FILE = ReviewConfig.DEFAULT_PATH;
    private final ConfigLoader loader = ConfigLoader.acceptingAnyRuleId();

    @Test
    void readsEveryPolicySetting() {
        ConfigResult result = loader.load(FILE, """
                database: postgresql
                areas:
                  - name: billing
                    tables: ["billing.*", "invoice_*"]
                    paths: ["services/billing/db/**"]
                    owners: ["@acme/billing", "@mia"]
                    service: billing-api
                    profile: hot
                    changes: additive-only
                  - name: catalogue
                    tables: products
                    owners: ola
                senior_reviewers: ["@acme/dba", carol]
                config_owners: ["@acme/platform"]
                unowned_tables: error
                codeowners_fallback: false
                table_sizes:
                  stats_file: db/stats/pg_stat_user_tables.csv
                  rows:
                    billing.invoices: 120_000_000
                    products: 4500
                workflows: ["user onboarding", "billing events"]
                checklist:
                  workflow: true
                  rollback: true
                  query-plan: true
                  release-id: false
                  stages:
                    severity: error
                    application_code: ["app/**", "lib/**"]
                conventions:
                  tables: "[a-z][a-z0-9_]*"
                  columns: "[a-z][a-z0-9_]*"
                  indexes: "(ix|ux)_[a-z0-9_]+"
                  constraints: "(pk|fk|ck|uq)_[a-z0-9_]+"
                  foreign_keys_indexed: true
                  max_index_columns: 3
                  severity: error
                ai:
                  builtin_detection: false
                  logins: ["our-agent[bot]"]
                  labels: [robot]
                  co_authors: ["agent@example.com"]
                  warnings_fail: false
                  all_checklist_items: true
                  owner_approval_for_additive: false
                approvals:
                  owners: always
                  author_may_approve: true
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result.policy()).isEqualTo(new PolicyConfig(
                List.of(new Area("billing", List.of("billing.*", "invoice_*"), List.of("services/billing/db/**"),
                                List.of("@acme/billing", "mia"), Optional.of("billing-api"), Profile.HOT, Changes.ADDITIVE_ONLY),
                        new Area("catalogue", List.of("products"), List.of(), List.of("ola"), Optional.empty(), Profile.WARM,
                                Changes.ANY)),
                List.of("@acme/dba", "carol"),
                List.of("@acme/platform"),
                Severity.ERROR,
                false,
                new TableSizes(Optional.of("db/stats/pg_stat_user_tables.csv"),
                        Map.of("billing.invoices", 120_000_000L, "products", 4500L)),
                List.of("user onboarding", "billing events"),
                new Checklist(true, true, true, false, Severity.ERROR, List.of("app/**", "lib/**")),
                new Conventions(Optional.of("[a-z][a-z0-9_]*"), Optional.of("[a-z][a-z0-9_]*"), Optional.of("(ix|ux)_[a-z0-9_]+"),
                        Optional.of("(pk|fk|ck|uq)_[a-z0-9_]+"), true, Optional.of(3), Severity.ERROR),
                new AiAuthors(false, List.of("our-agent[bot]"), List.of("robot"), List.of("agent@example.com"),
                        new AiProfile(false, true, false)),
                new Approvals(OwnerApproval.ALWAYS, true)));
    }

    @Test
    void aFileWithoutPolicySectionsHasTheDefaultPolicy() {
        ConfigResult result = loader.load(FILE, "database: postgresql\n");
        assertThat(result.policy()).isEqualTo(PolicyConfig.defaults());
        assertThat(result.policy().ai().profile()).isEqualTo(AiProfile.STRICT);
        assertThat(result.policy().checklist()).isEqualTo(Checklist.NONE);
    }

    @Test
    void stagesMayBeAFlagOrASeverity() {
        assertThat(loader.load(FILE, "checklist: {stages: true}\n").policy().checklist().stages()).isEqualTo(Severity.WARNING);
        assertThat(loader.load(FILE, "checklist: {stages: false}\n").policy().checklist().stages()).isEqualTo(Severity.OFF);
        assertThat(loader.load(FILE, "checklist: {stages: notice}\n").policy().checklist().stages()).isEqualTo(Severity.NOTICE);
        assertThat(loader.load(FILE, "checklist: {stages: {application_code: 'src/**'}}\n").policy().checklist())
                .satisfies(c -> {
                    assertThat(c.stages()).isEqualTo(Severity.WARNING);
                    assertThat(c.applicationCode()).containsExactly("src/**");
                });
        assertThat(loader.load(FILE, "checklist: {stages: loud}\n").errors()).extracting(ConfigError::message)
                .containsExactly("'checklist.stages' must be true or false, found 'loud'");
    }

    @Test
    void everyPolicyMistakeIsReportedAtItsLine() {
        ConfigResult result = loader.load(FILE, """
                areas:
                  - name: billing
                    tables: ["billing.{a,b"]
                    owners: ["@acme/", "bad login!"]
                    profile: scorching
                    changes: additive
                  - name: billing
                    owners: [ola]
                  - tables: [x]
                  - just-a-name
                unowned_tables: maybe
                table_sizes:
                  rows: {invoices: lots, users: -3}
                checklist:
                  workflow: yes please
                  query_plan: true
                conventions:
                  tables: "[a-z"
                  max_index_columns: 0
                ai: [copilot]
                approvals:
                  owners: sometimes
                """);

        assertThat(result).isInstanceOf(ConfigResult.Invalid.class);
        assertThat(result.policy()).isEqualTo(PolicyConfig.defaults());
        assertThat(result.errors()).extracting(ConfigError::render).containsExactly(
                FILE + ":3:14: 'areas[billing].tables': glob 'billing.{a,b' '{' is never closed (character 9)",
                FILE + ":4:14: 'areas[billing].owners': '@acme/' is neither a GitHub login (alice) nor a team (@org/team)",
                FILE + ":4:24: 'areas[billing].owners': 'bad login!' is neither a GitHub login (alice) nor a team (@org/team)",
                FILE + ":5:14: 'areas[billing].profile': 'scorching' is not one of hot, warm, cold",
                FILE + ":6:14: 'areas[billing].changes': 'additive' is not one of any, additive-only (did you mean 'additive-only'?)",
                FILE + ":7:5: area 'billing' claims nothing: give it 'tables' (globs over table names) or 'paths' (globs over files)",
                FILE + ":7:11: area 'billing' is defined twice (first on line 2)",
                FILE + ":9:5: an area needs a 'name'",
                FILE + ":9:5: an area needs 'owners' (logins or @org/team), who approve its changes",
                FILE + ":10:5: an 'areas' entry must be a mapping with name, tables, paths, owners, service, profile, changes; "
                        + "found 'just-a-name'",
                FILE + ":11:17: 'unowned_tables': 'maybe' is not one of fine, notice, warning, error",
                FILE + ":13:20: 'table_sizes.rows.invoices' must be a whole number of at least 0, found 'lots'",
                FILE + ":13:33: 'table_sizes.rows.users' must be a whole number of at least 0, found '-3'",
                FILE + ":15:13: 'checklist.workflow' must be true or false, found 'yes please'",
                FILE + ":16:3: unknown key 'checklist.query_plan' (did you mean 'checklist.query-plan'?)",
                FILE + ":18:11: 'conventions.tables': '[a-z' is not a regular expression: Unclosed character class (character 4)",
                FILE + ":19:22: 'conventions.max_index_columns' must be a whole number of at least 1, found '0'",
                FILE + ":20:5: 'ai' must be a mapping of builtin_detection, logins, labels, co_authors, warnings_fail, "
                        + "all_checklist_items, owner_approval_for_additive; found a list",
                FILE + ":22:11: 'approvals.owners': 'sometimes' is not one of non-additive, always");
    }

    @Test
    void ownersAreLoginsOrTeams() {
        ConfigResult result = loader.load(FILE, "senior_reviewers: ['@Acme/DB-Admins', 'dependabot[bot]', '@x', a-b]\n");
        assertThat(result.errors()).isEmpty();
        assertThat(result.policy().seniorReviewers()).containsExactly("@Acme/DB-Admins", "dependabot[bot]", "x", "a-b");
        assertThat(loader.load(FILE, "senior_reviewers: ['-a', 'a--b', 'x@example.com']\n").errors()).hasSize(3);
    }
}
