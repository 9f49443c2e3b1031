package dev.migrationreview.rule.general;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** json in PostgreSQL, where jsonb is what applications almost always want. */
public final class JsonOverJsonbRule extends TypeSwapRule {

    static final RuleDoc DOC = new RuleDoc(
            "json-over-jsonb",
            "Use jsonb instead of json",
            Severity.NOTICE, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL 9.4 and later",
            "none when created (ALTER COLUMN TYPE is column-type-change's concern)",
            "json keeps the input text and re-parses it on every access; it has no equality operator, so SELECT "
                    + "DISTINCT, GROUP BY, UNION and unique constraints on it fail, and it cannot use GIN indexes "
                    + "for containment (@>) queries. jsonb stores parsed, binary JSON.",
            "Declare the column jsonb; keep json only when the exact input text (key order, duplicate keys, "
                    + "whitespace) must be preserved.",
            "CREATE TABLE webhooks (id bigint PRIMARY KEY, payload json NOT NULL);",
            "CREATE TABLE webhooks (id bigint PRIMARY KEY, payload jsonb NOT NULL);");

    public JsonOverJsonbRule() {
        super(t -> t.name().equals("json"), "jsonb");
    }

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected String problem(Dialect dialect) {
        return "json is re-parsed on every access, has no equality operator (DISTINCT, GROUP BY and UNION fail) "
                + "and cannot use GIN indexes; jsonb stores parsed JSON. Use:";
    }
}
