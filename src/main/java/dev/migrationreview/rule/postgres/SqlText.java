package dev.migrationreview.rule.postgres;

import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.OperationSite;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the SQL of fixes: edits of the flagged statement as written in its file (so a fix can
 * replace the statement's lines exactly, keeping the author's formatting and options), and SQL
 * written from the operation model, with identifiers quoted only where PostgreSQL needs it.
 */
final class SqlText {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private SqlText() {}

    /**
     * The file's lines the statement occupies with {@code edit} applied to the statement inside
     * them; empty when the statement is not SQL read verbatim from the file (a framework DSL call,
     * SQL escaped inside XML) or the edit does not apply.
     */
    static Optional<String> editLines(OperationSite site, Function<String, Optional<String>> edit) {
        Statement statement = site.statement();
        if (statement.parsedBy() != Statement.ParsedBy.JSQLPARSER && statement.parsedBy() != Statement.ParsedBy.FALLBACK) {
            return Optional.empty();
        }
        String[] fileLines = new String(site.migration().file().source().content(), StandardCharsets.UTF_8)
                .replace("\r", "").split("\n", -1);
        if (statement.startLine() < 1 || statement.endLine() > fileLines.length || statement.startLine() > statement.endLine()) {
            return Optional.empty();
        }
        String lines = String.join("\n", Arrays.copyOfRange(fileLines, statement.startLine() - 1, statement.endLine()));
        String text = statement.text().replace("\r", "");
        int at = lines.indexOf(text);
        if (at < 0) {
            text = text.strip();
            at = lines.indexOf(text);
        }
        if (at < 0 || text.isEmpty()) {
            return Optional.empty();
        }
        String before = lines.substring(0, at);
        String after = lines.substring(at + text.length());
        return edit.apply(text).map(edited -> before + edited + after);
    }

    /** The statement's own text, terminated by a semicolon, with {@code edit} applied, when the statement is SQL. */
    static Optional<String> editStatement(OperationSite site, Function<String, Optional<String>> edit) {
        Statement statement = site.statement();
        if (statement.parsedBy() != Statement.ParsedBy.JSQLPARSER && statement.parsedBy() != Statement.ParsedBy.FALLBACK) {
            return Optional.empty();
        }
        return edit.apply(stripTerminator(statement.text().replace("\r", "")) + ";");
    }

    /** An edit placing {@code insertion} right after the first match of {@code anchor}. */
    static Function<String, Optional<String>> insertAfter(Pattern anchor, String insertion) {
        return text -> {
            Matcher m = anchor.matcher(text);
            return m.find() ? Optional.of(text.substring(0, m.end()) + insertion + text.substring(m.end())) : Optional.empty();
        };
    }

    /** The statement as written, without its terminating semicolon (to append a clause to it). */
    static Optional<String> statementWithoutTerminator(OperationSite site) {
        return editLines(site, text -> Optional.of(stripTerminator(text)));
    }

    /** {@code replacement} (which ends with a semicolon) ending like {@code original}: with or without one. */
    static String terminatedLike(String original, String replacement) {
        return original.strip().endsWith(";") ? replacement : stripTerminator(replacement);
    }

    static String stripTerminator(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** An identifier as PostgreSQL needs it written: bare when it folds to itself, quoted otherwise. */
    static String ident(String name) {
        return PLAIN_IDENTIFIER.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    static String table(TableRef table) {
        return table.schema().map(s -> ident(s) + ".").orElse("") + ident(table.name());
    }

    /** {@code ALTER TABLE t ADD COLUMN c type}: the column with its name and type only, no terminator. */
    static String addPlainColumn(TableRef table, ColumnDef column) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN " + ident(column.name())
                + column.type().map(t -> " " + plainType(t).sql()).orElse("");
    }

    /** A serial type as the integer type under it: the sequence is the fix's business. */
    static DataType plainType(DataType type) {
        return switch (type.name()) {
            case "serial", "serial4" -> DataType.of("integer");
            case "bigserial", "serial8" -> DataType.of("bigint");
            case "smallserial", "serial2" -> DataType.of("smallint");
            default -> type;
        };
    }

    static String columns(List<String> columns) {
        return columns.stream().map(SqlText::ident).collect(Collectors.joining(", "));
    }

    /**
     * The name PostgreSQL gives an unnamed constraint or index: table, columns and a suffix
     * ({@code orders_user_id_fkey}), used so the fix can name the object it adds.
     */
    static String defaultName(TableRef table, List<String> columns, String suffix) {
        var parts = new StringBuilder(table.name());
        if (!suffix.equals("pkey")) {
            columns.forEach(c -> parts.append('_').append(c));
        }
        return parts.append('_').append(suffix).toString();
    }
}
