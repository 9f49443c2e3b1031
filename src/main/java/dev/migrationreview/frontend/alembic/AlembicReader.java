package dev.migrationreview.frontend.alembic;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.dsl.DslOutput;
import dev.migrationreview.frontend.python.PyExpr;
import dev.migrationreview.frontend.python.PyModule;
import dev.migrationreview.frontend.python.PyScope;
import dev.migrationreview.frontend.python.PyStmt;
import dev.migrationreview.frontend.dsl.Span;
import dev.migrationreview.operation.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the code of {@code upgrade()} or {@code downgrade()} as Alembic would run it: operation
 * calls in order, through if/else (deciding conditions on the database where it can), loops over
 * known lists, helper functions of the file, {@code batch_alter_table} and {@code autocommit_block}
 * blocks. Code that is neither an operation nor plainly harmless (logging, reads) is reported as
 * opaque code; statements it cannot read are reported as unparsed.
 */
final class AlembicReader {

    private static final int MAX_CALL_DEPTH = 8;
    private static final int MAX_UNROLLED = 64;
    private static final Set<String> LOGGERS = Set.of("logger", "log", "logging", "LOGGER", "LOG", "_logger", "_log",
            "warnings");
    private static final Set<String> EXECUTE_METHODS = Set.of("execute", "exec_driver_sql");
    /** Methods that change a Python list, set or dict, not the database. */
    private static final Set<String> CONTAINER_METHODS = Set.of("append", "add", "discard", "extend", "remove", "pop",
            "update", "insert", "clear", "sort", "setdefault", "reverse");

    private final PyModule module;
    private final DslOutput out;
    private final Dialect dialect;
    private final PyScope moduleScope = PyScope.root();
    private final Map<String, PyStmt.FunctionDef> moduleFunctions = new HashMap<>();
    private final Set<String> opNames = new HashSet<>(Set.of("op"));
    private boolean autocommit;

    /** Where the reader is: the section, the names in scope, local functions, and the calls it is inside. */
    private record Frame(Section section, PyScope scope, Map<String, PyStmt.FunctionDef> functions,
                         List<String> calling, boolean managesTransaction) {

        Frame enter(PyScope inner, String function) {
            var stack = new ArrayList<>(calling);
            stack.add(function);
            return new Frame(section, inner, new HashMap<>(functions), stack, managesTransaction);
        }

        Frame withScope(PyScope inner) {
            return new Frame(section, inner, functions, calling, managesTransaction);
        }
    }

    AlembicReader(PyModule module, DslOutput out) {
        this.module = module;
        this.out = out;
        this.dialect = out.file().dialect();
        for (PyStmt statement : module.body()) {
            switch (statement) {
                case PyStmt.Assign assign when assign.op().equals("=") ->
                        assign.targets().forEach(t -> moduleScope.assign(t, assign.value()));
                case PyStmt.FunctionDef function -> moduleFunctions.put(function.name(), function);
                case PyStmt.Import imported -> imports(imported);
                default -> { }
            }
        }
    }

    /**
     * What reading a function found.
     *
     * @param autocommit the code leaves the transaction in an autocommit block
     * @param raises     the function raises before doing anything (a downgrade that refuses)
     * @param statements how many statements it produced
     */
    record Reading(boolean autocommit, boolean raises, int statements) {}

    /**
     * Reads one of the migration's functions into {@code section}. When the forward code leaves
     * the transaction in an autocommit block, the Transaction operations around that block are
     * emitted so rules know which statements ran outside it.
     */
    Reading read(PyStmt.FunctionDef function, Section section, boolean transactional) {
        autocommit = false;
        int mark = out.mark();
        boolean manages = transactional && section == Section.UP;
        var frame = new Frame(section, moduleScope.child(), new HashMap<>(), List.of(function.name()), manages);
        statements(function.body(), frame);
        boolean raises = section == Section.DOWN && raises(function.body());
        if (raises) {
            out.truncate(mark);
        }
        if (autocommit && manages) {
            String header = firstLine(function.span());
            out.insert(mark, new Statement(header, function.span().line(), function.span().line(),
                    List.of(new Operation.Transaction(Operation.Transaction.Control.BEGIN)),
                    Statement.ParsedBy.FRAMEWORK, section));
            out.add(header, function.span().endLine(), function.span().endLine(),
                    List.of(new Operation.Transaction(Operation.Transaction.Control.COMMIT)), section);
        }
        return new Reading(autocommit, raises, out.mark() - mark);
    }

    /** A rollback that raises (NotImplementedError, "irreversible") before doing anything is no rollback. */
    private static boolean raises(List<PyStmt> body) {
        return body.stream().anyMatch(s -> s instanceof PyStmt.Simple simple && simple.keyword().equals("raise"));
    }

    private void imports(PyStmt.Import imported) {
        if (imported.module().equals("alembic")) {
            imported.names().stream().filter(n -> n.name().equals("op")).forEach(n -> opNames.add(n.boundName()));
        }
    }

    // ---- statements ---------------------------------------------------------------------------

    private void statements(List<PyStmt> body, Frame frame) {
        for (int k = 0; k < body.size(); k++) {
            switch (body.get(k)) {
                case PyStmt.ExprStmt e -> {
                    if (e.expr() instanceof PyExpr.Call call) {
                        call(call, frame, false);
                    }
                }
                case PyStmt.Assign a -> {
                    if (a.value() instanceof PyExpr.Call call) {
                        call(call, frame, true);
                    }
                    for (PyExpr target : a.targets()) {
                        frame.scope().assign(target, a.op().equals("=") ? a.value()
                                : new PyExpr.Other("updated value", a.span()));
                    }
                }
                case PyStmt.FunctionDef f -> frame.functions().put(f.name(), f);
                case PyStmt.With w -> with(w, frame);
                case PyStmt.For f -> loop(f, frame);
                case PyStmt.Block b when b.keyword().equals("if") -> k = conditional(body, k, frame);
                case PyStmt.Block b when b.keyword().equals("except") -> { }
                case PyStmt.Block b -> statements(b.body(), frame);
                case PyStmt.Import i -> imports(i);
                case PyStmt.Unknown u -> out.unparsed(module.text(u.span()), u.span().line(), u.span().endLine(),
                        "could not read this Python statement: " + u.message(), frame.section());
                case PyStmt.ClassDef c -> { }
                case PyStmt.Simple s -> { }
            }
        }
    }

    /**
     * An if/elif/else chain starting at {@code start}: a branch whose database condition is
     * decided false is skipped, one decided true ends the chain, undecided ones are all read.
     * Returns the index of the chain's last clause.
     */
    private int conditional(List<PyStmt> body, int start, Frame frame) {
        var condition = new DialectCondition(frame.scope(), dialect);
        if (body.get(start) instanceof PyStmt.Block first) {
            first.header().ifPresent(header -> helperCalls(header, frame));
        }
        boolean decided = false;
        int k = start;
        for (; k < body.size(); k++) {
            if (!(body.get(k) instanceof PyStmt.Block clause)
                    || k > start && !(clause.keyword().equals("elif") || clause.keyword().equals("else"))) {
                break;
            }
            if (decided) {
                if (frame.section() == Section.UP) {
                    out.note(clause.span().line(), "Not reviewed: an earlier branch of this if is the one that runs on "
                            + dialect.label() + ", which this file targets.");
                }
                continue;
            }
            var result = clause.header().flatMap(condition::evaluate);
            if (clause.header().isEmpty() || result.orElse(true)) {
                statements(clause.body(), frame);
                decided = result.orElse(false) || clause.header().isEmpty();
            } else if (frame.section() == Section.UP) {
                out.note(clause.span().line(), "Not reviewed: `" + firstLine(clause.span())
                        + "` is false on " + dialect.label() + ", which this file targets.");
            }
        }
        return k - 1;
    }

    private void with(PyStmt.With with, Frame frame) {
        boolean leavesTransaction = false;
        for (var item : with.items()) {
            PyExpr context = frame.scope().resolve(item.context());
            if (context instanceof PyExpr.Call call && call.func() instanceof PyExpr.Attribute a
                    && a.attr().equals("autocommit_block")) {
                leavesTransaction = true;
            }
            item.alias().ifPresent(alias -> frame.scope().bind(alias, context));
        }
        if (!leavesTransaction) {
            statements(with.body(), frame);
            return;
        }
        autocommit = true;
        String header = firstLine(with.span());
        if (frame.managesTransaction()) {
            out.add(header, with.span().line(), with.span().line(),
                    List.of(new Operation.Transaction(Operation.Transaction.Control.COMMIT)), frame.section());
        }
        statements(with.body(), frame);
        if (frame.managesTransaction()) {
            out.add(header, with.span().endLine(), with.span().endLine(),
                    List.of(new Operation.Transaction(Operation.Transaction.Control.BEGIN)), frame.section());
        }
    }

    /** A loop over a known list runs its body once per element; any other loop is read once. */
    private void loop(PyStmt.For loop, Frame frame) {
        var elements = frame.scope().elements(loop.iterable());
        if (elements.isPresent() && elements.get().size() <= MAX_UNROLLED) {
            for (PyExpr element : elements.get()) {
                var inner = frame.scope().child();
                inner.assign(loop.target(), element);
                statements(loop.body(), frame.withScope(inner));
            }
            return;
        }
        var inner = frame.scope().child();
        inner.assign(loop.target(), new PyExpr.Other("loop variable", loop.target().span()));
        statements(loop.body(), frame.withScope(inner));
    }

    // ---- calls --------------------------------------------------------------------------------

    private void call(PyExpr.Call call, Frame frame, boolean resultUsed) {
        if (call.func() instanceof PyExpr.Attribute attribute) {
            PyExpr receiver = frame.scope().resolve(attribute.value());
            String method = attribute.attr();
            if (receiver instanceof PyExpr.Name name && opNames.contains(name.id())) {
                operation(call, method, Optional.empty(), frame);
                return;
            }
            var batch = batchTable(receiver, frame);
            if (batch.isPresent()) {
                operation(call, method, batch, frame);
                return;
            }
            if (isConnection(receiver, frame.scope())) {
                if (EXECUTE_METHODS.contains(method)) {
                    execute(call, call.arg(0, "statement"), frame);
                }
                return;
            }
            if (PyScope.dotted(attribute.value()).map(d -> LOGGERS.contains(d.split("\\.")[0])).orElse(false)) {
                return;
            }
            if (CONTAINER_METHODS.contains(method) && attribute.value() instanceof PyExpr.Name local
                    && frame.scope().lookup(local.id()).isPresent()) {
                return;
            }
        }
        if (call.func() instanceof PyExpr.Name name) {
            var function = Optional.ofNullable(frame.functions().get(name.id()))
                    .or(() -> Optional.ofNullable(moduleFunctions.get(name.id())));
            if (function.isPresent()) {
                inline(function.get(), call, frame);
                return;
            }
            if (name.id().equals("print")) {
                return;
            }
        }
        if (!resultUsed) {
            opaque(call, frame, "Python code runs here");
        }
    }

    /** Helper functions of the file called inside a condition ({@code if x and _drop(bind): ...}) run too. */
    private void helperCalls(PyExpr expr, Frame frame) {
        switch (expr) {
            case PyExpr.BoolOp b -> b.values().forEach(v -> helperCalls(v, frame));
            case PyExpr.UnaryOp u -> helperCalls(u.operand(), frame);
            case PyExpr.Compare c -> {
                helperCalls(c.left(), frame);
                c.comparators().forEach(v -> helperCalls(v, frame));
            }
            case PyExpr.Call call when call.func() instanceof PyExpr.Name name
                    && (frame.functions().containsKey(name.id()) || moduleFunctions.containsKey(name.id())) ->
                    call(call, frame, true);
            default -> { }
        }
    }

    /** Reads a helper function of the file where it is called, its parameters bound to the arguments. */
    private void inline(PyStmt.FunctionDef function, PyExpr.Call call, Frame frame) {
        if (frame.calling().contains(function.name()) || frame.calling().size() > MAX_CALL_DEPTH) {
            opaque(call, frame, "recursive call to " + function.name() + "()");
            return;
        }
        var inner = frame.scope().child();
        var parameters = function.parameters();
        for (var parameter : parameters) {
            parameter.defaultValue().ifPresent(v -> inner.bind(parameter.name(), moduleScope.resolve(v)));
        }
        for (int i = 0; i < call.args().size() && i < parameters.size(); i++) {
            inner.bind(parameters.get(i).name(), frame.scope().resolve(call.args().get(i)));
        }
        for (var keyword : call.keywords()) {
            keyword.name().ifPresent(n -> inner.bind(n, frame.scope().resolve(keyword.value())));
        }
        statements(function.body(), frame.enter(inner, function.name()));
    }

    private Optional<AlembicOperations.Batch> batchTable(PyExpr receiver, Frame frame) {
        if (receiver instanceof PyExpr.Call call && call.func() instanceof PyExpr.Attribute a
                && a.attr().equals("batch_alter_table")
                && frame.scope().resolve(a.value()) instanceof PyExpr.Name name && opNames.contains(name.id())) {
            return call.arg(0, "table_name").flatMap(frame.scope()::string).map(table -> new AlembicOperations.Batch(
                    new dev.migrationreview.operation.TableRef(call.keyword("schema").flatMap(frame.scope()::string),
                            table)));
        }
        return Optional.empty();
    }

    /** {@code op.get_bind()}, {@code op.get_context().connection}, and connections opened from them. */
    private static boolean isConnection(PyExpr expr, PyScope scope) {
        PyExpr value = scope.resolve(expr);
        if (value instanceof PyExpr.Call call && call.func() instanceof PyExpr.Attribute a) {
            return a.attr().equals("get_bind")
                    || (a.attr().equals("connect") || a.attr().equals("begin")) && isConnection(a.value(), scope);
        }
        return value instanceof PyExpr.Attribute a && a.attr().equals("connection");
    }

    private void operation(PyExpr.Call call, String method, Optional<AlembicOperations.Batch> batch, Frame frame) {
        var operations = new AlembicOperations(frame.scope(), dialect);
        switch (operations.translate(method, call, batch)) {
            case AlembicOperations.Translation.Operations ops -> out.add(module.text(call.span()), call.span().line(),
                    call.span().endLine(), ops.operations(), frame.section());
            case AlembicOperations.Translation.Execute execute -> execute(call, execute.statement(), frame);
            case AlembicOperations.Translation.Helper helper -> { }
            case AlembicOperations.Translation.NotUnderstood reason -> out.unparsed(module.text(call.span()),
                    call.span().line(), call.span().endLine(), reason.reason(), frame.section());
        }
    }

    /**
     * SQL given to execute: a string or {@code sa.text(...)} is parsed as SQL on its own lines when
     * written in the call, on the call's lines when it comes from elsewhere; a SQLAlchemy Core
     * statement becomes a data change; anything else is reported as not understood.
     */
    private void execute(PyExpr.Call call, Optional<PyExpr> statement, Frame frame) {
        var scope = frame.scope();
        if (statement.isEmpty()) {
            out.unparsed(module.text(call.span()), call.span().line(), call.span().endLine(),
                    "execute without a statement", frame.section());
            return;
        }
        PyExpr sql = scope.resolve(statement.get());
        if (sql instanceof PyExpr.Call text && SqlAlchemySchema.isCall(text, "text") && !text.args().isEmpty()) {
            sql = scope.resolve(text.args().get(0));
        }
        var value = scope.string(sql);
        Span span = call.span();
        if (value.isPresent()) {
            if (sql instanceof PyExpr.Str literal && !literal.formatted() && within(literal.span(), span)) {
                out.sql(value.get(), literal.span().line(), literal.lineExact(), literal.span().line(),
                        literal.span().endLine(), frame.section());
            } else {
                out.sql(value.get(), span.line(), false, span.line(), span.endLine(), frame.section());
            }
            return;
        }
        var change = new AlembicOperations(scope, dialect).dataChange(sql);
        if (change.isPresent()) {
            out.add(module.text(span), span.line(), span.endLine(), List.of(change.get()), frame.section());
            return;
        }
        out.unparsed(module.text(span), span.line(), span.endLine(),
                "the SQL given to execute is computed at run time and cannot be reviewed", frame.section());
    }

    private static boolean within(Span inner, Span outer) {
        return inner.start() >= outer.start() && inner.end() <= outer.end();
    }

    private void opaque(PyExpr.Call call, Frame frame, String what) {
        Span span = call.span();
        String text = module.text(span);
        out.add(text, span.line(), span.endLine(), List.of(new Operation.OpaqueCode(what + ": " + firstLine(text))),
                frame.section());
    }

    private String firstLine(Span span) {
        return firstLine(module.text(span));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
