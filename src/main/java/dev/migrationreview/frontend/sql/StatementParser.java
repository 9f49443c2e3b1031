package dev.migrationreview.frontend.sql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.Statement.ParsedBy;
import dev.migrationreview.frontend.sql.SqlScript.Piece;
import dev.migrationreview.operation.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns each statement of a split script into operations, trying in order: the keyword-level
 * parser in strict mode (statements whose whole shape it knows: fast and exact), JSqlParser in the
 * file's dialect, and the keyword-level parser in lenient mode (what JSqlParser rejects but matters).
 * A statement none of them understands becomes {@link Operation.Unparsed} with the reason.
 * Results of the keyword-level parser are marked {@link ParsedBy#FALLBACK}.
 */
final class StatementParser {

    private final JsqlStage jsql = new JsqlStage();

    List<Statement> parse(SqlScript script, DatabaseKind kind) {
        var out = new ArrayList<Statement>(script.statements().size());
        for (Piece piece : script.statements()) {
            out.add(parse(piece, kind));
        }
        return out;
    }

    /** Never throws: a defect in a parser costs one statement (reported as unparsed), not the file. */
    Statement parse(Piece piece, DatabaseKind kind) {
        try {
            return parseGuarded(piece, kind);
        } catch (RuntimeException | StackOverflowError e) {
            return unparsed(piece, "internal error while reading this statement (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Statement parseGuarded(Piece piece, DatabaseKind kind) {
        if (piece.unterminated().isPresent()) {
            return unparsed(piece, piece.unterminated().get() + "; the rest of the file is one unreadable statement");
        }
        Optional<List<Operation>> exact = KeywordParser.parse(TokenCursor.of(piece), kind, KeywordParser.Mode.STRICT);
        if (exact.isPresent()) {
            return statement(piece, exact.get(), ParsedBy.FALLBACK);
        }
        JsqlStage.Result parsed = jsql.parse(piece, kind);
        if (parsed.operations().isPresent()) {
            return statement(piece, parsed.operations().get(), ParsedBy.JSQLPARSER);
        }
        Optional<List<Operation>> lenient = KeywordParser.parse(TokenCursor.of(piece), kind, KeywordParser.Mode.LENIENT);
        if (lenient.isPresent()) {
            return statement(piece, lenient.get(), ParsedBy.FALLBACK);
        }
        return unparsed(piece, parsed.failure());
    }

    private static Statement statement(Piece piece, List<Operation> operations, ParsedBy parsedBy) {
        return new Statement(piece.text(), piece.startLine(), piece.endLine(), operations, parsedBy, piece.section());
    }

    private static Statement unparsed(Piece piece, String reason) {
        return new Statement(piece.text(), piece.startLine(), piece.endLine(), List.of(new Operation.Unparsed(reason)),
                ParsedBy.NONE, piece.section());
    }
}
