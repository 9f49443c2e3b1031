package dev.migrationreview.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a file is a migration and of which framework, from its name, its folders and
 * markers near its start. Line-start patterns use {@code [ \t]} rather than {@code \s}, which
 * would also cross newlines and make a file of blank lines quadratic to scan.
 */
final class MigrationRecognizer {

    private static final Pattern LIQUIBASE_SQL_HEADER = Pattern.compile("(?i)--[ \\t]*liquibase[ \\t]+formatted[ \\t]+sql\\b.*");
    private static final Pattern GOOSE_UP = Pattern.compile("(?im)^[ \\t]*--[ \\t]*\\+goose[ \\t]+up\\b");
    private static final Pattern DBMATE_UP = Pattern.compile("(?m)^[ \\t]*--[ \\t]*migrate:up\\b");
    private static final Pattern ALEMBIC_REVISION = Pattern.compile(
            "(?m)^revision[ \\t]*(?::[^=\\n]*)?=[ \\t]*['\"]([^'\"\\n]+)['\"]");
    private static final Pattern ALEMBIC_DOWN_REVISION = Pattern.compile(
            "(?m)^down_revision[ \\t]*(?::[^=\\n]*)?=([^\\n]*)");
    private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"\\n]+)['\"]");
    private static final Pattern EMPTY_DOWNGRADE = Pattern.compile(
            "def downgrade\\([^)\\n]*\\)[^:\\n]*:[ \\t]*(?:#[^\\n]*)?\\n(?:[ \\t]*(?:#[^\\n]*)?\\n)*[ \\t]+pass[ \\t]*(?:\\n|$)");
    private static final Set<String> SQITCH_FOLDERS = Set.of("deploy", "revert", "verify");

    private final RepositoryView repository;
    private final Map<String, List<String>> sqitchPlans = new HashMap<>();

    MigrationRecognizer(RepositoryView repository) {
        this.repository = repository;
    }

    /** Recognises a file by the conventions of every framework; empty for anything else. */
    Optional<Recognition> recognise(String path, FileText text) {
        if (Places.isTestOrFixture(PathParts.folders(path))) {
            return Optional.empty();
        }
        return detect(path, text);
    }

    /**
     * Reads a file that configuration names as a migration: as {@code framework} when given (its
     * conventions for version and direction when the name follows them), otherwise as detected,
     * falling back to what the extension suggests.
     */
    Recognition recogniseListed(String path, FileText text, Optional<Framework> framework) {
        if (framework.isPresent()) {
            Framework f = framework.get();
            return named(f, path, text).filter(r -> r.framework() == f).orElseGet(() -> generic(f, path));
        }
        return detect(path, text).orElseGet(() -> generic(byExtension(path, text), path));
    }

    private Optional<Recognition> detect(String path, FileText text) {
        return switch (PathParts.extension(path)) {
            case "sql" -> sql(path, text);
            case "xml", "yaml", "yml", "json" -> text.contains("databaseChangeLog") ? liquibaseChangelog(path) : Optional.empty();
            case "java", "kt" -> flywayJava(path, text);
            case "rb" -> rails(path, text);
            case "py" -> alembic(path, text).or(() -> django(path, text));
            default -> Optional.empty();
        };
    }

    private Optional<Recognition> sql(String path, FileText text) {
        String stem = PathParts.stem(path);
        if (LIQUIBASE_SQL_HEADER.matcher(text.firstNonBlankLine()).matches()) {
            return Optional.of(leadingVersion(Framework.LIQUIBASE_SQL, Direction.UP, stem));
        }
        if (GOOSE_UP.matcher(text.text()).find()) {
            return Optional.of(leadingVersion(Framework.GOOSE, Direction.UP_AND_DOWN, stem));
        }
        if (DBMATE_UP.matcher(text.text()).find()) {
            return Optional.of(leadingVersion(Framework.DBMATE, Direction.UP_AND_DOWN, stem));
        }
        Optional<Recognition> byName = prisma(path).or(() -> diesel(path)).or(() -> flyway(path, Framework.FLYWAY))
                .or(() -> golangMigrate(path));
        if (byName.isPresent()) {
            return byName;
        }
        Optional<SqitchPlace> sqitch = sqitchPlace(path);
        if (sqitch.isPresent()) {
            return sqitch(sqitch.get());
        }
        return plainSql(path);
    }

    /**
     * The naming conventions of one framework applied to a file, without requiring its content
     * markers; empty for frameworks whose names carry no more than a leading version.
     */
    private Optional<Recognition> named(Framework framework, String path, FileText text) {
        return switch (framework) {
            case FLYWAY, FLYWAY_JAVA -> flyway(path, framework);
            case GOLANG_MIGRATE -> golangMigrate(path);
            case DIESEL -> diesel(path);
            case PRISMA -> prisma(path);
            case SQITCH -> sqitchPlace(path).flatMap(this::sqitch);
            case ALEMBIC -> alembic(path, text);
            case RAILS -> railsName(path, text);
            case DJANGO -> djangoName(path);
            case DBMATE, GOOSE, LIQUIBASE_SQL, LIQUIBASE_XML, LIQUIBASE_YAML, LIQUIBASE_JSON, PLAIN_SQL -> Optional.empty();
        };
    }

    /** A listed file read by its leading version alone; goose and dbmate files hold both directions. */
    private static Recognition generic(Framework framework, String path) {
        String stem = PathParts.stem(path);
        boolean bothWays = framework == Framework.GOOSE || framework == Framework.DBMATE;
        Direction direction = bothWays ? Direction.UP_AND_DOWN : MigrationNames.namesDown(stem) ? Direction.DOWN : Direction.UP;
        return leadingVersion(framework, direction, stem);
    }

    private static Framework byExtension(String path, FileText text) {
        return switch (PathParts.extension(path)) {
            case "java", "kt" -> Framework.FLYWAY_JAVA;
            case "xml" -> Framework.LIQUIBASE_XML;
            case "yaml", "yml" -> Framework.LIQUIBASE_YAML;
            case "json" -> Framework.LIQUIBASE_JSON;
            case "rb" -> Framework.RAILS;
            case "py" -> text.contains("def upgrade") ? Framework.ALEMBIC : Framework.DJANGO;
            default -> Framework.PLAIN_SQL;
        };
    }

    private static Recognition leadingVersion(Framework framework, Direction direction, String stem) {
        return MigrationNames.leadingVersion(stem)
                .map(v -> Recognition.of(framework, direction, Optional.of(v.version()),
                        MigrationNames.versionParts(v.version()), v.description()))
                .orElseGet(() -> Recognition.of(framework, direction, Optional.empty(), List.of(),
                        MigrationNames.description(stem, stem)));
    }

    private static Optional<Recognition> flyway(String path, Framework framework) {
        String extension = PathParts.extension(path);
        boolean fitsExtension = framework == Framework.FLYWAY_JAVA
                ? extension.equals("java") || extension.equals("kt")
                : extension.equals("sql");
        if (!fitsExtension) {
            return Optional.empty();
        }
        return MigrationNames.flyway(PathParts.stem(path)).map(name ->
                Recognition.of(framework, name.direction(), name.version(), name.orderParts(), name.description()));
    }

    private static Optional<Recognition> flywayJava(String path, FileText text) {
        boolean javaMigration = Places.isDbMigrationPackage(PathParts.folders(path)) || text.contains("JavaMigration");
        return javaMigration ? flyway(path, Framework.FLYWAY_JAVA) : Optional.empty();
    }

    private static Optional<Recognition> golangMigrate(String path) {
        if (!PathParts.extension(path).equals("sql")) {
            return Optional.empty();
        }
        return MigrationNames.upDown(PathParts.stem(path)).map(name -> Recognition.of(Framework.GOLANG_MIGRATE,
                name.direction(), Optional.of(name.version()), MigrationNames.versionParts(name.version()),
                name.description()));
    }

    private static Optional<Recognition> diesel(String path) {
        String name = PathParts.fileName(path);
        if (!name.equals("up.sql") && !name.equals("down.sql")) {
            return Optional.empty();
        }
        Direction direction = name.equals("up.sql") ? Direction.UP : Direction.DOWN;
        return MigrationNames.versionedFolder(PathParts.fileName(PathParts.folder(path))).map(folder ->
                Recognition.of(Framework.DIESEL, direction, Optional.of(folder.version()),
                        MigrationNames.versionParts(folder.version()), folder.description()));
    }

    private static Optional<Recognition> prisma(String path) {
        if (!PathParts.fileName(path).equals("migration.sql")) {
            return Optional.empty();
        }
        // Prisma applies migrations in the lexicographic order of their folder names.
        String folderName = PathParts.fileName(PathParts.folder(path));
        return MigrationNames.versionedFolder(folderName).map(folder ->
                Recognition.of(Framework.PRISMA, Direction.UP, Optional.of(folder.version()),
                        List.of(folderName), folder.description()));
    }

    private static Optional<Recognition> plainSql(String path) {
        if (!Places.holdsSqlMigrations(PathParts.folders(path), PathParts.fileName(path))) {
            return Optional.empty();
        }
        return Optional.of(generic(Framework.PLAIN_SQL, path));
    }

    private static Optional<Recognition> liquibaseChangelog(String path) {
        Framework framework = switch (PathParts.extension(path)) {
            case "xml" -> Framework.LIQUIBASE_XML;
            case "json" -> Framework.LIQUIBASE_JSON;
            default -> Framework.LIQUIBASE_YAML;
        };
        return Optional.of(leadingVersion(framework, Direction.UP, PathParts.stem(path)));
    }

    private static Optional<Recognition> rails(String path, FileText text) {
        boolean railsMigration = Places.isRailsMigrateFolder(PathParts.folders(path)) || text.contains("ActiveRecord::Migration");
        return railsMigration ? railsName(path, text) : Optional.empty();
    }

    /** {@code 20090527120326_create_users.rb}; a file with {@code def down} carries its own rollback. */
    private static Optional<Recognition> railsName(String path, FileText text) {
        return MigrationNames.numbered(PathParts.stem(path)).map(n -> Recognition.of(Framework.RAILS,
                text.contains("def down") ? Direction.UP_AND_DOWN : Direction.UP,
                Optional.of(n.version()), MigrationNames.versionParts(n.version()), n.description()));
    }

    private static Optional<Recognition> django(String path, FileText text) {
        var folders = PathParts.folders(path);
        boolean inMigrations = !folders.isEmpty() && folders.get(folders.size() - 1).equals("migrations");
        return inMigrations && text.contains("class Migration") ? djangoName(path) : Optional.empty();
    }

    /** {@code <app>/migrations/0001_initial.py} */
    private static Optional<Recognition> djangoName(String path) {
        return MigrationNames.numbered(PathParts.stem(path)).map(n -> Recognition.of(Framework.DJANGO, Direction.UP,
                Optional.of(n.version()), MigrationNames.versionParts(n.version()), n.description()));
    }

    private static Optional<Recognition> alembic(String path, FileText text) {
        if (!text.contains("down_revision") || !text.contains("def upgrade")) {
            return Optional.empty();
        }
        Matcher revision = ALEMBIC_REVISION.matcher(text.text());
        Optional<String> version = revision.find() ? Optional.of(revision.group(1)) : Optional.empty();
        var runsAfter = new ArrayList<String>();
        Matcher down = ALEMBIC_DOWN_REVISION.matcher(text.text());
        if (down.find()) {
            Matcher quoted = QUOTED.matcher(down.group(1));
            while (quoted.find()) {
                runsAfter.add(quoted.group(1));
            }
        }
        String stem = PathParts.stem(path);
        String slug = version.filter(v -> stem.startsWith(v + "_")).map(v -> stem.substring(v.length() + 1)).orElse(stem);
        boolean reversible = text.contains("def downgrade") && !EMPTY_DOWNGRADE.matcher(text.text()).find();
        return Optional.of(new Recognition(Framework.ALEMBIC, reversible ? Direction.UP_AND_DOWN : Direction.UP,
                version, List.of(), MigrationNames.description(slug, stem), runsAfter));
    }

    // ---- sqitch ----

    /** A script in a sqitch project: the project folder (holding sqitch.plan), the script kind and change name. */
    private record SqitchPlace(String project, String kind, String change) {}

    private Optional<SqitchPlace> sqitchPlace(String path) {
        var folders = PathParts.folders(path);
        for (int k = folders.size() - 1; k >= 0; k--) {
            if (SQITCH_FOLDERS.contains(folders.get(k))) {
                String project = String.join("/", folders.subList(0, k));
                if (repository.exists(PathParts.join(project, "sqitch.plan"))) {
                    String scriptFolder = PathParts.join(project, folders.get(k));
                    String relative = path.substring(scriptFolder.length() + 1);
                    String change = relative.substring(0, relative.length() - ".sql".length());
                    return Optional.of(new SqitchPlace(project, folders.get(k), change));
                }
            }
        }
        return Optional.empty();
    }

    /** Deploy scripts move up, revert scripts down; verify scripts only check and are not migrations. */
    private Optional<Recognition> sqitch(SqitchPlace place) {
        if (place.kind().equals("verify")) {
            return Optional.empty();
        }
        Direction direction = place.kind().equals("deploy") ? Direction.UP : Direction.DOWN;
        int position = sqitchChanges(place.project()).lastIndexOf(place.change());
        List<String> order = position < 0 ? List.of() : List.of(Integer.toString(position));
        return Optional.of(Recognition.of(Framework.SQITCH, direction, Optional.empty(), order,
                MigrationNames.description(place.change(), place.change())));
    }

    /** The change names of a sqitch.plan in plan order (pragmas, tags, notes and blank lines skipped). */
    private List<String> sqitchChanges(String project) {
        return sqitchPlans.computeIfAbsent(project, p -> {
            var changes = new ArrayList<String>();
            repository.read(PathParts.join(p, "sqitch.plan")).ifPresent(plan -> {
                for (String line : FileText.of(plan.content()).text().split("\n")) {
                    String trimmed = line.strip();
                    if (trimmed.isEmpty() || "%@#".indexOf(trimmed.charAt(0)) >= 0) {
                        continue;
                    }
                    changes.add(trimmed.split("[\\s\\[]", 2)[0]);
                }
            });
            return changes;
        });
    }
}
