package dev.migrationreview.frontend.rails;

import dev.migrationreview.frontend.dsl.Nesting;
import dev.migrationreview.frontend.dsl.Span;
import dev.migrationreview.frontend.rails.RbNode.Pair;
import dev.migrationreview.frontend.rails.RbToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A recursive-descent reader of the Ruby that migrations are written in: classes, methods,
 * blocks ({@code do ... end} and braces), calls with and without parentheses, keyword options,
 * conditionals (also as modifiers), loops, begin/rescue and the usual operators. Command calls
 * take {@code do} blocks, nested calls take brace blocks, as in Ruby. A statement it cannot read
 * becomes {@link RbNode.Unknown} with its span and reason; reading goes on after it.
 */
final class RbParser {

    private static final Set<String> BODY_END = Set.of("end", "else", "elsif", "when", "in", "rescue", "ensure");
    private static final Set<String> MODIFIERS = Set.of("if", "unless", "while", "until", "rescue");
    private static final Set<String> ARGUMENT_KEYWORDS = Set.of("nil", "true", "false", "self", "not", "defined?",
            "super", "yield", "__FILE__", "__method__", "lambda", "proc");
    private static final List<List<String>> BINARY_LEVELS = List.of(
            List.of("||"), List.of("&&"),
            List.of("<=>", "==", "===", "!=", "=~", "!~"), List.of("<", "<=", ">", ">="),
            List.of("|", "^"), List.of("&"), List.of("<<", ">>"), List.of("+", "-"), List.of("*", "/", "%"));
    private static final Set<String> ASSIGNMENTS = Set.of("=", "+=", "-=", "*=", "/=", "%=", "**=", "||=", "&&=",
            "|=", "&=", "^=", "<<=", ">>=");

    private final List<RbToken> tokens;
    private int i;
    /** While above zero, calls met in a command's arguments leave a {@code do} block to the command. */
    private int noDo;
    private final Deque<Set<String>> locals = new ArrayDeque<>();
    /** The closing brackets of the brace blocks and parentheses being read, innermost first. */
    private final Deque<String> closers = new ArrayDeque<>();
    private final Nesting nesting = new Nesting();

    private RbParser(List<RbToken> tokens) {
        this.tokens = tokens;
        locals.push(new HashSet<>());
    }

    /** A parsed Ruby file: its top-level statements and comments. */
    record Program(List<RbNode> body, List<RbLexer.RbComment> comments) {}

    static Program parse(String src) {
        var lexed = RbLexer.lex(src);
        var parser = new RbParser(lexed.tokens());
        var body = new ArrayList<RbNode>();
        while (parser.peek().kind() != Kind.END) {
            body.addAll(parser.statements(Set.of()));
            if (parser.peek().kind() != Kind.END) {
                RbToken stray = parser.next();
                body.add(new RbNode.Unknown("unexpected '" + stray.text() + "'", span(stray, stray)));
            }
        }
        return new Program(body, lexed.comments());
    }

    private static final class ParseError extends RuntimeException {
        ParseError(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads a nested construct, or gives up on the statement past {@link Nesting#LIMIT} levels. */
    private <T> T nested(java.util.function.Supplier<T> read) {
        return nesting.deeper(read, () -> new ParseError("nested more than " + Nesting.LIMIT + " levels deep on line "
                + peek().line()));
    }

    // ---- statements ---------------------------------------------------------------------------

    /** Statements up to (not including) a keyword in {@code terminators}, a body keyword, '}' or the end. */
    private List<RbNode> statements(Set<String> terminators) {
        var body = new ArrayList<RbNode>();
        while (true) {
            skipTerminators();
            RbToken t = peek();
            if ((t.isOp("}") || t.isOp(")")) && !t.text().equals(closers.peek())) {
                next();
                body.add(new RbNode.Unknown("unexpected '" + t.text() + "' on line " + t.line(), span(t, t)));
                continue;
            }
            if (t.kind() == Kind.END || t.isOp("}") || t.isOp(")")
                    || t.kind() == Kind.KEYWORD && (BODY_END.contains(t.text()) || terminators.contains(t.text()))) {
                return body;
            }
            int begin = i;
            try {
                body.add(statement());
                if (!atStatementEnd()) {
                    throw new ParseError("unexpected " + describe(peek()) + " on line " + peek().line());
                }
            } catch (ParseError e) {
                i = begin;
                body.add(recover(e.getMessage()));
            }
        }
    }

    private void skipTerminators() {
        while (peek().kind() == Kind.NEWLINE || peek().isOp(";")) {
            i++;
        }
    }

    private boolean atStatementEnd() {
        RbToken t = peek();
        return t.kind() == Kind.NEWLINE || t.kind() == Kind.END || t.isOp(";") || t.isOp("}") || t.isOp(")")
                || t.kind() == Kind.KEYWORD && (BODY_END.contains(t.text()) || t.text().equals("then"));
    }

    /**
     * Skips a statement that could not be read: to the end of its line, or of the block it opens
     * ({@code do}/{@code def}/... up to the matching {@code end}).
     */
    private RbNode recover(String message) {
        RbToken first = peek();
        RbToken last = first;
        int depth = 0;
        boolean lineStart = true;
        while (peek().kind() != Kind.END) {
            RbToken t = peek();
            if (depth <= 0 && t.kind() == Kind.NEWLINE) {
                break;
            }
            if (depth <= 0 && (t.isOp("}") || t.isOp(")")) && last != first) {
                break;
            }
            next();
            if (t.kind() == Kind.KEYWORD) {
                switch (t.text()) {
                    case "do", "def", "class", "module", "case", "begin" -> depth++;
                    case "if", "unless", "while", "until" -> depth += lineStart ? 1 : 0;
                    case "end" -> depth--;
                    default -> { }
                }
            } else if (t.kind() == Kind.OP && ("([{".contains(t.text()) || t.text().equals("->"))) {
                depth += t.text().equals("->") ? 0 : 1;
            } else if (t.kind() == Kind.OP && ")]}".contains(t.text())) {
                depth--;
            }
            lineStart = t.kind() == Kind.NEWLINE || t.isOp(";");
            if (t.kind() != Kind.NEWLINE) {
                last = t;
            }
        }
        return new RbNode.Unknown(message, span(first, last));
    }

    private RbNode statement() {
        RbNode node = notExpression();
        while (peek().kind() == Kind.KEYWORD && (MODIFIERS.contains(peek().text())
                || peek().text().equals("and") || peek().text().equals("or"))) {
            RbToken modifier = next();
            switch (modifier.text()) {
                case "if", "unless" -> {
                    RbNode condition = notExpression();
                    node = new RbNode.If(condition, modifier.text().equals("unless"), List.of(node), List.of(),
                            node.span().to(condition.span()));
                }
                case "rescue" -> {
                    RbNode fallback = notExpression();
                    node = new RbNode.Compound("rescue", List.of(node), List.of(fallback), node.span().to(fallback.span()));
                }
                case "and", "or" -> {
                    skipNewlines();
                    RbNode right = notExpression();
                    node = new RbNode.Binary(modifier.text(), node, right, node.span().to(right.span()));
                }
                default -> {
                    RbNode condition = notExpression();
                    node = new RbNode.Compound(modifier.text(), List.of(node), List.of(), node.span().to(condition.span()));
                }
            }
        }
        return node;
    }

    private RbNode notExpression() {
        if (peek().isKeyword("not")) {
            RbToken not = next();
            RbNode operand = nested(this::notExpression);
            return new RbNode.Other("not", spanFrom(not, operand));
        }
        return expression();
    }

    // ---- expressions --------------------------------------------------------------------------

    private RbNode expression() {
        RbToken first = peek();
        RbNode left = ternary();
        if (peek().kind() == Kind.OP && peek().isOp(",") && isAssignable(left) && multipleAssignment()) {
            var targets = new ArrayList<RbNode>();
            targets.add(left);
            while (acceptOp(",")) {
                targets.add(ternary());
            }
            RbToken op = next();
            skipNewlines();
            RbNode value = statementValue();
            targets.forEach(this::declare);
            return new RbNode.Assign(new RbNode.Array(targets, spanFrom(first, targets.get(targets.size() - 1))),
                    op.text(), value, spanFrom(first, value));
        }
        if (peek().kind() == Kind.OP && ASSIGNMENTS.contains(peek().text()) && isAssignable(left)) {
            String op = next().text();
            skipNewlines();
            declare(left);
            RbNode value = statementValue();
            return new RbNode.Assign(left, op, value, spanFrom(first, value));
        }
        return left;
    }

    /** The right side of an assignment: an expression, a command call, or a list ({@code a = 1, 2}). */
    private RbNode statementValue() {
        RbToken first = peek();
        RbNode value = expression();
        if (peek().isOp(",")) {
            var elements = new ArrayList<RbNode>();
            elements.add(value);
            while (acceptOp(",")) {
                skipNewlines();
                elements.add(expression());
            }
            return new RbNode.Array(elements, spanFrom(first, elements.get(elements.size() - 1)));
        }
        return value;
    }

    /** {@code a, b = ...}: a comma-separated target list that ends in an assignment on this line. */
    private boolean multipleAssignment() {
        for (int j = i; j < tokens.size(); j++) {
            RbToken t = tokens.get(j);
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.END || t.kind() == Kind.KEYWORD) {
                return false;
            }
            if (t.isOp("=")) {
                return true;
            }
            if (t.kind() == Kind.OP && !t.isOp(",") && !t.isOp("*") && !t.isOp(".")) {
                return false;
            }
        }
        return false;
    }

    private static boolean isAssignable(RbNode node) {
        return node instanceof RbNode.Var || node instanceof RbNode.Const || node instanceof RbNode.Index
                || node instanceof RbNode.Splat
                || node instanceof RbNode.Call c && c.args().isEmpty() && c.options().isEmpty() && c.block().isEmpty();
    }

    private void declare(RbNode target) {
        if (target instanceof RbNode.Call c && c.receiver().isEmpty()) {
            locals.peek().add(c.name());
        } else if (target instanceof RbNode.Var v) {
            locals.peek().add(v.name());
        }
    }

    private RbNode ternary() {
        RbToken first = peek();
        RbNode condition = range();
        if (peek().isOp("?")) {
            next();
            skipNewlines();
            nested(this::ternary);
            skipNewlines();
            if (!acceptOp(":") && !(peek().kind() == Kind.SYMBOL)) {
                throw new ParseError("expected ':' in a conditional expression on line " + peek().line());
            }
            skipNewlines();
            RbNode otherwise = nested(this::ternary);
            return new RbNode.Other("conditional expression", spanFrom(first, otherwise));
        }
        return condition;
    }

    private RbNode range() {
        RbToken first = peek();
        RbNode left = binary(0);
        if (peek().isOp("..") || peek().isOp("...")) {
            next();
            if (startsOperand(peek())) {
                RbNode right = binary(0);
                return new RbNode.Other("range", spanFrom(first, right));
            }
            return new RbNode.Other("range", spanFrom(first, left));
        }
        return left;
    }

    private RbNode binary(int level) {
        if (level == BINARY_LEVELS.size()) {
            return unaryMinus();
        }
        RbToken first = peek();
        RbNode left = binary(level + 1);
        while (peek().kind() == Kind.OP && BINARY_LEVELS.get(level).contains(peek().text())) {
            String op = next().text();
            skipNewlines();
            RbNode right = binary(level + 1);
            left = new RbNode.Binary(op, left, right, spanFrom(first, right));
        }
        return left;
    }

    private RbNode unaryMinus() {
        RbToken first = peek();
        if (first.isOp("-")) {
            next();
            RbNode operand = nested(this::unaryMinus);
            if (operand instanceof RbNode.Num n) {
                return new RbNode.Num("-" + n.text(), spanFrom(first, operand));
            }
            return new RbNode.Other("negation", spanFrom(first, operand));
        }
        return power();
    }

    private RbNode power() {
        RbToken first = peek();
        RbNode base = unary();
        if (acceptOp("**")) {
            RbNode exponent = nested(this::unaryMinus);
            return new RbNode.Binary("**", base, exponent, spanFrom(first, exponent));
        }
        return base;
    }

    private RbNode unary() {
        RbToken first = peek();
        if (first.isOp("!") || first.isOp("~") || first.isOp("+")) {
            next();
            RbNode operand = nested(this::unary);
            return new RbNode.Other("unary " + first.text(), spanFrom(first, operand));
        }
        if (first.isKeyword("defined?")) {
            next();
            RbNode operand = nested(this::unary);
            return new RbNode.Other("defined?", spanFrom(first, operand));
        }
        return postfix(primary());
    }

    /** Method calls, scope lookups and indexing after a primary, across leading-dot line breaks. */
    private RbNode postfix(RbNode node) {
        while (true) {
            if (peek().kind() == Kind.NEWLINE && nextSignificant().filter(t -> t.isOp(".") || t.isOp("&.")).isPresent()) {
                skipNewlines();
            }
            RbToken t = peek();
            if (t.isOp(".") || t.isOp("&.")) {
                next();
                skipNewlines();
                RbToken name = next();
                if (name.isOp("(")) {
                    node = callRest(node, "call", name, true);
                    continue;
                }
                if (name.kind() == Kind.LABEL) {
                    // `x.y:` cannot occur; a label here is a method name followed by a symbol-less colon.
                    throw new ParseError("unexpected label after '.' on line " + name.line());
                }
                if (name.kind() != Kind.IDENT && name.kind() != Kind.CONST && name.kind() != Kind.KEYWORD) {
                    throw new ParseError("expected a method name after '.' on line " + name.line());
                }
                node = callRest(node, name.text(), name, false);
            } else if (t.isOp("::") && !t.spaceBefore()) {
                next();
                RbToken name = next();
                if (name.kind() == Kind.CONST && !peek().isOp("(")) {
                    node = new RbNode.Const(pathOf(node) + "::" + name.text(), spanFrom(node, name));
                } else {
                    node = callRest(node, name.text(), name, false);
                }
            } else if (t.isOp("[") && !t.spaceBefore()) {
                next();
                var args = new ArrayList<RbNode>();
                var options = new ArrayList<Pair>();
                arguments("]", args, options);
                RbToken close = tokens.get(i - 1);
                node = new RbNode.Index(node, args, spanFrom(node, close));
            } else {
                return node;
            }
        }
    }

    private static String pathOf(RbNode node) {
        return node instanceof RbNode.Const c ? c.path() : "?";
    }

    /** A call after its name: parenthesised or command arguments, then a block. */
    private RbNode callRest(Optional<RbNode> receiver, String name, RbToken nameToken, boolean openParenConsumed,
                            Span start) {
        var args = new ArrayList<RbNode>();
        var options = new ArrayList<Pair>();
        RbToken last = nameToken;
        if (openParenConsumed || peek().isOp("(") && !peek().spaceBefore()) {
            if (!openParenConsumed) {
                next();
            }
            int saved = noDo;
            noDo = 0;
            arguments(")", args, options);
            noDo = saved;
            last = tokens.get(i - 1);
        } else if (startsCommandArgument(peek())) {
            noDo++;
            try {
                commandArguments(args, options);
            } finally {
                noDo--;
            }
            last = tokens.get(i - 1);
        }
        Optional<RbNode.Block> block = block();
        int endLine = Math.max(lastLine(args, options, last.endLine()), block.map(b -> b.span().endLine()).orElse(0));
        Span span = new Span(start.start(), block.map(b -> b.span().end()).orElse(last.end()), start.line(), endLine);
        return new RbNode.Call(receiver, name, args, options, block, span);
    }

    /** The last line an argument reaches (a heredoc argument's body ends after the call's last token). */
    private static int lastLine(List<RbNode> args, List<Pair> options, int line) {
        int last = line;
        for (RbNode arg : args) {
            last = Math.max(last, arg.span().endLine());
        }
        for (Pair option : options) {
            last = Math.max(last, option.value().span().endLine());
        }
        return last;
    }

    private RbNode callRest(RbNode receiver, String name, RbToken nameToken, boolean parenConsumed) {
        return callRest(Optional.of(receiver), name, nameToken, parenConsumed, receiver.span());
    }

    private Optional<RbNode.Block> block() {
        RbToken open = peek();
        if (open.isOp("{")) {
            next();
            return Optional.of(blockBody(open, "}"));
        }
        if (open.isKeyword("do") && noDo == 0) {
            next();
            return Optional.of(blockBody(open, "end"));
        }
        return Optional.empty();
    }

    private RbNode.Block blockBody(RbToken open, String close) {
        locals.push(new HashSet<>(locals.peek()));
        int saved = noDo;
        noDo = 0;
        try {
            skipNewlines();
            var parameters = new ArrayList<String>();
            if (acceptOp("||")) {
                // empty parameter list
            } else if (acceptOp("|")) {
                while (!acceptOp("|")) {
                    RbToken t = next();
                    if (t.kind() == Kind.END || t.kind() == Kind.NEWLINE && peek().kind() == Kind.END) {
                        throw new ParseError("unclosed block parameters");
                    }
                    if (t.kind() == Kind.IDENT || t.kind() == Kind.LABEL) {
                        parameters.add(t.text());
                    }
                }
            }
            locals.peek().addAll(parameters);
            List<RbNode> body;
            if (close.equals("end")) {
                body = bodyWithRescue(open);
            } else {
                closers.push("}");
                try {
                    body = statements(Set.of());
                } finally {
                    closers.pop();
                }
                skipTerminators();
                expectOp("}");
            }
            return new RbNode.Block(parameters, body, span(open, tokens.get(i - 1)));
        } finally {
            noDo = saved;
            locals.pop();
        }
    }

    /** A body up to {@code end}, with rescue/else/ensure clauses; rescue bodies are kept apart by the caller. */
    private List<RbNode> bodyWithRescue(RbToken open) {
        closers.push("end");
        try {
            return clauses(open);
        } finally {
            closers.pop();
        }
    }

    private List<RbNode> clauses(RbToken open) {
        var body = new ArrayList<>(statements(Set.of()));
        while (peek().kind() == Kind.KEYWORD && !peek().isKeyword("end")) {
            RbToken clause = next();
            switch (clause.text()) {
                case "rescue" -> {
                    while (!atLineEnd()) {
                        next();
                    }
                    var rescued = statements(Set.of());
                    body.add(new RbNode.Compound("rescue", List.of(), rescued, span(clause, tokens.get(i - 1))));
                }
                case "else", "ensure" -> body.addAll(statements(Set.of()));
                default -> throw new ParseError("unexpected '" + clause.text() + "' in the block opened on line "
                        + open.line());
            }
        }
        expectKeyword("end", open);
        return body;
    }

    private boolean atLineEnd() {
        return peek().kind() == Kind.NEWLINE || peek().isOp(";") || peek().isKeyword("then")
                || peek().kind() == Kind.END;
    }

    /** Arguments inside brackets up to {@code close}; newlines are insignificant there. */
    private void arguments(String close, List<RbNode> args, List<Pair> options) {
        skipNewlines();
        while (!acceptOp(close)) {
            argument(args, options);
            skipNewlines();
            if (!peek().isOp(close)) {
                expectOp(",");
                skipNewlines();
            }
        }
    }

    /** Arguments of a call without parentheses, up to the end of the line (a trailing comma continues it). */
    private void commandArguments(List<RbNode> args, List<Pair> options) {
        do {
            skipNewlines();
            argument(args, options);
        } while (acceptOp(","));
    }

    private void argument(List<RbNode> args, List<Pair> options) {
        RbToken t = peek();
        if (t.kind() == Kind.LABEL) {
            next();
            skipNewlines();
            RbNode key = new RbNode.Sym(t.text(), span(t, t));
            if (peek().isOp(",") || peek().isOp(")")) {
                options.add(new Pair(key, new RbNode.Var(t.text(), span(t, t))));
                return;
            }
            options.add(new Pair(key, argumentValue()));
            return;
        }
        if (t.isOp("*") || t.isOp("**") || t.isOp("&")) {
            next();
            RbNode value = t.isOp("&") && peek().kind() == Kind.SYMBOL ? primary() : argumentValue();
            args.add(new RbNode.Splat(t.text(), value, spanFrom(t, value)));
            return;
        }
        RbNode value = argumentValue();
        if (acceptOp("=>")) {
            skipNewlines();
            options.add(new Pair(value, argumentValue()));
            return;
        }
        args.add(value);
    }

    private RbNode argumentValue() {
        return expression();
    }

    /** Whether a token can begin an argument of a call written without parentheses. */
    private boolean startsCommandArgument(RbToken t) {
        if (!t.spaceBefore()) {
            return false;
        }
        return switch (t.kind()) {
            case STRING, SYMBOL, NUMBER, WORDS, SYMBOLS, IDENT, CONST, IVAR, GVAR, CVAR, LABEL, REGEX -> true;
            case KEYWORD -> ARGUMENT_KEYWORDS.contains(t.text());
            case OP -> switch (t.text()) {
                case "[", "->", "::" -> true;
                case "(" -> true;
                case "*", "**", "&", "-", "!", ":" -> !nextToken().spaceBefore();
                default -> false;
            };
            default -> false;
        };
    }

    private boolean startsOperand(RbToken t) {
        return switch (t.kind()) {
            case STRING, SYMBOL, NUMBER, IDENT, CONST, IVAR, GVAR, CVAR -> true;
            case OP -> t.isOp("(") || t.isOp("-");
            default -> false;
        };
    }

    // ---- primaries ----------------------------------------------------------------------------

    /** Parentheses, brackets, blocks and the bodies of keywords nest through here. */
    private RbNode primary() {
        return nested(this::primaryAtThisLevel);
    }

    private RbNode primaryAtThisLevel() {
        RbToken t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                next();
                return new RbNode.Num(t.text().replace("_", ""), span(t, t));
            }
            case STRING -> {
                return strings();
            }
            case SYMBOL -> {
                next();
                return new RbNode.Sym(t.literal().orElseThrow().value(), span(t, t));
            }
            case WORDS, SYMBOLS -> {
                next();
                return new RbNode.Words(t.literal().orElseThrow().words(), t.kind() == Kind.SYMBOLS, span(t, t));
            }
            case REGEX -> {
                next();
                return new RbNode.Other("regexp", span(t, t));
            }
            case IVAR, GVAR, CVAR -> {
                next();
                return new RbNode.Var(t.text(), span(t, t));
            }
            case CONST -> {
                next();
                if (peek().isOp("(") && !peek().spaceBefore()) {
                    return callRest(Optional.empty(), t.text(), t, false, span(t, t));
                }
                if (peek().kind() == Kind.STRING && peek().spaceBefore() && startsCommandArgument(peek())) {
                    return callRest(Optional.empty(), t.text(), t, false, span(t, t));
                }
                return new RbNode.Const(t.text(), span(t, t));
            }
            case IDENT -> {
                next();
                return identifier(t);
            }
            case LABEL -> {
                // `{ a: 1 }` style keys outside an argument list: a hash without braces
                var options = new ArrayList<Pair>();
                var args = new ArrayList<RbNode>();
                argument(args, options);
                while (acceptOp(",")) {
                    skipNewlines();
                    argument(args, options);
                }
                return new RbNode.Hash(options, spanFrom(t, tokens.get(i - 1)));
            }
            case KEYWORD -> {
                return keyword(t);
            }
            case OP -> {
                return operatorPrimary(t);
            }
            case ERROR -> throw new ParseError(t.text() + " on line " + t.line());
            default -> throw new ParseError("unexpected " + describe(t) + " on line " + t.line());
        }
    }

    /** Adjacent string literals concatenate, as in Ruby ({@code "a" "b"}). */
    private RbNode strings() {
        RbToken first = next();
        RbToken.Literal literal = first.literal().orElseThrow();
        RbToken last = first;
        while (peek().kind() == Kind.STRING && peek().line() == last.endLine() && !isHeredoc(peek())) {
            RbToken more = next();
            var other = more.literal().orElseThrow();
            var interpolations = new ArrayList<>(literal.interpolations());
            interpolations.addAll(other.interpolations());
            literal = new RbToken.Literal(literal.value() + other.value(), interpolations, List.of(), literal.contentLine(),
                    false);
            last = more;
        }
        return new RbNode.Str(literal, span(first, last));
    }

    private static boolean isHeredoc(RbToken t) {
        return t.text().startsWith("<<");
    }

    private RbNode identifier(RbToken name) {
        if (peek().isOp("(") && !peek().spaceBefore()) {
            return callRest(Optional.empty(), name.text(), name, false, span(name, name));
        }
        if (locals.peek().contains(name.text()) && !peek().isOp("{") && !(peek().isKeyword("do") && noDo == 0)) {
            return new RbNode.Var(name.text(), span(name, name));
        }
        return callRest(Optional.empty(), name.text(), name, false, span(name, name));
    }

    private RbNode keyword(RbToken t) {
        switch (t.text()) {
            case "nil", "true", "false", "self", "__FILE__", "__LINE__", "__method__" -> {
                next();
                return new RbNode.Literal(t.text(), span(t, t));
            }
            case "def" -> {
                return definition();
            }
            case "class", "module" -> {
                return classDefinition();
            }
            case "if", "unless" -> {
                next();
                return conditional(t);
            }
            case "while", "until" -> {
                next();
                loopHeader();
                var body = statements(Set.of());
                expectKeyword("end", t);
                return new RbNode.Compound(t.text(), body, List.of(), span(t, tokens.get(i - 1)));
            }
            case "for" -> {
                next();
                while (!peek().isKeyword("in")) {
                    if (next().kind() == Kind.END) {
                        throw new ParseError("for without in");
                    }
                }
                next();
                loopHeader();
                var body = statements(Set.of());
                expectKeyword("end", t);
                return new RbNode.Compound("for", body, List.of(), span(t, tokens.get(i - 1)));
            }
            case "case" -> {
                return caseExpression();
            }
            case "begin" -> {
                next();
                var body = new ArrayList<RbNode>();
                var rescue = new ArrayList<RbNode>();
                body.addAll(statements(Set.of()));
                while (peek().kind() == Kind.KEYWORD && !peek().isKeyword("end")) {
                    RbToken clause = next();
                    while (clause.isKeyword("rescue") && !atLineEnd()) {
                        next();
                    }
                    (clause.isKeyword("rescue") ? rescue : body).addAll(statements(Set.of()));
                }
                expectKeyword("end", t);
                return new RbNode.Compound("begin", body, rescue, span(t, tokens.get(i - 1)));
            }
            case "return", "break", "next", "redo", "retry" -> {
                next();
                if (atStatementEnd() || peek().kind() == Kind.KEYWORD && MODIFIERS.contains(peek().text())) {
                    return new RbNode.Return(t.text(), Optional.empty(), span(t, t));
                }
                RbNode value = statementValue();
                return new RbNode.Return(t.text(), Optional.of(value), spanFrom(t, value));
            }
            case "super", "yield" -> {
                next();
                return callRest(Optional.empty(), t.text(), t, false, span(t, t));
            }
            case "defined?" -> {
                return unary();
            }
            case "alias", "undef" -> {
                next();
                RbToken last = t;
                while (!atStatementEnd()) {
                    last = next();
                }
                return new RbNode.Other(t.text(), span(t, last));
            }
            default -> throw new ParseError("unexpected keyword '" + t.text() + "' on line " + t.line());
        }
    }

    /** A loop condition, whose optional {@code do} belongs to the loop, not to a call in it. */
    private void loopHeader() {
        noDo++;
        try {
            notExpression();
        } finally {
            noDo--;
        }
        acceptKeyword("do");
    }

    private RbNode operatorPrimary(RbToken t) {
        switch (t.text()) {
            case "(" -> {
                next();
                skipNewlines();
                if (acceptOp(")")) {
                    return new RbNode.Literal("nil", span(t, tokens.get(i - 1)));
                }
                closers.push(")");
                List<RbNode> body;
                try {
                    body = statements(Set.of());
                } finally {
                    closers.pop();
                }
                skipTerminators();
                expectOp(")");
                RbToken close = tokens.get(i - 1);
                return body.size() == 1 ? body.get(0) : new RbNode.Other("parenthesised statements", span(t, close));
            }
            case "[" -> {
                next();
                var args = new ArrayList<RbNode>();
                var options = new ArrayList<Pair>();
                arguments("]", args, options);
                if (!options.isEmpty()) {
                    args.add(new RbNode.Hash(options, span(t, tokens.get(i - 1))));
                }
                return new RbNode.Array(args, span(t, tokens.get(i - 1)));
            }
            case "{" -> {
                next();
                var args = new ArrayList<RbNode>();
                var options = new ArrayList<Pair>();
                arguments("}", args, options);
                return new RbNode.Hash(options, span(t, tokens.get(i - 1)));
            }
            case "->" -> {
                next();
                if (peek().isOp("(")) {
                    next();
                    parameterList(")", new ArrayList<>());
                } else {
                    while (peek().kind() == Kind.IDENT || peek().isOp(",")) {
                        next();
                    }
                }
                var body = block();
                if (body.isEmpty()) {
                    throw new ParseError("lambda without a body on line " + t.line());
                }
                return new RbNode.Call(Optional.empty(), "lambda", List.of(), List.of(), body, span(t, tokens.get(i - 1)));
            }
            case "::" -> {
                next();
                RbToken name = next();
                return new RbNode.Const("::" + name.text(), span(t, name));
            }
            case "*", "**", "&" -> {
                next();
                RbNode value = unary();
                return new RbNode.Splat(t.text(), value, spanFrom(t, value));
            }
            case ".." , "..." -> {
                next();
                RbNode end = binary(0);
                return new RbNode.Other("range", spanFrom(t, end));
            }
            default -> throw new ParseError("unexpected '" + t.text() + "' on line " + t.line());
        }
    }

    private RbNode definition() {
        RbToken def = next();
        boolean singleton = false;
        RbToken name = next();
        if ((name.text().equals("self") || name.kind() == Kind.CONST) && peek().isOp(".")) {
            next();
            singleton = true;
            name = next();
        }
        if (name.kind() == Kind.NEWLINE || name.kind() == Kind.END) {
            throw new ParseError("def without a name on line " + def.line());
        }
        String methodName = name.text();
        if (name.kind() == Kind.IDENT && peek().isOp("=") && !peek().spaceBefore() && tokens.get(i + 1).isOp("(")) {
            next();
            methodName += "=";
        }
        locals.push(new HashSet<>());
        try {
            var parameters = new ArrayList<String>();
            if (peek().isOp("(")) {
                next();
                parameterList(")", parameters);
            } else if (!atLineEnd() && !peek().isOp("=")) {
                parameterList(null, parameters);
            }
            locals.peek().addAll(parameters);
            if (acceptOp("=")) {
                skipNewlines();
                RbNode value = statement();
                return new RbNode.Def(methodName, singleton, parameters, List.of(value), spanFrom(def, value));
            }
            var body = bodyWithRescue(def);
            return new RbNode.Def(methodName, singleton, parameters, body, span(def, tokens.get(i - 1)));
        } finally {
            locals.pop();
        }
    }

    /** Parameter names up to {@code close} (or the end of the line); defaults are skipped. */
    private void parameterList(String close, List<String> parameters) {
        boolean expectName = true;
        int depth = 0;
        while (true) {
            RbToken t = peek();
            if (t.kind() == Kind.END || close == null && depth == 0 && (t.kind() == Kind.NEWLINE || t.isOp(";"))) {
                return;
            }
            next();
            if (close != null && depth == 0 && t.isOp(close)) {
                return;
            }
            if (t.kind() == Kind.OP && "([{".contains(t.text())) {
                depth++;
            } else if (t.kind() == Kind.OP && ")]}".contains(t.text())) {
                depth--;
            } else if (depth == 0 && t.isOp(",")) {
                expectName = true;
            } else if (depth == 0 && expectName && (t.kind() == Kind.IDENT || t.kind() == Kind.LABEL)) {
                parameters.add(t.text());
                expectName = false;
            }
        }
    }

    private RbNode classDefinition() {
        RbToken keyword = next();
        if (keyword.isKeyword("class") && peek().isOp("<<")) {
            next();
            notExpression();
            var body = statements(Set.of());
            expectKeyword("end", keyword);
            return new RbNode.ClassDef("class", "<< self", Optional.empty(), body, span(keyword, tokens.get(i - 1)));
        }
        var name = new StringBuilder();
        name.append(next().text());
        while (peek().isOp("::")) {
            next();
            name.append("::").append(next().text());
        }
        Optional<RbNode> superclass = Optional.empty();
        if (keyword.isKeyword("class") && acceptOp("<")) {
            superclass = Optional.of(expression());
        }
        locals.push(new HashSet<>());
        try {
            var body = bodyWithRescue(keyword);
            return new RbNode.ClassDef(keyword.text(), name.toString(), superclass, body, span(keyword, tokens.get(i - 1)));
        } finally {
            locals.pop();
        }
    }

    private RbNode conditional(RbToken keyword) {
        RbNode condition = notExpression();
        acceptKeyword("then");
        var then = statements(Set.of());
        List<RbNode> otherwise = List.of();
        if (peek().isKeyword("elsif")) {
            RbToken elsif = next();
            otherwise = List.of(conditional(elsif));
            return new RbNode.If(condition, keyword.isKeyword("unless"), then, otherwise, span(keyword, tokens.get(i - 1)));
        }
        if (acceptKeyword("else")) {
            otherwise = statements(Set.of());
        }
        expectKeyword("end", keyword);
        return new RbNode.If(condition, keyword.isKeyword("unless"), then, otherwise, span(keyword, tokens.get(i - 1)));
    }

    private RbNode caseExpression() {
        RbToken keyword = next();
        if (!atLineEnd()) {
            notExpression();
        }
        var body = new ArrayList<RbNode>();
        skipTerminators();
        while (peek().isKeyword("when") || peek().isKeyword("in") || peek().isKeyword("else")) {
            RbToken clause = next();
            while (!clause.isKeyword("else") && !atLineEnd()) {
                next();
            }
            acceptKeyword("then");
            body.addAll(statements(Set.of()));
        }
        expectKeyword("end", keyword);
        return new RbNode.Compound("case", body, List.of(), span(keyword, tokens.get(i - 1)));
    }

    // ---- token helpers ------------------------------------------------------------------------

    private RbToken peek() {
        return tokens.get(i);
    }

    private RbToken nextToken() {
        return tokens.get(Math.min(i + 1, tokens.size() - 1));
    }

    private Optional<RbToken> nextSignificant() {
        for (int j = i; j < tokens.size(); j++) {
            if (tokens.get(j).kind() != Kind.NEWLINE) {
                return Optional.of(tokens.get(j));
            }
        }
        return Optional.empty();
    }

    private RbToken next() {
        RbToken t = tokens.get(i);
        if (t.kind() != Kind.END) {
            i++;
        }
        return t;
    }

    private void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            i++;
        }
    }

    private boolean acceptOp(String op) {
        if (peek().isOp(op)) {
            i++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            i++;
            return true;
        }
        return false;
    }

    private void expectOp(String op) {
        if (!acceptOp(op)) {
            throw new ParseError("expected '" + op + "' on line " + peek().line() + ", found " + describe(peek()));
        }
    }

    private void expectKeyword(String keyword, RbToken opener) {
        skipTerminators();
        if (!acceptKeyword(keyword)) {
            throw new ParseError("expected '" + keyword + "' for '" + opener.text() + "' on line " + opener.line()
                    + ", found " + describe(peek()) + " on line " + peek().line());
        }
    }

    private static String describe(RbToken t) {
        return switch (t.kind()) {
            case NEWLINE -> "end of line";
            case END -> "end of file";
            case ERROR -> t.text();
            default -> "'" + t.text() + "'";
        };
    }

    private static Span span(RbToken first, RbToken last) {
        return new Span(first.start(), Math.max(first.end(), last.end()), first.line(), Math.max(first.endLine(),
                last.endLine()));
    }

    private static Span spanFrom(RbToken first, RbNode last) {
        return new Span(first.start(), last.span().end(), first.line(), Math.max(first.endLine(), last.span().endLine()));
    }

    private static Span spanFrom(RbToken first, RbToken last) {
        return span(first, last);
    }

    private static Span spanFrom(RbNode first, RbToken last) {
        return new Span(first.span().start(), last.end(), first.span().line(), Math.max(first.span().endLine(),
                last.endLine()));
    }
}
