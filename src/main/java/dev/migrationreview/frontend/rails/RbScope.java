package dev.migrationreview.frontend.rails;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Constants and local variables bound while the Rails reader follows a migration, and the values
 * of expressions that can be known without running Ruby: strings (also interpolated from known
 * names), symbols, numbers, booleans and lists.
 */
final class RbScope {

    /** String methods that leave SQL as it is (or only change its whitespace). */
    private static final Set<String> TEXT_PRESERVING = Set.of("squish", "strip", "freeze", "dup", "to_s", "chomp",
            "strip_heredoc", "lstrip", "rstrip", "itself");
    private static final int MAX_DEPTH = 32;

    private final Map<String, RbNode> bindings = new HashMap<>();
    private final Optional<RbScope> parent;

    private RbScope(Optional<RbScope> parent) {
        this.parent = parent;
    }

    static RbScope root() {
        return new RbScope(Optional.empty());
    }

    RbScope child() {
        return new RbScope(Optional.of(this));
    }

    void bind(String name, RbNode value) {
        bindings.put(name, value);
    }

    Optional<RbNode> lookup(String name) {
        RbNode value = bindings.get(name);
        return value != null ? Optional.of(value) : parent.flatMap(p -> p.lookup(name));
    }

    /** The node a variable or constant stands for, and the literal under {@code .freeze}-like calls. */
    RbNode resolve(RbNode node) {
        RbNode current = node;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Optional<RbNode> next = switch (current) {
                case RbNode.Var v -> lookup(v.name());
                case RbNode.Const c -> lookup(c.path());
                case RbNode.Call c when c.receiver().isEmpty() && c.args().isEmpty() && c.block().isEmpty()
                        && c.options().isEmpty() -> lookup(c.name());
                case RbNode.Call c when c.receiver().isPresent() && c.args().isEmpty() && c.block().isEmpty()
                        && TEXT_PRESERVING.contains(c.name()) -> c.receiver();
                default -> Optional.empty();
            };
            if (next.isEmpty() || next.get() == current) {
                break;
            }
            current = next.get();
        }
        return current;
    }

    /** A string or symbol's text; an interpolated string only when every interpolation is a known name. */
    Optional<String> text(RbNode node) {
        return text(node, 0);
    }

    private Optional<String> text(RbNode node, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        return switch (resolve(node)) {
            case RbNode.Sym s -> Optional.of(s.name());
            case RbNode.Str s when s.literal().interpolations().isEmpty() -> Optional.of(s.literal().value());
            case RbNode.Str s -> interpolate(s.literal(), depth);
            case RbNode.Binary b when b.op().equals("+") -> text(b.left(), depth + 1)
                    .flatMap(l -> text(b.right(), depth + 1).map(r -> l + r));
            default -> Optional.empty();
        };
    }

    private Optional<String> interpolate(RbToken.Literal literal, int depth) {
        String value = literal.value();
        for (String code : literal.interpolations()) {
            String name = code.strip();
            var known = lookup(name).flatMap(v -> text(v, depth + 1))
                    .or(() -> lookup(name).flatMap(this::number));
            if (known.isEmpty()) {
                return Optional.empty();
            }
            value = value.replace("#{" + code + "}", known.get());
        }
        return Optional.of(value);
    }

    Optional<String> number(RbNode node) {
        return resolve(node) instanceof RbNode.Num n ? Optional.of(n.text()) : Optional.empty();
    }

    Optional<Long> integer(RbNode node) {
        return number(node).flatMap(n -> {
            try {
                return Optional.of(Long.parseLong(n));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    Optional<Boolean> bool(RbNode node) {
        if (resolve(node) instanceof RbNode.Literal l) {
            return switch (l.text()) {
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    static boolean isNil(RbNode node) {
        return node instanceof RbNode.Literal l && l.text().equals("nil");
    }

    /** The elements of an array, %w/%i list, or a single value as a one-element list. */
    Optional<List<String>> texts(RbNode node) {
        RbNode value = resolve(node);
        if (value instanceof RbNode.Words w) {
            return Optional.of(w.words());
        }
        if (value instanceof RbNode.Array a) {
            var result = new ArrayList<String>();
            for (RbNode element : a.elements()) {
                if (element instanceof RbNode.Splat s && s.op().equals("*")) {
                    var inner = texts(s.value());
                    if (inner.isEmpty()) {
                        return Optional.empty();
                    }
                    result.addAll(inner.get());
                    continue;
                }
                var text = text(element);
                if (text.isEmpty()) {
                    return Optional.empty();
                }
                result.add(text.get());
            }
            return Optional.of(result);
        }
        return text(value).map(List::of);
    }

    /** Elements of a literal list, for following {@code .each} loops. */
    Optional<List<RbNode>> elements(RbNode node) {
        RbNode value = resolve(node);
        if (value instanceof RbNode.Array a) {
            return Optional.of(a.elements());
        }
        if (value instanceof RbNode.Words w) {
            return Optional.of(w.words().stream().<RbNode>map(word -> w.symbols() ? new RbNode.Sym(word, w.span())
                    : new RbNode.Str(new RbToken.Literal(word, List.of(), List.of(), w.span().line(), false), w.span()))
                    .toList());
        }
        return Optional.empty();
    }
}
