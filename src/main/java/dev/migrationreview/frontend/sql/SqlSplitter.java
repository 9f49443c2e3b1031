package dev.migrationreview.frontend.sql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.frontend.sql.SqlScript.Piece;
import dev.migrationreview.frontend.sql.Token.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cuts a SQL script into statements with their exact line ranges, reading the directives that
 * migration tools put in comments: goose and dbmate sections and transaction opt-outs, Liquibase
 * formatted SQL changesets and rollbacks, MySQL's {@code DELIMITER}, and this tool's own
 * {@code -- migration-review:ignore} suppressions. Procedural bodies ({@code BEGIN ATOMIC ... END},
 * MySQL {@code BEGIN ... END} routines) stay one statement.
 */
final class SqlSplitter {

    private static final String SUPPRESS = "migration-review:ignore";
    private static final String SUPPRESS_FILE = "migration-review:ignore-file";

    private final String src;
    private final DatabaseKind kind;
    private final SqlLexer lexer;
    private final boolean sectionFixed;
    private Section section;
    private boolean liquibase;

    private final List<Piece> statements = new ArrayList<>();
    private final List<Suppression> suppressions = new ArrayList<>();
    private final List<FrontendProblem> problems = new ArrayList<>();
    private final List<RollbackLines> rollbacks = new ArrayList<>();
    private Optional<Boolean> transactional = Optional.empty();

    /** The statement being read: its tokens from the first significant one, and where that one ends. */
    private final List<Token> pending = new ArrayList<>();
    private int lastSignificant = -1;
    /** Set by goose StatementBegin and Liquibase splitStatements:false: delimiters do not end statements. */
    private boolean verbatim;
    private final BlockTracker blocks = new BlockTracker();

    private SqlSplitter(String src, DatabaseKind kind, int firstLine, Section section, boolean sectionFixed,
                        boolean liquibase) {
        this.src = src;
        this.kind = kind;
        this.lexer = new SqlLexer(src, SqlLexer.Syntax.of(kind), firstLine);
        this.section = section;
        this.sectionFixed = sectionFixed;
        this.liquibase = liquibase;
    }

    /**
     * Splits {@code sql}, whose first line is line {@code firstLine} of its file.
     *
     * @param section   where statements go until a goose or dbmate marker says otherwise
     * @param downOnly  the whole file is a rollback: every statement is DOWN whatever its markers say
     */
    static SqlScript split(String sql, DatabaseKind kind, int firstLine, Section section, boolean downOnly,
                           boolean liquibaseFormatted) {
        var splitter = new SqlSplitter(sql, kind, firstLine, downOnly ? Section.DOWN : section, downOnly,
                liquibaseFormatted);
        return splitter.run();
    }

    private SqlScript run() {
        for (Token token = lexer.next(); token != null; token = lexer.next()) {
            accept(token);
        }
        flush(Optional.empty());
        for (RollbackLines rollback : rollbacks) {
            var down = split(rollback.text.toString(), kind, rollback.firstLine, Section.DOWN, true, false);
            statements.addAll(down.statements());
            problems.addAll(down.problems());
        }
        if (!rollbacks.isEmpty()) {
            statements.sort(Comparator.comparingInt(Piece::startLine));
        }
        return new SqlScript(statements, suppressions, problems, transactional);
    }

    private void accept(Token token) {
        switch (token.kind()) {
            case WHITESPACE -> keepIfInside(token);
            case LINE_COMMENT -> {
                lineComment(token);
                keepIfInside(token);
            }
            case BLOCK_COMMENT -> {
                blockComment(token);
                keepIfInside(token);
            }
            case DELIMITER -> {
                blocks.resolveEnd(token);
                boolean customDelimiter = !lexer.delimiter().equals(";");
                if (!verbatim && (customDelimiter || !blocks.inside())) {
                    flush(Optional.empty());
                } else {
                    significant(token);
                }
            }
            case UNTERMINATED -> {
                significant(token);
                flush(Optional.of(lexer.unterminatedReason()));
            }
            case WORD -> word(token);
            default -> {
                blocks.resolveEnd(token);
                significant(token);
            }
        }
    }

    private void word(Token token) {
        if (lastSignificant < 0 && !verbatim && token.is("DELIMITER") && startsMysqlDelimiterCommand()) {
            String rest = lexer.restOfLine().strip();
            String newDelimiter = rest.split("\\s+")[0];
            if (!newDelimiter.isEmpty()) {
                lexer.delimiter(newDelimiter);
            }
            return;
        }
        if (kind == DatabaseKind.SQLSERVER && lastSignificant >= 0 && token.is("GO") && aloneOnItsLine(token)) {
            flush(Optional.empty());
            return;
        }
        blocks.resolveEnd(token);
        blocks.word(token);
        significant(token);
    }

    private boolean startsMysqlDelimiterCommand() {
        int at = lexer.position();
        return at < src.length() && (src.charAt(at) == ' ' || src.charAt(at) == '\t');
    }

    /** SQL Server's batch separator: {@code GO} with nothing else on its line. */
    private boolean aloneOnItsLine(Token token) {
        int before = token.start() - 1;
        while (before >= 0 && (src.charAt(before) == ' ' || src.charAt(before) == '\t')) {
            before--;
        }
        int after = token.end();
        while (after < src.length() && (src.charAt(after) == ' ' || src.charAt(after) == '\t')) {
            after++;
        }
        return (before < 0 || src.charAt(before) == '\n' || src.charAt(before) == '\r')
                && (after >= src.length() || src.charAt(after) == '\n' || src.charAt(after) == '\r'
                || src.charAt(after) == ';');
    }

    private void significant(Token token) {
        pending.add(token);
        lastSignificant = pending.size() - 1;
    }

    private void keepIfInside(Token token) {
        if (lastSignificant >= 0) {
            pending.add(token);
        }
    }

    private void flush(Optional<String> unterminated) {
        if (lastSignificant >= 0) {
            var tokens = pending.subList(0, lastSignificant + 1);
            Token first = tokens.get(0);
            Token last = tokens.get(tokens.size() - 1);
            statements.add(new Piece(src.substring(first.start(), last.end()), first.line(), last.endLine(), section,
                    tokens, unterminated));
        }
        pending.clear();
        lastSignificant = -1;
        blocks.reset();
    }

    // ---- directives in comments ---------------------------------------------------------------

    private void lineComment(Token token) {
        String body = commentBody(token.text());
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.startsWith(SUPPRESS)) {
            suppression(body, token.line());
        } else if (lower.startsWith("+goose")) {
            goose(lower.substring("+goose".length()).strip());
        } else if (lower.startsWith("migrate:up") || lower.startsWith("migrate:down")) {
            dbmate(lower);
        } else if (lower.replace(" ", "").equals("liquibaseformattedsql")) {
            liquibase = true;
        } else if (liquibase && lower.startsWith("changeset")) {
            changeset(body);
        } else if (liquibase && lower.startsWith("rollback")) {
            rollbackLine(token, body.substring("rollback".length()));
        }
    }

    private static String commentBody(String comment) {
        int from = comment.startsWith("--") ? 2 : comment.startsWith("#") ? 1 : 0;
        return comment.substring(from).strip();
    }

    private void suppression(String body, int line) {
        boolean wholeFile = body.toLowerCase(Locale.ROOT).startsWith(SUPPRESS_FILE);
        String rest = body.substring(wholeFile ? SUPPRESS_FILE.length() : SUPPRESS.length()).strip();
        if (rest.isEmpty()) {
            problems.add(new FrontendProblem(line, "Suppression comment names no rule: write `-- "
                    + (wholeFile ? SUPPRESS_FILE : SUPPRESS) + " <rule-id> <reason>`."));
            return;
        }
        int space = indexOfWhitespace(rest);
        String ruleId = space < 0 ? rest : rest.substring(0, space);
        String reason = space < 0 ? "" : rest.substring(space).strip();
        suppressions.add(new Suppression(ruleId, reason.isEmpty() ? Optional.empty() : Optional.of(reason), line,
                wholeFile));
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private void goose(String directive) {
        switch (directive) {
            case "up" -> switchSection(Section.UP);
            case "down" -> switchSection(Section.DOWN);
            case "statementbegin" -> {
                flush(Optional.empty());
                verbatim = true;
            }
            case "statementend" -> {
                flush(Optional.empty());
                verbatim = false;
            }
            case "no transaction" -> transactional = Optional.of(false);
            default -> { }
        }
    }

    private void dbmate(String directive) {
        boolean down = directive.startsWith("migrate:down");
        switchSection(down ? Section.DOWN : Section.UP);
        if (!down && directive.replace(" ", "").contains("transaction:false")) {
            transactional = Optional.of(false);
        }
    }

    private void switchSection(Section next) {
        flush(Optional.empty());
        if (!sectionFixed) {
            section = next;
        }
    }

    /**
     * {@code --changeset author:id runInTransaction:false splitStatements:false endDelimiter:/}.
     * A changeset that opts out of the transaction makes the whole file non-transactional, so rules
     * that need a transaction (or forbid one) see the weakest guarantee the file gives.
     */
    private void changeset(String body) {
        flush(Optional.empty());
        verbatim = false;
        lexer.delimiter(";");
        switchSection(Section.UP);
        for (String attribute : body.split("\\s+")) {
            int colon = attribute.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = attribute.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = attribute.substring(colon + 1);
            switch (name) {
                case "runintransaction" -> {
                    if (value.equalsIgnoreCase("false")) {
                        transactional = Optional.of(false);
                    }
                }
                case "splitstatements" -> verbatim = value.equalsIgnoreCase("false");
                case "enddelimiter" -> {
                    if (!value.isEmpty()) {
                        lexer.delimiter(value);
                    }
                }
                default -> { }
            }
        }
    }

    private void rollbackLine(Token token, String sql) {
        String trimmed = sql.strip().toLowerCase(Locale.ROOT);
        if (trimmed.equals("not required") || trimmed.equals("empty") || trimmed.isEmpty()) {
            return;
        }
        RollbackLines last = rollbacks.isEmpty() ? null : rollbacks.get(rollbacks.size() - 1);
        if (last != null && last.lastLine == token.line() - 1) {
            last.text.append('\n').append(sql);
            last.lastLine = token.line();
        } else {
            var lines = new RollbackLines(token.line());
            lines.text.append(sql);
            rollbacks.add(lines);
        }
    }

    /** {@code /* liquibase rollback ... *}{@code /}: a multi-line rollback block. */
    private void blockComment(Token token) {
        String text = token.text();
        String inner = text.substring(2, text.length() - 2);
        String marker = "liquibase rollback";
        String lead = inner.stripLeading();
        if (liquibase && lead.toLowerCase(Locale.ROOT).startsWith(marker)) {
            int skippedLines = (int) inner.substring(0, inner.length() - lead.length()).chars().filter(c -> c == '\n').count();
            var lines = new RollbackLines(token.line() + skippedLines);
            lines.text.append(lead.substring(marker.length()));
            lines.lastLine = -1;
            rollbacks.add(lines);
        }
    }

    /** Consecutive {@code --rollback} lines, kept with their first line so DOWN statements keep their lines. */
    private static final class RollbackLines {
        final int firstLine;
        final StringBuilder text = new StringBuilder();
        int lastLine;

        RollbackLines(int firstLine) {
            this.firstLine = firstLine;
            this.lastLine = firstLine;
        }
    }

    /**
     * Tracks procedural bodies whose inner semicolons do not end the statement: SQL-standard
     * {@code BEGIN ATOMIC ... END} (PostgreSQL 14+) and MySQL routine and trigger bodies
     * {@code BEGIN ... END}. Only CREATE FUNCTION/PROCEDURE/TRIGGER/EVENT statements open blocks,
     * so a transaction's {@code BEGIN;} never does. {@code CASE} nests; {@code END IF}, {@code END LOOP},
     * {@code END WHILE} and {@code END REPEAT} close constructs that were never counted.
     */
    private static final class BlockTracker {
        private int words;
        private boolean createStatement;
        private boolean routine;
        private boolean beginSeen;
        private boolean endSeen;
        private int depth;

        void reset() {
            words = 0;
            createStatement = false;
            routine = false;
            beginSeen = false;
            endSeen = false;
            depth = 0;
        }

        boolean inside() {
            return depth > 0;
        }

        /** Called for each significant token before it is judged: settles a pending BEGIN or END. */
        void resolveEnd(Token next) {
            if (beginSeen) {
                beginSeen = false;
                if (!(next.kind() == Kind.DELIMITER || next.is("WORK") || next.is("TRANSACTION"))) {
                    depth++;
                }
            }
            if (endSeen) {
                endSeen = false;
                if (!(next.is("IF") || next.is("LOOP") || next.is("WHILE") || next.is("REPEAT"))) {
                    depth--;
                }
            }
        }

        void word(Token token) {
            words++;
            if (words == 1) {
                createStatement = token.is("CREATE");
                return;
            }
            if (createStatement && !routine && words <= 8
                    && (token.is("FUNCTION") || token.is("PROCEDURE") || token.is("TRIGGER") || token.is("EVENT"))) {
                routine = true;
            }
            if (!routine) {
                return;
            }
            if (token.is("BEGIN")) {
                beginSeen = true;
            } else if (depth > 0 && token.is("CASE")) {
                depth++;
            } else if (depth > 0 && token.is("END")) {
                endSeen = true;
            }
        }
    }
}
