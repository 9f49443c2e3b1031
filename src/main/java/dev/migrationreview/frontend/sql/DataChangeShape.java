package dev.migrationreview.frontend.sql;

import java.util.List;

/**
 * Whether a data change is restricted and batched, read from its tokens after the target table.
 * Batched means it touches a bounded slice per run: a LIMIT, a WHERE on a key range
 * ({@code id >= 1000 AND id < 2000}, {@code BETWEEN}), or {@code IN (SELECT ... LIMIT n)}.
 */
record DataChangeShape(boolean hasWhere, boolean hasLimitOrBatch) {

    static DataChangeShape of(List<Token> tokens) {
        int depth = 0;
        boolean where = false;
        boolean limit = false;
        boolean between = false;
        boolean lower = false;
        boolean upper = false;
        boolean limitInWhere = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && t.is("WHERE")) {
                where = true;
            } else if (t.is("LIMIT") || t.is("FETCH") || t.is("TOP")) {
                if (depth == 0) {
                    limit = true;
                } else if (where) {
                    limitInWhere = true;
                }
            } else if (where && t.is("BETWEEN")) {
                between = true;
            } else if (where && depth == 0 && isComparison(t, '>', previous, next)) {
                lower = true;
            } else if (where && depth == 0 && isComparison(t, '<', previous, next)) {
                upper = true;
            }
        }
        return new DataChangeShape(where, limit || between || (lower && upper) || limitInWhere);
    }

    /** A lone {@code >} or {@code <} (or with '='), not part of {@code <>}, {@code ->>}, {@code =>} or {@code <@}. */
    private static boolean isComparison(Token t, char symbol, Token previous, Token next) {
        if (!t.isSymbol(symbol)) {
            return false;
        }
        boolean gluedBefore = previous != null && previous.end() == t.start() && isOperatorChar(previous);
        boolean gluedAfter = next != null && t.end() == next.start() && isOperatorChar(next) && !next.isSymbol('=');
        return !gluedBefore && !gluedAfter;
    }

    private static boolean isOperatorChar(Token t) {
        return t.kind() == Token.Kind.SYMBOL && "-=<>#@|&!~?^".indexOf(t.text().charAt(0)) >= 0;
    }
}
