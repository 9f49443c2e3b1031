package dev.migrationreview.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import java.io.UncheckedIOException;

/**
 * One JSON object for scripts: {@code files} (what each migration was read as), {@code findings},
 * {@code configProblems} and a {@code summary} with the verdict.
 */
public final class JsonRenderer implements Renderer {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(ReviewReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        var files = root.putArray("files");
        report.result().files().forEach(file -> files.add(file(file)));
        var findings = root.putArray("findings");
        report.result().findings().forEach(finding -> findings.add(finding(finding)));
        var problems = root.putArray("configProblems");
        report.configProblems().forEach(problem -> problems.addObject()
                .put("file", problem.file()).put("line", problem.line()).put("column", problem.column())
                .put("message", problem.message()));
        root.set("summary", summary(report));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode file(FileReview review) {
        var file = review.file();
        ObjectNode node = MAPPER.createObjectNode()
                .put("path", file.path())
                .put("framework", Wording.id(file.framework()));
        node.set("dialect", dialect(file.dialect()));
        node.put("direction", Wording.id(file.direction()))
                .put("transactional", review.parsed().map(p -> p.transactional()).orElse(file.transactional()))
                .put("statements", review.statementCount())
                .put("unparsed", review.unparsedCount());
        file.version().ifPresent(version -> node.put("version", version));
        review.note().ifPresent(note -> node.put("notAnalysed", note));
        var notes = node.putArray("notes");
        review.parsed().ifPresent(parsed -> parsed.notes().forEach(note ->
                notes.addObject().put("line", note.line()).put("message", note.message())));
        return node;
    }

    private static ObjectNode dialect(Dialect dialect) {
        return MAPPER.createObjectNode()
                .put("database", Wording.id(dialect.kind()))
                .put("version", dialect.majorVersion())
                .put("label", dialect.label())
                .put("source", dialect.source());
    }

    private static ObjectNode finding(Finding finding) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("rule", finding.ruleId())
                .put("severity", finding.severity().label())
                .put("file", finding.path())
                .put("line", finding.startLine())
                .put("endLine", finding.endLine())
                .put("message", finding.message());
        finding.lock().ifPresent(lock -> node.put("lock", lock));
        finding.fix().ifPresent(fix -> node.putObject("fix")
                .put("code", fix.code())
                .put("replacesStatement", fix.replacesStatement()));
        return node;
    }

    private static ObjectNode summary(ReviewReport report) {
        ReviewResult result = report.result();
        return MAPPER.createObjectNode()
                .put("subject", report.subject())
                .put("files", result.files().size())
                .put("findings", result.findings().size())
                .put("errors", result.count(Severity.ERROR))
                .put("warnings", result.count(Severity.WARNING))
                .put("notices", result.count(Severity.NOTICE))
                .put("verdict", Wording.id(report.verdict().outcome()))
                .put("reason", report.verdict().reason());
    }
}
