package dev.migrationreview.rule.general;

import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.OperationSite;
import java.util.List;
import java.util.function.Predicate;

/** Operations around the flagged one: earlier in the change or migration, later in the migration, in its statement. */
public final class MigrationOperations {

    private MigrationOperations() {}

    /** Operations that ran earlier in this change, in every migration of it. */
    public static List<Operation> earlierInChange(OperationSite site) {
        return site.context().earlierInChange().stream().map(OperationSite::operation).toList();
    }

    /** Operations that ran earlier in the flagged operation's own migration (session settings live this long). */
    public static List<Operation> earlierInMigration(OperationSite site) {
        List<OperationSite> earlier = site.context().earlierInChange();
        // Migrations are walked one after the other: this one's operations end the change so far.
        int first = earlier.size();
        while (first > 0 && earlier.get(first - 1).migration() == site.migration()) {
            first--;
        }
        return earlier.subList(first, earlier.size()).stream().map(OperationSite::operation).toList();
    }

    /**
     * True when a forward operation of the flagged operation's migration that runs after it
     * matches. Looks from the flagged statement on and stops at the first match, copying nothing:
     * rules ask per operation, and a migration of thousands of them must not make that quadratic.
     */
    public static boolean anyLaterInMigration(OperationSite site, Predicate<Operation> test) {
        List<Statement> statements = site.migration().statements();
        int at = 0;
        // Identity, not equality: two identical statements in one file are different places.
        while (at < statements.size() && statements.get(at) != site.statement()) {
            at++;
        }
        boolean seen = false;
        for (Statement statement : statements.subList(at, statements.size())) {
            if (statement.section() != Statement.Section.UP) {
                continue;
            }
            for (Operation operation : statement.operations()) {
                if (seen && test.test(operation)) {
                    return true;
                }
                seen |= statement == site.statement() && operation == site.operation();
            }
        }
        return false;
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
