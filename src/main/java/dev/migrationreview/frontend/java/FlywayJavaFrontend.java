package dev.migrationreview.frontend.java;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.Frontend;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import dev.migrationreview.frontend.ParsedMigration.Note;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.frontend.java.JavaTokenizer.Kind;
import dev.migrationreview.frontend.java.JavaTokenizer.Token;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.operation.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Flyway Java-based migrations (Java or Kotlin classes). What Java code does cannot be judged statically, so the
 * migration is one opaque operation over its {@code migrate} method; SQL it passes as literal
 * strings (or string constants) to JDBC and JdbcTemplate calls is parsed as SQL on its lines, so
 * the usual rules still see it. SQL built at run time is noted as not reviewed. A migration that
 * overrides {@code canExecuteInTransaction()} to return false runs outside a transaction.
 */
public final class FlywayJavaFrontend implements Frontend {

    /** JDBC and Spring JdbcTemplate methods whose first argument is SQL. */
    private static final Set<String> SQL_METHODS = Set.of("execute", "executeUpdate", "executeLargeUpdate",
            "executeQuery", "addBatch", "update", "batchUpdate", "prepareStatement", "prepareCall", "query",
            "queryForList", "queryForObject", "queryForMap");

    private static final Pattern KOTLIN_TEMPLATE = Pattern.compile("\\$[{A-Za-z_]");

    private final SqlFrontend sql;

    public FlywayJavaFrontend(SqlFrontend sql) {
        this.sql = sql;
    }

    @Override
    public Set<Framework> frameworks() {
        return EnumSet.of(Framework.FLYWAY_JAVA);
    }

    @Override
    public ParsedMigration parse(MigrationFile file, FileTree repository) {
        String source = new String(file.source().content(), StandardCharsets.UTF_8);
        var lexed = JavaTokenizer.tokenize(source);
        List<Token> tokens = file.path().endsWith(".kt") ? withoutTemplates(lexed.tokens()) : lexed.tokens();
        var problems = new ArrayList<FrontendProblem>();
        lexed.problem().ifPresent(p -> problems.add(new FrontendProblem(lexed.problemLine(),
                p + "; the code after it was not read.")));
        var notes = new ArrayList<Note>();
        var statements = new ArrayList<Statement>();
        statements.add(opaque(file, source, tokens));
        Map<String, List<Token>> constants = stringConstants(tokens);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token call = tokens.get(i);
            if (call.kind() == Kind.IDENTIFIER && SQL_METHODS.contains(call.text()) && tokens.get(i + 1).is("(")
                    && (i == 0 || tokens.get(i - 1).is("."))) {
                var literals = sqlArgument(tokens, i + 2, constants);
                if (literals.isPresent()) {
                    statements.addAll(parseLiterals(file, literals.get()));
                } else if (i + 2 < tokens.size() && !tokens.get(i + 2).is(")")) {
                    notes.add(new Note(call.line(), "The SQL passed to " + call.text()
                            + " is built at run time; it was not reviewed."));
                }
            }
        }
        var suppressions = lexed.comments().stream()
                .flatMap(c -> Suppression.fromComment(c.body(), c.line()).stream()).toList();
        boolean transactional = file.transactional() && !optsOutOfTransaction(tokens);
        return new ParsedMigration(file, statements, suppressions, transactional, problems, List.of(), notes);
    }

    /** A Kotlin string with {@code $name} or {@code ${expression}} is built at run time: it is no longer a literal. */
    private static List<Token> withoutTemplates(List<Token> tokens) {
        return tokens.stream().map(t -> t.kind() == Kind.STRING && KOTLIN_TEMPLATE.matcher(t.text()).find()
                ? new Token(Kind.OTHER, t.text(), t.line(), t.valueLine(), t.endLine()) : t).toList();
    }

    /** The whole migration as one operation nobody can judge statically, over its {@code migrate} method. */
    private static Statement opaque(MigrationFile file, String source, List<Token> tokens) {
        String[] lines = source.split("\r\n|\r|\n", -1);
        int start = 1;
        int end = Math.max(1, lines.length);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isIdentifier("migrate") && tokens.get(i + 1).is("(")) {
                int body = indexOf(tokens, "{", i);
                if (body >= 0 && noSemicolonBetween(tokens, i, body)) {
                    start = tokens.get(i).line();
                    end = tokens.get(closingBrace(tokens, body)).endLine();
                    break;
                }
            }
        }
        String first = start <= lines.length ? lines[start - 1].strip() : "";
        return new Statement(first.isEmpty() ? file.path() : first, start, end,
                List.of(new Operation.OpaqueCode("Java-based migration: its effect cannot be judged statically")),
                Statement.ParsedBy.FRAMEWORK, Statement.Section.UP);
    }

    private static boolean noSemicolonBetween(List<Token> tokens, int from, int to) {
        return tokens.subList(from, to).stream().noneMatch(t -> t.is(";"));
    }

    private static int indexOf(List<Token> tokens, String punctuation, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).is(punctuation)) {
                return i;
            }
        }
        return -1;
    }

    private static int closingBrace(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).is("{")) {
                depth++;
            } else if (tokens.get(i).is("}") && --depth == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    /** {@code String NAME = "..." + "...";} declarations, so {@code execute(NAME)} can be read. */
    private static Map<String, List<Token>> stringConstants(List<Token> tokens) {
        var constants = new HashMap<String, List<Token>>();
        for (int i = 0; i + 3 < tokens.size(); i++) {
            if (tokens.get(i).isIdentifier("String") && tokens.get(i + 1).kind() == Kind.IDENTIFIER && tokens.get(i + 2).is("=")) {
                String name = tokens.get(i + 1).text();
                literalsUpTo(tokens, i + 3, ";").ifPresent(l -> constants.put(name, l));
            }
        }
        return constants;
    }

    /** The first argument of a call when it is made only of string literals (or one constant). */
    private static Optional<List<Token>> sqlArgument(List<Token> tokens, int from, Map<String, List<Token>> constants) {
        if (from + 1 < tokens.size() && tokens.get(from).kind() == Kind.IDENTIFIER
                && (tokens.get(from + 1).is(")") || tokens.get(from + 1).is(","))) {
            return Optional.ofNullable(constants.get(tokens.get(from).text()));
        }
        return literalsUpTo(tokens, from, ")", ",");
    }

    /** String literals joined by {@code +} up to one of the terminators; empty if anything else appears. */
    private static Optional<List<Token>> literalsUpTo(List<Token> tokens, int from, String... terminators) {
        var literals = new ArrayList<Token>();
        for (int i = from; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            for (String terminator : terminators) {
                if (token.is(terminator)) {
                    return literals.isEmpty() ? Optional.empty() : Optional.of(literals);
                }
            }
            boolean expectLiteral = (i - from) % 2 == 0;
            if (expectLiteral ? token.kind() != Kind.STRING : !token.is("+")) {
                return Optional.empty();
            }
            if (expectLiteral) {
                literals.add(token);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses the joined literals as SQL. One literal keeps its lines (a text block line for line);
     * joined literals lose their line breaks, so their statements span all of them.
     */
    private List<Statement> parseLiterals(MigrationFile file, List<Token> literals) {
        String text = String.join("", literals.stream().map(Token::text).toList());
        int first = literals.getFirst().valueLine();
        int last = literals.getLast().endLine();
        boolean joined = literals.size() > 1;
        return sql.parseSql(text, file.dialect(), first, Statement.Section.UP).stream()
                .map(s -> new Statement(s.text(), joined ? first : within(s.startLine(), first, last),
                        joined ? last : within(s.endLine(), first, last), s.operations(), s.parsedBy(), s.section()))
                .toList();
    }

    /** Escapes such as {@code \n} add lines the source does not have. */
    private static int within(int line, int first, int last) {
        return Math.min(Math.max(line, first), last);
    }

    /**
     * {@code canExecuteInTransaction() { return false; }} (or Kotlin's {@code = false}): Flyway runs
     * the migration outside a transaction.
     */
    private static boolean optsOutOfTransaction(List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.get(i).isIdentifier("canExecuteInTransaction") || !tokens.get(i + 1).is("(")) {
                continue;
            }
            for (int j = i + 2; j + 1 < tokens.size() && !tokens.get(j).is(";") && !tokens.get(j).is("}"); j++) {
                if (tokens.get(j).is("=")) {
                    return tokens.get(j + 1).isIdentifier("false");
                }
                if (tokens.get(j).is("{")) {
                    int close = closingBrace(tokens, j);
                    for (int k = j; k + 1 < close; k++) {
                        if (tokens.get(k).isIdentifier("return") && tokens.get(k + 1).isIdentifier("false")) {
                            return true;
                        }
                    }
                    break;
                }
            }
        }
        return false;
    }
}
