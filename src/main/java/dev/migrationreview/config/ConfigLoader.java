package dev.migrationreview.config;

import com.fasterxml.jackson.core.JsonToken;
import dev.migrationreview.config.ReviewConfig.MigrationGlob;
import dev.migrationreview.config.YamlNode.Entry;
import dev.migrationreview.config.YamlNode.Mapping;
import dev.migrationreview.config.YamlNode.Position;
import dev.migrationreview.config.YamlNode.Scalar;
import dev.migrationreview.config.YamlNode.Sequence;
import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.FrameworkNames;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.rule.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads {@code .github/migration-review.yml} into a {@link ReviewConfig}. Every problem is
 * collected with its line and column, and a file with any problem yields
 * {@link ConfigResult.Invalid}: a half-applied configuration would review with settings the
 * author did not ask for.
 *
 * <pre>
 * database: {kind: postgresql, version: 15}   # or: database: postgresql
 * migrations:
 *   - glob: "db/changes/**&#47;*.sql"
 *     framework: flyway
 * exclude: ["db/seeds/**"]
 * rules: {adding-not-null-field: warning, prefer-text-field: off}
 * timeouts_set_by_runner: true
 * </pre>
 */
public final class ConfigLoader {

    /** Larger files are refused: a config is a few lines, and YAML readers can be made to work hard. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final String DATABASE = "database";
    private static final String MIGRATIONS = "migrations";
    private static final String EXCLUDE = "exclude";
    private static final String RULES = "rules";
    private static final String TIMEOUTS_SET_BY_RUNNER = "timeouts_set_by_runner";
    private static final List<String> TOP_LEVEL_KEYS = List.of(DATABASE, MIGRATIONS, EXCLUDE, RULES, TIMEOUTS_SET_BY_RUNNER);
    private static final List<String> DATABASE_KEYS = List.of("kind", "version");
    private static final List<String> MIGRATION_KEYS = List.of("glob", "framework");
    private static final Pattern VERSION = Pattern.compile("(\\d{1,4})(\\.\\d+)*");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Optional<Set<String>> knownRuleIds;

    private ConfigLoader(Optional<Set<String>> knownRuleIds) {
        this.knownRuleIds = knownRuleIds;
    }

    /** A loader that reports rule ids missing from the catalogue (pass every rule and engine-check id). */
    public static ConfigLoader checkingRuleIds(Set<String> knownRuleIds) {
        return new ConfigLoader(Optional.of(Set.copyOf(knownRuleIds)));
    }

    /** A loader that accepts any well-formed rule id, for callers without a rule catalogue. */
    public static ConfigLoader acceptingAnyRuleId() {
        return new ConfigLoader(Optional.empty());
    }

    /** The configuration file as read from the repository; a repository without one gets the defaults. */
    public ConfigResult load(Optional<SourceFile> file) {
        return file.map(f -> load(f.path(), f.content())).orElseGet(() -> new ConfigResult.Loaded(ReviewConfig.defaults()));
    }

    public ConfigResult load(String file, byte[] content) {
        if (content.length > MAX_BYTES) {
            return new ConfigResult.Invalid(List.of(new ConfigError(file, 1, 1,
                    "the file is " + content.length + " bytes; a configuration may have at most " + MAX_BYTES)));
        }
        return load(file, new String(content, StandardCharsets.UTF_8));
    }

    public ConfigResult load(String file, String text) {
        Optional<YamlNode> root;
        try {
            root = YamlNode.read(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (YamlNode.SyntaxError e) {
            return new ConfigResult.Invalid(List.of(new ConfigError(file, e.at().line(), e.at().column(), e.getMessage())));
        }
        if (root.isEmpty()) {
            return new ConfigResult.Loaded(ReviewConfig.defaults());
        }
        var reading = new Reading(file);
        ReviewConfig config = reading.config(root.get());
        if (reading.errors.isEmpty()) {
            return new ConfigResult.Loaded(config);
        }
        reading.errors.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
        return new ConfigResult.Invalid(reading.errors);
    }

    /** One pass over one file, collecting errors instead of stopping at the first. */
    private final class Reading {
        private final String file;
        private final List<ConfigError> errors = new ArrayList<>();

        Reading(String file) {
            this.file = file;
        }

        ReviewConfig config(YamlNode root) {
            if (!(root instanceof Mapping top)) {
                error(root.at(), "the configuration must be a mapping of settings (" + String.join(", ", TOP_LEVEL_KEYS)
                        + "), found " + YamlNode.describe(root));
                return ReviewConfig.defaults();
            }
            Map<String, YamlNode> settings = knownEntries(top, TOP_LEVEL_KEYS, "");
            DatabaseSetting database = Optional.ofNullable(settings.get(DATABASE)).map(this::database)
                    .orElse(DatabaseSetting.INFERRED);
            return new ReviewConfig(database.kind(), database.version(),
                    Optional.ofNullable(settings.get(MIGRATIONS)).map(this::migrations).orElse(List.of()),
                    Optional.ofNullable(settings.get(EXCLUDE)).map(v -> globs(v, EXCLUDE)).orElse(List.of()),
                    Optional.ofNullable(settings.get(RULES)).map(this::rules).orElse(Map.of()),
                    Optional.ofNullable(settings.get(TIMEOUTS_SET_BY_RUNNER)).map(v -> bool(v, TIMEOUTS_SET_BY_RUNNER))
                            .orElse(false));
        }

        private record DatabaseSetting(Optional<DatabaseKind> kind, Optional<Integer> version) {
            static final DatabaseSetting INFERRED = new DatabaseSetting(Optional.empty(), Optional.empty());
        }

        private DatabaseSetting database(YamlNode value) {
            if (value instanceof Scalar scalar && !scalar.isNull()) {
                return new DatabaseSetting(databaseKind(scalar, DATABASE), Optional.empty());
            }
            if (!(value instanceof Mapping mapping)) {
                error(value.at(), "'database' must be a database name such as postgresql, or {kind: postgresql, version: 16}; found "
                        + YamlNode.describe(value));
                return DatabaseSetting.INFERRED;
            }
            Map<String, YamlNode> settings = knownEntries(mapping, DATABASE_KEYS, DATABASE + ".");
            YamlNode kindNode = settings.get("kind");
            YamlNode versionNode = settings.get("version");
            Optional<DatabaseKind> kind = Optional.ofNullable(kindNode)
                    .flatMap(v -> scalar(v, "database.kind")).flatMap(s -> databaseKind(s, "database.kind"));
            Optional<Integer> version = Optional.ofNullable(versionNode)
                    .flatMap(v -> scalar(v, "database.version")).flatMap(this::majorVersion);
            if (kindNode == null && versionNode != null) {
                error(versionNode.at(), "'database.version' needs 'database.kind' beside it (which database is version "
                        + version.map(String::valueOf).orElse("this") + "?)");
            }
            return new DatabaseSetting(kind, version);
        }

        private Optional<DatabaseKind> databaseKind(Scalar scalar, String where) {
            Optional<DatabaseKind> kind = DatabaseKind.fromName(scalar.text());
            if (kind.isEmpty() || kind.get() == DatabaseKind.UNKNOWN) {
                var names = Arrays.stream(DatabaseKind.values()).filter(k -> k != DatabaseKind.UNKNOWN)
                        .map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
                error(scalar.at(), "'" + where + "': unknown database '" + scalar.text() + "'"
                        + Suggestions.didYouMean(scalar.text(), names) + "; known: " + String.join(", ", names));
                return Optional.empty();
            }
            return kind;
        }

        private Optional<Integer> majorVersion(Scalar scalar) {
            var matcher = VERSION.matcher(scalar.text().strip());
            if (scalar.token() == JsonToken.VALUE_STRING || scalar.token().isNumeric()) {
                if (matcher.matches() && Integer.parseInt(matcher.group(1)) > 0) {
                    return Optional.of(Integer.parseInt(matcher.group(1)));
                }
            }
            error(scalar.at(), "'database.version' must be a major version such as 16, found " + YamlNode.describe(scalar));
            return Optional.empty();
        }

        private List<MigrationGlob> migrations(YamlNode value) {
            var result = new ArrayList<MigrationGlob>();
            for (YamlNode item : items(value, MIGRATIONS)) {
                if (item instanceof Scalar scalar && !scalar.isNull()) {
                    glob(scalar, MIGRATIONS).ifPresent(g -> result.add(new MigrationGlob(g, Optional.empty())));
                } else if (item instanceof Mapping mapping) {
                    Map<String, YamlNode> settings = knownEntries(mapping, MIGRATION_KEYS, MIGRATIONS + "[].");
                    Optional<String> framework = Optional.ofNullable(settings.get("framework"))
                            .flatMap(v -> scalar(v, "migrations[].framework")).flatMap(this::framework);
                    if (!settings.containsKey("glob")) {
                        error(mapping.at(), "a 'migrations' entry needs a 'glob'");
                    } else {
                        scalar(settings.get("glob"), "migrations[].glob").flatMap(s -> glob(s, "migrations[].glob"))
                                .ifPresent(g -> result.add(new MigrationGlob(g, framework)));
                    }
                } else {
                    error(item.at(), "a 'migrations' entry must be a glob or {glob: ..., framework: ...}, found "
                            + YamlNode.describe(item));
                }
            }
            return result;
        }

        private Optional<String> framework(Scalar scalar) {
            if (FrameworkNames.isKnown(scalar.text())) {
                return Optional.of(scalar.text().strip());
            }
            error(scalar.at(), "unknown framework '" + scalar.text() + "'"
                    + Suggestions.didYouMean(scalar.text(), FrameworkNames.names())
                    + "; known: " + String.join(", ", FrameworkNames.names()));
            return Optional.empty();
        }

        private List<String> globs(YamlNode value, String where) {
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

        private Optional<String> glob(Scalar scalar, String where) {
            try {
                return Optional.of(Glob.compile(scalar.text()).pattern());
            } catch (InvalidGlobException e) {
                error(scalar.at(), "'" + where + "': glob '" + scalar.text() + "' " + e.reason()
                        + " (character " + (e.index() + 1) + ")");
                return Optional.empty();
            }
        }

        private Map<String, Severity> rules(YamlNode value) {
            var result = new LinkedHashMap<String, Severity>();
            if (!(value instanceof Mapping mapping)) {
                error(value.at(), "'rules' must map rule ids to error, warning, notice or off; found " + YamlNode.describe(value));
                return result;
            }
            var seen = new HashMap<String, Position>();
            for (Entry entry : mapping.entries()) {
                if (duplicate(entry, seen)) {
                    continue;
                }
                String id = entry.key();
                if (!RULE_ID.matcher(id).matches()) {
                    error(entry.keyAt(), "'" + id + "' is not a rule id (rule ids look like adding-not-null-field)");
                    continue;
                }
                if (knownRuleIds.isPresent() && !knownRuleIds.get().contains(id)) {
                    error(entry.keyAt(), "unknown rule '" + id + "'" + Suggestions.didYouMean(id, new TreeSet<>(knownRuleIds.get()))
                            + "; `migration-review rules` lists them");
                    continue;
                }
                scalar(entry.value(), "rules." + id).ifPresent(scalar -> {
                    Optional<Severity> severity = Severity.parse(scalar.text());
                    if (severity.isPresent()) {
                        result.put(id, severity.get());
                    } else {
                        error(scalar.at(), "'rules." + id + "': '" + scalar.text()
                                + "' is not a severity (use error, warning, notice or off)");
                    }
                });
            }
            return result;
        }

        private boolean bool(YamlNode value, String where) {
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

        private List<YamlNode> items(YamlNode value, String where) {
            if (value instanceof Sequence sequence) {
                return sequence.items();
            }
            error(value.at(), "'" + where + "' must be a list, found " + YamlNode.describe(value));
            return List.of();
        }

        private Optional<Scalar> scalar(YamlNode value, String where) {
            if (value instanceof Scalar scalar && !scalar.isNull()) {
                return Optional.of(scalar);
            }
            error(value.at(), "'" + where + "' needs a value, found " + YamlNode.describe(value));
            return Optional.empty();
        }

        /** The values of the known keys, reporting unknown and repeated keys. */
        private Map<String, YamlNode> knownEntries(Mapping mapping, List<String> known, String prefix) {
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

        private boolean duplicate(Entry entry, Map<String, Position> seen) {
            Position first = seen.putIfAbsent(entry.key(), entry.keyAt());
            if (first != null) {
                error(entry.keyAt(), "'" + entry.key() + "' is set twice (first on line " + first.line() + ")");
                return true;
            }
            return false;
        }

        private void error(Position at, String message) {
            errors.add(new ConfigError(file, at.line(), at.column(), message));
        }
    }
}
