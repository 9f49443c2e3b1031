package dev.migrationreview.rule.postgres;

import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two-step way to add a constraint that must check existing rows: add it NOT VALID (a brief
 * lock, no scan: new writes are checked from then on), then VALIDATE CONSTRAINT in a separate
 * transaction, which scans under SHARE UPDATE EXCLUSIVE while reads and writes go on.
 */
final class ConstraintFixes {

    private static final Pattern UNNAMED_ADD = Pattern.compile("(?i)\\bADD\\s+(?=(?:FOREIGN\\s+KEY|CHECK)\\b)");

    private ConstraintFixes() {}

    /** The name the fix gives the constraint: its own, or the one PostgreSQL would have chosen. */
    static String name(TableRef table, ConstraintDef constraint) {
        return constraint.name().orElseGet(() -> SqlText.defaultName(table, constraint.columns(),
                constraint.kind() == ConstraintDef.Kind.FOREIGN_KEY ? "fkey" : "check"));
    }

    /**
     * The flagged ADD CONSTRAINT made NOT VALID and followed by its VALIDATE: replacing the
     * statement's lines when each statement commits on its own (no surrounding transaction),
     * otherwise with the VALIDATE moved to a later migration.
     */
    static Fix notValidThenValidate(OperationSite site, Operation.AddConstraint add) {
        String name = name(add.table(), add.constraint());
        String validate = validate(add.table(), name);
        // Appending NOT VALID to the statement is right only when the constraint is all it does.
        boolean singleClause = site.statement().operations().size() == 1;
        Optional<String> asWritten = singleClause ? SqlText.editStatement(site, text -> notValid(text, add, name)) : Optional.empty();
        if (!site.context().inTransaction() && singleClause) {
            Optional<String> inPlace = SqlText.editLines(site, text -> notValid(text, add, name));
            if (inPlace.isPresent()) {
                return new Fix(inPlace.get() + "\n" + validate, true);
            }
        }
        String addSql = asWritten.orElseGet(() -> modelSql(add, name));
        return new Fix(addSql + "\n" + laterTransaction(site, validate), false);
    }

    static String validate(TableRef table, String constraint) {
        return "ALTER TABLE " + SqlText.table(table) + " VALIDATE CONSTRAINT " + SqlText.ident(constraint) + ";";
    }

    /** {@code sql} introduced as the next step, in a separate transaction when the current one would hold the lock. */
    static String laterTransaction(OperationSite site, String sql) {
        return site.context().inTransaction()
                ? "-- then, in a separate migration (its own transaction):\n" + sql
                : sql;
    }

    /** The constraint written from the model, NOT VALID; used when the statement is not SQL or does more. */
    static String modelSql(Operation.AddConstraint add, String name) {
        ConstraintDef c = add.constraint();
        String body = switch (c.kind()) {
            case FOREIGN_KEY -> "FOREIGN KEY (" + SqlText.columns(c.columns()) + ") REFERENCES "
                    + c.references().map(r -> SqlText.table(r.table())
                            + (r.columns().isEmpty() ? "" : " (" + SqlText.columns(r.columns()) + ")")).orElse("<table>");
            case CHECK -> "CHECK " + parenthesised(c.expression().orElse("<condition>"));
            case NOT_NULL -> "NOT NULL " + SqlText.columns(c.columns());
            default -> throw new IllegalArgumentException("not a NOT VALID constraint: " + c.kind());
        };
        String note = c.kind() == ConstraintDef.Kind.FOREIGN_KEY ? " -- keep your ON DELETE / ON UPDATE actions" : "";
        return "ALTER TABLE " + SqlText.table(add.table()) + " ADD CONSTRAINT " + SqlText.ident(name) + " " + body
                + " NOT VALID;" + note;
    }

    static String parenthesised(String expression) {
        String e = expression.strip();
        return balancedParentheses(e) ? e : "(" + e + ")";
    }

    /** True when the expression is one parenthesised group, e.g. {@code (a > 0)} but not {@code (a) > (b)}. */
    private static boolean balancedParentheses(String e) {
        if (!e.startsWith("(") || !e.endsWith(")")) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < e.length(); i++) {
            depth += e.charAt(i) == '(' ? 1 : e.charAt(i) == ')' ? -1 : 0;
            if (depth == 0 && i < e.length() - 1) {
                return false;
            }
        }
        return true;
    }

    /** The statement as written with NOT VALID appended, naming the constraint when it had no name. */
    private static Optional<String> notValid(String text, Operation.AddConstraint add, String name) {
        String sql = SqlText.stripTerminator(text);
        if (add.constraint().name().isEmpty()) {
            var m = UNNAMED_ADD.matcher(sql);
            if (!m.find()) {
                return Optional.empty();
            }
            sql = sql.substring(0, m.end()) + "CONSTRAINT " + SqlText.ident(name) + " " + sql.substring(m.end());
        }
        return Optional.of(SqlText.terminatedLike(text, sql + " NOT VALID;"));
    }
}
