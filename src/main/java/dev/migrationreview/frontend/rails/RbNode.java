package dev.migrationreview.frontend.rails;

import dev.migrationreview.frontend.dsl.Span;
import java.util.List;
import java.util.Optional;

/**
 * A Ruby expression or statement as far as migrations need it: method calls with positional
 * arguments, trailing options ({@code null: false}, {@code :a => 1}) and a block; literals;
 * definitions; conditionals. Anything else keeps its span as {@link Other}.
 */
sealed interface RbNode {

    Span span();

    /**
     * A method call: {@code add_index :users, :email, unique: true}, {@code t.string(:name)},
     * {@code create_table :t do |t| ... end}. A bare identifier that is not a local variable is a
     * call without arguments.
     */
    record Call(Optional<RbNode> receiver, String name, List<RbNode> args, List<Pair> options, Optional<Block> block,
                Span span) implements RbNode {
        public Call {
            args = List.copyOf(args);
            options = List.copyOf(options);
        }

        Optional<RbNode> option(String key) {
            return options.stream().filter(p -> p.key() instanceof Sym sym && sym.name().equals(key)
                    || p.key() instanceof Str str && str.literal().value().equals(key)).map(Pair::value).findFirst();
        }

        Optional<RbNode> arg(int index) {
            return index < args.size() ? Optional.of(args.get(index)) : Optional.empty();
        }
    }

    record Block(List<String> parameters, List<RbNode> body, Span span) implements RbNode {
        public Block {
            parameters = List.copyOf(parameters);
            body = List.copyOf(body);
        }
    }

    record Pair(RbNode key, RbNode value) {}

    record Sym(String name, Span span) implements RbNode {}

    record Str(RbToken.Literal literal, Span span) implements RbNode {}

    /** {@code %w[a b]} (strings) or {@code %i[a b]} (symbols). */
    record Words(List<String> words, boolean symbols, Span span) implements RbNode {
        public Words {
            words = List.copyOf(words);
        }
    }

    record Num(String text, Span span) implements RbNode {}

    /** nil, true, false, self. */
    record Literal(String text, Span span) implements RbNode {}

    record Array(List<RbNode> elements, Span span) implements RbNode {
        public Array {
            elements = List.copyOf(elements);
        }
    }

    record Hash(List<Pair> pairs, Span span) implements RbNode {
        public Hash {
            pairs = List.copyOf(pairs);
        }
    }

    /** {@code ActiveRecord::Migration}: the path as written. */
    record Const(String path, Span span) implements RbNode {}

    /** A local, instance, class or global variable. */
    record Var(String name, Span span) implements RbNode {}

    /** {@code receiver[args]}, such as {@code ActiveRecord::Migration[7.1]}. */
    record Index(RbNode receiver, List<RbNode> args, Span span) implements RbNode {
        public Index {
            args = List.copyOf(args);
        }
    }

    record Binary(String op, RbNode left, RbNode right, Span span) implements RbNode {}

    record Assign(RbNode target, String op, RbNode value, Span span) implements RbNode {}

    /** {@code *x}, {@code **x} or {@code &x} in an argument list. */
    record Splat(String op, RbNode value, Span span) implements RbNode {}

    record Def(String name, boolean singleton, List<String> parameters, List<RbNode> body, Span span)
            implements RbNode {
        public Def {
            parameters = List.copyOf(parameters);
            body = List.copyOf(body);
        }
    }

    /** A class or module; {@code superclass} is what follows {@code <}. */
    record ClassDef(String keyword, String name, Optional<RbNode> superclass, List<RbNode> body, Span span)
            implements RbNode {
        public ClassDef {
            body = List.copyOf(body);
        }
    }

    /** if/unless (also as modifiers); an elsif chain nests in {@code otherwise}. */
    record If(RbNode condition, boolean unless, List<RbNode> then, List<RbNode> otherwise, Span span)
            implements RbNode {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** while, until, for, case, begin: bodies that may run; {@code rescue} bodies run only on errors. */
    record Compound(String keyword, List<RbNode> body, List<RbNode> rescue, Span span) implements RbNode {
        public Compound {
            body = List.copyOf(body);
            rescue = List.copyOf(rescue);
        }
    }

    record Return(String keyword, Optional<RbNode> value, Span span) implements RbNode {}

    record Other(String description, Span span) implements RbNode {}

    /** A statement the parser could not read, with the reason. */
    record Unknown(String message, Span span) implements RbNode {}
}
