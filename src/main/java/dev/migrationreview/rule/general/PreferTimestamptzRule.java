package dev.migrationreview.rule.general;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** timestamp without time zone, where an instant in time is almost always meant. */
public final class PreferTimestamptzRule extends TypeSwapRule {

    static final RuleDoc DOC = new RuleDoc(
            "prefer-timestamptz",
            "Use timestamptz instead of timestamp without time zone",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "every PostgreSQL version",
            "none when created (ALTER COLUMN TYPE is column-type-change's concern)",
            "timestamp without time zone stores a wall-clock reading with no zone: values written by sessions or "
                    + "servers in different time zones cannot be told apart, comparisons with now() depend on the "
                    + "session's TimeZone, and intervals across daylight-saving changes come out wrong. timestamptz "
                    + "stores the instant (in UTC) in the same 8 bytes and converts on display.",
            "Declare the column timestamptz (timestamp with time zone); keep timestamp only for wall-clock values "
                    + "that have no zone by nature, such as a shop's opening time.",
            "ALTER TABLE orders ADD COLUMN shipped_at timestamp;",
            "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;");

    public PreferTimestamptzRule() {
        super(DataType::isTimestampWithoutZone, "timestamptz");
    }

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected String problem(Dialect dialect) {
        return "it stores a wall-clock reading without a zone, so values from different time zones and across "
                + "daylight-saving changes are ambiguous; timestamptz stores the instant in the same 8 bytes. Use:";
    }
}
