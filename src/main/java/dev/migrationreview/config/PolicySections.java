package dev.migrationreview.config;

import dev.migrationreview.config.PolicyConfig.AiAuthors;
import dev.migrationreview.config.PolicyConfig.AiProfile;
import dev.migrationreview.config.PolicyConfig.Approvals;
import dev.migrationreview.config.PolicyConfig.Area;
import dev.migrationreview.config.PolicyConfig.Changes;
import dev.migrationreview.config.PolicyConfig.Checklist;
import dev.migrationreview.config.PolicyConfig.Conventions;
import dev.migrationreview.config.PolicyConfig.OwnerApproval;
import dev.migrationreview.config.PolicyConfig.Profile;
import dev.migrationreview.config.PolicyConfig.TableSizes;
import dev.migrationreview.config.YamlNode.Entry;
import dev.migrationreview.config.YamlNode.Mapping;
import dev.migrationreview.config.YamlNode.Position;
import dev.migrationreview.config.YamlNode.Scalar;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads the policy sections of the configuration (areas, reviewers, checklist, AI, approvals). */
final class PolicySections {

    static final String AREAS = "areas";
    static final String SENIOR_REVIEWERS = "senior_reviewers";
    static final String CONFIG_OWNERS = "config_owners";
    static final String UNOWNED_TABLES = "unowned_tables";
    static final String CODEOWNERS_FALLBACK = "codeowners_fallback";
    static final String TABLE_SIZES = "table_sizes";
    static final String WORKFLOWS = "workflows";
    static final String CHECKLIST = "checklist";
    static final String CONVENTIONS = "conventions";
    static final String AI = "ai";
    static final String APPROVALS = "approvals";
    static final List<String> KEYS = List.of(AREAS, SENIOR_REVIEWERS, CONFIG_OWNERS, UNOWNED_TABLES, CODEOWNERS_FALLBACK,
            TABLE_SIZES, WORKFLOWS, CHECKLIST, CONVENTIONS, AI, APPROVALS);

    static final List<String> AREA_KEYS = List.of("name", "tables", "paths", "owners", "service", "profile", "changes");
    static final List<String> TABLE_SIZE_KEYS = List.of("stats_file", "rows");
    static final List<String> CHECKLIST_KEYS = List.of("workflow", "rollback", "query-plan", "release-id", "stages");
    static final List<String> STAGES_KEYS = List.of("severity", "application_code");
    static final List<String> CONVENTION_KEYS = List.of("tables", "columns", "indexes", "constraints",
            "foreign_keys_indexed", "max_index_columns", "severity");
    static final List<String> AI_KEYS = List.of("builtin_detection", "logins", "labels", "co_authors", "warnings_fail",
            "all_checklist_items", "owner_approval_for_additive");
    static final List<String> APPROVAL_KEYS = List.of("owners", "author_may_approve");

    /** A GitHub login (letters, digits, single hyphens, an optional [bot] suffix), optionally written with @. */
    private static final Pattern USER = Pattern.compile("@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\\[bot])?");
    private static final Pattern TEAM = Pattern.compile("@[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<String, Profile> PROFILES = ordered(Profile.values(), p -> p.name().toLowerCase(Locale.ROOT));
    private static final Map<String, Changes> CHANGES = ordered(Changes.values(), c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    private static final Map<String, OwnerApproval> OWNER_APPROVALS =
            ordered(OwnerApproval.values(), o -> o.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    private static final Map<String, Severity> UNOWNED = ordered(
            new Severity[] {Severity.OFF, Severity.NOTICE, Severity.WARNING, Severity.ERROR},
            s -> s == Severity.OFF ? "fine" : s.label());

    private final ConfigReading reading;

    PolicySections(ConfigReading reading) {
        this.reading = reading;
    }

    PolicyConfig read(Map<String, YamlNode> settings) {
        PolicyConfig defaults = PolicyConfig.defaults();
        return new PolicyConfig(
                setting(settings, AREAS, this::areas, List.of()),
                setting(settings, SENIOR_REVIEWERS, v -> owners(v, SENIOR_REVIEWERS), List.of()),
                setting(settings, CONFIG_OWNERS, v -> owners(v, CONFIG_OWNERS), List.of()),
                setting(settings, UNOWNED_TABLES, v -> reading.choice(v, UNOWNED_TABLES, UNOWNED).orElse(defaults.unownedTables()),
                        defaults.unownedTables()),
                setting(settings, CODEOWNERS_FALLBACK, v -> reading.bool(v, CODEOWNERS_FALLBACK), defaults.codeownersFallback()),
                setting(settings, TABLE_SIZES, this::tableSizes, TableSizes.NONE),
                setting(settings, WORKFLOWS, v -> reading.texts(v, WORKFLOWS), List.of()),
                setting(settings, CHECKLIST, this::checklist, Checklist.NONE),
                setting(settings, CONVENTIONS, this::conventions, Conventions.NONE),
                setting(settings, AI, this::ai, AiAuthors.DEFAULTS),
                setting(settings, APPROVALS, this::approvals, Approvals.DEFAULTS));
    }

    private static <T> T setting(Map<String, YamlNode> settings, String key, Function<YamlNode, T> read, T otherwise) {
        YamlNode value = settings.get(key);
        return value == null ? otherwise : read.apply(value);
    }

    // ---- areas --------------------------------------------------------------------------------

    private List<Area> areas(YamlNode value) {
        var result = new ArrayList<Area>();
        var names = new HashMap<String, Position>();
        for (YamlNode item : reading.items(value, AREAS)) {
            if (!(item instanceof Mapping mapping)) {
                reading.error(item.at(), "an 'areas' entry must be a mapping with " + String.join(", ", AREA_KEYS)
                        + "; found " + YamlNode.describe(item));
                continue;
            }
            Map<String, YamlNode> settings = reading.knownEntries(mapping, AREA_KEYS, AREAS + "[].");
            Optional<String> name = Optional.ofNullable(settings.get("name")).flatMap(v -> reading.text(v, "areas[].name"));
            if (!settings.containsKey("name")) {
                reading.error(mapping.at(), "an area needs a 'name'");
            }
            String where = name.map(n -> "areas[" + n + "]").orElse("areas[]");
            name.ifPresent(n -> {
                Position first = names.putIfAbsent(n.toLowerCase(Locale.ROOT), settings.get("name").at());
                if (first != null) {
                    reading.error(settings.get("name").at(), "area '" + n + "' is defined twice (first on line " + first.line() + ")");
                }
            });
            List<String> tables = setting(settings, "tables", v -> reading.globs(v, where + ".tables"), List.of());
            List<String> paths = setting(settings, "paths", v -> reading.globs(v, where + ".paths"), List.of());
            if (!settings.containsKey("tables") && !settings.containsKey("paths")) {
                reading.error(mapping.at(), name.map(n -> "area '" + n + "' ").orElse("an area ")
                        + "claims nothing: give it 'tables' (globs over table names) or 'paths' (globs over files)");
            }
            List<String> owners = setting(settings, "owners", v -> owners(v, where + ".owners"), List.of());
            if (!settings.containsKey("owners")) {
                reading.error(mapping.at(), name.map(n -> "area '" + n + "' ").orElse("an area ")
                        + "needs 'owners' (logins or @org/team), who approve its changes");
            }
            Optional<String> service = Optional.ofNullable(settings.get("service")).flatMap(v -> reading.text(v, where + ".service"));
            Profile profile = setting(settings, "profile", v -> reading.choice(v, where + ".profile", PROFILES).orElse(Profile.WARM),
                    Profile.WARM);
            Changes changes = setting(settings, "changes", v -> reading.choice(v, where + ".changes", CHANGES).orElse(Changes.ANY),
                    Changes.ANY);
            name.ifPresent(n -> result.add(new Area(n, tables, paths, owners, service, profile, changes)));
        }
        return result;
    }

    /** Logins and {@code @org/team}s; a login written as {@code @alice} is kept as {@code alice}. */
    List<String> owners(YamlNode value, String where) {
        var result = new ArrayList<String>();
        if (value instanceof Scalar single && !single.isNull()) {
            owner(single, where).ifPresent(result::add);
            return result;
        }
        for (YamlNode item : reading.items(value, where)) {
            reading.scalar(item, where).flatMap(s -> owner(s, where)).ifPresent(result::add);
        }
        return result;
    }

    private Optional<String> owner(Scalar scalar, String where) {
        String text = scalar.text().strip();
        if (TEAM.matcher(text).matches()) {
            return Optional.of(text);
        }
        if (USER.matcher(text).matches()) {
            return Optional.of(text.startsWith("@") ? text.substring(1) : text);
        }
        reading.error(scalar.at(), "'" + where + "': '" + text + "' is neither a GitHub login (alice) nor a team (@org/team)");
        return Optional.empty();
    }

    // ---- table sizes --------------------------------------------------------------------------

    private TableSizes tableSizes(YamlNode value) {
        return reading.section(value, TABLE_SIZE_KEYS, TABLE_SIZES).map(settings -> new TableSizes(
                Optional.ofNullable(settings.get("stats_file")).flatMap(v -> reading.repositoryPath(v, TABLE_SIZES + ".stats_file")),
                setting(settings, "rows", this::rows, Map.of()))).orElse(TableSizes.NONE);
    }

    private Map<String, Long> rows(YamlNode value) {
        var result = new LinkedHashMap<String, Long>();
        for (Entry entry : reading.entries(value, "table_sizes.rows", "table names to row counts")) {
            reading.number(entry.value(), "table_sizes.rows." + entry.key(), 0).ifPresent(rows -> result.put(entry.key(), rows));
        }
        return result;
    }

    // ---- checklist ----------------------------------------------------------------------------

    private Checklist checklist(YamlNode value) {
        return reading.section(value, CHECKLIST_KEYS, CHECKLIST).map(settings -> {
            Checklist none = Checklist.NONE;
            YamlNode stages = settings.get("stages");
            Severity stagesSeverity = none.stages();
            List<String> applicationCode = none.applicationCode();
            if (stages instanceof Mapping) {
                var stageSettings = reading.section(stages, STAGES_KEYS, CHECKLIST + ".stages").orElse(Map.of());
                stagesSeverity = setting(stageSettings, "severity",
                        v -> reading.severity(v, "checklist.stages.severity").orElse(Severity.WARNING), Severity.WARNING);
                applicationCode = setting(stageSettings, "application_code",
                        v -> reading.globs(v, "checklist.stages.application_code"), List.of());
            } else if (stages != null) {
                stagesSeverity = stagesSeverity(stages);
            }
            return new Checklist(
                    setting(settings, "workflow", v -> item(v, "workflow"), none.workflow()),
                    setting(settings, "rollback", v -> item(v, "rollback"), none.rollback()),
                    setting(settings, "query-plan", v -> item(v, "query-plan"), none.queryPlan()),
                    setting(settings, "release-id", v -> item(v, "release-id"), none.releaseId()),
                    stagesSeverity, applicationCode);
        }).orElse(Checklist.NONE);
    }

    private boolean item(YamlNode value, String name) {
        return reading.bool(value, "checklist." + name);
    }

    /** {@code stages: true} reports at warning; a severity word chooses another; false and off disable it. */
    private Severity stagesSeverity(YamlNode value) {
        if (value instanceof Scalar scalar && !scalar.isNull()) {
            Optional<Severity> severity = Severity.parse(scalar.text());
            if (severity.isPresent()) {
                return severity.get();
            }
        }
        return reading.bool(value, "checklist.stages") ? Severity.WARNING : Severity.OFF;
    }

    // ---- conventions --------------------------------------------------------------------------

    private Conventions conventions(YamlNode value) {
        return reading.section(value, CONVENTION_KEYS, CONVENTIONS).map(settings -> new Conventions(
                pattern(settings, "tables"), pattern(settings, "columns"), pattern(settings, "indexes"),
                pattern(settings, "constraints"),
                setting(settings, "foreign_keys_indexed", v -> reading.bool(v, "conventions.foreign_keys_indexed"), false),
                Optional.ofNullable(settings.get("max_index_columns"))
                        .flatMap(v -> reading.number(v, "conventions.max_index_columns", 1)).map(n -> (int) Math.min(n, 1000)),
                setting(settings, "severity", v -> reading.severity(v, "conventions.severity").orElse(Severity.WARNING),
                        Severity.WARNING))).orElse(Conventions.NONE);
    }

    private Optional<String> pattern(Map<String, YamlNode> settings, String key) {
        return Optional.ofNullable(settings.get(key)).flatMap(v -> reading.regex(v, "conventions." + key));
    }

    // ---- AI authors and approvals ---------------------------------------------------------------

    private AiAuthors ai(YamlNode value) {
        AiAuthors defaults = AiAuthors.DEFAULTS;
        AiProfile strict = defaults.profile();
        return reading.section(value, AI_KEYS, AI).map(settings -> new AiAuthors(
                flag(settings, "builtin_detection", AI, defaults.builtInDetection()),
                setting(settings, "logins", v -> owners(v, "ai.logins"), List.of()),
                setting(settings, "labels", v -> reading.texts(v, "ai.labels"), List.of()),
                setting(settings, "co_authors", v -> reading.texts(v, "ai.co_authors"), List.of()),
                new AiProfile(
                        flag(settings, "warnings_fail", AI, strict.warningsFail()),
                        flag(settings, "all_checklist_items", AI, strict.allChecklistItems()),
                        flag(settings, "owner_approval_for_additive", AI, strict.ownerApprovalForAdditive()))))
                .orElse(defaults);
    }

    private Approvals approvals(YamlNode value) {
        Approvals defaults = Approvals.DEFAULTS;
        return reading.section(value, APPROVAL_KEYS, APPROVALS).map(settings -> new Approvals(
                setting(settings, "owners", v -> reading.choice(v, "approvals.owners", OWNER_APPROVALS).orElse(defaults.owners()),
                        defaults.owners()),
                flag(settings, "author_may_approve", APPROVALS, defaults.authorMayApprove()))).orElse(defaults);
    }

    private boolean flag(Map<String, YamlNode> settings, String key, String section, boolean otherwise) {
        return setting(settings, key, v -> reading.bool(v, section + "." + key), otherwise);
    }

    private static <E> Map<String, E> ordered(E[] values, Function<E, String> name) {
        var map = new LinkedHashMap<String, E>();
        for (E value : values) {
            map.put(name.apply(value), value);
        }
        return map;
    }
}
