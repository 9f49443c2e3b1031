package dev.migrationreview.frontend.python;

import dev.migrationreview.frontend.dsl.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Python expression as far as migrations need it: names, attribute chains, calls with their
 * positional and keyword arguments, literals and containers. Everything else (comprehensions,
 * lambdas, subscripts, conditional expressions) is {@link Other}, kept with its source span.
 */
public sealed interface PyExpr {

    Span span();

    record Name(String id, Span span) implements PyExpr {}

    record Attribute(PyExpr value, String attr, Span span) implements PyExpr {}

    record Call(PyExpr func, List<PyExpr> args, List<Keyword> keywords, Span span) implements PyExpr {
        public Call {
            args = List.copyOf(args);
            keywords = List.copyOf(keywords);
        }

        /** The keyword argument {@code name}, if given. */
        public Optional<PyExpr> keyword(String name) {
            return keywords.stream().filter(k -> k.name().filter(name::equals).isPresent())
                    .map(Keyword::value).findFirst();
        }

        /**
         * Binds the arguments to a callee's parameter names as Python does: positional arguments
         * in order, then keywords by name. Starred arguments bind nothing.
         */
        public Map<String, PyExpr> bind(List<String> parameters) {
            var bound = new HashMap<String, PyExpr>();
            for (int i = 0; i < args.size() && i < parameters.size(); i++) {
                if (args.get(i) instanceof Starred) {
                    break;
                }
                bound.put(parameters.get(i), args.get(i));
            }
            for (Keyword k : keywords) {
                k.name().ifPresent(n -> bound.put(n, k.value()));
            }
            return bound;
        }

        /** Positional argument {@code index}, or else keyword {@code name} (how Python binds parameters). */
        public Optional<PyExpr> arg(int index, String name) {
            if (index >= 0 && index < args.size() && !(args.get(index) instanceof Starred)) {
                return Optional.of(args.get(index));
            }
            return keyword(name);
        }
    }

    /** {@code name=value}; an empty name is {@code **mapping}. */
    record Keyword(Optional<String> name, PyExpr value) {}

    /**
     * A string literal, adjacent literals concatenated as Python does.
     *
     * @param formatted  an f-string: parts in braces are computed at run time
     * @param lineExact  every line of {@code value} is the same line of the source (no escaped or
     *                   joined newlines, a single literal), so positions inside it map to file lines
     */
    record Str(String value, boolean formatted, boolean bytes, boolean lineExact, Span span) implements PyExpr {}

    record Num(String text, Span span) implements PyExpr {}

    /** True, False, None or Ellipsis. */
    record Constant(String text, Span span) implements PyExpr {}

    record Sequence(SequenceKind kind, List<PyExpr> elements, Span span) implements PyExpr {
        public Sequence {
            elements = List.copyOf(elements);
        }
    }

    enum SequenceKind { LIST, TUPLE, SET }

    record Dict(List<Entry> entries, Span span) implements PyExpr {
        public Dict {
            entries = List.copyOf(entries);
        }
    }

    /** A dict entry; an empty key is {@code **mapping}. */
    record Entry(Optional<PyExpr> key, PyExpr value) {}

    record BinOp(String op, PyExpr left, PyExpr right, Span span) implements PyExpr {}

    record UnaryOp(String op, PyExpr operand, Span span) implements PyExpr {}

    /** {@code a < b == c}: operators such as {@code ==}, {@code in}, {@code not in}, {@code is not}. */
    record Compare(PyExpr left, List<String> ops, List<PyExpr> comparators, Span span) implements PyExpr {
        public Compare {
            ops = List.copyOf(ops);
            comparators = List.copyOf(comparators);
        }
    }

    /** {@code a and b and c} or {@code a or b}. */
    record BoolOp(String op, List<PyExpr> values, Span span) implements PyExpr {
        public BoolOp {
            values = List.copyOf(values);
        }
    }

    /** {@code *x} or {@code **x} in a call or display. */
    record Starred(PyExpr value, boolean doubleStar, Span span) implements PyExpr {}

    /** Any expression the reader keeps only as source text. */
    record Other(String description, Span span) implements PyExpr {}
}
