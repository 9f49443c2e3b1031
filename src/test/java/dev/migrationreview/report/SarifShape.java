package dev.migrationreview.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a SARIF log against the parts of the SARIF 2.1.0 schema (and GitHub code scanning's
 * upload rules) that this tool's output touches: required properties, value sets and cross-references.
 */
public final class SarifShape {

    private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

    private final List<String> violations = new ArrayList<>();

    private SarifShape() {}

    /** Every rule the log breaks, as "json.path: what is wrong"; empty when it is valid. */
    public static List<String> violations(JsonNode log) {
        var shape = new SarifShape();
        shape.checkLog(log);
        return shape.violations;
    }

    private void checkLog(JsonNode log) {
        if (!"2.1.0".equals(log.path("version").asText())) {
            violations.add("$.version: must be \"2.1.0\"");
        }
        if (log.has("$schema") && !log.get("$schema").asText().contains("sarif")) {
            violations.add("$.$schema: not a SARIF schema URI");
        }
        JsonNode runs = log.path("runs");
        if (!runs.isArray()) {
            violations.add("$.runs: required array");
            return;
        }
        for (int i = 0; i < runs.size(); i++) {
            checkRun(runs.get(i), "$.runs[" + i + "]");
        }
    }

    private void checkRun(JsonNode run, String at) {
        JsonNode driver = run.path("tool").path("driver");
        if (!driver.isObject()) {
            violations.add(at + ".tool.driver: required object");
            return;
        }
        requireText(driver, "name", at + ".tool.driver");
        var ruleIds = new ArrayList<String>();
        JsonNode rules = driver.path("rules");
        var seen = new HashSet<String>();
        for (int i = 0; i < rules.size(); i++) {
            String ruleAt = at + ".tool.driver.rules[" + i + "]";
            JsonNode rule = rules.get(i);
            requireText(rule, "id", ruleAt);
            if (!seen.add(rule.path("id").asText())) {
                violations.add(ruleAt + ".id: duplicate rule id " + rule.path("id").asText());
            }
            ruleIds.add(rule.path("id").asText());
            for (String message : List.of("shortDescription", "fullDescription", "help")) {
                if (rule.has(message)) {
                    requireText(rule.get(message), "text", ruleAt + "." + message);
                }
            }
            if (rule.has("defaultConfiguration")) {
                checkLevel(rule.get("defaultConfiguration").path("level"), ruleAt + ".defaultConfiguration.level");
            }
        }
        for (JsonNode invocation : run.path("invocations")) {
            if (!invocation.path("executionSuccessful").isBoolean()) {
                violations.add(at + ".invocations[]: executionSuccessful is required and boolean");
            }
            for (String kind : List.of("toolConfigurationNotifications", "toolExecutionNotifications")) {
                for (JsonNode notification : invocation.path(kind)) {
                    requireText(notification.path("message"), "text", at + ".invocations[]." + kind + "[].message");
                    if (notification.has("level")) {
                        checkLevel(notification.get("level"), at + ".invocations[]." + kind + "[].level");
                    }
                    notification.path("locations").forEach(l -> checkLocation(l, at + ".invocations[]." + kind + "[].locations[]"));
                }
            }
        }
        JsonNode results = run.path("results");
        if (run.has("results") && !results.isArray()) {
            violations.add(at + ".results: must be an array");
        }
        for (int i = 0; i < results.size(); i++) {
            checkResult(results.get(i), at + ".results[" + i + "]", ruleIds);
        }
    }

    private void checkResult(JsonNode result, String at, List<String> ruleIds) {
        JsonNode message = result.path("message");
        if (!message.path("text").isTextual() && !message.path("id").isTextual()) {
            violations.add(at + ".message: needs text or id");
        }
        if (!result.path("ruleId").isTextual()) {
            violations.add(at + ".ruleId: GitHub code scanning needs a rule id on every result");
        }
        if (result.has("ruleIndex")) {
            int index = result.get("ruleIndex").asInt(-1);
            if (index < 0 || index >= ruleIds.size() || !ruleIds.get(index).equals(result.path("ruleId").asText())) {
                violations.add(at + ".ruleIndex: does not point at rule " + result.path("ruleId").asText());
            }
        }
        if (result.has("level")) {
            checkLevel(result.get("level"), at + ".level");
        }
        JsonNode locations = result.path("locations");
        if (!locations.isArray() || locations.isEmpty()) {
            violations.add(at + ".locations: GitHub code scanning needs at least one location");
        }
        locations.forEach(l -> checkLocation(l, at + ".locations[]"));
        JsonNode fingerprints = result.path("partialFingerprints");
        fingerprints.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                violations.add(at + ".partialFingerprints." + e.getKey() + ": must be a string");
            }
        });
    }

    private void checkLocation(JsonNode location, String at) {
        JsonNode physical = location.path("physicalLocation");
        if (!physical.isObject()) {
            violations.add(at + ".physicalLocation: required for code scanning");
            return;
        }
        String uri = physical.path("artifactLocation").path("uri").asText(null);
        if (uri == null) {
            violations.add(at + ".physicalLocation.artifactLocation.uri: required");
        } else {
            try {
                URI parsed = new URI(uri);
                if (parsed.isAbsolute() || uri.startsWith("/")) {
                    violations.add(at + ".physicalLocation.artifactLocation.uri: must be relative to the repository: " + uri);
                }
            } catch (URISyntaxException e) {
                violations.add(at + ".physicalLocation.artifactLocation.uri: not a URI reference: " + uri);
            }
        }
        JsonNode region = physical.path("region");
        if (region.isObject()) {
            int start = region.path("startLine").asInt(0);
            if (start < 1) {
                violations.add(at + ".region.startLine: must be >= 1");
            }
            if (region.has("endLine") && region.get("endLine").asInt(0) < start) {
                violations.add(at + ".region.endLine: must be >= startLine");
            }
        }
    }

    private void checkLevel(JsonNode level, String at) {
        if (!LEVELS.contains(level.asText())) {
            violations.add(at + ": '" + level.asText() + "' is not one of " + LEVELS);
        }
    }

    private void requireText(JsonNode node, String field, String at) {
        if (!node.path(field).isTextual() || node.path(field).asText().isEmpty()) {
            violations.add(at + "." + field + ": required non-empty string");
        }
    }
}
