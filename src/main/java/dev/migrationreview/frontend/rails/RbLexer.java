package dev.migrationreview.frontend.rails;

import dev.migrationreview.frontend.dsl.Nesting;
import dev.migrationreview.frontend.dsl.TextScanner;
import dev.migrationreview.frontend.rails.RbToken.Kind;
import dev.migrationreview.frontend.rails.RbToken.Literal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Splits Ruby source into tokens for the migration DSL: identifiers, constants, keywords, labels
 * ({@code null:}), symbols, numbers, every string form (quotes with escapes and {@code #{}}
 * interpolation, {@code %q %Q %w %i} literals, heredocs including {@code <<~SQL}), regexps,
 * operators, comments and significant newlines. Ruby's context-dependent tokens ({@code %}, {@code /},
 * {@code <<}) are decided as Ruby does: after a value they are operators; after a method name and a
 * space, with no space after, they start a literal argument. Never throws.
 */
final class RbLexer extends TextScanner {

    private static final Set<String> KEYWORDS = Set.of(
            "alias", "and", "begin", "break", "case", "class", "def", "defined?", "do", "else", "elsif", "end",
            "ensure", "false", "for", "if", "in", "module", "next", "nil", "not", "or", "redo", "rescue", "retry",
            "return", "self", "super", "then", "true", "undef", "unless", "until", "when", "while", "yield",
            "__FILE__", "__LINE__", "__method__");
    private static final Set<String> VALUE_KEYWORDS = Set.of("end", "self", "nil", "true", "false", "__FILE__");
    private static final List<String> OPERATORS = List.of(
            "**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=",
            "**", "==", "!=", ">=", "<=", "&&", "||", "<<", ">>", "=~", "!~", "::", "..", "=>", "->", "+=", "-=",
            "*=", "/=", "%=", "|=", "&=", "^=", "&.",
            "+", "-", "*", "/", "%", "=", "<", ">", "!", "&", "|", "^", "~", "?", ":", ",", ".", ";",
            "(", ")", "[", "]", "{", "}");
    private static final List<String> SYMBOL_OPERATORS = List.of(
            "[]=", "[]", "<=>", "===", "==", "=~", "!=", "!~", "<=", ">=", "<<", ">>", "**", "+@", "-@",
            "+", "-", "*", "/", "%", "<", ">", "!", "&", "|", "^", "~");

    private final List<RbToken> tokens = new ArrayList<>();
    private final List<RbComment> comments = new ArrayList<>();
    private final List<PendingHeredoc> heredocs = new ArrayList<>();
    /** Strings inside interpolations inside strings: how deep the lexer is in them. */
    private int interpolationDepth;
    private boolean space;

    /** A {@code #} comment (or a line of {@code =begin}), and whether code precedes it on its line. */
    record RbComment(int line, String text, boolean trailing) {}

    record Result(List<RbToken> tokens, List<RbComment> comments) {}

    private record PendingHeredoc(int tokenIndex, String id, boolean squiggly, boolean indentedEnd, boolean interpolate) {}

    private RbLexer(String src) {
        super(src);
    }

    static Result lex(String src) {
        var lexer = new RbLexer(src);
        lexer.run();
        return new Result(List.copyOf(lexer.tokens), List.copyOf(lexer.comments));
    }

    private void run() {
        boolean lineStart = true;
        while (pos < src.length()) {
            if (lineStart) {
                lineStart = false;
                if (src.startsWith("=begin", pos) && (pos + 6 == src.length() || !Character.isLetterOrDigit(src.charAt(pos + 6)))) {
                    blockComment();
                    lineStart = true;
                    continue;
                }
                if (src.startsWith("__END__", pos) && (pos + 7 == src.length() || isLineBreak(pos + 7))) {
                    break;
                }
            }
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
                space = true;
            } else if (c == '\\' && isLineBreak(pos + 1)) {
                pos++;
                skipLineBreak();
                space = true;
            } else if (c == '\n' || c == '\r') {
                add(Kind.NEWLINE, pos, line, Optional.empty());
                skipLineBreak();
                readHeredocBodies();
                lineStart = true;
                space = true;
            } else if (c == '#') {
                comment();
            } else {
                token(c);
                space = false;
            }
        }
        add(Kind.END, pos, line, Optional.empty());
    }

    private void token(char c) {
        if (Character.isLetter(c) || c == '_' || c > 127) {
            word();
        } else if (Character.isDigit(c)) {
            number();
        } else if (c == '"' || c == '`') {
            int begin = pos;
            int startLine = line;
            pos++;
            var literal = quoted(c, c, true, startLine);
            add(Kind.STRING, begin, startLine, literal);
        } else if (c == '\'') {
            int begin = pos;
            int startLine = line;
            pos++;
            add(Kind.STRING, begin, startLine, quoted('\'', '\'', false, startLine));
        } else if (c == '@') {
            int begin = pos;
            Kind kind = src.startsWith("@@", pos) ? Kind.CVAR : Kind.IVAR;
            pos += kind == Kind.CVAR ? 2 : 1;
            identifierChars();
            add(kind, begin, line, Optional.empty());
        } else if (c == '$') {
            int begin = pos++;
            if (pos < src.length() && !isIdentifierStart(src.charAt(pos))) {
                pos++;
            } else {
                identifierChars();
            }
            add(Kind.GVAR, begin, line, Optional.empty());
        } else if (c == ':' && symbolStart()) {
            symbol();
        } else if (c == '%' && literalStart() && percentLiteral()) {
            return;
        } else if (c == '/' && literalStart()) {
            int begin = pos;
            int startLine = line;
            pos++;
            var literal = quoted('/', '/', true, startLine);
            while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
                pos++;
            }
            add(Kind.REGEX, begin, startLine, literal);
        } else if (c == '<' && src.startsWith("<<", pos) && literalStart() && heredoc()) {
            return;
        } else if (c == '?' && !valueBefore() && pos + 1 < src.length() && !Character.isWhitespace(src.charAt(pos + 1))
                && (pos + 2 >= src.length() || !isIdentifierPart(src.charAt(pos + 2)))) {
            int begin = pos;
            pos += 2;
            add(Kind.STRING, begin, line, Optional.of(new Literal(src.substring(begin + 1, pos), List.of(), List.of(),
                    line, true)));
        } else {
            operator();
        }
    }

    // ---- context ------------------------------------------------------------------------------

    private Optional<RbToken> last() {
        return tokens.isEmpty() ? Optional.empty() : Optional.of(tokens.get(tokens.size() - 1));
    }

    /** True when the previous token ends a value, so an ambiguous character is a binary operator. */
    private boolean valueBefore() {
        var last = last();
        if (last.isEmpty()) {
            return false;
        }
        RbToken t = last.get();
        return switch (t.kind()) {
            case IDENT, CONST, IVAR, GVAR, CVAR, NUMBER, STRING, SYMBOL, WORDS, SYMBOLS, REGEX -> true;
            case KEYWORD -> VALUE_KEYWORDS.contains(t.text());
            case OP -> t.text().equals(")") || t.text().equals("]") || t.text().equals("}");
            default -> false;
        };
    }

    /**
     * Whether an ambiguous character starts a literal: when no value precedes it, or when it follows
     * a method name and a space and is not followed by one ({@code execute %{...}}, {@code foo /re/}).
     */
    private boolean literalStart() {
        if (!valueBefore()) {
            return true;
        }
        var last = last().orElseThrow();
        return last.kind() == Kind.IDENT && space && pos + 1 < src.length() && !Character.isWhitespace(src.charAt(pos + 1))
                && src.charAt(pos + 1) != '=';
    }

    private boolean symbolStart() {
        if (pos + 1 >= src.length() || src.charAt(pos + 1) == ':') {
            return false;
        }
        if (valueBefore() && !space) {
            return false;
        }
        char next = src.charAt(pos + 1);
        if (isIdentifierStart(next) || next == '"' || next == '\'' || next == '@' || next == '$') {
            return true;
        }
        return SYMBOL_OPERATORS.stream().anyMatch(op -> src.startsWith(op, pos + 1));
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c > 127;
    }

    private void identifierChars() {
        while (pos < src.length() && isIdentifierPart(src.charAt(pos))) {
            pos++;
        }
    }

    // ---- words and numbers --------------------------------------------------------------------

    private void word() {
        int begin = pos;
        identifierChars();
        if (pos < src.length() && (src.charAt(pos) == '?' || src.charAt(pos) == '!')
                && (pos + 1 >= src.length() || src.charAt(pos + 1) != '=' || src.startsWith("==", pos + 1))
                && !(src.charAt(pos) == '?' && pos + 1 < src.length() && src.charAt(pos + 1) == ':')) {
            pos++;
        }
        String word = src.substring(begin, pos);
        boolean afterDot = last().filter(t -> t.isOp(".") || t.isOp("&.") || t.isKeyword("def")).isPresent();
        if (pos < src.length() && src.charAt(pos) == ':' && !src.startsWith("::", pos)
                && !last().filter(t -> t.isOp("?")).isPresent()) {
            pos++;
            tokens.add(new RbToken(Kind.LABEL, word, begin, pos, line, line, space, Optional.empty()));
            return;
        }
        Kind kind;
        if (!afterDot && (KEYWORDS.contains(word) || word.equals("defined?"))) {
            kind = Kind.KEYWORD;
        } else if (Character.isUpperCase(word.charAt(0))) {
            kind = Kind.CONST;
        } else {
            kind = Kind.IDENT;
        }
        add(kind, begin, line, Optional.empty());
    }

    private void number() {
        int begin = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_') {
                pos++;
            } else if (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                pos++;
            } else if ((c == '+' || c == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
                    && !src.substring(begin, pos).startsWith("0x")) {
                pos++;
            } else {
                break;
            }
        }
        add(Kind.NUMBER, begin, line, Optional.empty());
    }

    // ---- symbols and strings ------------------------------------------------------------------

    private void symbol() {
        int begin = pos;
        int startLine = line;
        pos++;
        char c = src.charAt(pos);
        if (c == '"' || c == '\'') {
            pos++;
            var literal = quoted(c, c, c == '"', startLine);
            add(Kind.SYMBOL, begin, startLine, literal);
            return;
        }
        if (isIdentifierStart(c) || c == '@' || c == '$') {
            while (pos < src.length() && (src.charAt(pos) == '@' || src.charAt(pos) == '$')) {
                pos++;
            }
            identifierChars();
            if (pos < src.length() && (src.charAt(pos) == '?' || src.charAt(pos) == '!' || src.charAt(pos) == '=')
                    && !src.startsWith("=>", pos) && !src.startsWith("==", pos)) {
                pos++;
            }
        } else {
            for (String op : SYMBOL_OPERATORS) {
                if (src.startsWith(op, pos)) {
                    pos += op.length();
                    break;
                }
            }
        }
        String name = src.substring(begin + 1, pos);
        add(Kind.SYMBOL, begin, startLine, Optional.of(new Literal(name, List.of(), List.of(), startLine, true)));
    }

    /** %w[] %i[] %q() %Q{} %{} %r{} %x() %s(); returns false for a plain modulo. */
    private boolean percentLiteral() {
        if (pos + 1 >= src.length()) {
            return false;
        }
        int begin = pos;
        int startLine = line;
        char type = src.charAt(pos + 1);
        int delimiterAt = Character.isLetter(type) ? pos + 2 : pos + 1;
        if (delimiterAt >= src.length()) {
            return false;
        }
        char open = src.charAt(delimiterAt);
        if (Character.isLetterOrDigit(open) || Character.isWhitespace(open)
                || Character.isLetter(type) && "wWiIqQrsx".indexOf(type) < 0) {
            return false;
        }
        char close = switch (open) {
            case '(' -> ')';
            case '[' -> ']';
            case '{' -> '}';
            case '<' -> '>';
            default -> open;
        };
        pos = delimiterAt + 1;
        boolean interpolate = !Character.isLetter(type) || "WIQrx".indexOf(type) >= 0;
        var literal = quoted(open, close, interpolate, startLine);
        if (literal.isEmpty()) {
            add(Kind.STRING, begin, startLine, literal);
            return true;
        }
        switch (type) {
            case 'w', 'W', 'i', 'I' -> {
                var words = List.of(literal.orElseThrow().value().strip().split("\\s+"));
                var value = new Literal(literal.get().value(), literal.get().interpolations(),
                        words.size() == 1 && words.get(0).isEmpty() ? List.of() : words, startLine, false);
                add(type == 'w' || type == 'W' ? Kind.WORDS : Kind.SYMBOLS, begin, startLine, Optional.of(value));
            }
            case 'r' -> {
                while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
                    pos++;
                }
                add(Kind.REGEX, begin, startLine, literal);
            }
            case 's' -> add(Kind.SYMBOL, begin, startLine, literal);
            default -> add(Kind.STRING, begin, startLine, literal);
        }
        return true;
    }

    /**
     * Reads a quoted body up to its closing delimiter (pos just after the opener). Paired delimiters
     * nest; double-quote style bodies decode escapes and keep {@code #{...}} interpolations.
     */
    private Optional<Literal> quoted(char open, char close, boolean interpolate, int startLine) {
        var value = new StringBuilder();
        var interpolations = new ArrayList<String>();
        int depth = 0;
        boolean exact = true;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length()) {
                char e = src.charAt(pos + 1);
                pos += 2;
                if (e == '\n' || e == '\r') {
                    pos--;
                    skipLineBreak();
                    exact = false;
                    if (!interpolate) {
                        value.append('\\').append('\n');
                    }
                } else if (interpolate) {
                    exact &= e != 'n';
                    value.append(escape(e));
                } else {
                    value.append(e == close || e == '\\' || e == open ? String.valueOf(e) : "\\" + e);
                }
            } else if (interpolate && c == '#' && pos + 1 < src.length() && src.charAt(pos + 1) == '{') {
                int begin = pos;
                pos += 2;
                skipCode('}');
                String code = src.substring(begin, pos);
                interpolations.add(code.substring(2, Math.max(2, code.length() - 1)));
                value.append(code);
            } else if (c == open && open != close) {
                depth++;
                value.append(c);
                pos++;
            } else if (c == close) {
                pos++;
                if (depth == 0) {
                    return Optional.of(new Literal(value.toString(), interpolations, List.of(), startLine, exact));
                }
                depth--;
                value.append(c);
            } else if (c == '\n' || c == '\r') {
                skipLineBreak();
                value.append('\n');
            } else {
                value.append(c);
                pos++;
            }
        }
        return Optional.empty();
    }

    private String escape(char e) {
        return switch (e) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 's' -> " ";
            case 'r' -> "\r";
            case '0' -> "\0";
            case 'e' -> "\u001b";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'v' -> "\u000b";
            case 'u' -> unicodeEscape();
            case 'x' -> hexEscape();
            default -> String.valueOf(e);
        };
    }

    private String unicodeEscape() {
        int end;
        String digits;
        if (pos < src.length() && src.charAt(pos) == '{') {
            end = src.indexOf('}', pos);
            if (end < 0) {
                return "u";
            }
            digits = src.substring(pos + 1, end);
            end++;
        } else {
            end = Math.min(src.length(), pos + 4);
            digits = src.substring(pos, end);
        }
        try {
            var out = new StringBuilder();
            for (String d : digits.strip().split("\\s+")) {
                out.appendCodePoint(Integer.parseInt(d, 16));
            }
            pos = end;
            return out.toString();
        } catch (IllegalArgumentException ex) {
            return "u";
        }
    }

    private String hexEscape() {
        int end = pos;
        while (end < src.length() && end < pos + 2 && Character.digit(src.charAt(end), 16) >= 0) {
            end++;
        }
        if (end == pos) {
            return "x";
        }
        String digits = src.substring(pos, end);
        pos = end;
        return String.valueOf((char) Integer.parseInt(digits, 16));
    }

    /**
     * Skips Ruby code inside an interpolation up to its closing brace, minding nested braces and
     * strings. A string in it may interpolate again; past {@link Nesting#LIMIT} levels the rest of
     * the file is taken as the unterminated literal it most likely is, rather than recursing on.
     */
    private void skipCode(char close) {
        int depth = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"' || c == '\'' || c == '`') {
                pos++;
                if (interpolationDepth >= Nesting.LIMIT) {
                    pos = src.length();
                    return;
                }
                interpolationDepth++;
                try {
                    quoted(c, c, c != '\'', line);
                } finally {
                    interpolationDepth--;
                }
            } else if (c == '{') {
                depth++;
                pos++;
            } else if (c == close) {
                pos++;
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (c == '\n' || c == '\r') {
                skipLineBreak();
            } else {
                pos++;
            }
        }
    }

    /** {@code <<~ID}, {@code <<-ID}, {@code <<ID}, quoted ids; the body is read at the end of the line. */
    private boolean heredoc() {
        int begin = pos;
        int at = pos + 2;
        boolean squiggly = at < src.length() && src.charAt(at) == '~';
        boolean dash = at < src.length() && src.charAt(at) == '-';
        if (squiggly || dash) {
            at++;
        }
        if (at >= src.length()) {
            return false;
        }
        char quote = src.charAt(at);
        String id;
        int end;
        if (quote == '\'' || quote == '"' || quote == '`') {
            end = src.indexOf(quote, at + 1);
            if (end < 0) {
                return false;
            }
            id = src.substring(at + 1, end);
            end++;
        } else {
            end = at;
            while (end < src.length() && isIdentifierPart(src.charAt(end))) {
                end++;
            }
            id = src.substring(at, end);
            if (id.isEmpty() || !squiggly && !dash && !Character.isUpperCase(id.charAt(0))) {
                return false;
            }
        }
        pos = end;
        heredocs.add(new PendingHeredoc(tokens.size(), id, squiggly, squiggly || dash, quote != '\''));
        add(Kind.STRING, begin, line, Optional.of(new Literal("", List.of(), List.of(), line + 1, true)));
        return true;
    }

    /** After a line break: the bodies of heredocs opened on that line, in order. */
    private void readHeredocBodies() {
        for (PendingHeredoc heredoc : heredocs) {
            int contentLine = line;
            var lines = new ArrayList<String>();
            boolean terminated = false;
            while (pos < src.length()) {
                String text = restOfLine();
                skipLineBreak();
                if ((heredoc.indentedEnd() ? text.strip() : text).equals(heredoc.id())) {
                    terminated = true;
                    break;
                }
                lines.add(text);
            }
            String value = String.join("\n", heredoc.squiggly() ? dedent(lines) : lines) + (lines.isEmpty() ? "" : "\n");
            var old = tokens.get(heredoc.tokenIndex());
            var interpolations = new ArrayList<String>();
            if (heredoc.interpolate()) {
                var m = java.util.regex.Pattern.compile("#\\{([^}]*)}").matcher(value);
                while (m.find()) {
                    interpolations.add(m.group(1));
                }
            }
            // The token keeps the opener's offsets but its lines run to the terminator, so a call
            // passing a heredoc spans the heredoc's body.
            tokens.set(heredoc.tokenIndex(), new RbToken(terminated ? Kind.STRING : Kind.ERROR,
                    terminated ? old.text() : "unterminated heredoc " + heredoc.id(), old.start(), old.end(), old.line(),
                    Math.max(old.endLine(), line - 1), old.spaceBefore(),
                    Optional.of(new Literal(value, interpolations, List.of(), contentLine, true))));
        }
        heredocs.clear();
    }

    private static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                int i = 0;
                while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
                    i++;
                }
                indent = Math.min(indent, i);
            }
        }
        int cut = indent == Integer.MAX_VALUE ? 0 : indent;
        return lines.stream().map(l -> l.length() >= cut ? l.substring(cut) : l.strip()).toList();
    }

    // ---- operators, comments, lines -----------------------------------------------------------

    private void operator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                int begin = pos;
                pos += op.length();
                add(Kind.OP, begin, line, Optional.empty());
                return;
            }
        }
        int begin = pos++;
        tokens.add(new RbToken(Kind.ERROR, "unexpected character '" + src.charAt(begin) + "'", begin, pos, line, line,
                space, Optional.empty()));
    }

    private void comment() {
        boolean trailing = last().filter(t -> t.kind() != Kind.NEWLINE && t.line() == line).isPresent();
        int commentLine = line;
        comments.add(new RbComment(commentLine, restOfLine().substring(1).strip(), trailing));
    }

    private void blockComment() {
        while (pos < src.length()) {
            int commentLine = line;
            String text = restOfLine();
            comments.add(new RbComment(commentLine, text, false));
            skipLineBreak();
            if (text.startsWith("=end")) {
                return;
            }
        }
    }

    private void add(Kind kind, int begin, int startLine, Optional<Literal> literal) {
        if (kind == Kind.STRING || kind == Kind.SYMBOL || kind == Kind.REGEX || kind == Kind.WORDS
                || kind == Kind.SYMBOLS) {
            if (literal.isEmpty()) {
                tokens.add(new RbToken(Kind.ERROR, "unterminated literal", begin, pos, startLine, line, space,
                        Optional.empty()));
                return;
            }
        }
        tokens.add(new RbToken(kind, src.substring(begin, pos), begin, pos, startLine, line, space, literal));
    }
}
