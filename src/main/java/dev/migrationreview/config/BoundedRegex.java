package dev.migrationreview.config;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Java regular expression from a repository's configuration (a naming convention), matched with
 * a bounded amount of work. java.util.regex backtracks: {@code (a+)+$} takes about 2^n steps to
 * reject n {@code a}s followed by a {@code !}, so a pattern written carelessly (or on purpose)
 * would hold a worker for hours. Every match therefore reads the input through a counter that
 * gives up after {@value #STEP_BUDGET} character reads (backtracking reads the same characters
 * again, so the count grows with the work). {@link #compile} refuses the usual culprit, a repeated
 * group that repeats inside ({@link NestedRepetition}), and tries each pattern on near misses, so
 * that such a pattern is a configuration error with its line instead of a failure on some
 * table's name later.
 */
public final class BoundedRegex {

    /** Longest pattern accepted; identifiers are short, so are the patterns for them. */
    public static final int MAX_PATTERN_LENGTH = 500;
    /** Longest input matched; longer names are refused without trying (database identifiers are far shorter). */
    public static final int MAX_INPUT_LENGTH = 1000;
    /** Character reads one match may take: a sane pattern reads a 63-character name a few hundred times at most. */
    static final long STEP_BUDGET = 100_000;
    /** How long the near misses tried by {@link #compile} are: 2^24 steps is far over the budget. */
    private static final int PROBE_LENGTH = 24;

    private final Pattern pattern;

    private BoundedRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * Compiles a pattern and tries it on near misses ({@code aaaa…a!} for the characters it names,
     * and a few more).
     *
     * @throws PatternSyntaxException when it is no regular expression
     * @throws TooCostly              when it is too long, or a near miss exhausts the budget
     */
    public static BoundedRegex compile(String regex) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new TooCostly("is longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        var compiled = new BoundedRegex(Pattern.compile(regex));
        Optional<String> nested = NestedRepetition.find(regex);
        if (nested.isPresent()) {
            throw new TooCostly("repeats the group " + nested.get() + ", which repeats itself: on a near miss the text can be "
                    + "split between the two repetitions in exponentially many ways. Start or end the group with a character "
                    + "its inner repetition cannot match, as in (_[a-z0-9]+)*, or repeat only once");
        }
        for (String probe : nearMisses(regex)) {
            try {
                compiled.matches(probe);
            } catch (TooCostly e) {
                throw new TooCostly("backtracks without end on a near miss such as '" + probe + "': write it so that "
                        + "each character can be matched one way only");
            }
        }
        return compiled;
    }

    public String pattern() {
        return pattern.pattern();
    }

    /**
     * Whether the whole input matches.
     *
     * @throws TooCostly when the input is longer than {@value #MAX_INPUT_LENGTH} or the match takes more than the budget
     */
    public boolean matches(String input) {
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new TooCostly("is not tried on names longer than " + MAX_INPUT_LENGTH + " characters");
        }
        try {
            return pattern.matcher(new CountedReads(input, STEP_BUDGET)).matches();
        } catch (StackOverflowError e) {
            // Deeply nested repetition recurses once per character; the input cap keeps this rare.
            throw new TooCostly("needs more than the stack to match");
        }
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }

    /** Runs of each character the pattern names (and of a letter, a digit, '_'), ended by a character that rarely matches. */
    private static Set<String> nearMisses(String regex) {
        var characters = new LinkedHashSet<Character>();
        for (char c : (regex + "aA0_").toCharArray()) {
            if (c > ' ' && c < 127 && "\\()[]{}|*+?^$.".indexOf(c) < 0) {
                characters.add(c);
            }
        }
        var probes = new LinkedHashSet<String>();
        for (char c : characters) {
            probes.add(String.valueOf(c).repeat(PROBE_LENGTH) + "!");
            probes.add(String.valueOf(c).repeat(PROBE_LENGTH) + "\u0001");
        }
        return probes;
    }

    /** The pattern would take too much work: why, in words that follow "the pattern ...". */
    public static final class TooCostly extends RuntimeException {
        TooCostly(String reason) {
            super(reason, null, false, false);
        }

        public String reason() {
            return getMessage();
        }
    }

    /** The input, read through a counter: past the budget, the next read ends the match. */
    private static final class CountedReads implements CharSequence {
        private final String text;
        private long readsLeft;

        CountedReads(String text, long budget) {
            this.text = text;
            this.readsLeft = budget;
        }

        @Override
        public char charAt(int index) {
            if (--readsLeft < 0) {
                throw new TooCostly("takes more than " + STEP_BUDGET + " steps to match");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
