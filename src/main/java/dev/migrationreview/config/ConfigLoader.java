package dev.migrationreview.config;

import com.fasterxml.jackson.core.JsonToken;
import dev.migrationreview.config.ReviewConfig.MigrationGlob;
import dev.migrationreview.config.YamlNode.Entry;
import dev.migrationreview.config.YamlNode.Mapping;
import dev.migrationreview.config.YamlNode.Scalar;
import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.FrameworkNames;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.rule.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code .github/migration-review.yml} into a {@link ReviewConfig} (the engine's settings)
 * and a {@link PolicyConfig} (ownership, checklist, AI authors, approvals). Every problem is
 * collected with its file, line and column, and a file with any problem yields
 * {@link ConfigResult.Invalid}: a half-applied configuration would review with settings the
 * author did not ask for. {@code docs/config.md} documents every key.
 *
 * <pre>
 * database: {kind: postgresql, version: 15}   # or: database: postgresql
 * migrations:
 *   - glob: "db/changes/**&#47;*.sql"
 *     framework: flyway
 * exclude: ["db/seeds/**"]
 * rules: {adding-not-null-field: warning, prefer-text-field: off}
 * timeouts_set_by_runner: true
 * areas:
 *   - {name: billing, tables: ["billing.*"], owners: ["@acme/billing"], profile: hot, changes: additive-only}
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
    static final String EXTENDS = "extends";
    static final List<String> ENGINE_KEYS = List.of(DATABASE, MIGRATIONS, EXCLUDE, RULES, TIMEOUTS_SET_BY_RUNNER);
    static final String COMMANDS = "commands";
    static final List<String> COMMAND_KEYS = List.of("override", "hold");
    static final List<String> TOP_LEVEL_KEYS = Stream.of(List.of(EXTENDS), ENGINE_KEYS, PolicySections.KEYS, List.of(COMMANDS), ProofSections.KEYS)
            .flatMap(List::stream).toList();
    static final List<String> DATABASE_KEYS = List.of("kind", "version");
    static final List<String> MIGRATION_KEYS = List.of("glob", "framework");
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

    /**
     * The configuration file as read from the repository; a repository without one gets the
     * defaults. {@code extends} cannot be followed without access to other repositories and is
     * reported; {@link #resolve} follows it.
     */
    public ConfigResult load(Optional<SourceFile> file) {
        return file.map(f -> load(f.path(), f.content())).orElseGet(() -> new ConfigResult.Loaded(ReviewConfig.defaults()));
    }

    public ConfigResult load(String file, byte[] content) {
        return resolve(new SourceFile(file, content), ConfigInheritance.noOtherRepositories());
    }

    public ConfigResult load(String file, String text) {
        return load(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The configuration of {@code repository} ({@code owner/name}) from its base branch, with the
     * probot conventions: without a file of its own, the owner's {@code .github} repository's
     * {@code .github/migration-review.yml} applies; {@code extends} names a file whose settings this
     * one overrides.
     */
    public ConfigResult resolve(String repository, Optional<SourceFile> file, ConfigSource source) {
        var inheritance = ConfigInheritance.of(repository, source);
        return file.or(inheritance::organisationDefault).map(f -> resolve(f, inheritance))
                .orElseGet(() -> new ConfigResult.Loaded(ReviewConfig.defaults()));
    }

    private ConfigResult resolve(SourceFile file, ConfigInheritance inheritance) {
        var reading = new ConfigReading();
        Optional<YamlNode> root = inheritance.read(file, reading);
        if (reading.failed()) {
            return new ConfigResult.Invalid(reading.errors());
        }
        if (root.isEmpty()) {
            return new ConfigResult.Loaded(ReviewConfig.defaults());
        }
        return read(root.get(), reading);
    }

    private ConfigResult read(YamlNode root, ConfigReading reading) {
        if (!(root instanceof Mapping top)) {
            reading.error(root.at(), "the configuration must be a mapping of settings such as database, rules and areas "
                    + "(docs/config.md lists them), found " + YamlNode.describe(root));
            return new ConfigResult.Invalid(reading.errors());
        }
        Map<String, YamlNode> settings = reading.knownEntries(top, TOP_LEVEL_KEYS, "");
        ReviewConfig engine = new EngineSections(reading).read(settings);
        var policySections = new PolicySections(reading);
        PolicyConfig policy = policySections.read(settings);
        CommandConfig commands = Optional.ofNullable(settings.get(COMMANDS))
                .flatMap(value -> reading.section(value, COMMAND_KEYS, COMMANDS))
                .map(section -> new CommandConfig(
                        Optional.ofNullable(section.get("override")).map(v -> policySections.owners(v, COMMANDS + ".override"))
                                .orElse(List.of()),
                        Optional.ofNullable(section.get("hold")).map(v -> policySections.owners(v, COMMANDS + ".hold"))
                                .orElse(List.of())))
                .orElse(CommandConfig.DEFAULTS);
        ProofConfig proof = new ProofSections(reading).read(settings);
        return reading.failed() ? new ConfigResult.Invalid(reading.errors())
                : new ConfigResult.Loaded(engine, policy, commands, proof);
    }

    /** The engine's sections: database, migrations, exclude, rules and timeouts. */
    private final class EngineSections {
        private final ConfigReading reading;

        EngineSections(ConfigReading reading) {
            this.reading = reading;
        }

        ReviewConfig read(Map<String, YamlNode> settings) {
            DatabaseSetting database = Optional.ofNullable(settings.get(DATABASE)).map(this::database)
                    .orElse(DatabaseSetting.INFERRED);
            return new ReviewConfig(database.kind(), database.version(),
                    Optional.ofNullable(settings.get(MIGRATIONS)).map(this::migrations).orElse(List.of()),
                    Optional.ofNullable(settings.get(EXCLUDE)).map(v -> reading.globs(v, EXCLUDE)).orElse(List.of()),
                    Optional.ofNullable(settings.get(RULES)).map(this::rules).orElse(Map.of()),
                    Optional.ofNullable(settings.get(TIMEOUTS_SET_BY_RUNNER)).map(v -> reading.bool(v, TIMEOUTS_SET_BY_RUNNER))
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
                reading.error(value.at(), "'database' must be a database name such as postgresql, or {kind: postgresql, version: 16}; found "
                        + YamlNode.describe(value));
                return DatabaseSetting.INFERRED;
            }
            Map<String, YamlNode> settings = reading.knownEntries(mapping, DATABASE_KEYS, DATABASE + ".");
            YamlNode kindNode = settings.get("kind");
            YamlNode versionNode = settings.get("version");
            Optional<DatabaseKind> kind = Optional.ofNullable(kindNode)
                    .flatMap(v -> reading.scalar(v, "database.kind")).flatMap(s -> databaseKind(s, "database.kind"));
            Optional<Integer> version = Optional.ofNullable(versionNode)
                    .flatMap(v -> reading.scalar(v, "database.version")).flatMap(this::majorVersion);
            if (kindNode == null && versionNode != null) {
                reading.error(versionNode.at(), "'database.version' needs 'database.kind' beside it (which database is version "
                        + version.map(String::valueOf).orElse("this") + "?)");
            }
            return new DatabaseSetting(kind, version);
        }

        private Optional<DatabaseKind> databaseKind(Scalar scalar, String where) {
            Optional<DatabaseKind> kind = DatabaseKind.fromName(scalar.text());
            if (kind.isEmpty() || kind.get() == DatabaseKind.UNKNOWN) {
                var names = Arrays.stream(DatabaseKind.values()).filter(k -> k != DatabaseKind.UNKNOWN)
                        .map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
                reading.error(scalar.at(), "'" + where + "': unknown database '" + scalar.text() + "'"
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
            reading.error(scalar.at(), "'database.version' must be a major version such as 16, found " + YamlNode.describe(scalar));
            return Optional.empty();
        }

        private List<MigrationGlob> migrations(YamlNode value) {
            var result = new ArrayList<MigrationGlob>();
            for (YamlNode item : reading.items(value, MIGRATIONS)) {
                if (item instanceof Scalar scalar && !scalar.isNull()) {
                    reading.glob(scalar, MIGRATIONS).ifPresent(g -> result.add(new MigrationGlob(g, Optional.empty())));
                } else if (item instanceof Mapping mapping) {
                    Map<String, YamlNode> settings = reading.knownEntries(mapping, MIGRATION_KEYS, MIGRATIONS + "[].");
                    Optional<String> framework = Optional.ofNullable(settings.get("framework"))
                            .flatMap(v -> reading.scalar(v, "migrations[].framework")).flatMap(this::framework);
                    if (!settings.containsKey("glob")) {
                        reading.error(mapping.at(), "a 'migrations' entry needs a 'glob'");
                    } else {
                        reading.scalar(settings.get("glob"), "migrations[].glob").flatMap(s -> reading.glob(s, "migrations[].glob"))
                                .ifPresent(g -> result.add(new MigrationGlob(g, framework)));
                    }
                } else {
                    reading.error(item.at(), "a 'migrations' entry must be a glob or {glob: ..., framework: ...}, found "
                            + YamlNode.describe(item));
                }
            }
            return result;
        }

        private Optional<String> framework(Scalar scalar) {
            if (FrameworkNames.isKnown(scalar.text())) {
                return Optional.of(scalar.text().strip());
            }
            reading.error(scalar.at(), "unknown framework '" + scalar.text() + "'"
                    + Suggestions.didYouMean(scalar.text(), FrameworkNames.names())
                    + "; known: " + String.join(", ", FrameworkNames.names()));
            return Optional.empty();
        }

        private Map<String, Severity> rules(YamlNode value) {
            var result = new LinkedHashMap<String, Severity>();
            for (Entry entry : reading.entries(value, RULES, "rule ids to error, warning, notice or off")) {
                String id = entry.key();
                if (!RULE_ID.matcher(id).matches()) {
                    reading.error(entry.keyAt(), "'" + id + "' is not a rule id (rule ids look like adding-not-null-field)");
                    continue;
                }
                if (knownRuleIds.isPresent() && !knownRuleIds.get().contains(id)) {
                    reading.error(entry.keyAt(), "unknown rule '" + id + "'" + Suggestions.didYouMean(id, new TreeSet<>(knownRuleIds.get()))
                            + "; `migration-review rules` lists them");
                    continue;
                }
                reading.severity(entry.value(), "rules." + id).ifPresent(severity -> result.put(id, severity));
            }
            return result;
        }
    }
}
