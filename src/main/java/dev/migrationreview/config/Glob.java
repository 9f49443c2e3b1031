package dev.migrationreview.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A repository path pattern, as written in {@code .github/migration-review.yml}.
 *
 * <ul>
 *   <li>{@code *} matches any run of characters inside one folder or file name, {@code ?} one
 *       character other than {@code /};</li>
 *   <li>{@code **} matches across folders; as a whole segment ({@code a/**}{@code /b},
 *       {@code **}{@code /x.sql}) it also matches no folder at all;</li>
 *   <li>{@code {a,b}} matches either alternative (they nest and may hold wildcards and {@code /});</li>
 *   <li>{@code [abc]}, {@code [a-z]}, {@code [!a]} or {@code [^a]} match one character of (or not
 *       of) the class, never {@code /}; {@code \} escapes the next character;</li>
 *   <li>as in {@code .gitignore} and CODEOWNERS, a pattern without {@code /} matches a file name in
 *       any folder, and a trailing {@code /} matches everything under that folder.</li>
 * </ul>
 *
 * The pattern compiles to a Thompson automaton that is run over the path one character at a
 * time, so matching costs at most pattern length times path length: patterns such as
 * {@code *a*a*a*a*b} cannot backtrack exponentially as a translated regular expression would.
 */
public final class Glob {

    static final int MAX_PATTERN_LENGTH = 1024;
    private static final int MAX_BRACE_DEPTH = 16;

    private final String pattern;
    private final List<State> states;
    private final int start;
    private final int accept;

    private Glob(String pattern, List<State> states, int start, int accept) {
        this.pattern = pattern;
        this.states = states;
        this.start = start;
        this.accept = accept;
    }

    /** Compiles a pattern, or throws {@link InvalidGlobException} naming the offending position. */
    public static Glob compile(String pattern) {
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new InvalidGlobException(pattern, MAX_PATTERN_LENGTH,
                    "longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        if (pattern.isBlank()) {
            throw new InvalidGlobException(pattern, 0, "empty pattern");
        }
        int from = 0;
        while (pattern.startsWith("./", from)) {
            from += 2;
        }
        while (from < pattern.length() && pattern.charAt(from) == '/') {
            from++;
        }
        var pieces = new ArrayList<Piece>();
        String body = pattern.substring(from);
        if (body.indexOf('/') < 0) {
            pieces.add(new AnyFolders());
        }
        pieces.addAll(new Parser(pattern, from).parseAll());
        if (body.endsWith("/")) {
            pieces.add(new StarAcrossFolders());
        }
        var builder = new Builder();
        int accept = builder.add(State.accepting());
        int start = builder.sequence(pieces, accept);
        return new Glob(pattern, List.copyOf(builder.states), start, accept);
    }

    public String pattern() {
        return pattern;
    }

    /** Whether a repository-relative path (with {@code /}) matches, in time linear in its length. */
    public boolean matches(String path) {
        int from = 0;
        while (path.startsWith("./", from)) {
            from += 2;
        }
        while (from < path.length() && path.charAt(from) == '/') {
            from++;
        }
        var current = new BitSet(states.size());
        addWithClosure(start, current);
        for (int i = from; i < path.length(); i++) {
            char ch = path.charAt(i);
            var next = new BitSet(states.size());
            for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
                State state = states.get(s);
                if (state.consumes(ch)) {
                    addWithClosure(state.out, next);
                }
            }
            if (next.isEmpty()) {
                return false;
            }
            current = next;
        }
        return current.get(accept);
    }

    private void addWithClosure(int first, BitSet set) {
        var pending = new ArrayDeque<Integer>();
        pending.push(first);
        while (!pending.isEmpty()) {
            int s = pending.pop();
            if (set.get(s)) {
                continue;
            }
            set.set(s);
            for (int alternative : states.get(s).alternatives) {
                pending.push(alternative);
            }
        }
    }

    @Override
    public String toString() {
        return pattern;
    }

    // ---- pattern syntax tree ----

    private sealed interface Piece permits Literal, OneInName, StarInName, StarAcrossFolders, AnyFolders, CharClass, Alternatives {}

    private record Literal(char ch) implements Piece {}

    /** {@code ?} */
    private record OneInName() implements Piece {}

    /** {@code *} */
    private record StarInName() implements Piece {}

    /** {@code **} inside a segment or at the end */
    private record StarAcrossFolders() implements Piece {}

    /** {@code **}{@code /} as a whole segment: zero or more folders */
    private record AnyFolders() implements Piece {}

    private record CharClass(boolean negated, List<char[]> ranges) implements Piece {
        boolean contains(char ch) {
            if (ch == '/') {
                return false;
            }
            boolean inRanges = false;
            for (char[] range : ranges) {
                if (ch >= range[0] && ch <= range[1]) {
                    inRanges = true;
                    break;
                }
            }
            return inRanges != negated;
        }
    }

    private record Alternatives(List<List<Piece>> choices) implements Piece {}

    private static final class Parser {
        private final String pattern;
        private int i;

        Parser(String pattern, int from) {
            this.pattern = pattern;
            this.i = from;
        }

        List<Piece> parseAll() {
            return sequence(0, false);
        }

        private List<Piece> sequence(int depth, boolean inBraces) {
            var pieces = new ArrayList<Piece>();
            while (i < pattern.length()) {
                char c = pattern.charAt(i);
                if (inBraces && (c == ',' || c == '}')) {
                    return pieces;
                }
                switch (c) {
                    case '\\' -> {
                        if (i + 1 >= pattern.length()) {
                            throw new InvalidGlobException(pattern, i, "'\\' at the end escapes nothing");
                        }
                        pieces.add(new Literal(pattern.charAt(i + 1)));
                        i += 2;
                    }
                    case '*' -> pieces.add(stars());
                    case '?' -> {
                        pieces.add(new OneInName());
                        i++;
                    }
                    case '[' -> pieces.add(charClass());
                    case '{' -> pieces.add(alternatives(depth));
                    case '}' -> throw new InvalidGlobException(pattern, i, "'}' without an opening '{'");
                    default -> {
                        pieces.add(new Literal(c));
                        i++;
                    }
                }
            }
            return pieces;
        }

        private Piece stars() {
            int run = 0;
            while (i + run < pattern.length() && pattern.charAt(i + run) == '*') {
                run++;
            }
            boolean segmentStart = i == 0 || "/{,".indexOf(pattern.charAt(i - 1)) >= 0;
            int after = i + run;
            i = after;
            if (run == 1) {
                return new StarInName();
            }
            if (segmentStart && after < pattern.length() && pattern.charAt(after) == '/') {
                i++;
                return new AnyFolders();
            }
            return new StarAcrossFolders();
        }

        private Piece alternatives(int depth) {
            int open = i;
            if (depth >= MAX_BRACE_DEPTH) {
                throw new InvalidGlobException(pattern, open, "'{' nested deeper than " + MAX_BRACE_DEPTH);
            }
            i++;
            var choices = new ArrayList<List<Piece>>();
            while (true) {
                choices.add(sequence(depth + 1, true));
                if (i >= pattern.length()) {
                    throw new InvalidGlobException(pattern, open, "'{' is never closed");
                }
                char c = pattern.charAt(i++);
                if (c == '}') {
                    return new Alternatives(choices);
                }
            }
        }

        private Piece charClass() {
            int open = i;
            i++;
            boolean negated = i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^');
            if (negated) {
                i++;
            }
            var ranges = new ArrayList<char[]>();
            boolean first = true;
            while (true) {
                if (i >= pattern.length()) {
                    throw new InvalidGlobException(pattern, open, "'[' is never closed");
                }
                char c = pattern.charAt(i);
                if (c == ']' && !first) {
                    i++;
                    return new CharClass(negated, ranges);
                }
                first = false;
                char low = classChar(open);
                char high = low;
                if (i + 1 < pattern.length() && pattern.charAt(i) == '-' && pattern.charAt(i + 1) != ']') {
                    int dash = i;
                    i++;
                    high = classChar(open);
                    if (high < low) {
                        throw new InvalidGlobException(pattern, dash, "range '" + low + "-" + high + "' runs backwards");
                    }
                }
                ranges.add(new char[] {low, high});
            }
        }

        private char classChar(int open) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pattern.length()) {
                    throw new InvalidGlobException(pattern, open, "'[' is never closed");
                }
                i += 2;
                return pattern.charAt(i - 1);
            }
            i++;
            return c;
        }
    }

    // ---- automaton ----

    private enum Kind { LITERAL, ONE_IN_NAME, ANY, CLASS, SPLIT, ACCEPT }

    private static final class State {
        final Kind kind;
        final char literal;
        final CharClass charClass;
        int out = -1;
        int[] alternatives = new int[0];

        private State(Kind kind, char literal, CharClass charClass) {
            this.kind = kind;
            this.literal = literal;
            this.charClass = charClass;
        }

        static State accepting() {
            return new State(Kind.ACCEPT, '\0', null);
        }

        boolean consumes(char ch) {
            return switch (kind) {
                case LITERAL -> ch == literal;
                case ONE_IN_NAME -> ch != '/';
                case ANY -> true;
                case CLASS -> charClass.contains(ch);
                case SPLIT, ACCEPT -> false;
            };
        }
    }

    /** Builds the automaton back to front: each piece is given the state that follows it. */
    private static final class Builder {
        final List<State> states = new ArrayList<>();

        int add(State state) {
            states.add(state);
            return states.size() - 1;
        }

        int sequence(List<Piece> pieces, int next) {
            int entry = next;
            for (int k = pieces.size() - 1; k >= 0; k--) {
                entry = piece(pieces.get(k), entry);
            }
            return entry;
        }

        private int piece(Piece piece, int next) {
            return switch (piece) {
                case Literal literal -> consumer(Kind.LITERAL, literal.ch(), null, next);
                case OneInName one -> consumer(Kind.ONE_IN_NAME, '\0', null, next);
                case CharClass charClass -> consumer(Kind.CLASS, '\0', charClass, next);
                case StarInName star -> loop(Kind.ONE_IN_NAME, next);
                case StarAcrossFolders star -> loop(Kind.ANY, next);
                case AnyFolders folders -> {
                    int slash = consumer(Kind.LITERAL, '/', null, next);
                    yield split(next, loop(Kind.ANY, slash));
                }
                case Alternatives alternatives -> {
                    int[] entries = new int[alternatives.choices().size()];
                    for (int k = 0; k < entries.length; k++) {
                        entries[k] = sequence(alternatives.choices().get(k), next);
                    }
                    yield split(entries);
                }
            };
        }

        private int consumer(Kind kind, char literal, CharClass charClass, int next) {
            var state = new State(kind, literal, charClass);
            state.out = next;
            return add(state);
        }

        private int split(int... targets) {
            var state = new State(Kind.SPLIT, '\0', null);
            state.alternatives = targets;
            return add(state);
        }

        /** Zero or more characters the consumer kind accepts, then {@code next}. */
        private int loop(Kind kind, int next) {
            int split = split();
            int consumer = consumer(kind, '\0', null, split);
            states.get(split).alternatives = new int[] {consumer, next};
            return split;
        }
    }
}
