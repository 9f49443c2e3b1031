package dev.migrationreview.frontend.python;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names bound to expressions while a frontend follows a migration's code, and the constant values
 * those expressions have where they can be known without running anything: a SQL string kept in a
 * module constant, a table name in a loop variable, a list of columns.
 */
public final class PyScope {

    private static final int MAX_DEPTH = 32;
    private static final Pattern FORMAT_FIELD = Pattern.compile("\\{\\{|}}|\\{([A-Za-z_][A-Za-z0-9_]*)(![rsa])?(:[^{}]*)?}");

    private final Map<String, PyExpr> bindings = new HashMap<>();
    private final Optional<PyScope> parent;

    private PyScope(Optional<PyScope> parent) {
        this.parent = parent;
    }

    public static PyScope root() {
        return new PyScope(Optional.empty());
    }

    public PyScope child() {
        return new PyScope(Optional.of(this));
    }

    public void bind(String name, PyExpr value) {
        bindings.put(name, value);
    }

    /** Binds simple names of an assignment; names assigned something unknown shadow outer values. */
    public void assign(PyExpr target, PyExpr value) {
        if (target instanceof PyExpr.Name name) {
            bind(name.id(), value);
        } else if (target instanceof PyExpr.Sequence targets) {
            var values = elements(value).filter(v -> v.size() == targets.elements().size());
            for (int i = 0; i < targets.elements().size(); i++) {
                PyExpr element = targets.elements().get(i);
                assign(element, values.isPresent() ? values.get().get(i) : new PyExpr.Other("unpacked value", element.span()));
            }
        }
    }

    public Optional<PyExpr> lookup(String name) {
        PyExpr value = bindings.get(name);
        if (value != null) {
            return Optional.of(value);
        }
        return parent.flatMap(p -> p.lookup(name));
    }

    /** The expression a name stands for, followed through assignments; other expressions as they are. */
    public PyExpr resolve(PyExpr expr) {
        PyExpr current = expr;
        for (int depth = 0; depth < MAX_DEPTH && current instanceof PyExpr.Name name; depth++) {
            var bound = lookup(name.id());
            if (bound.isEmpty() || bound.get() == current) {
                break;
            }
            current = bound.get();
        }
        return current;
    }

    /** The string an expression evaluates to, if it is built from literals and known names only. */
    public Optional<String> string(PyExpr expr) {
        return string(expr, 0);
    }

    private Optional<String> string(PyExpr expr, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        return switch (resolve(expr)) {
            case PyExpr.Str s when !s.formatted() -> Optional.of(s.value());
            case PyExpr.Str s -> interpolate(s.value(), depth);
            case PyExpr.BinOp b when b.op().equals("+") -> string(b.left(), depth + 1)
                    .flatMap(l -> string(b.right(), depth + 1).map(r -> l + r));
            default -> Optional.empty();
        };
    }

    /** Fills an f-string's {@code {name}} fields from known names; empty if any is unknown. */
    private Optional<String> interpolate(String template, int depth) {
        Matcher m = FORMAT_FIELD.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("{{")) {
                replacement = "{";
            } else if (m.group().equals("}}")) {
                replacement = "}";
            } else {
                var value = lookup(m.group(1)).flatMap(v -> string(v, depth + 1));
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                replacement = value.get();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return template.contains("{") || template.contains("}") ? Optional.of(out.toString()) : Optional.of(template);
    }

    /** The elements of a list, tuple or set display (followed through names). */
    public Optional<List<PyExpr>> elements(PyExpr expr) {
        if (expr == null) {
            return Optional.empty();
        }
        return switch (resolve(expr)) {
            case PyExpr.Sequence s -> Optional.of(s.elements());
            case PyExpr.BinOp b when b.op().equals("+") -> elements(b.left())
                    .flatMap(l -> elements(b.right()).map(r -> {
                        var all = new ArrayList<>(l);
                        all.addAll(r);
                        return List.copyOf(all);
                    }));
            default -> Optional.empty();
        };
    }

    /** The strings of a list or tuple of string constants; empty if any element is not one. */
    public Optional<List<String>> strings(PyExpr expr) {
        var elements = elements(expr);
        if (elements.isEmpty()) {
            return Optional.empty();
        }
        var values = new ArrayList<String>();
        for (PyExpr e : elements.get()) {
            var value = string(e);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values.add(value.get());
        }
        return Optional.of(values);
    }

    public Optional<Boolean> bool(PyExpr expr) {
        if (resolve(expr) instanceof PyExpr.Constant c) {
            return switch (c.text()) {
                case "True" -> Optional.of(true);
                case "False" -> Optional.of(false);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    public Optional<Long> integer(PyExpr expr) {
        PyExpr value = resolve(expr);
        if (value instanceof PyExpr.Num n) {
            try {
                return Optional.of(Long.parseLong(n.text().replace("_", "")));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (value instanceof PyExpr.UnaryOp u && u.op().equals("-")) {
            return integer(u.operand()).map(v -> -v);
        }
        return Optional.empty();
    }

    public static boolean isNone(PyExpr expr) {
        return expr instanceof PyExpr.Constant c && c.text().equals("None");
    }

    /** {@code a.b.c} for a name or attribute chain; empty for anything else. */
    public static Optional<String> dotted(PyExpr expr) {
        return switch (expr) {
            case PyExpr.Name n -> Optional.of(n.id());
            case PyExpr.Attribute a -> dotted(a.value()).map(v -> v + "." + a.attr());
            default -> Optional.empty();
        };
    }

    /** The last part of a dotted name ({@code models.CharField} gives {@code CharField}). */
    public static Optional<String> simpleName(PyExpr expr) {
        return switch (expr) {
            case PyExpr.Name n -> Optional.of(n.id());
            case PyExpr.Attribute a -> Optional.of(a.attr());
            default -> Optional.empty();
        };
    }
}
