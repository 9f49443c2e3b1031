package dev.migrationreview.frontend.python;

import dev.migrationreview.frontend.dsl.Span;
import java.util.List;
import java.util.Optional;

/** A Python statement; compound statements keep their bodies so frontends can follow blocks. */
public sealed interface PyStmt {

    Span span();

    record ExprStmt(PyExpr expr, Span span) implements PyStmt {}

    /** {@code a = b = value}, also augmented ({@code +=}) and annotated assignments. */
    record Assign(List<PyExpr> targets, String op, PyExpr value, Span span) implements PyStmt {
        public Assign {
            targets = List.copyOf(targets);
        }
    }

    record FunctionDef(String name, List<Parameter> parameters, List<PyExpr> decorators, List<PyStmt> body, Span span)
            implements PyStmt {
        public FunctionDef {
            parameters = List.copyOf(parameters);
            decorators = List.copyOf(decorators);
            body = List.copyOf(body);
        }
    }

    /** A parameter and its default value; {@code *args} and {@code **kwargs} keep their bare name. */
    record Parameter(String name, Optional<PyExpr> defaultValue) {}

    record ClassDef(String name, List<PyExpr> bases, List<PyStmt> body, Span span) implements PyStmt {
        public ClassDef {
            bases = List.copyOf(bases);
            body = List.copyOf(body);
        }
    }

    /** {@code with a as x, b:}; each item's context expression and optional alias. */
    record With(List<WithItem> items, List<PyStmt> body, Span span) implements PyStmt {
        public With {
            items = List.copyOf(items);
            body = List.copyOf(body);
        }
    }

    record WithItem(PyExpr context, Optional<String> alias) {}

    /** {@code for target in iterable:} (also {@code async for}). */
    record For(PyExpr target, PyExpr iterable, List<PyStmt> body, Span span) implements PyStmt {
        public For {
            body = List.copyOf(body);
        }
    }

    /**
     * if/elif/else, while, try/except/finally: {@code keyword} names the clause, {@code header}
     * its condition when it has one. Each clause is its own block, in source order.
     */
    record Block(String keyword, Optional<PyExpr> header, List<PyStmt> body, Span span) implements PyStmt {
        public Block {
            body = List.copyOf(body);
        }
    }

    /** {@code import a.b as c} (empty {@code module}) or {@code from module import name as alias}. */
    record Import(String module, List<ImportedName> names, Span span) implements PyStmt {
        public Import {
            names = List.copyOf(names);
        }
    }

    record ImportedName(String name, Optional<String> alias) {
        /** The name the import binds in the module. */
        public String boundName() {
            return alias.orElse(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
        }
    }

    /** return, pass, raise, del, assert, global, nonlocal, yield, break, continue, with an optional value. */
    record Simple(String keyword, Optional<PyExpr> value, Span span) implements PyStmt {}

    /** A statement the reader could not parse; {@code message} says why. */
    record Unknown(String message, Span span) implements PyStmt {}
}
