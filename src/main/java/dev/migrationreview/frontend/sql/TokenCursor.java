package dev.migrationreview.frontend.sql;

import dev.migrationreview.frontend.sql.Token.Kind;
import dev.migrationreview.operation.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks the significant tokens of one statement for the keyword-level parser. Methods that
 * {@code expect} something throw {@link Mismatch} when it is not there, which ends the attempt
 * without a stack trace: a mismatch is the ordinary outcome for statements this parser does not know.
 */
final class TokenCursor {

    /** The statement does not have the shape being matched. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Token> tokens;
    private final String source;
    private final int base;
    private int index;

    /**
     * @param tokens significant tokens of the statement
     * @param source the statement's text, which starts at file offset {@code base}
     */
    TokenCursor(List<Token> tokens, String source, int base) {
        this.tokens = tokens;
        this.source = source;
        this.base = base;
    }

    static TokenCursor of(SqlScript.Piece piece) {
        var significant = new ArrayList<Token>(piece.tokens().size());
        for (Token t : piece.tokens()) {
            if (!t.isTrivia()) {
                significant.add(t);
            }
        }
        int base = piece.tokens().isEmpty() ? 0 : piece.tokens().get(0).start();
        return new TokenCursor(significant, piece.text(), base);
    }

    /** Tokenizes a fragment of SQL, e.g. a column definition as JSqlParser prints it. */
    static TokenCursor ofText(String text, dev.migrationreview.discovery.DatabaseKind kind) {
        var lexer = new SqlLexer(text, SqlLexer.Syntax.of(kind), 1);
        var significant = new ArrayList<Token>();
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (!t.isTrivia()) {
                significant.add(t);
            }
        }
        return new TokenCursor(significant, text, 0);
    }

    boolean atEnd() {
        return index >= tokens.size();
    }

    int position() {
        return index;
    }

    void reset(int position) {
        index = position;
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        int at = index + ahead;
        return at >= 0 && at < tokens.size() ? tokens.get(at) : null;
    }

    Token next() {
        if (atEnd()) {
            throw new Mismatch("statement ends early");
        }
        return tokens.get(index++);
    }

    boolean peekIs(String keyword) {
        Token t = peek();
        return t != null && t.is(keyword);
    }

    boolean peekIs(int ahead, String keyword) {
        Token t = peek(ahead);
        return t != null && t.is(keyword);
    }

    boolean peekSymbol(char symbol) {
        Token t = peek();
        return t != null && t.isSymbol(symbol);
    }

    /** Consumes the keywords if they all follow in order; otherwise consumes nothing. */
    boolean accept(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            if (!peekIs(i, keywords[i])) {
                return false;
            }
        }
        index += keywords.length;
        return true;
    }

    boolean acceptSymbol(char symbol) {
        if (peekSymbol(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    void expect(String... keywords) {
        if (!accept(keywords)) {
            throw new Mismatch("expected " + String.join(" ", keywords));
        }
    }

    void expectSymbol(char symbol) {
        if (!acceptSymbol(symbol)) {
            throw new Mismatch("expected " + symbol);
        }
    }

    /** Consumes one of the keywords and returns it upper-cased, or empty. */
    Optional<String> acceptOneOf(String... keywords) {
        for (String keyword : keywords) {
            if (peekIs(keyword)) {
                index++;
                return Optional.of(keyword);
            }
        }
        return Optional.empty();
    }

    /** One identifier, folded as the database folds it; placeholders are kept as written. */
    String name() {
        Token t = next();
        if (!t.isName()) {
            throw new Mismatch("expected a name, found " + t.text());
        }
        return fold(t);
    }

    static String fold(Token t) {
        return t.kind() == Kind.PLACEHOLDER ? t.text() : TableRef.Identifiers.fold(t.text());
    }

    boolean peekName() {
        Token t = peek();
        return t != null && t.isName();
    }

    /** {@code a}, {@code a.b} or {@code a.b.c}, each part folded. */
    List<String> qualifiedName() {
        var parts = new ArrayList<String>(3);
        parts.add(name());
        while (peekSymbol('.') && peek(1) != null && peek(1).isName()) {
            index++;
            parts.add(name());
        }
        return parts;
    }

    TableRef table() {
        var parts = qualifiedName();
        String name = parts.get(parts.size() - 1);
        return parts.size() == 1 ? TableRef.of(name) : TableRef.of(parts.get(parts.size() - 2), name);
    }

    /** A string literal's value without quotes. */
    String string() {
        Token t = next();
        if (t.kind() != Kind.STRING) {
            throw new Mismatch("expected a string, found " + t.text());
        }
        return unquote(t.text());
    }

    static String unquote(String literal) {
        int open = literal.indexOf('\'');
        if (open < 0 || literal.length() < open + 2) {
            return literal;
        }
        return literal.substring(open + 1, literal.length() - 1).replace("''", "'");
    }

    /** Skips a parenthesised group starting at the current '(' and returns its inner text. */
    String parenthesised() {
        Token open = next();
        if (!open.isSymbol('(')) {
            throw new Mismatch("expected (");
        }
        int depth = 1;
        while (!atEnd()) {
            Token t = next();
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
                if (depth == 0) {
                    return textBetween(open.end(), t.start()).strip();
                }
            }
        }
        throw new Mismatch("unbalanced parentheses");
    }

    /**
     * The comma-separated elements of the parenthesised list at the cursor, each as its own cursor.
     * Nested parentheses stay inside their element.
     */
    List<TokenCursor> list() {
        expectSymbol('(');
        var elements = new ArrayList<TokenCursor>();
        int depth = 0;
        int from = index;
        while (true) {
            Token t = next();
            if (t.isSymbol('(') || t.isSymbol('[')) {
                depth++;
            } else if ((t.isSymbol(')') || t.isSymbol(']')) && depth > 0) {
                depth--;
            } else if (depth == 0 && (t.isSymbol(',') || t.isSymbol(')'))) {
                elements.add(new TokenCursor(tokens.subList(from, index - 1), source, base));
                from = index;
                if (t.isSymbol(')')) {
                    return elements;
                }
            }
        }
    }

    /** Names in a parenthesised list, e.g. the columns of a key. Elements that are not plain names are kept as text. */
    List<String> nameList() {
        var names = new ArrayList<String>();
        for (TokenCursor element : list()) {
            names.add(element.leadingNameOrText());
        }
        return names;
    }

    /**
     * An index or key element: its column name when it starts with one ({@code email},
     * {@code email DESC}, {@code email varchar_pattern_ops}), else its text ({@code lower(email)}).
     */
    String leadingNameOrText() {
        if (peekName() && (peek(1) == null || !peek(1).isSymbol('(')) && (peek(1) == null || !peek(1).isSymbol('.'))) {
            return name();
        }
        return restText();
    }

    /** The text from the current token to the end, as written. */
    String restText() {
        if (atEnd()) {
            return "";
        }
        String text = textBetween(tokens.get(index).start(), tokens.get(tokens.size() - 1).end());
        index = tokens.size();
        return text;
    }

    /** The text of tokens [from, index) as written. */
    String textFrom(int from) {
        if (from >= index) {
            return "";
        }
        return textBetween(tokens.get(from).start(), tokens.get(index - 1).end());
    }

    private String textBetween(int fromOffset, int toOffset) {
        return source.substring(fromOffset - base, toOffset - base);
    }

    /**
     * Advances to the next token at parenthesis depth 0 that is one of {@code stops} (keywords, or
     * ',' / ')' given as one-character strings) without consuming it, or to the end.
     */
    void skipUntil(String... stops) {
        int depth = 0;
        while (!atEnd()) {
            Token t = peek();
            if (depth == 0 && matchesAny(t, stops)) {
                return;
            }
            if (t.isSymbol('(') || t.isSymbol('[')) {
                depth++;
            } else if ((t.isSymbol(')') || t.isSymbol(']'))) {
                if (depth == 0) {
                    return;
                }
                depth--;
            }
            index++;
        }
    }

    /** Moves to just after the first depth-0 occurrence of the keyword; false (not moved) if absent. */
    boolean seekPast(String keyword) {
        int depth = 0;
        for (int i = index; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && t.is(keyword)) {
                index = i + 1;
                return true;
            }
        }
        return false;
    }

    List<Token> remaining() {
        return tokens.subList(index, tokens.size());
    }

    private static boolean matchesAny(Token t, String[] stops) {
        for (String stop : stops) {
            if (stop.length() == 1 && !Character.isLetter(stop.charAt(0)) ? t.isSymbol(stop.charAt(0)) : t.is(stop)) {
                return true;
            }
        }
        return false;
    }
}
