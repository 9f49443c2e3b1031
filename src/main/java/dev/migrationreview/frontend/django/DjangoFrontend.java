package dev.migrationreview.frontend.django;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.Frontend;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.dsl.DslOutput;
import dev.migrationreview.frontend.python.PyExpr;
import dev.migrationreview.frontend.dsl.Span;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.operation.Operation;
import java.util.ArrayList;
import dev.migrationreview.frontend.ParsedMigration.Rollback;
import dev.migrationreview.frontend.python.PyScope;
import java.util.EnumSet;
import java.util.Optional;
import java.util.List;
import java.util.Set;

/**
 * Reads Django migration modules: each operation of the {@code Migration} class becomes a
 * statement with the SQL operations Django's schema editor runs for it, worked out against the
 * project state the app's earlier migrations build (read from the repository). The rollback is
 * each operation's reverse, in reverse order, unless one of them cannot be reversed (RunPython or
 * RunSQL without reverse code). {@code atomic = False} takes the migration out of a transaction.
 */
public final class DjangoFrontend implements Frontend {

    private final SqlFrontend sql;
    private final DjangoHistory history = new DjangoHistory();

    public DjangoFrontend(SqlFrontend sql) {
        this.sql = sql;
    }

    @Override
    public Set<Framework> frameworks() {
        return EnumSet.of(Framework.DJANGO);
    }

    @Override
    public ParsedMigration parse(MigrationFile file, FileTree repository) {
        var out = new DslOutput(file, sql);
        var migration = history.read(file.path(), out.text());
        migration.module().comments().forEach(c -> out.comment(c.text(), c.line()));
        migration.problem().ifPresent(p -> out.problem(p.line(), p.message()));
        var project = history.new Repository(repository, file.dialect(), file.path());
        var state = project.before(migration);
        var translator = new DjangoOperations(migration.app(), migration.scope(), file.dialect(), migration.version(),
                project, migration.module()::text);
        var emitter = new Emitter(out, migration);
        var rollback = new ArrayList<Runnable>();
        Optional<String> irreversible = Optional.empty();
        for (PyExpr operation : migration.operations()) {
            if (!(operation instanceof PyExpr.Call call)) {
                emitter.unparsed(operation.span(), "an operation that is not a call", Section.UP);
                irreversible = irreversible.or(() -> Optional.of("line " + operation.span().line()
                        + ": an operation that is not a call"));
                continue;
            }
            var translated = translator.translate(call, state);
            emitter.emit(call, translated.forward(), Section.UP);
            if (translated.backward().isPresent()) {
                var steps = translated.backward().get();
                rollback.add(0, () -> emitter.emit(call, steps, Section.DOWN));
            } else {
                irreversible = irreversible.or(() -> Optional.of("line " + call.span().line() + ": "
                        + PyScope.simpleName(call.func()).orElse("the operation") + " cannot be reversed"));
            }
            state = translated.after();
        }
        var operations = migration.operations();
        int first = operations.isEmpty() ? 1 : operations.get(0).span().line();
        int last = operations.isEmpty() ? 1 : operations.get(operations.size() - 1).span().endLine();
        if (irreversible.isEmpty()) {
            rollback.forEach(Runnable::run);
            out.rollback("operations", first, last, Rollback.Kind.AUTOMATIC,
                    "Django reverses each operation, last first");
        } else {
            out.rollback("operations", first, last, Rollback.Kind.MISSING, "Django cannot unapply this migration ("
                    + irreversible.get() + "): a RunPython needs reverse_code, a RunSQL reverse_sql");
        }
        return out.build(file.transactional() && migration.atomic().orElse(true));
    }

    /** Writes the steps of each Django operation as statements on the operation's lines. */
    private static final class Emitter {
        private final DslOutput out;
        private final DjangoMigration migration;

        Emitter(DslOutput out, DjangoMigration migration) {
            this.out = out;
            this.migration = migration;
        }

        void emit(PyExpr.Call call, List<DjangoOperations.Step> steps, Section section) {
            var pending = new ArrayList<Operation>();
            int written = 0;
            for (var step : steps) {
                switch (step) {
                    case DjangoOperations.Step.Ops ops -> pending.addAll(ops.operations());
                    case DjangoOperations.Step.Sql sql -> {
                        written += flush(call, pending, section);
                        sql(call, sql.sql(), section);
                        written++;
                    }
                    case DjangoOperations.Step.Nested nested -> {
                        written += flush(call, pending, section);
                        emit(nested.call(), nested.steps(), section);
                        written++;
                    }
                    case DjangoOperations.Step.NotUnderstood reason -> {
                        written += flush(call, pending, section);
                        unparsed(call.span(), reason.reason(), section);
                        written++;
                    }
                }
            }
            if (written == 0) {
                // Also an operation with no database effect (AlterModelOptions) is listed, with no operations.
                add(call, pending, section);
            } else {
                flush(call, pending, section);
            }
        }

        private int flush(PyExpr.Call call, List<Operation> pending, Section section) {
            if (pending.isEmpty()) {
                return 0;
            }
            add(call, pending, section);
            return 1;
        }

        private void add(PyExpr.Call call, List<Operation> pending, Section section) {
            out.add(migration.module().text(call.span()), call.span().line(), call.span().endLine(),
                    List.copyOf(pending), section);
            pending.clear();
        }

        /** RunSQL's SQL on the literal's own lines when it is written in the call, else on the call's lines. */
        private void sql(PyExpr.Call call, PyExpr expr, Section section) {
            var scope = migration.scope();
            PyExpr value = scope.resolve(expr);
            var text = scope.string(value);
            if (text.isEmpty()) {
                unparsed(call.span(), "the SQL given to RunSQL is computed at run time", section);
                return;
            }
            Span span = call.span();
            if (value instanceof PyExpr.Str literal && !literal.formatted() && literal.span().start() >= span.start()
                    && literal.span().end() <= span.end()) {
                out.sql(text.get(), literal.span().line(), literal.lineExact(), literal.span().line(),
                        literal.span().endLine(), section);
            } else {
                out.sql(text.get(), span.line(), false, span.line(), span.endLine(), section);
            }
        }

        void unparsed(Span span, String reason, Section section) {
            out.unparsed(migration.module().text(span), span.line(), span.endLine(), reason, section);
        }
    }
}
