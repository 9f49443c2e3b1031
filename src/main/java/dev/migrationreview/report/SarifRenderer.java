package dev.migrationreview.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.config.ConfigError;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.RuleDocs;
import dev.migrationreview.rule.Severity;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 as GitHub code scanning ingests it: every rule with its documentation in
 * {@code tool.driver.rules}, one result per finding located by repository-relative URI and line
 * range, and a fingerprint that survives the finding moving to another line.
 */
public final class SarifRenderer implements Renderer {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT = "migrationReviewFinding/v1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RuleCatalog catalog;
    private final String toolVersion;

    public SarifRenderer(RuleCatalog catalog, String toolVersion) {
        this.catalog = catalog;
        this.toolVersion = toolVersion;
    }

    @Override
    public String render(ReviewReport report) {
        ObjectNode log = MAPPER.createObjectNode().put("$schema", SCHEMA).put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver")
                .put("name", "migration-review")
                .put("version", toolVersion)
                .put("semanticVersion", toolVersion);
        List<RuleDoc> docs = catalog.docs();
        var ruleIndex = new HashMap<String, Integer>();
        ArrayNode rules = driver.putArray("rules");
        for (RuleDoc doc : docs) {
            ruleIndex.put(doc.id(), rules.size());
            rules.add(rule(doc));
        }
        ObjectNode invocation = run.putArray("invocations").addObject().put("executionSuccessful", true);
        ArrayNode notifications = invocation.putArray("toolConfigurationNotifications");
        for (ConfigError problem : report.configProblems()) {
            ObjectNode notification = notifications.addObject().put("level", "warning");
            notification.putObject("message").put("text", problem.message());
            notification.putArray("locations").add(location(problem.file(), problem.line(), problem.line()));
        }
        ArrayNode executionNotes = invocation.putArray("toolExecutionNotifications");
        for (FileReview file : report.result().files()) {
            file.parsed().ifPresent(parsed -> parsed.notes().forEach(note -> {
                ObjectNode notification = executionNotes.addObject().put("level", "note");
                notification.putObject("message").put("text", note.message());
                notification.putArray("locations").add(location(file.file().path(), note.line(), note.line()));
            }));
        }
        ArrayNode results = run.putArray("results");
        var occurrences = new HashMap<String, Integer>();
        for (Finding finding : report.result().findings()) {
            results.add(result(finding, ruleIndex, occurrences));
        }
        try {
            return MAPPER.writeValueAsString(log) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode rule(RuleDoc doc) {
        ObjectNode rule = MAPPER.createObjectNode().put("id", doc.id()).put("name", pascalCase(doc.id()));
        rule.putObject("shortDescription").put("text", doc.summary());
        rule.putObject("fullDescription").put("text", doc.why());
        rule.putObject("help")
                .put("text", doc.why() + "\n\nLock: " + doc.lock() + "\n\nSafe alternative: " + doc.safeAlternative())
                .put("markdown", RuleDocs.render(doc));
        rule.putObject("defaultConfiguration").put("level", level(doc.defaultSeverity()));
        ArrayNode tags = rule.putObject("properties").putArray("tags").add("database-migration");
        doc.databases().stream().map(Wording::id).sorted().forEach(tags::add);
        return rule;
    }

    private static ObjectNode result(Finding finding, Map<String, Integer> ruleIndex, Map<String, Integer> occurrences) {
        ObjectNode result = MAPPER.createObjectNode().put("ruleId", finding.ruleId());
        Integer index = ruleIndex.get(finding.ruleId());
        if (index != null) {
            result.put("ruleIndex", index);
        }
        result.put("level", level(finding.severity()));
        result.putObject("message").put("text",
                finding.message() + finding.lock().map(lock -> " Lock: " + lock + ".").orElse(""));
        result.putArray("locations").add(location(finding.path(), finding.startLine(), finding.endLine()));
        String identity = finding.ruleId() + "\0" + finding.path() + "\0" + finding.message();
        int occurrence = occurrences.merge(identity, 1, Integer::sum);
        result.putObject("partialFingerprints").put(FINGERPRINT, sha256(identity) + ":" + occurrence);
        finding.fix().ifPresent(fix -> result.putObject("properties").put("safeAlternative", fix.code()));
        return result;
    }

    private static ObjectNode location(String path, int startLine, int endLine) {
        ObjectNode location = MAPPER.createObjectNode();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uriReference(path)).put("uriBaseId", "%SRCROOT%");
        int start = Math.max(1, startLine);
        physical.putObject("region").put("startLine", start).put("endLine", Math.max(start, endLine));
        return location;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTICE -> "note";
            case OFF -> "none";
        };
    }

    /** A repository path as a relative URI reference: everything but unreserved characters and '/' percent-encoded. */
    static String uriReference(String path) {
        var out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    private static String pascalCase(String id) {
        var out = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
