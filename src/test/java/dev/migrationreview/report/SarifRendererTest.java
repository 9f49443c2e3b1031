package dev.migrationreview.report;

import static dev.migrationreview.report.ReportFixtures.finding;
import static dev.migrationreview.report.ReportFixtures.indexFinding;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SarifRenderer renderer = new SarifRenderer(RuleCatalog.builtIn(), "0.1.0");

    private JsonNode render(ReviewReport report) throws Exception {
        return JSON.readTree(renderer.render(report));
    }

    @Test
    void aTypicalReviewIsValidSarifForCodeScanning() throws Exception {
        JsonNode log = render(ReportFixtures.typical());

        assertThat(SarifShape.violations(log)).isEmpty();
        JsonNode run = log.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("migration-review");
        assertThat(run.get("results")).hasSize(2);
        JsonNode first = run.get("results").get(0);
        assertThat(first.get("ruleId").asText()).isEqualTo("adding-field-with-default");
        assertThat(first.get("level").asText()).isEqualTo("warning");
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("db/migration/V3__email.sql");
        JsonNode second = run.get("results").get(1);
        assertThat(second.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
        assertThat(second.at("/locations/0/physicalLocation/region/endLine").asInt()).isEqualTo(4);
        assertThat(second.at("/message/text").asText()).contains("CREATE INDEX blocks writes").contains("Lock: SHARE on users");
        assertThat(second.at("/properties/safeAlternative").asText()).startsWith("CREATE INDEX CONCURRENTLY");
        assertThat(run.at("/invocations/0/toolConfigurationNotifications/0/message/text").asText())
                .isEqualTo("unknown rule 'no-such-rule'");
        assertThat(run.at("/invocations/0/toolExecutionNotifications/0/message/text").asText()).contains("only on MySQL");
        assertThat(run.at("/invocations/0/toolExecutionNotifications/0/locations/0/physicalLocation/region/startLine").asInt())
                .isEqualTo(2);
    }

    @Test
    void everyRuleOfTheCatalogIsDescribedWithItsDocumentation() throws Exception {
        JsonNode rules = render(ReportFixtures.typical()).at("/runs/0/tool/driver/rules");

        assertThat(rules).hasSize(RuleCatalog.builtIn().docs().size());
        for (JsonNode rule : rules) {
            var doc = RuleCatalog.builtIn().doc(rule.get("id").asText()).orElseThrow();
            assertThat(rule.at("/shortDescription/text").asText()).isEqualTo(doc.summary());
            assertThat(rule.at("/fullDescription/text").asText()).isEqualTo(doc.why());
            assertThat(rule.at("/help/markdown").asText()).contains(doc.safeAlternative()).contains("```sql");
            assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo(SarifRenderer.level(doc.defaultSeverity()));
        }
    }

    @Test
    void fingerprintsIgnoreLineMovesButSeparateRepeatedFindings() throws Exception {
        var before = report(indexFinding("db/V1.sql", 3), indexFinding("db/V1.sql", 9));
        var after = report(indexFinding("db/V1.sql", 5), indexFinding("db/V1.sql", 11));

        List<String> fingerprintsBefore = fingerprints(render(before));
        List<String> fingerprintsAfter = fingerprints(render(after));

        assertThat(fingerprintsBefore).doesNotHaveDuplicates().isEqualTo(fingerprintsAfter);
    }

    @Test
    void pathsBecomeRelativeUriReferences() throws Exception {
        JsonNode log = render(report(finding("rule-error", Severity.NOTICE, "db/my migrations/V1:ü#.sql", 0, "x")));

        assertThat(SarifShape.violations(log)).isEmpty();
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("db/my%20migrations/V1%3A%C3%BC%23.sql");
        assertThat(log.at("/runs/0/results/0/level").asText()).isEqualTo("note");
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    }

    @Test
    void aCleanReviewHasAnEmptyResultList() throws Exception {
        JsonNode log = render(ReportFixtures.report(new ReviewResult(List.of(), List.of()), ReportFixtures.passing()));

        assertThat(SarifShape.violations(log)).isEmpty();
        assertThat(log.at("/runs/0/results").isArray()).isTrue();
        assertThat(log.at("/runs/0/results")).isEmpty();
    }

    @Test
    void theShapeCheckCatchesWhatCodeScanningRejects() throws Exception {
        var log = (ObjectNode) render(ReportFixtures.typical());
        var result = (ObjectNode) log.at("/runs/0/results/0");
        result.put("level", "fatal");
        result.put("ruleIndex", 999);
        ((ObjectNode) result.at("/locations/0/physicalLocation/region")).put("startLine", 0);
        ((ObjectNode) result.at("/locations/0/physicalLocation/artifactLocation")).put("uri", "/abs/path.sql");
        ((ObjectNode) log.at("/runs/0/tool/driver")).remove("name");
        log.put("version", "2.0.0");

        assertThat(SarifShape.violations(log)).hasSize(6);
    }

    private static ReviewReport report(dev.migrationreview.rule.Finding... findings) {
        return ReportFixtures.report(new ReviewResult(List.of(), List.of(findings)), ReportFixtures.failing());
    }

    private static List<String> fingerprints(JsonNode log) {
        return log.at("/runs/0/results").findValues(SarifRenderer.FINGERPRINT).stream().map(JsonNode::asText).toList();
    }
}
