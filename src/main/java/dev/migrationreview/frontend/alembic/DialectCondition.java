package dev.migrationreview.frontend.alembic;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.frontend.python.PyExpr;
import dev.migrationreview.frontend.python.PyScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides conditions on the database a migration runs against ({@code bind.dialect.name ==
 * "postgresql"}, {@code op.get_context().dialect.name in ("mysql", "mariadb")}), so the branch
 * written for another database is not reviewed as if it ran. Anything else is unknown, and both
 * branches are reviewed.
 */
final class DialectCondition {

    private final PyScope scope;
    private final Dialect dialect;

    DialectCondition(PyScope scope, Dialect dialect) {
        this.scope = scope;
        this.dialect = dialect;
    }

    Optional<Boolean> evaluate(PyExpr condition) {
        return switch (condition) {
            case PyExpr.UnaryOp u when u.op().equals("not") -> evaluate(u.operand()).map(b -> !b);
            case PyExpr.BoolOp b -> combine(b);
            case PyExpr.Compare c when c.ops().size() == 1 -> compare(c);
            default -> Optional.empty();
        };
    }

    private Optional<Boolean> combine(PyExpr.BoolOp b) {
        boolean and = b.op().equals("and");
        boolean unknown = false;
        for (PyExpr value : b.values()) {
            var result = evaluate(value);
            if (result.isEmpty()) {
                unknown = true;
            } else if (result.get() != and) {
                return Optional.of(!and);
            }
        }
        return unknown ? Optional.empty() : Optional.of(and);
    }

    private Optional<Boolean> compare(PyExpr.Compare c) {
        PyExpr left = c.left();
        PyExpr right = c.comparators().get(0);
        String op = c.ops().get(0);
        if (!isDialectName(left)) {
            if (!isDialectName(right) || !(op.equals("==") || op.equals("!="))) {
                return Optional.empty();
            }
            right = left;
        }
        var names = new ArrayList<String>();
        if (op.equals("in") || op.equals("not in")) {
            scope.strings(right).ifPresent(names::addAll);
        } else {
            scope.string(right).ifPresent(names::add);
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        boolean matches = names.stream().anyMatch(this::isThisDatabase);
        return switch (op) {
            case "==", "in" -> Optional.of(matches);
            case "!=", "not in" -> Optional.of(!matches);
            default -> Optional.empty();
        };
    }

    private boolean isThisDatabase(String name) {
        return DatabaseKind.fromName(name)
                .map(kind -> kind == dialect.kind() || kind.isMysqlFamily() && dialect.isMysqlFamily())
                .orElse(false);
    }

    /** {@code <anything>.dialect.name} or {@code <anything>.engine.name}, possibly via a variable. */
    private boolean isDialectName(PyExpr expr) {
        return scope.resolve(expr) instanceof PyExpr.Attribute name && name.attr().equals("name")
                && scope.resolve(name.value()) instanceof PyExpr.Attribute owner
                && List.of("dialect", "engine").contains(owner.attr());
    }
}
