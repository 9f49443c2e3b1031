package dev.migrationreview.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds the shape behind most catastrophic regular expressions: a group that repeats and holds a
 * repetition of its own, as in {@code (a+)+}, {@code ([a-z]+_?)*} or {@code (.*a){12}}. On a near
 * miss the text can be split between the inner and the outer repetition in exponentially many
 * ways, and a backtracking matcher tries them all. (Recent JDKs remember some of the tries, but
 * not for lazy or bounded repetitions, back-references or deeper nesting, and the bot should not
 * depend on the JVM it runs on.)
 *
 * <p>A group is guarded, and accepted, when each of its alternatives starts or ends with one
 * required character that none of its repetitions can match, as in {@code (_[a-z0-9]+)*}: every
 * round must then begin (or end) at such a character, so the split is decided. Possessive
 * repetitions ({@code a++}) never give back what they took and count as no repetition.
 */
final class NestedRepetition {

    private static final int UNBOUNDED = Integer.MAX_VALUE;

    /**
     * One element of a sequence: a single-character atom (its pattern text) or a group (its
     * alternatives), and how often it may occur.
     */
    private record Item(String atom, List<List<Item>> alternatives, String text, int min, int max, boolean possessive) {
        boolean isGroup() {
            return atom == null;
        }

        boolean repeats() {
            return max > 1 && !possessive;
        }

        boolean requiredSingleCharacter() {
            return !isGroup() && min == 1 && max == 1;
        }
    }

    private final String regex;
    private int i;

    private NestedRepetition(String regex) {
        this.regex = regex;
    }

    /** The first unguarded repeated group holding a repetition, as written (e.g. {@code (a+)+}); empty when none. */
    static Optional<String> find(String regex) {
        var parser = new NestedRepetition(regex);
        List<List<Item>> alternatives = parser.alternatives();
        return firstUnguarded(alternatives);
    }

    // ---- analysis -------------------------------------------------------------------------------

    private static Optional<String> firstUnguarded(List<List<Item>> alternatives) {
        for (List<Item> sequence : alternatives) {
            for (Item item : sequence) {
                if (!item.isGroup()) {
                    continue;
                }
                if (item.repeats()) {
                    var repeated = new ArrayList<String>();
                    repeatedAtoms(item.alternatives(), false, repeated);
                    if (!repeated.isEmpty() && !guarded(item.alternatives(), repeated)) {
                        return Optional.of(item.text());
                    }
                }
                Optional<String> inner = firstUnguarded(item.alternatives());
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    /** Atoms that repeat inside the group: under a repetition of their own or of a group between. */
    private static void repeatedAtoms(List<List<Item>> alternatives, boolean underRepetition, List<String> out) {
        for (List<Item> sequence : alternatives) {
            for (Item item : sequence) {
                boolean repeated = underRepetition || item.repeats();
                if (item.isGroup()) {
                    repeatedAtoms(item.alternatives(), repeated, out);
                } else if (repeated) {
                    out.add(item.atom());
                }
            }
        }
    }

    private static boolean guarded(List<List<Item>> alternatives, List<String> repeated) {
        for (List<Item> sequence : alternatives) {
            boolean startGuarded = !sequence.isEmpty() && guard(sequence.getFirst(), repeated);
            boolean endGuarded = !sequence.isEmpty() && guard(sequence.getLast(), repeated);
            if (!startGuarded && !endGuarded) {
                return false;
            }
        }
        return true;
    }

    private static boolean guard(Item item, List<String> repeated) {
        return item.requiredSingleCharacter() && repeated.stream().noneMatch(atom -> overlap(item.atom(), atom));
    }

    /**
     * Whether some character (of the first 256, where identifiers live) matches both atoms; an atom
     * that means nothing alone (a back-reference) is taken to overlap everything.
     */
    private static boolean overlap(String first, String second) {
        Pattern a;
        Pattern b;
        try {
            a = Pattern.compile(first);
            b = Pattern.compile(second);
        } catch (PatternSyntaxException meaningOnlyInContext) {
            return true;
        }
        for (char c = 0; c < 256; c++) {
            String one = String.valueOf(c);
            if (a.matcher(one).matches() && b.matcher(one).matches()) {
                return true;
            }
        }
        return false;
    }

    // ---- parsing (the pattern already compiled, so it is well formed) --------------------------

    private List<List<Item>> alternatives() {
        var alternatives = new ArrayList<List<Item>>();
        alternatives.add(sequence());
        while (i < regex.length() && regex.charAt(i) == '|') {
            i++;
            alternatives.add(sequence());
        }
        return alternatives;
    }

    private List<Item> sequence() {
        var items = new ArrayList<Item>();
        while (i < regex.length() && regex.charAt(i) != '|' && regex.charAt(i) != ')') {
            int start = i;
            char c = regex.charAt(i);
            if (c == '^' || c == '$') {
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
                quoted(items);
                continue;
            }
            List<List<Item>> group = null;
            String atom = null;
            if (c == '(') {
                group = group();
                if (group == null) {
                    continue;
                }
            } else if (c == '[') {
                atom = characterClass();
            } else if (c == '\\') {
                atom = escape();
            } else {
                i++;
                atom = c == '.' ? "." : Pattern.quote(String.valueOf(c));
            }
            int beforeQuantifier = i;
            int[] bounds = quantifier();
            boolean possessive = false;
            if (i > beforeQuantifier && i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
                possessive = regex.charAt(i) == '+';
                i++;
            }
            items.add(new Item(atom, group, regex.substring(start, i), bounds[0], bounds[1], possessive));
        }
        return items;
    }

    /** A group's alternatives; null for a flags-only group such as {@code (?i)}, which matches nothing. */
    private List<List<Item>> group() {
        i++;
        if (i < regex.length() && regex.charAt(i) == '?') {
            i++;
            char kind = regex.charAt(i);
            if (kind == '<' && i + 1 < regex.length() && regex.charAt(i + 1) != '=' && regex.charAt(i + 1) != '!') {
                i = regex.indexOf('>', i) + 1;
            } else if (kind == ':' || kind == '=' || kind == '!' || kind == '>') {
                i++;
            } else if (kind == '<') {
                i += 2;
            } else {
                while (i < regex.length() && regex.charAt(i) != ')' && regex.charAt(i) != ':') {
                    i++;
                }
                if (regex.charAt(i) == ')') {
                    i++;
                    return null;
                }
                i++;
            }
        }
        List<List<Item>> alternatives = alternatives();
        i++;
        return alternatives;
    }

    private String characterClass() {
        int start = i;
        int depth = 0;
        i++;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            i++;
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
        }
        return regex.substring(start, i);
    }

    private String escape() {
        int start = i;
        i += 2;
        char kind = regex.charAt(i - 1);
        if ("pPxNk".indexOf(kind) >= 0 && i < regex.length() && (regex.charAt(i) == '{' || regex.charAt(i) == '<')) {
            i = regex.indexOf(regex.charAt(i) == '{' ? '}' : '>', i) + 1;
        } else if (kind == 'p' || kind == 'P') {
            i++;
        } else if (kind == 'u') {
            i += 4;
        } else if (kind == 'x') {
            i += 2;
        } else if (kind == 'c') {
            i++;
        } else if (kind == '0') {
            while (i < regex.length() && i - start < 5 && regex.charAt(i) >= '0' && regex.charAt(i) <= '7') {
                i++;
            }
        }
        return regex.substring(start, i);
    }

    /** {@code \Q...\E}: each character a literal. */
    private void quoted(List<Item> items) {
        i += 2;
        int end = regex.indexOf("\\E", i);
        String text = end < 0 ? regex.substring(i) : regex.substring(i, end);
        i = end < 0 ? regex.length() : end + 2;
        for (char c : text.toCharArray()) {
            items.add(new Item(Pattern.quote(String.valueOf(c)), null, String.valueOf(c), 1, 1, false));
        }
    }

    /** {@code {min, max}} of the quantifier at the current position ({1, 1} when there is none). */
    private int[] quantifier() {
        if (i >= regex.length()) {
            return new int[] {1, 1};
        }
        switch (regex.charAt(i)) {
            case '*' -> {
                i++;
                return new int[] {0, UNBOUNDED};
            }
            case '+' -> {
                i++;
                return new int[] {1, UNBOUNDED};
            }
            case '?' -> {
                i++;
                return new int[] {0, 1};
            }
            case '{' -> {
                int close = regex.indexOf('}', i);
                String[] range = regex.substring(i + 1, close).split(",", -1);
                i = close + 1;
                int min = Integer.parseInt(range[0].strip());
                int max = range.length == 1 ? min : range[1].isBlank() ? UNBOUNDED : Integer.parseInt(range[1].strip());
                return new int[] {min, max};
            }
            default -> {
                return new int[] {1, 1};
            }
        }
    }
}
