package dev.migrationreview.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonRendererTest {

    @Test
    void printsOneObjectWithFilesFindingsProblemsAndSummary() throws Exception {
        String output = new JsonRenderer().render(ReportFixtures.typical());

        var parser = new ObjectMapper().getFactory().createParser(output);
        JsonNode root = new ObjectMapper().readTree(parser);
        assertThat(parser.nextToken()).as("nothing after the object").isNull();

        JsonNode file = root.get("files").get(0);
        assertThat(file.get("path").asText()).isEqualTo("db/migration/V3__email.sql");
        assertThat(file.get("framework").asText()).isEqualTo("flyway");
        assertThat(file.at("/dialect/database").asText()).isEqualTo("postgresql");
        assertThat(file.at("/dialect/version").asInt()).isEqualTo(16);
        assertThat(file.get("statements").asInt()).isEqualTo(4);
        assertThat(file.get("unparsed").asInt()).isEqualTo(1);
        assertThat(file.has("notAnalysed")).isFalse();
        assertThat(file.at("/notes/0/line").asInt()).isEqualTo(2);
        assertThat(file.at("/notes/0/message").asText()).contains("only on MySQL");
        assertThat(root.get("files").get(1).get("notAnalysed").asText()).contains("not analysed yet");
        assertThat(root.get("files").get(1).get("framework").asText()).isEqualTo("liquibase-xml");

        JsonNode finding = root.get("findings").get(1);
        assertThat(finding.get("rule").asText()).isEqualTo("require-concurrent-index-creation");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("file").asText()).isEqualTo("db/migration/V3__email.sql");
        assertThat(finding.get("line").asInt()).isEqualTo(3);
        assertThat(finding.get("endLine").asInt()).isEqualTo(4);
        assertThat(finding.get("lock").asText()).isEqualTo("SHARE on users");
        assertThat(finding.at("/fix/code").asText()).startsWith("CREATE INDEX CONCURRENTLY");
        assertThat(finding.at("/fix/replacesStatement").asBoolean()).isTrue();
        assertThat(root.get("findings").get(0).has("lock")).isFalse();

        assertThat(root.at("/configProblems/0/line").asInt()).isEqualTo(4);
        assertThat(root.at("/summary/errors").asInt()).isEqualTo(1);
        assertThat(root.at("/summary/warnings").asInt()).isEqualTo(1);
        assertThat(root.at("/summary/files").asInt()).isEqualTo(2);
        assertThat(root.at("/summary/verdict").asText()).isEqualTo("fail");
    }
}
