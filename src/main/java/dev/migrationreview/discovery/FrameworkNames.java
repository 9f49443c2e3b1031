package dev.migrationreview.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The framework names a configuration may use ({@code migrations: [{glob, framework: flyway}]}).
 * Family names such as {@code liquibase} or {@code flyway} stand for several frameworks; the file
 * extension picks one (a {@code .xml} changelog, a {@code .java} migration).
 */
public final class FrameworkNames {

    private static final Map<String, List<Framework>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("flyway", List.of(Framework.FLYWAY, Framework.FLYWAY_JAVA));
        BY_NAME.put("flyway-java", List.of(Framework.FLYWAY_JAVA));
        BY_NAME.put("golang-migrate", List.of(Framework.GOLANG_MIGRATE));
        BY_NAME.put("migrate", List.of(Framework.GOLANG_MIGRATE));
        BY_NAME.put("dbmate", List.of(Framework.DBMATE));
        BY_NAME.put("goose", List.of(Framework.GOOSE));
        BY_NAME.put("diesel", List.of(Framework.DIESEL));
        BY_NAME.put("prisma", List.of(Framework.PRISMA));
        BY_NAME.put("sqitch", List.of(Framework.SQITCH));
        BY_NAME.put("liquibase", List.of(Framework.LIQUIBASE_SQL, Framework.LIQUIBASE_XML,
                Framework.LIQUIBASE_YAML, Framework.LIQUIBASE_JSON));
        BY_NAME.put("liquibase-sql", List.of(Framework.LIQUIBASE_SQL));
        BY_NAME.put("liquibase-xml", List.of(Framework.LIQUIBASE_XML));
        BY_NAME.put("liquibase-yaml", List.of(Framework.LIQUIBASE_YAML));
        BY_NAME.put("liquibase-json", List.of(Framework.LIQUIBASE_JSON));
        BY_NAME.put("rails", List.of(Framework.RAILS));
        BY_NAME.put("alembic", List.of(Framework.ALEMBIC));
        BY_NAME.put("django", List.of(Framework.DJANGO));
        BY_NAME.put("sql", List.of(Framework.PLAIN_SQL));
        BY_NAME.put("plain-sql", List.of(Framework.PLAIN_SQL));
    }

    private FrameworkNames() {}

    /** Every accepted name, in documentation order. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    public static boolean isKnown(String name) {
        return BY_NAME.containsKey(normalise(name));
    }

    /** The framework a configured name means for the file at {@code path}. */
    public static Optional<Framework> resolve(String name, String path) {
        List<Framework> family = BY_NAME.get(normalise(name));
        if (family == null) {
            return Optional.empty();
        }
        if (family.size() == 1) {
            return Optional.of(family.get(0));
        }
        String extension = PathParts.extension(path);
        Framework byExtension = switch (extension) {
            case "java", "kt" -> Framework.FLYWAY_JAVA;
            case "xml" -> Framework.LIQUIBASE_XML;
            case "yaml", "yml" -> Framework.LIQUIBASE_YAML;
            case "json" -> Framework.LIQUIBASE_JSON;
            default -> family.get(0);
        };
        return Optional.of(family.contains(byExtension) ? byExtension : family.get(0));
    }

    /** Accepts {@code Golang_Migrate}, {@code GOLANG_MIGRATE} and {@code golang-migrate} alike. */
    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    }
}
