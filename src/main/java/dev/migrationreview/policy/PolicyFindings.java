package dev.migrationreview.policy;

import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.Severity;
import java.util.Optional;

/** The ids of the policy's own findings, and how they are made. */
final class PolicyFindings {

    static final String UNOWNED_TABLE = "unowned-table";
    static final String NAMING_CONVENTION = "naming-convention";
    static final String FOREIGN_KEY_NOT_INDEXED = "foreign-key-not-indexed";
    static final String INDEX_TOO_WIDE = "index-too-wide";
    static final String MIXED_STAGES = "mixed-stages";
    static final String MIGRATIONS_WITH_APPLICATION_CODE = "migrations-with-application-code";
    /** The engine's rule for the same mix on PostgreSQL; the stages item raises it instead of repeating it. */
    static final String DDL_AND_BACKFILL_RULE = "ddl-and-backfill-together";

    private PolicyFindings() {}

    static Finding at(String ruleId, Severity severity, SchemaChange.Step step, String message, Optional<Fix> fix) {
        return new Finding(ruleId, severity, step.path(), step.statement().startLine(), step.statement().endLine(),
                message, Optional.empty(), fix);
    }

    static Finding at(String ruleId, Severity severity, SchemaChange.Step step, String message) {
        return at(ruleId, severity, step, message, Optional.empty());
    }

    /** The more serious of two severities; OFF counts as the least. */
    static Severity worse(Severity a, Severity b) {
        if (a == Severity.OFF) {
            return b;
        }
        if (b == Severity.OFF) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /** One level more serious: notice to warning, warning to error. */
    static Severity raised(Severity severity) {
        return switch (severity) {
            case NOTICE -> Severity.WARNING;
            case WARNING, ERROR -> Severity.ERROR;
            case OFF -> Severity.OFF;
        };
    }
}
