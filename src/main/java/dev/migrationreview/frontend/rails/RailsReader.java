package dev.migrationreview.frontend.rails;

import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.frontend.dsl.DslOutput;
import dev.migrationreview.frontend.dsl.Span;
import dev.migrationreview.operation.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Follows the body of a migration method as ActiveRecord runs it. In {@code up} and {@code down}
 * every call is forward in its section. In {@code change} each call is forward, and its reverse
 * (the command recorder's inversion) becomes the rollback, in reverse order, unless a call cannot
 * be reversed; {@code reversible} and {@code up_only} blocks say what runs in which direction.
 * {@code safety_assured} blocks become block suppressions when a comment explains them.
 */
final class RailsReader {

    private static final int MAX_CALL_DEPTH = 8;
    private static final int MAX_UNROLLED = 64;
    private static final Set<String> BLOCK_WRAPPERS = Set.of("say_with_time", "with_lock_retries", "suppress_messages",
            "silence", "without_timeout", "with_timeout");
    private static final Set<String> LOGGING = Set.of("puts", "say", "p", "print", "pp", "warn");
    private static final Set<String> EACH = Set.of("each", "each_with_index", "map", "each_key", "flat_map");

    /** How calls are recorded: forward into a section, or forward with their reverse ({@code change}). */
    private enum Mode { FORWARD, CHANGE }

    private record Frame(Mode mode, Section section, RbScope scope, Optional<String> directions, List<String> calling) {
        Frame with(Mode newMode, Section newSection) {
            return new Frame(newMode, newSection, scope, directions, calling);
        }

        Frame scoped(RbScope inner) {
            return new Frame(mode, section, inner, directions, calling);
        }
    }

    private final String source;
    private final DslOutput out;
    private final RbScope classScope;
    private final Map<String, RbNode.Def> helpers;
    private final RailsVersion version;
    private final boolean transactional;
    private final TreeMap<Integer, RbLexer.RbComment> comments = new TreeMap<>();
    /** The rollback of a change method, in the order it runs; empty once a call is irreversible. */
    private final List<Runnable> rollback = new ArrayList<>();
    private Optional<String> irreversible = Optional.empty();

    RailsReader(String source, List<RbLexer.RbComment> comments, DslOutput out, RbScope classScope,
                Map<String, RbNode.Def> helpers, RailsVersion version, boolean transactional) {
        this.source = source;
        this.out = out;
        this.classScope = classScope;
        this.helpers = helpers;
        this.version = version;
        this.transactional = transactional;
        comments.forEach(c -> this.comments.put(c.line(), c));
    }

    /** What reading {@code up} or {@code down} found: whether it raises, and how many statements it has. */
    record Reading(boolean raises, int statements) {}

    /** {@code up} or {@code down}: every call forward into {@code section}; a down that raises is no rollback. */
    Reading readDirection(RbNode.Def method, Section section) {
        int mark = out.mark();
        walk(method.body(), new Frame(Mode.FORWARD, section, classScope.child(), Optional.empty(), List.of(method.name())));
        boolean raises = section == Section.DOWN && raises(method.body());
        if (raises) {
            out.truncate(mark);
        }
        return new Reading(raises, out.mark() - mark);
    }

    /**
     * {@code change}: forward calls, then their reverse as the rollback when every call has one.
     * Returns why there is no rollback, when a call cannot be reversed.
     */
    Optional<String> readChange(RbNode.Def method) {
        walk(method.body(), new Frame(Mode.CHANGE, Section.UP, classScope.child(), Optional.empty(),
                List.of(method.name())));
        if (irreversible.isEmpty()) {
            for (int k = rollback.size() - 1; k >= 0; k--) {
                rollback.get(k).run();
            }
        }
        return irreversible;
    }

    private static boolean raises(List<RbNode> body) {
        return body.stream().anyMatch(n -> n instanceof RbNode.Call c && c.receiver().isEmpty() && c.name().equals("raise"));
    }

    private void walk(List<RbNode> body, Frame frame) {
        for (RbNode node : body) {
            switch (node) {
                case RbNode.Call call -> call(call, frame, false);
                case RbNode.If conditional -> {
                    walk(conditional.then(), frame);
                    walk(conditional.otherwise(), frame);
                }
                case RbNode.Compound compound -> walk(compound.body(), frame);
                case RbNode.Assign assign -> {
                    if (assign.value() instanceof RbNode.Call call) {
                        call(call, frame, true);
                    }
                    bind(assign.target(), assign.value(), frame.scope());
                }
                case RbNode.Binary binary when binary.op().equals("and") || binary.op().equals("or") -> walk(
                        List.of(binary.left(), binary.right()), frame);
                case RbNode.Unknown unknown -> out.unparsed(text(unknown.span()), unknown.span().line(),
                        unknown.span().endLine(), "could not read this Ruby statement: " + unknown.message(),
                        frame.section());
                default -> { }
            }
        }
    }

    private static void bind(RbNode target, RbNode value, RbScope scope) {
        switch (target) {
            case RbNode.Var v -> scope.bind(v.name(), value);
            case RbNode.Call c when c.receiver().isEmpty() -> scope.bind(c.name(), value);
            case RbNode.Const c -> scope.bind(c.path(), value);
            default -> { }
        }
    }

    // ---- calls --------------------------------------------------------------------------------

    private void call(RbNode.Call call, Frame frame, boolean resultUsed) {
        String name = call.name();
        var receiver = call.receiver().map(frame.scope()::resolve);
        if (receiver.isPresent() && frame.directions().isPresent() && receiver.get() instanceof RbNode.Var v
                && v.name().equals(frame.directions().get()) && (name.equals("up") || name.equals("down"))) {
            direction(call, name.equals("up") ? Section.UP : Section.DOWN, frame);
            return;
        }
        if (receiver.isPresent() && EACH.contains(name) && call.block().isPresent()) {
            loop(receiver.get(), call.block().get(), frame);
            return;
        }
        if (receiver.isEmpty() || isConnection(receiver.get())) {
            migrationMethod(call, frame, resultUsed, receiver.isPresent());
            return;
        }
        if (resultUsed || isLogger(receiver.get()) || name.equals("reset_column_information")) {
            return;
        }
        opaque(call, frame, "Ruby code runs here");
    }

    private static boolean isConnection(RbNode receiver) {
        return receiver instanceof RbNode.Call c && c.name().equals("connection") && c.args().isEmpty();
    }

    private static boolean isLogger(RbNode receiver) {
        return receiver instanceof RbNode.Call c && c.name().equals("logger")
                || receiver instanceof RbNode.Var v && v.name().contains("logger");
    }

    private void migrationMethod(RbNode.Call call, Frame frame, boolean resultUsed, boolean onConnection) {
        String name = call.name();
        switch (name) {
            case "reversible" -> {
                call.block().ifPresent(block -> walk(block.body(), new Frame(frame.mode(), frame.section(),
                        frame.scope().child(), block.parameters().stream().findFirst(), frame.calling())));
                return;
            }
            case "up_only" -> {
                if (frame.mode() == Mode.CHANGE || frame.section() == Section.UP) {
                    call.block().ifPresent(block -> walk(block.body(), frame.with(Mode.FORWARD, Section.UP)));
                }
                return;
            }
            case "safety_assured" -> {
                out.suppression(Suppression.block(Suppression.ALL_RULES, reasonAbove(call), call.span().line(),
                        call.span().endLine()));
                call.block().ifPresent(block -> walk(block.body(), frame));
                return;
            }
            case "transaction" -> {
                transaction(call, frame);
                return;
            }
            case "change_table" -> {
                changeTable(call, frame);
                return;
            }
            case "revert" -> {
                out.unparsed(text(call.span()), call.span().line(), call.span().endLine(),
                        "revert blocks are not read by this review", frame.section());
                irreversible = irreversible.or(() -> Optional.of(onLine(call, "revert blocks are not read")));
                return;
            }
            case "raise", "fail", "return", "disable_ddl_transaction!", "index_exists?", "column_exists?",
                 "table_exists?", "foreign_key_exists?", "check_constraint_exists?", "index_name_exists?",
                 "connection", "require", "lambda", "proc" -> {
                return;
            }
            default -> { }
        }
        if (BLOCK_WRAPPERS.contains(name) && call.block().isPresent()) {
            walk(call.block().get().body(), frame);
            return;
        }
        if (LOGGING.contains(name) || name.endsWith("?") && (resultUsed || onConnection)) {
            return;
        }
        var helper = Optional.ofNullable(helpers.get(name));
        if (helper.isPresent() && !onConnection) {
            inline(helper.get(), call, frame);
            return;
        }
        if (resultUsed && !onConnection) {
            return;
        }
        var calls = new RailsCalls(frame.scope(), out.file().dialect(), version, n -> text(n.span()));
        record(call, calls.migration(call), frame);
    }

    /** Writes what a call does in the frame's mode, recording its reverse in {@code change}. */
    private void record(RbNode.Call call, RailsCalls.Result result, Frame frame) {
        switch (result) {
            case RailsCalls.Result.Ops ops -> {
                emit(call.span(), ops.forward(), frame.section());
                ops.problems().forEach(p -> out.unparsed(text(p.call().span()), p.call().span().line(),
                        p.call().span().endLine(), p.reason(), frame.section()));
                if (frame.mode() == Mode.CHANGE) {
                    if (ops.irreversible().isPresent()) {
                        irreversible = irreversible.or(() -> ops.irreversible().map(r -> onLine(call, r)));
                    } else {
                        rollback.add(() -> emit(call.span(), ops.inverse(), Section.DOWN));
                    }
                }
            }
            case RailsCalls.Result.Sql sql -> {
                execute(sql.call(), sql.sql(), frame);
                if (frame.mode() == Mode.CHANGE) {
                    irreversible = irreversible.or(() -> Optional.of(onLine(call, "execute cannot be reversed: use up "
                            + "and down, or reversible")));
                }
            }
            case RailsCalls.Result.NotUnderstood reason -> {
                out.unparsed(text(call.span()), call.span().line(), call.span().endLine(), reason.reason(),
                        frame.section());
                if (frame.mode() == Mode.CHANGE) {
                    irreversible = irreversible.or(() -> Optional.of(onLine(call, reason.reason())));
                }
            }
            case RailsCalls.Result.NoEffect none -> { }
        }
    }

    private static String onLine(RbNode.Call call, String reason) {
        return "line " + call.span().line() + ": " + reason;
    }

    private void emit(Span span, List<Operation> operations, Section section) {
        out.add(text(span), span.line(), span.endLine(), operations, section);
    }

    /** {@code dir.up} / {@code dir.down} inside {@code reversible}: each runs only in its direction. */
    private void direction(RbNode.Call call, Section section, Frame frame) {
        if (call.block().isEmpty()) {
            return;
        }
        var body = call.block().get().body();
        if (frame.mode() == Mode.CHANGE) {
            if (section == Section.UP) {
                walk(body, frame.with(Mode.FORWARD, Section.UP));
            } else {
                var scope = frame.scope();
                rollback.add(() -> walk(body, frame.with(Mode.FORWARD, Section.DOWN).scoped(scope)));
            }
        } else if (frame.section() == section) {
            walk(body, frame);
        }
    }

    /**
     * change_table: with {@code bulk: true} Rails runs one ALTER TABLE, so the block is one
     * statement; otherwise each call in it is its own statement.
     */
    private void changeTable(RbNode.Call call, Frame frame) {
        var calls = new RailsCalls(frame.scope(), out.file().dialect(), version, n -> text(n.span()));
        var table = call.arg(0).flatMap(frame.scope()::text).map(RailsCalls::table);
        if (table.isEmpty()) {
            record(call, new RailsCalls.Result.NotUnderstood("change_table: the table name is computed at run time"),
                    frame);
            return;
        }
        boolean bulk = call.option("bulk").flatMap(frame.scope()::bool).orElse(false);
        if (!bulk) {
            for (RbNode.Call inner : calls.blockCalls(call)) {
                record(inner, calls.tableCall(table.get(), inner, false), frame);
            }
            return;
        }
        var forward = new ArrayList<Operation>();
        var inverse = new ArrayList<Operation>();
        var problems = new ArrayList<RailsCalls.Problem>();
        Optional<String> cannotReverse = Optional.empty();
        for (RbNode.Call inner : calls.blockCalls(call)) {
            switch (calls.tableCall(table.get(), inner, false)) {
                case RailsCalls.Result.Ops ops -> {
                    forward.addAll(ops.forward());
                    inverse.addAll(0, ops.inverse());
                    cannotReverse = cannotReverse.or(ops::irreversible);
                }
                case RailsCalls.Result.NotUnderstood reason -> problems.add(new RailsCalls.Problem(inner, reason.reason()));
                default -> { }
            }
        }
        record(call, new RailsCalls.Result.Ops(forward, inverse, cannotReverse, problems), frame);
    }

    /**
     * {@code transaction do ... end} in a migration run outside a transaction opens one for its
     * block; inside the migration's own transaction it changes nothing.
     */
    private void transaction(RbNode.Call call, Frame frame) {
        if (call.block().isEmpty()) {
            return;
        }
        boolean opens = !transactional && frame.section() == Section.UP;
        Span span = call.span();
        String header = firstLine(text(span));
        if (opens) {
            out.add(header, span.line(), span.line(), List.of(new Operation.Transaction(Operation.Transaction.Control.BEGIN)),
                    Section.UP);
        }
        walk(call.block().get().body(), frame);
        if (opens) {
            out.add(header, span.endLine(), span.endLine(),
                    List.of(new Operation.Transaction(Operation.Transaction.Control.COMMIT)), Section.UP);
        }
    }

    /** {@code [...].each do |x| ... end}: once per element of a known list, else once with x unknown. */
    private void loop(RbNode list, RbNode.Block block, Frame frame) {
        var elements = frame.scope().elements(list);
        String parameter = block.parameters().isEmpty() ? "_" : block.parameters().get(0);
        if (elements.isPresent() && elements.get().size() <= MAX_UNROLLED) {
            for (RbNode element : elements.get()) {
                var inner = frame.scope().child();
                inner.bind(parameter, element);
                walk(block.body(), frame.scoped(inner));
            }
            return;
        }
        var inner = frame.scope().child();
        inner.bind(parameter, new RbNode.Other("loop variable", block.span()));
        walk(block.body(), frame.scoped(inner));
    }

    /** A method of the migration class called from a migration method, its parameters bound. */
    private void inline(RbNode.Def helper, RbNode.Call call, Frame frame) {
        if (frame.calling().contains(helper.name()) || frame.calling().size() > MAX_CALL_DEPTH) {
            opaque(call, frame, "recursive call to " + helper.name());
            return;
        }
        var inner = classScope.child();
        for (int k = 0; k < helper.parameters().size() && k < call.args().size(); k++) {
            inner.bind(helper.parameters().get(k), frame.scope().resolve(call.args().get(k)));
        }
        for (var option : call.options()) {
            if (option.key() instanceof RbNode.Sym s) {
                inner.bind(s.name(), frame.scope().resolve(option.value()));
            }
        }
        var calling = new ArrayList<>(frame.calling());
        calling.add(helper.name());
        walk(helper.body(), new Frame(frame.mode(), frame.section(), inner, frame.directions(), calling));
    }

    /**
     * SQL given to execute: parsed on the literal's own lines (a heredoc's body starts on the line
     * after {@code <<~SQL}); SQL from a constant or variable is placed on the call's lines.
     */
    private void execute(RbNode.Call call, Optional<RbNode> argument, Frame frame) {
        Span span = call.span();
        if (argument.isEmpty()) {
            out.unparsed(text(span), span.line(), span.endLine(), "execute without SQL", frame.section());
            return;
        }
        var sql = frame.scope().text(argument.get());
        if (sql.isEmpty()) {
            out.unparsed(text(span), span.line(), span.endLine(),
                    "the SQL given to execute is computed at run time and cannot be reviewed", frame.section());
            return;
        }
        RbNode literal = frame.scope().resolve(argument.get());
        if (literal instanceof RbNode.Str str && str.literal().interpolations().isEmpty()
                && str.span().start() >= span.start() && str.span().end() <= span.end()) {
            out.sql(sql.get(), str.literal().contentLine(), str.literal().lineExact(), str.span().line(),
                    str.span().endLine(), frame.section());
        } else {
            out.sql(sql.get(), span.line(), false, span.line(), span.endLine(), frame.section());
        }
    }

    /** The comment lines right above a safety_assured block (or after it on its line): why it is safe. */
    private Optional<String> reasonAbove(RbNode.Call call) {
        var lines = new ArrayList<String>();
        for (int line = call.span().line() - 1; comments.containsKey(line) && !comments.get(line).trailing(); line--) {
            lines.add(0, comments.get(line).text());
        }
        var trailing = comments.get(call.span().line());
        if (trailing != null && trailing.trailing()) {
            lines.add(trailing.text());
        }
        var reason = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("rubocop:")
                && !l.startsWith("migration-review:") && !l.startsWith("frozen_string_literal")).toList();
        return reason.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", reason));
    }

    private void opaque(RbNode.Call call, Frame frame, String what) {
        String text = text(call.span());
        out.add(text, call.span().line(), call.span().endLine(),
                List.of(new Operation.OpaqueCode(what + ": " + firstLine(text))), frame.section());
    }

    private String text(Span span) {
        return source.substring(span.start(), Math.min(span.end(), source.length()));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
