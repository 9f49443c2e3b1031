package dev.migrationreview.config;

import com.fasterxml.jackson.core.JsonToken;
import dev.migrationreview.config.YamlNode.Entry;
import dev.migrationreview.config.YamlNode.Mapping;
import dev.migrationreview.config.YamlNode.Position;
import dev.migrationreview.config.YamlNode.Scalar;
import dev.migrationreview.config.YamlNode.Sequence;
import dev.migrationreview.discovery.RepositoryPath;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * One pass over a configuration's YAML tree, collecting every error with its file, line and
 * column instead of stopping at the first. The section readers share these value readers so that
 * every key is checked the same way.
 */
final class ConfigReading {

    /**
     * Most globs one configuration (with what it extends) may hold, and most characters in all of
     * them: each is matched against every changed path, in time proportional to its length times
     * the path's, so these bound the work a configuration can ask of the bot.
     */
    static final int MAX_GLOBS = 200;
    static final int MAX_GLOB_CHARACTERS = 16 * 1024;

    private final List<ConfigError> errors = new ArrayList<>();
    private int globs;
    private int globCharacters;

    List<ConfigError> errors() {
        var sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(ConfigError::file).thenComparingInt(ConfigError::line)
                .thenComparingInt(ConfigError::column));
        return sorted;
    }

    boolean failed() {
        return !errors.isEmpty();
    }

    void error(Position at, String message) {
        errors.add(new ConfigError(at.file(), at.line(), at.column(), message));
    }

    /** The values of the known keys, reporting unknown and repeated keys. */
    Map<String, YamlNode> knownEntries(Mapping mapping, List<String> known, String prefix) {
        var values = new LinkedHashMap<String, YamlNode>();
        var seen = new HashMap<String, Position>();
        for (Entry entry : mapping.entries()) {
            if (duplicate(entry, seen)) {
                continue;
            }
            if (known.contains(entry.key())) {
                values.put(entry.key(), entry.value());
            } else {
                error(entry.keyAt(), "unknown key '" + prefix + entry.key() + "'"
                        + Suggestions.closest(entry.key(), known).map(s -> " (did you mean '" + prefix + s + "'?)")
                                .orElse("; expected " + String.join(", ", known.stream().map(k -> prefix + k).toList())));
            }
        }
        return values;
    }

    /** The settings of a mapping-valued key, or an error naming what was expected. */
    Optional<Map<String, YamlNode>> section(YamlNode value, List<String> known, String where) {
        if (value instanceof Mapping mapping) {
            return Optional.of(knownEntries(mapping, known, where + "."));
        }
        error(value.at(), "'" + where + "' must be a mapping of " + String.join(", ", known) + "; found "
                + YamlNode.describe(value));
        return Optional.empty();
    }

    /**
     * The entries of a mapping whose keys the caller checks itself (rule ids, table names), each
     * key once: a repeated key is reported and left out.
     *
     * @param expected what the mapping holds, e.g. "rule ids to error, warning, notice or off"
     */
    List<Entry> entries(YamlNode value, String where, String expected) {
        if (!(value instanceof Mapping mapping)) {
            error(value.at(), "'" + where + "' must map " + expected + "; found " + YamlNode.describe(value));
            return List.of();
        }
        var seen = new HashMap<String, Position>();
        return mapping.entries().stream().filter(entry -> !duplicate(entry, seen)).toList();
    }

    boolean duplicate(Entry entry, Map<String, Position> seen) {
        Position first = seen.putIfAbsent(entry.key(), entry.keyAt());
        if (first != null) {
            error(entry.keyAt(), "'" + entry.key() + "' is set twice (first on line " + first.line() + ")");
            return true;
        }
        return false;
    }

    Optional<Scalar> scalar(YamlNode value, String where) {
        if (value instanceof Scalar scalar && !scalar.isNull()) {
            return Optional.of(scalar);
        }
        error(value.at(), "'" + where + "' needs a value, found " + YamlNode.describe(value));
        return Optional.empty();
    }

    /** A non-blank text value. */
    Optional<String> text(YamlNode value, String where) {
        return scalar(value, where).flatMap(scalar -> {
            if (scalar.text().isBlank()) {
                error(scalar.at(), "'" + where + "' must not be blank");
                return Optional.empty();
            }
            return Optional.of(scalar.text().strip());
        });
    }

    /** A path inside the repository ({@link RepositoryPath}), as written relative to its root. */
    Optional<String> repositoryPath(YamlNode value, String where) {
        return text(value, where).flatMap(path -> {
            Optional<String> inside = RepositoryPath.inside(path).filter(p -> !p.isEmpty());
            if (inside.isEmpty()) {
                error(value.at(), "'" + where + "' must name a file inside the repository, relative to its root "
                        + "(such as db/structure.sql), not '" + path + "'");
            }
            return inside;
        });
    }

    List<YamlNode> items(YamlNode value, String where) {
        if (value instanceof Sequence sequence) {
            return sequence.items();
        }
        error(value.at(), "'" + where + "' must be a list, found " + YamlNode.describe(value));
        return List.of();
    }

    /** A list of non-blank texts; a single text stands for a list of one. */
    List<String> texts(YamlNode value, String where) {
        if (value instanceof Scalar scalar && !scalar.isNull()) {
            return text(scalar, where).map(List::of).orElse(List.of());
        }
        var result = new ArrayList<String>();
        for (YamlNode item : items(value, where)) {
            text(item, where).ifPresent(result::add);
        }
        return result;
    }

    boolean bool(YamlNode value, String where) {
        if (value instanceof Scalar scalar) {
            if (scalar.token() == JsonToken.VALUE_TRUE || scalar.text().equalsIgnoreCase("true")) {
                return true;
            }
            if (scalar.token() == JsonToken.VALUE_FALSE || scalar.text().equalsIgnoreCase("false")) {
                return false;
            }
        }
        error(value.at(), "'" + where + "' must be true or false, found " + YamlNode.describe(value));
        return false;
    }

    List<String> globs(YamlNode value, String where) {
        var result = new ArrayList<String>();
        if (value instanceof Scalar scalar && !scalar.isNull()) {
            glob(scalar, where).ifPresent(result::add);
            return result;
        }
        for (YamlNode item : items(value, where)) {
            scalar(item, where).flatMap(s -> glob(s, where)).ifPresent(result::add);
        }
        return result;
    }

    Optional<String> glob(Scalar scalar, String where) {
        globs++;
        globCharacters += scalar.text().length();
        if (globs > MAX_GLOBS || globCharacters > MAX_GLOB_CHARACTERS) {
            error(scalar.at(), "'" + where + "': a configuration may hold at most " + MAX_GLOBS + " globs of "
                    + MAX_GLOB_CHARACTERS + " characters in all; this one goes past that");
            return Optional.empty();
        }
        try {
            return Optional.of(Glob.compile(scalar.text()).pattern());
        } catch (InvalidGlobException e) {
            error(scalar.at(), "'" + where + "': glob '" + scalar.text() + "' " + e.reason()
                    + " (character " + (e.index() + 1) + ")");
            return Optional.empty();
        }
    }

    /** One of a fixed set of words, e.g. hot, warm or cold; {@code choices} maps each word to its value. */
    <T> Optional<T> choice(YamlNode value, String where, Map<String, T> choices) {
        return scalar(value, where).flatMap(scalar -> {
            T chosen = choices.get(scalar.text().strip().toLowerCase(Locale.ROOT));
            if (chosen == null) {
                error(scalar.at(), "'" + where + "': '" + scalar.text() + "' is not one of "
                        + String.join(", ", choices.keySet()) + Suggestions.didYouMean(scalar.text(), choices.keySet()));
                return Optional.empty();
            }
            return Optional.of(chosen);
        });
    }

    /** A severity word; {@code false} reads as off, as YAML 1.1 readers (and people) take {@code off} to be false. */
    Optional<Severity> severity(YamlNode value, String where) {
        return scalar(value, where).flatMap(scalar -> {
            Optional<Severity> severity = scalar.token() == JsonToken.VALUE_FALSE ? Optional.of(Severity.OFF)
                    : Severity.parse(scalar.text());
            if (severity.isEmpty()) {
                error(scalar.at(), "'" + where + "': '" + scalar.text()
                        + "' is not a severity (use error, warning, notice or off)");
            }
            return severity;
        });
    }

    /** A whole number of at least {@code minimum}; YAML's 1_000 spelling is accepted. */
    Optional<Long> number(YamlNode value, String where, long minimum) {
        return scalar(value, where).flatMap(scalar -> {
            String digits = scalar.text().strip().replace("_", "");
            if (scalar.token() != JsonToken.VALUE_NUMBER_FLOAT && digits.matches("-?\\d{1,18}")) {
                long number = Long.parseLong(digits);
                if (number >= minimum) {
                    return Optional.of(number);
                }
            }
            error(scalar.at(), "'" + where + "' must be a whole number of at least " + minimum + ", found "
                    + YamlNode.describe(scalar));
            return Optional.empty();
        });
    }

    /**
     * A Java regular expression, checked here so that a typo, or a pattern that would backtrack
     * without end ({@link BoundedRegex}), is reported with its line.
     */
    Optional<String> regex(YamlNode value, String where) {
        return scalar(value, where).flatMap(scalar -> {
            String pattern = scalar.text();
            try {
                return Optional.of(BoundedRegex.compile(pattern).pattern());
            } catch (PatternSyntaxException e) {
                error(scalar.at(), "'" + where + "': '" + pattern + "' is not a regular expression: "
                        + e.getDescription() + (e.getIndex() >= 0 ? " (character " + (e.getIndex() + 1) + ")" : ""));
                return Optional.empty();
            } catch (BoundedRegex.TooCostly e) {
                error(scalar.at(), "'" + where + "': '" + pattern + "' " + e.reason());
                return Optional.empty();
            }
        });
    }
}
