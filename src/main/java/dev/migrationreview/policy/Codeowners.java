package dev.migrationreview.policy;

import dev.migrationreview.config.Glob;
import dev.migrationreview.config.InvalidGlobException;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CODEOWNERS file as GitHub reads it: the first of {@code .github/CODEOWNERS},
 * {@code CODEOWNERS} and {@code docs/CODEOWNERS}; for a path, the last matching line decides,
 * and a line without owners leaves the path unowned. Patterns follow {@code .gitignore}: a
 * pattern naming a folder covers everything under it. Lines GitHub would reject are skipped and
 * reported.
 */
final class Codeowners {

    static final List<String> LOCATIONS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");

    /** One line: its pattern, the owners it names (logins without @, @org/team, or e-mails) and where it is. */
    record Rule(String pattern, Glob glob, List<String> owners, String file, int line) {
        String describe() {
            return file + " line " + line + " (" + pattern + ")";
        }
    }

    static final Codeowners NONE = new Codeowners(List.of(), List.of());

    private final List<Rule> rules;
    private final List<String> problems;

    private Codeowners(List<Rule> rules, List<String> problems) {
        this.rules = List.copyOf(rules);
        this.problems = List.copyOf(problems);
    }

    static Codeowners read(FileTree base) {
        for (String location : LOCATIONS) {
            Optional<SourceFile> file = base.read(location);
            if (file.isPresent()) {
                return parse(location, new String(file.get().content(), StandardCharsets.UTF_8));
            }
        }
        return NONE;
    }

    static Codeowners parse(String file, String text) {
        var rules = new ArrayList<Rule>();
        var problems = new ArrayList<String>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            List<String> tokens = tokens(lines[i]);
            if (tokens.isEmpty()) {
                continue;
            }
            String pattern = tokens.getFirst();
            try {
                List<String> owners = tokens.subList(1, tokens.size()).stream()
                        .map(o -> o.startsWith("@") && !o.contains("/") ? o.substring(1) : o).toList();
                rules.add(new Rule(pattern, Glob.compile(gitignoreToGlob(pattern)), owners, file, i + 1));
            } catch (InvalidGlobException e) {
                problems.add(file + " line " + (i + 1) + ": pattern '" + pattern + "' " + e.reason() + "; the line is skipped");
            }
        }
        return new Codeowners(rules, problems);
    }

    /** Splits a line at blanks, dropping a comment; {@code \#} and {@code \ } are literal. */
    private static List<String> tokens(String line) {
        var tokens = new ArrayList<String>();
        var current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '#' || line.charAt(i + 1) == ' ')) {
                current.append('\\').append(line.charAt(++i));
            } else if (c == '#' && current.isEmpty()) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /** A pattern whose only slash is a trailing one names a folder at any depth, as in .gitignore. */
    private static String gitignoreToGlob(String pattern) {
        int slash = pattern.indexOf('/');
        return slash == pattern.length() - 1 && slash > 0 ? "**/" + pattern : pattern;
    }

    /** The line that decides who owns {@code path}; empty when none matches or the last match names nobody. */
    Optional<Rule> ownerOf(String path) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if (matches(rule.glob(), path)) {
                return rule.owners().isEmpty() ? Optional.empty() : Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The path itself or a folder above it: {@code /db/migrate} covers {@code db/migrate/001.sql}. */
    private static boolean matches(Glob glob, String path) {
        for (String prefix = path; !prefix.isEmpty(); prefix = parent(prefix)) {
            if (glob.matches(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    List<String> problems() {
        return problems;
    }
}
