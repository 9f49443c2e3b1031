package dev.migrationreview.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.FrameworkNames;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped example, JSON Schema and documentation agree with the loader and with each other. */
class ConfigDocsTest {

    private static final Path EXAMPLE = Path.of("docs/migration-review.example.yml");
    private static final Path SCHEMA = Path.of("docs/migration-review.schema.json");
    private static final Path GUIDE = Path.of("docs/config.md");

    private static JsonNode schema() throws IOException {
        return new ObjectMapper().readTree(SCHEMA.toFile());
    }

    private static JsonNode example() throws IOException {
        return new YAMLMapper().readTree(EXAMPLE.toFile());
    }

    @Test
    void theLoaderAcceptsTheExample() throws IOException {
        var loader = ConfigLoader.checkingRuleIds(RuleCatalog.builtIn().docs().stream().map(RuleDoc::id).collect(Collectors.toSet()));
        ConfigSource organisation = (repository, path) -> repository.equals("acme/.github")
                ? Optional.of(SourceFile.of(path, "database: mysql\nsenior_reviewers: [someone]\n")) : Optional.empty();
        ConfigResult result = loader.resolve("acme/shop", Optional.of(new SourceFile(ReviewConfig.DEFAULT_PATH,
                Files.readAllBytes(EXAMPLE))), organisation);
        assertThat(result.errors()).isEmpty();
        assertThat(result.policy().areas()).hasSize(2);
        assertThat(result.policy().seniorReviewers()).as("the example's own list wins").containsExactly("@acme/dba", "carol");
        assertThat(result.effective().database()).contains(DatabaseKind.POSTGRESQL);
    }

    @Test
    void theExampleValidatesAgainstTheSchema() throws IOException {
        assertThat(new JsonSchemaSubset(schema()).validate(example())).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheLoaderRejects() throws IOException {
        var validator = new JsonSchemaSubset(schema());
        var mapper = new YAMLMapper();
        assertThat(validator.validate(mapper.readTree("rulez: {}\n"))).containsExactly("$.rulez: not allowed here");
        assertThat(validator.validate(mapper.readTree("areas: [{name: a, owners: [x], profile: scorching}]\n")))
                .anyMatch(e -> e.startsWith("$.areas[0].profile"));
        assertThat(validator.validate(mapper.readTree("areas: [{name: a, owners: [x]}]\n")))
                .containsExactly("$.areas[0]: matches none of the anyOf alternatives");
        assertThat(validator.validate(mapper.readTree("senior_reviewers: ['bad login!']\n"))).isNotEmpty();
        assertThat(validator.validate(mapper.readTree("checklist: {stages: loud}\n"))).isNotEmpty();
        assertThat(validator.validate(mapper.readTree("database: {version: 15}\n"))).isNotEmpty();
    }

    @Test
    void theSchemaNamesExactlyTheKeysTheLoaderKnows() throws IOException {
        JsonNode schema = schema();
        JsonNode top = schema.get("properties");
        assertThat(names(top)).isEqualTo(ConfigLoader.TOP_LEVEL_KEYS);
        assertThat(names(top.at("/database/oneOf/1/properties"))).isEqualTo(ConfigLoader.DATABASE_KEYS);
        assertThat(names(top.at("/migrations/items/oneOf/1/properties"))).isEqualTo(ConfigLoader.MIGRATION_KEYS);
        assertThat(names(top.at("/areas/items/properties"))).isEqualTo(PolicySections.AREA_KEYS);
        assertThat(names(top.at("/table_sizes/properties"))).isEqualTo(PolicySections.TABLE_SIZE_KEYS);
        assertThat(names(top.at("/checklist/properties"))).isEqualTo(PolicySections.CHECKLIST_KEYS);
        assertThat(names(top.at("/checklist/properties/stages/oneOf/2/properties"))).isEqualTo(PolicySections.STAGES_KEYS);
        assertThat(names(top.at("/conventions/properties"))).isEqualTo(PolicySections.CONVENTION_KEYS);
        assertThat(names(top.at("/ai/properties"))).isEqualTo(PolicySections.AI_KEYS);
        assertThat(names(top.at("/approvals/properties"))).isEqualTo(PolicySections.APPROVAL_KEYS);
        assertThat(names(top.at("/commands/properties"))).isEqualTo(ConfigLoader.COMMAND_KEYS);
        assertThat(names(top.at("/proof/properties"))).isEqualTo(ProofSections.PROOF_KEYS);
        assertThat(names(top.at("/proof/properties/critical_queries/items/properties"))).isEqualTo(ProofSections.QUERY_KEYS);
        assertThat(texts(schema.at("/$defs/databaseKind/enum"))).isEqualTo(Arrays.stream(DatabaseKind.values())
                .filter(k -> k != DatabaseKind.UNKNOWN).map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
        assertThat(texts(schema.at("/$defs/framework/enum"))).containsExactlyInAnyOrderElementsOf(FrameworkNames.names());
    }

    @Test
    void theGuideDocumentsEveryKey() throws IOException {
        String guide = Files.readString(GUIDE);
        var keys = new ArrayList<String>(ConfigLoader.TOP_LEVEL_KEYS);
        keys.addAll(PolicySections.AREA_KEYS);
        keys.addAll(PolicySections.TABLE_SIZE_KEYS);
        keys.addAll(PolicySections.CHECKLIST_KEYS);
        keys.addAll(PolicySections.STAGES_KEYS);
        keys.addAll(PolicySections.CONVENTION_KEYS);
        keys.addAll(PolicySections.AI_KEYS);
        PolicySections.APPROVAL_KEYS.forEach(k -> keys.add("approvals." + k));
        ConfigLoader.COMMAND_KEYS.forEach(k -> keys.add("commands." + k));
        keys.addAll(ProofSections.PROOF_KEYS);
        assertThat(keys).allSatisfy(key -> assertThat(guide).as(key).contains("`" + key + "`"));
    }

    private static List<String> names(JsonNode properties) {
        var names = new ArrayList<String>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
