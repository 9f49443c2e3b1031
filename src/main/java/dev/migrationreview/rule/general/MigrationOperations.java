package dev.migrationreview.rule.general;

import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.OperationSite;
import java.util.ArrayList;
import java.util.List;

/** Operations around the flagged one: earlier in the change or migration, later in the migration, in its statement. */
public final class MigrationOperations {

    private MigrationOperations() {}

    /** Operations that ran earlier in this change, in every migration of it. */
    public static List<Operation> earlierInChange(OperationSite site) {
        return site.context().earlierInChange().stream().map(OperationSite::operation).toList();
    }

    /** Operations that ran earlier in the flagged operation's own migration (session settings live this long). */
    public static List<Operation> earlierInMigration(OperationSite site) {
        return site.context().earlierInChange().stream()
                .filter(s -> s.migration() == site.migration())
                .map(OperationSite::operation)
                .toList();
    }

    /** Forward operations of the flagged operation's migration that run after it. */
    public static List<Operation> laterInMigration(OperationSite site) {
        var later = new ArrayList<Operation>();
        boolean seen = false;
        for (Statement statement : site.migration().forward()) {
            for (Operation operation : statement.operations()) {
                if (seen) {
                    later.add(operation);
                }
                // Identity, not equality: two identical statements in one file are different places.
                seen |= statement == site.statement() && operation == site.operation();
            }
        }
        return later;
    }

    /** The operations of the flagged operation's statement of the given kind, in statement order. */
    public static <T extends Operation> List<T> inStatement(OperationSite site, Class<T> kind) {
        return site.statement().operations().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /**
     * True when no operation of the same kind precedes the flagged one in its statement: rules that
     * report once per statement (one ALTER TABLE with three MODIFY clauses) report at the first.
     */
    public static boolean firstOfItsKindInStatement(OperationSite site) {
        return site.statement().operations().stream()
                .filter(o -> o.getClass() == site.operation().getClass())
                .findFirst().map(o -> o == site.operation()).orElse(false);
    }
}
