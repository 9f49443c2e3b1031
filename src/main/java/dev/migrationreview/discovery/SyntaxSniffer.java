package dev.migrationreview.discovery;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Guesses a SQL file's database from syntax only one database accepts ({@code AUTO_INCREMENT},
 * {@code ::} casts, {@code [bracketed]} names). One pass over the text that skips comments,
 * strings and quoted names, so words inside them count for nothing; the database with the most
 * marks wins, ties going to the one marked first.
 */
final class SyntaxSniffer {

    /** The database a file's syntax points to, and the first mark of it (for "syntax: AUTO_INCREMENT"). */
    record Evidence(DatabaseKind kind, String marker) {}

    private static final Map<String, DatabaseKind> WORDS = Map.ofEntries(
            Map.entry("AUTO_INCREMENT", DatabaseKind.MYSQL),
            Map.entry("UNSIGNED", DatabaseKind.MYSQL),
            Map.entry("TINYINT", DatabaseKind.MYSQL),
            Map.entry("MEDIUMINT", DatabaseKind.MYSQL),
            Map.entry("TINYTEXT", DatabaseKind.MYSQL),
            Map.entry("MEDIUMTEXT", DatabaseKind.MYSQL),
            Map.entry("LONGTEXT", DatabaseKind.MYSQL),
            Map.entry("TINYBLOB", DatabaseKind.MYSQL),
            Map.entry("MEDIUMBLOB", DatabaseKind.MYSQL),
            Map.entry("LONGBLOB", DatabaseKind.MYSQL),
            Map.entry("CHARSET", DatabaseKind.MYSQL),
            Map.entry("SERIAL", DatabaseKind.POSTGRESQL),
            Map.entry("BIGSERIAL", DatabaseKind.POSTGRESQL),
            Map.entry("SMALLSERIAL", DatabaseKind.POSTGRESQL),
            Map.entry("JSONB", DatabaseKind.POSTGRESQL),
            Map.entry("CONCURRENTLY", DatabaseKind.POSTGRESQL),
            Map.entry("TIMESTAMPTZ", DatabaseKind.POSTGRESQL),
            Map.entry("BYTEA", DatabaseKind.POSTGRESQL),
            Map.entry("ILIKE", DatabaseKind.POSTGRESQL),
            Map.entry("PLPGSQL", DatabaseKind.POSTGRESQL),
            Map.entry("TSVECTOR", DatabaseKind.POSTGRESQL),
            Map.entry("AUTOINCREMENT", DatabaseKind.SQLITE),
            Map.entry("PRAGMA", DatabaseKind.SQLITE),
            Map.entry("NVARCHAR", DatabaseKind.SQLSERVER),
            Map.entry("NTEXT", DatabaseKind.SQLSERVER),
            Map.entry("DATETIME2", DatabaseKind.SQLSERVER),
            Map.entry("DATETIMEOFFSET", DatabaseKind.SQLSERVER),
            Map.entry("UNIQUEIDENTIFIER", DatabaseKind.SQLSERVER),
            Map.entry("NONCLUSTERED", DatabaseKind.SQLSERVER),
            Map.entry("SP_RENAME", DatabaseKind.SQLSERVER));

    private final String sql;
    private final int[] marks = new int[DatabaseKind.values().length];
    private final int[] firstAt = new int[DatabaseKind.values().length];
    private final String[] firstMarker = new String[DatabaseKind.values().length];

    private SyntaxSniffer(String sql) {
        this.sql = sql;
    }

    static Optional<Evidence> sniff(String sql) {
        var sniffer = new SyntaxSniffer(sql);
        sniffer.scan();
        return sniffer.verdict();
    }

    private Optional<Evidence> verdict() {
        DatabaseKind best = null;
        for (DatabaseKind kind : DatabaseKind.values()) {
            int k = kind.ordinal();
            if (marks[k] == 0) {
                continue;
            }
            if (best == null || marks[k] > marks[best.ordinal()]
                    || marks[k] == marks[best.ordinal()] && firstAt[k] < firstAt[best.ordinal()]) {
                best = kind;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Evidence(best, firstMarker[best.ordinal()]));
    }

    private void scan() {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                i = endOfLine(i);
            } else if (c == '/' && next == '*') {
                if (i + 2 < n && sql.charAt(i + 2) == '!') {
                    mark(DatabaseKind.MYSQL, "/*! conditional comment", i);
                }
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '\'' || c == '"') {
                i = after(c, i + 1);
            } else if (c == '`') {
                mark(DatabaseKind.MYSQL, "backtick-quoted names", i);
                i = after('`', i + 1);
            } else if (c == '$') {
                i = dollarQuote(i);
            } else if (c == ':' && next == ':') {
                mark(DatabaseKind.POSTGRESQL, "::", i);
                i += 2;
            } else if (c == '[') {
                bracketedName(i);
                i++;
            } else if (isWordStart(c)) {
                i = word(i);
            } else {
                i++;
            }
        }
    }

    private int word(int start) {
        int end = start;
        while (end < sql.length() && isWordPart(sql.charAt(end))) {
            end++;
        }
        String word = sql.substring(start, end).toUpperCase(Locale.ROOT);
        DatabaseKind kind = WORDS.get(word);
        if (kind != null) {
            mark(kind, word, start);
        } else if (word.equals("ENGINE") && nextNonSpace(end) == '=') {
            mark(DatabaseKind.MYSQL, "ENGINE=", start);
        } else if (word.equals("IDENTITY") && nextNonSpace(end) == '(') {
            mark(DatabaseKind.SQLSERVER, "IDENTITY(", start);
        } else if (word.equals("GO") && aloneOnLine(start, end)) {
            mark(DatabaseKind.SQLSERVER, "GO batch separator", start);
        }
        return end;
    }

    /** {@code $$ ... $$} or {@code $body$ ... $body$}: PostgreSQL's dollar quoting, skipped whole. */
    private int dollarQuote(int start) {
        int end = start + 1;
        while (end < sql.length() && isWordPart(sql.charAt(end))) {
            end++;
        }
        boolean tagged = end < sql.length() && sql.charAt(end) == '$'
                && (end == start + 1 || !Character.isDigit(sql.charAt(start + 1)));
        if (!tagged) {
            return start + 1;
        }
        String tag = sql.substring(start, end + 1);
        mark(DatabaseKind.POSTGRESQL, "$$", start);
        int close = sql.indexOf(tag, end + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }

    /** {@code [name]} after a space, dot, comma or parenthesis (not {@code ARRAY[1]} or {@code int[]}). */
    private void bracketedName(int open) {
        char before = open == 0 ? ' ' : sql.charAt(open - 1);
        if (isWordPart(before) || before == ']' || before == '\'' || before == ')') {
            return;
        }
        int end = open + 1;
        if (end >= sql.length() || !isWordStart(sql.charAt(end))) {
            return;
        }
        while (end < sql.length() && (isWordPart(sql.charAt(end)) || sql.charAt(end) == ' ')) {
            end++;
        }
        if (end < sql.length() && sql.charAt(end) == ']') {
            mark(DatabaseKind.SQLSERVER, "[bracketed] names", open);
        }
    }

    private boolean aloneOnLine(int start, int end) {
        for (int k = start - 1; k >= 0 && sql.charAt(k) != '\n'; k--) {
            if (!Character.isWhitespace(sql.charAt(k))) {
                return false;
            }
        }
        for (int k = end; k < sql.length() && sql.charAt(k) != '\n'; k++) {
            if (!Character.isWhitespace(sql.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private char nextNonSpace(int from) {
        for (int k = from; k < sql.length(); k++) {
            if (!Character.isWhitespace(sql.charAt(k))) {
                return sql.charAt(k);
            }
        }
        return '\0';
    }

    private int endOfLine(int from) {
        int newline = sql.indexOf('\n', from);
        return newline < 0 ? sql.length() : newline + 1;
    }

    private int after(char quote, int from) {
        int close = sql.indexOf(quote, from);
        return close < 0 ? sql.length() : close + 1;
    }

    private void mark(DatabaseKind kind, String marker, int at) {
        int k = kind.ordinal();
        if (marks[k]++ == 0) {
            firstAt[k] = at;
            firstMarker[k] = marker;
        }
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
