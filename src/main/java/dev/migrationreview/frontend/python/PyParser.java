package dev.migrationreview.frontend.python;

import dev.migrationreview.frontend.dsl.Nesting;
import dev.migrationreview.frontend.dsl.Span;
import dev.migrationreview.frontend.python.PyExpr.Keyword;
import dev.migrationreview.frontend.python.PyExpr.SequenceKind;
import dev.migrationreview.frontend.python.PyStmt.ImportedName;
import dev.migrationreview.frontend.python.PyToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A recursive-descent reader of Python statements and expressions, complete for the subset
 * migration files are written in (modules, classes, functions, assignments, with/if/for/try blocks,
 * calls with keyword arguments, literals and containers). A statement it cannot read becomes
 * {@link PyStmt.Unknown} with its span and the reason; the rest of the file is still read.
 */
final class PyParser {

    private static final Set<String> COMPARISONS = Set.of("<", ">", "==", ">=", "<=", "!=");
    private static final List<List<String>> BINARY_LEVELS = List.of(
            List.of("|"), List.of("^"), List.of("&"), List.of("<<", ">>"), List.of("+", "-"),
            List.of("*", "/", "//", "%", "@"));
    private static final Set<String> AUGMENTED = Set.of(
            "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@=");

    private final List<PyToken> tokens;
    private int i;
    private final Nesting nesting = new Nesting();

    private PyParser(List<PyToken> tokens) {
        this.tokens = tokens;
    }

    static PyModule parse(String src) {
        var result = PyTokenizer.tokenize(src);
        var parser = new PyParser(result.tokens());
        var body = new ArrayList<PyStmt>();
        while (parser.peek().kind() != Kind.END) {
            if (parser.peek().kind() == Kind.DEDENT || parser.peek().kind() == Kind.NEWLINE) {
                parser.i++;
                continue;
            }
            body.addAll(parser.statement());
        }
        return new PyModule(src, body, result.comments());
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

    private List<PyStmt> statement() {
        int begin = i;
        try {
            PyToken t = peek();
            if (t.kind() == Kind.INDENT) {
                throw new ParseError("unexpected indentation");
            }
            if (t.isOp("@") || t.kind() == Kind.NAME && isCompoundKeyword(t.text())) {
                return List.of(nested(this::compound));
            }
            return simpleLine();
        } catch (ParseError e) {
            i = begin;
            return List.of(recover(e.getMessage()));
        }
    }

    private static boolean isCompoundKeyword(String word) {
        return switch (word) {
            case "def", "class", "if", "elif", "else", "for", "while", "with", "try", "except", "finally", "async" -> true;
            default -> false;
        };
    }

    /** Skips the rest of a broken statement, including a block it opens, and reports it. */
    private PyStmt recover(String message) {
        PyToken first = peek();
        PyToken last = first;
        while (peek().kind() != Kind.NEWLINE && peek().kind() != Kind.END) {
            last = next();
        }
        if (peek().kind() == Kind.NEWLINE) {
            next();
        }
        if (peek().kind() == Kind.INDENT) {
            int level = 0;
            do {
                PyToken t = next();
                if (t.kind() == Kind.INDENT) {
                    level++;
                } else if (t.kind() == Kind.DEDENT) {
                    level--;
                } else if (t.kind() != Kind.NEWLINE) {
                    last = t;
                }
            } while (level > 0 && peek().kind() != Kind.END);
        }
        return new PyStmt.Unknown(message, PyParser.span(first, last));
    }

    private PyStmt compound() {
        PyToken first = peek();
        var decorators = new ArrayList<PyExpr>();
        while (peek().isOp("@")) {
            next();
            decorators.add(test());
            expect(Kind.NEWLINE);
        }
        if (peek().isName("async")) {
            next();
        }
        PyToken keyword = next();
        return switch (keyword.text()) {
            case "def" -> functionDef(first, decorators);
            case "class" -> classDef(first);
            case "with" -> withStatement(first);
            case "for" -> {
                PyExpr target = targetList();
                if (!peek().isName("in")) {
                    throw new ParseError("expected 'in' in for clause on line " + peek().line());
                }
                next();
                PyExpr iterable = testList();
                expectOp(":");
                yield new PyStmt.For(target, iterable, suite(), spanFrom(first));
            }
            case "if", "elif", "while" -> {
                PyExpr condition = namedTest();
                expectOp(":");
                yield new PyStmt.Block(keyword.text(), Optional.of(condition), suite(), spanFrom(first));
            }
            case "except" -> {
                Optional<PyExpr> caught = peek().isOp(":") ? Optional.empty()
                        : Optional.of(headerUntilColon("except clause"));
                if (caught.isEmpty()) {
                    expectOp(":");
                }
                yield new PyStmt.Block("except", caught, suite(), spanFrom(first));
            }
            case "else", "try", "finally" -> {
                expectOp(":");
                yield new PyStmt.Block(keyword.text(), Optional.empty(), suite(), spanFrom(first));
            }
            default -> throw new ParseError("expected def or class after a decorator, found '" + keyword.text() + "'");
        };
    }

    private PyStmt functionDef(PyToken first, List<PyExpr> decorators) {
        String name = expect(Kind.NAME).text();
        expectOp("(");
        var parameters = new ArrayList<PyStmt.Parameter>();
        while (!acceptOp(")")) {
            if (acceptOp("*") || acceptOp("**") || acceptOp("/")) {
                if (peek().isOp(",") || peek().isOp(")")) {
                    acceptOp(",");
                    continue;
                }
            }
            String parameter = expect(Kind.NAME).text();
            if (acceptOp(":")) {
                test();
            }
            Optional<PyExpr> defaultValue = acceptOp("=") ? Optional.of(test()) : Optional.empty();
            parameters.add(new PyStmt.Parameter(parameter, defaultValue));
            if (!peek().isOp(")")) {
                expectOp(",");
            }
        }
        if (acceptOp("->")) {
            test();
        }
        expectOp(":");
        return new PyStmt.FunctionDef(name, parameters, decorators, suite(), spanFrom(first));
    }

    private PyStmt classDef(PyToken first) {
        String name = expect(Kind.NAME).text();
        var bases = new ArrayList<PyExpr>();
        if (peek().isOp("(")) {
            next();
            var keywords = new ArrayList<Keyword>();
            arguments(bases, keywords);
        }
        expectOp(":");
        return new PyStmt.ClassDef(name, bases, suite(), spanFrom(first));
    }

    private PyStmt withStatement(PyToken first) {
        var items = new ArrayList<PyStmt.WithItem>();
        do {
            PyExpr context = test();
            Optional<String> alias = Optional.empty();
            if (peek().isName("as")) {
                next();
                alias = Optional.of(expect(Kind.NAME).text());
            }
            items.add(new PyStmt.WithItem(context, alias));
        } while (acceptOp(","));
        expectOp(":");
        return new PyStmt.With(items, suite(), spanFrom(first));
    }

    /** The targets of a for clause: expressions above comparisons, so 'in' ends them. */
    private PyExpr targetList() {
        PyToken first = peek();
        PyExpr head = bitOr();
        if (!peek().isOp(",")) {
            return head;
        }
        var targets = new ArrayList<PyExpr>();
        targets.add(head);
        while (acceptOp(",") && !peek().isName("in")) {
            targets.add(bitOr());
        }
        return new PyExpr.Sequence(SequenceKind.TUPLE, targets, spanFrom(first));
    }

    /** A header such as an except clause that is kept as text, up to its colon. */
    private PyExpr headerUntilColon(String description) {
        PyToken first = peek();
        PyToken last = first;
        int level = 0;
        while (!(level == 0 && peek().isOp(":"))) {
            PyToken t = next();
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.END) {
                throw new ParseError("missing ':' after " + description);
            }
            if (t.kind() == Kind.OP && "([{".contains(t.text())) {
                level++;
            } else if (t.kind() == Kind.OP && ")]}".contains(t.text())) {
                level--;
            }
            last = t;
        }
        next();
        return new PyExpr.Other(description, PyParser.span(first, last));
    }

    private List<PyStmt> suite() {
        var body = new ArrayList<PyStmt>();
        if (peek().kind() != Kind.NEWLINE) {
            body.addAll(simpleLine());
            return body;
        }
        next();
        if (peek().kind() != Kind.INDENT) {
            throw new ParseError("expected an indented block");
        }
        next();
        while (peek().kind() != Kind.DEDENT && peek().kind() != Kind.END) {
            if (peek().kind() == Kind.NEWLINE) {
                next();
                continue;
            }
            body.addAll(statement());
        }
        if (peek().kind() == Kind.DEDENT) {
            next();
        }
        return body;
    }

    /** Simple statements separated by semicolons, up to the end of the logical line. */
    private List<PyStmt> simpleLine() {
        var statements = new ArrayList<PyStmt>();
        statements.add(simple());
        while (acceptOp(";")) {
            if (peek().kind() == Kind.NEWLINE || peek().kind() == Kind.END) {
                break;
            }
            statements.add(simple());
        }
        if (peek().kind() != Kind.END) {
            expect(Kind.NEWLINE);
        }
        return statements;
    }

    private PyStmt simple() {
        PyToken first = peek();
        if (first.kind() == Kind.ERROR) {
            throw new ParseError(first.text());
        }
        if (first.kind() == Kind.NAME) {
            switch (first.text()) {
                case "pass", "break", "continue" -> {
                    next();
                    return new PyStmt.Simple(first.text(), Optional.empty(), spanFrom(first));
                }
                case "return", "raise", "del", "assert", "global", "nonlocal", "yield" -> {
                    next();
                    if (first.isName("yield") && peek().isName("from")) {
                        next();
                    }
                    Optional<PyExpr> value = atStatementEnd() ? Optional.empty() : Optional.of(restOfStatement(first.text()));
                    return new PyStmt.Simple(first.text(), value, spanFrom(first));
                }
                case "import" -> {
                    next();
                    return importNames(first, "");
                }
                case "from" -> {
                    next();
                    var module = new StringBuilder();
                    while (!peek().isName("import")) {
                        PyToken t = next();
                        if (t.kind() == Kind.NEWLINE || t.kind() == Kind.END) {
                            throw new ParseError("from without import");
                        }
                        module.append(t.text());
                    }
                    next();
                    return importNames(first, module.toString());
                }
                default -> { }
            }
        }
        PyExpr target = testList();
        if (peek().isOp("=")) {
            var targets = new ArrayList<PyExpr>();
            targets.add(target);
            next();
            PyExpr value = testList();
            while (acceptOp("=")) {
                targets.add(value);
                value = testList();
            }
            return new PyStmt.Assign(targets, "=", value, spanFrom(first));
        }
        if (peek().kind() == Kind.OP && AUGMENTED.contains(peek().text())) {
            String op = next().text();
            return new PyStmt.Assign(List.of(target), op, testList(), spanFrom(first));
        }
        if (acceptOp(":")) {
            PyExpr annotation = test();
            if (acceptOp("=")) {
                return new PyStmt.Assign(List.of(target), "=", testList(), spanFrom(first));
            }
            return new PyStmt.Assign(List.of(target), ":", annotation, spanFrom(first));
        }
        return new PyStmt.ExprStmt(target, spanFrom(first));
    }

    private boolean atStatementEnd() {
        PyToken t = peek();
        return t.kind() == Kind.NEWLINE || t.kind() == Kind.END || t.isOp(";");
    }

    /** The operand of return/raise/del/...: an expression list, or text when it is not one. */
    private PyExpr restOfStatement(String keyword) {
        PyExpr value = testList();
        if (!atStatementEnd()) {
            PyToken first = peek();
            PyToken last = first;
            while (!atStatementEnd()) {
                last = next();
            }
            return new PyExpr.Other(keyword + " clause", new Span(value.span().start(), last.end(), value.span().line(),
                    last.endLine()));
        }
        return value;
    }

    private PyStmt importNames(PyToken first, String module) {
        var names = new ArrayList<ImportedName>();
        boolean parenthesised = acceptOp("(");
        do {
            if (parenthesised && peek().isOp(")")) {
                break;
            }
            var name = new StringBuilder();
            if (peek().isOp("*")) {
                name.append(next().text());
            } else {
                name.append(expect(Kind.NAME).text());
                while (acceptOp(".")) {
                    name.append('.').append(expect(Kind.NAME).text());
                }
            }
            Optional<String> alias = Optional.empty();
            if (peek().isName("as")) {
                next();
                alias = Optional.of(expect(Kind.NAME).text());
            }
            names.add(new ImportedName(name.toString(), alias));
        } while (acceptOp(","));
        if (parenthesised) {
            expectOp(")");
        }
        return new PyStmt.Import(module, names, spanFrom(first));
    }

    // ---- expressions --------------------------------------------------------------------------

    /** A comma-separated list; more than one element (or a trailing comma) is a tuple. */
    private PyExpr testList() {
        PyToken first = peek();
        PyExpr head = starOrTest();
        if (!peek().isOp(",")) {
            return head;
        }
        var elements = new ArrayList<PyExpr>();
        elements.add(head);
        while (acceptOp(",")) {
            if (!startsExpression()) {
                break;
            }
            elements.add(starOrTest());
        }
        return new PyExpr.Sequence(SequenceKind.TUPLE, elements, spanFrom(first));
    }

    private boolean startsExpression() {
        PyToken t = peek();
        return switch (t.kind()) {
            case NAME -> !Set.of("for", "in", "if", "else", "as", "from", "import").contains(t.text());
            case NUMBER, STRING -> true;
            case OP -> Set.of("(", "[", "{", "-", "+", "~", "*", "**", "...").contains(t.text());
            default -> false;
        };
    }

    private PyExpr starOrTest() {
        PyToken first = peek();
        if (first.isOp("*") || first.isOp("**")) {
            next();
            PyExpr value = bitOr();
            return new PyExpr.Starred(value, first.isOp("**"), spanFrom(first));
        }
        return namedTest();
    }

    private PyExpr namedTest() {
        PyToken first = peek();
        PyExpr value = test();
        if (acceptOp(":=")) {
            test();
            return new PyExpr.Other("assignment expression", spanFrom(first));
        }
        return value;
    }

    private PyExpr test() {
        PyToken first = peek();
        if (first.isName("lambda")) {
            next();
            while (!peek().isOp(":")) {
                if (peek().kind() == Kind.NEWLINE || peek().kind() == Kind.END) {
                    throw new ParseError("lambda without ':'");
                }
                next();
            }
            next();
            nested(this::test);
            return new PyExpr.Other("lambda", spanFrom(first));
        }
        PyExpr value = orTest();
        if (peek().isName("if") && !isComprehensionContext()) {
            next();
            orTest();
            if (!peek().isName("else")) {
                throw new ParseError("conditional expression without else");
            }
            next();
            nested(this::test);
            return new PyExpr.Other("conditional expression", spanFrom(first));
        }
        return value;
    }

    /** An 'if' right after a value inside brackets may belong to a comprehension we skip anyway. */
    private boolean isComprehensionContext() {
        int level = 0;
        for (int j = i + 1; j < tokens.size(); j++) {
            PyToken t = tokens.get(j);
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.END) {
                return true;
            }
            if (t.kind() == Kind.OP && "([{".contains(t.text())) {
                level++;
            } else if (t.kind() == Kind.OP && ")]}".contains(t.text())) {
                if (level == 0) {
                    return true;
                }
                level--;
            } else if (level == 0 && t.isName("else")) {
                return false;
            } else if (level == 0 && (t.isOp(",") || t.isName("for"))) {
                return true;
            }
        }
        return true;
    }

    private PyExpr orTest() {
        return booleanChain("or", this::andTest);
    }

    private PyExpr andTest() {
        return booleanChain("and", this::notTest);
    }

    private PyExpr booleanChain(String keyword, java.util.function.Supplier<PyExpr> operand) {
        PyToken first = peek();
        PyExpr left = operand.get();
        if (!peek().isName(keyword)) {
            return left;
        }
        var values = new ArrayList<PyExpr>();
        values.add(left);
        while (peek().isName(keyword)) {
            next();
            values.add(operand.get());
        }
        return new PyExpr.BoolOp(keyword, values, spanFrom(first));
    }

    private PyExpr notTest() {
        PyToken first = peek();
        if (first.isName("not")) {
            next();
            return new PyExpr.UnaryOp("not", nested(this::notTest), spanFrom(first));
        }
        return comparison();
    }

    private PyExpr comparison() {
        PyToken first = peek();
        PyExpr left = bitOr();
        var ops = new ArrayList<String>();
        var comparators = new ArrayList<PyExpr>();
        while (true) {
            PyToken t = peek();
            if (t.kind() == Kind.OP && COMPARISONS.contains(t.text()) || t.isName("in")) {
                ops.add(next().text());
            } else if (t.isName("not") && tokens.get(i + 1).isName("in")) {
                next();
                next();
                ops.add("not in");
            } else if (t.isName("is")) {
                next();
                ops.add(peek().isName("not") ? "is " + next().text() : "is");
            } else {
                break;
            }
            comparators.add(bitOr());
        }
        return ops.isEmpty() ? left : new PyExpr.Compare(left, ops, comparators, spanFrom(first));
    }

    private PyExpr bitOr() {
        return binary(0);
    }

    private PyExpr binary(int level) {
        if (level == BINARY_LEVELS.size()) {
            return factor();
        }
        PyToken first = peek();
        PyExpr left = binary(level + 1);
        while (peek().kind() == Kind.OP && BINARY_LEVELS.get(level).contains(peek().text())) {
            String op = next().text();
            PyExpr right = binary(level + 1);
            left = new PyExpr.BinOp(op, left, right, spanFrom(first));
        }
        return left;
    }

    private PyExpr factor() {
        PyToken first = peek();
        if (first.isOp("-") || first.isOp("+") || first.isOp("~")) {
            next();
            return new PyExpr.UnaryOp(first.text(), nested(this::factor), spanFrom(first));
        }
        return power();
    }

    private PyExpr power() {
        PyToken first = peek();
        if (first.isName("await")) {
            next();
        }
        PyExpr base = primary();
        if (acceptOp("**")) {
            PyExpr exponent = nested(this::factor);
            return new PyExpr.BinOp("**", base, exponent, spanFrom(first));
        }
        return base;
    }

    /** Brackets, displays and call arguments nest through here. */
    private PyExpr primary() {
        return nested(this::primaryAtThisLevel);
    }

    private PyExpr primaryAtThisLevel() {
        PyToken first = peek();
        PyExpr value = atom();
        while (true) {
            if (acceptOp(".")) {
                value = new PyExpr.Attribute(value, expect(Kind.NAME).text(), spanFrom(first));
            } else if (acceptOp("(")) {
                var args = new ArrayList<PyExpr>();
                var keywords = new ArrayList<Keyword>();
                arguments(args, keywords);
                value = new PyExpr.Call(value, args, keywords, spanFrom(first));
            } else if (acceptOp("[")) {
                skipBalanced("]");
                value = new PyExpr.Other("subscript", spanFrom(first));
            } else {
                return value;
            }
        }
    }

    /** Call arguments after '(' up to and including ')'. */
    private void arguments(List<PyExpr> args, List<Keyword> keywords) {
        while (!acceptOp(")")) {
            PyToken t = peek();
            if (t.isOp("**")) {
                next();
                keywords.add(new Keyword(Optional.empty(), test()));
            } else if (t.isOp("*")) {
                next();
                args.add(new PyExpr.Starred(test(), false, spanFrom(t)));
            } else if (t.kind() == Kind.NAME && tokens.get(i + 1).isOp("=")) {
                next();
                next();
                keywords.add(new Keyword(Optional.of(t.text()), test()));
            } else {
                PyExpr arg = namedTest();
                if (peek().isName("for") || peek().isName("async")) {
                    skipBalanced(")");
                    args.add(new PyExpr.Other("generator expression", spanFrom(t)));
                    return;
                }
                args.add(arg);
            }
            if (!peek().isOp(")")) {
                expectOp(",");
            }
        }
    }

    private PyExpr atom() {
        PyToken t = next();
        switch (t.kind()) {
            case NAME -> {
                return switch (t.text()) {
                    case "True", "False", "None" -> new PyExpr.Constant(t.text(), PyParser.span(t, t));
                    default -> new PyExpr.Name(t.text(), PyParser.span(t, t));
                };
            }
            case NUMBER -> {
                return new PyExpr.Num(t.text(), PyParser.span(t, t));
            }
            case STRING -> {
                return strings(t);
            }
            case OP -> {
                switch (t.text()) {
                    case "..." -> {
                        return new PyExpr.Constant("...", PyParser.span(t, t));
                    }
                    case "(" -> {
                        return display(t, ")", SequenceKind.TUPLE);
                    }
                    case "[" -> {
                        return display(t, "]", SequenceKind.LIST);
                    }
                    case "{" -> {
                        return braces(t);
                    }
                    default -> throw new ParseError("unexpected '" + t.text() + "' on line " + t.line());
                }
            }
            case ERROR -> throw new ParseError(t.text() + " on line " + t.line());
            default -> throw new ParseError("unexpected end of statement on line " + t.line());
        }
    }

    private PyExpr strings(PyToken first) {
        var value = new StringBuilder();
        boolean formatted = false;
        boolean bytes = false;
        boolean exact = true;
        PyToken last = first;
        int count = 0;
        for (PyToken t = first; ; t = next()) {
            var decoded = PyStrings.decode(t.text());
            value.append(decoded.value());
            formatted |= decoded.formatted();
            bytes |= decoded.bytes();
            long newlines = decoded.value().chars().filter(c -> c == '\n').count();
            exact &= newlines == t.endLine() - t.line();
            last = t;
            count++;
            if (peek().kind() != Kind.STRING) {
                break;
            }
        }
        return new PyExpr.Str(value.toString(), formatted, bytes, exact && count == 1, PyParser.span(first, last));
    }

    /** A parenthesised expression, tuple or list, after its opening bracket. */
    private PyExpr display(PyToken open, String close, SequenceKind kind) {
        var elements = new ArrayList<PyExpr>();
        boolean comma = false;
        while (!acceptOp(close)) {
            PyExpr element = starOrTest();
            if (peek().isName("for") || peek().isName("async")) {
                skipBalanced(close);
                return new PyExpr.Other("comprehension", spanFrom(open));
            }
            elements.add(element);
            if (!peek().isOp(close)) {
                expectOp(",");
                comma = true;
            }
        }
        if (kind == SequenceKind.TUPLE && elements.size() == 1 && !comma) {
            return elements.get(0);
        }
        return new PyExpr.Sequence(kind, elements, spanFrom(open));
    }

    private PyExpr braces(PyToken open) {
        if (acceptOp("}")) {
            return new PyExpr.Dict(List.of(), spanFrom(open));
        }
        var entries = new ArrayList<PyExpr.Entry>();
        var elements = new ArrayList<PyExpr>();
        while (!acceptOp("}")) {
            if (acceptOp("**")) {
                entries.add(new PyExpr.Entry(Optional.empty(), bitOr()));
            } else {
                PyExpr key = starOrTest();
                if (acceptOp(":")) {
                    entries.add(new PyExpr.Entry(Optional.of(key), test()));
                } else {
                    elements.add(key);
                }
                if (peek().isName("for") || peek().isName("async")) {
                    skipBalanced("}");
                    return new PyExpr.Other("comprehension", spanFrom(open));
                }
            }
            if (!peek().isOp("}")) {
                expectOp(",");
            }
        }
        if (!elements.isEmpty() && !entries.isEmpty()) {
            throw new ParseError("mixed dict and set display on line " + open.line());
        }
        return elements.isEmpty() ? new PyExpr.Dict(entries, spanFrom(open))
                : new PyExpr.Sequence(SequenceKind.SET, elements, spanFrom(open));
    }

    /** Consumes tokens up to and including the bracket that closes the current one. */
    private void skipBalanced(String close) {
        int level = 0;
        while (true) {
            PyToken t = next();
            if (t.kind() == Kind.END || t.kind() == Kind.NEWLINE) {
                throw new ParseError("missing '" + close + "'");
            }
            if (t.kind() == Kind.OP && "([{".contains(t.text())) {
                level++;
            } else if (t.kind() == Kind.OP && ")]}".contains(t.text())) {
                if (level == 0) {
                    return;
                }
                level--;
            }
        }
    }

    // ---- token helpers ------------------------------------------------------------------------

    private PyToken peek() {
        return tokens.get(i);
    }

    private PyToken next() {
        PyToken t = tokens.get(i);
        if (t.kind() != Kind.END) {
            i++;
        }
        return t;
    }

    private boolean acceptOp(String op) {
        if (peek().isOp(op)) {
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

    private PyToken expect(Kind kind) {
        if (peek().kind() != kind) {
            throw new ParseError("expected " + kind.name().toLowerCase(java.util.Locale.ROOT) + " on line "
                    + peek().line() + ", found " + describe(peek()));
        }
        return next();
    }

    private static String describe(PyToken t) {
        return switch (t.kind()) {
            case NEWLINE -> "end of line";
            case END -> "end of file";
            case INDENT, DEDENT -> "a change of indentation";
            default -> "'" + t.text() + "'";
        };
    }

    /** The span from {@code first} to the last token consumed. */
    private Span spanFrom(PyToken first) {
        int lastIndex = i - 1;
        while (lastIndex > 0 && isLayout(tokens.get(lastIndex))) {
            lastIndex--;
        }
        PyToken last = tokens.get(Math.max(lastIndex, 0));
        if (last.end() < first.start()) {
            last = first;
        }
        return PyParser.span(first, last);
    }

    static Span span(PyToken first, PyToken last) {
        return new Span(first.start(), last.end(), first.line(), last.endLine());
    }

    private static boolean isLayout(PyToken t) {
        return t.kind() == Kind.NEWLINE || t.kind() == Kind.INDENT || t.kind() == Kind.DEDENT || t.kind() == Kind.END;
    }
}
