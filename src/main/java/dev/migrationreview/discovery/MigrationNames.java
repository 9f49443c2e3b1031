package dev.migrationreview.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming conventions of migration frameworks, read from a file name without its extension.
 * Every pattern here is free of nested or overlapping repetition, so a hostile file name cannot
 * make matching slow.
 */
final class MigrationNames {

    /** Sorts Flyway's repeatable migrations after every versioned one (a word sorts after numbers). */
    static final String REPEATABLE_ORDER = "repeatable";

    private static final Pattern FLYWAY = Pattern.compile("(?:([VU])(\\d+(?:[._]\\d+)*)|R)__(.*)");
    private static final Pattern GOLANG_MIGRATE = Pattern.compile("(\\d+)(?:_(.*))?\\.(up|down)");
    private static final Pattern VERSIONED_FOLDER = Pattern.compile("(\\d[\\d-]*)_(.+)");
    private static final Pattern NUMBERED = Pattern.compile("(\\d+)_(\\w+)(?:\\.\\w+)?");
    private static final Pattern LEADING_VERSION = Pattern.compile("(\\d+(?:[._-]\\d+)*)[_\\-. ]*(.*)");
    private static final List<String> DOWN_WORDS = List.of("down", "undo", "rollback", "revert");

    private MigrationNames() {}

    /** {@code V2_40_8__Add_x}, {@code U2.40.8__Add_x}, {@code R__views}. */
    record FlywayName(Direction direction, Optional<String> version, String description) {
        List<String> orderParts() {
            return version.map(MigrationNames::versionParts)
                    .orElseGet(() -> List.of(REPEATABLE_ORDER, description));
        }
    }

    static Optional<FlywayName> flyway(String stem) {
        Matcher m = FLYWAY.matcher(stem);
        if (!m.matches()) {
            return Optional.empty();
        }
        String words = m.group(3);
        Optional<String> database = databaseSuffix(stem);
        if (database.isPresent()) {
            words = words.substring(0, words.length() - database.get().length());
        }
        String description = description(words, stem);
        if (m.group(1) == null) {
            return Optional.of(new FlywayName(Direction.REPEATABLE, Optional.empty(), description));
        }
        // Flyway itself shows versions with dots whichever separator the file uses.
        String version = m.group(2).replace('_', '.');
        Direction direction = m.group(1).equals("U") ? Direction.DOWN : Direction.UP;
        return Optional.of(new FlywayName(direction, Optional.of(version), description));
    }

    /**
     * A database named by the last {@code __}-separated part of a name, as in
     * {@code V1_12_12__change_length___SQL_SERVER}; with a single {@code __}, a Flyway name's last
     * part is its description ({@code V3__import_from_mysql}), not a database.
     */
    static Optional<String> databaseSuffix(String name) {
        String[] pieces = name.split("_{2,}", -1);
        boolean suffix = pieces.length >= 3 || pieces.length == 2 && !FLYWAY.matcher(name).matches();
        String last = pieces[pieces.length - 1];
        return suffix && DatabaseKind.fromName(last).isPresent() ? Optional.of(last) : Optional.empty();
    }

    /**
     * {@code 20230101_add_x.up} or ory/pop's {@code 2023_add_x.mysql.autocommit.down}.
     *
     * @param qualifiers the dot-separated words between the name and the direction (a dialect, {@code autocommit})
     */
    record UpDownName(String version, String description, List<String> qualifiers, Direction direction) {}

    static Optional<UpDownName> upDown(String stem) {
        Matcher m = GOLANG_MIGRATE.matcher(stem);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(2) == null ? "" : m.group(2);
        var qualifiers = new ArrayList<String>();
        int dot;
        while ((dot = name.lastIndexOf('.')) >= 0 && isQualifier(name.substring(dot + 1))) {
            qualifiers.add(0, name.substring(dot + 1));
            name = name.substring(0, dot);
        }
        Direction direction = m.group(3).equals("up") ? Direction.UP : Direction.DOWN;
        return Optional.of(new UpDownName(m.group(1), description(name, stem), qualifiers, direction));
    }

    private static boolean isQualifier(String word) {
        return word.equalsIgnoreCase("autocommit") || DatabaseKind.fromName(word).isPresent();
    }

    /** A Diesel or Prisma migration folder: {@code 2020-01-01-000000_create_users}, {@code 20230518191501_init}. */
    record FolderName(String version, String description) {}

    static Optional<FolderName> versionedFolder(String folderName) {
        Matcher m = VERSIONED_FOLDER.matcher(folderName);
        return m.matches() ? Optional.of(new FolderName(m.group(1), description(m.group(2), folderName))) : Optional.empty();
    }

    /**
     * Rails {@code 20090527120326_create_users} (or {@code .._create_runs.maintenance_tasks}, as
     * copied from an engine) and Django {@code 0001_initial}.
     */
    static Optional<FolderName> numbered(String stem) {
        Matcher m = NUMBERED.matcher(stem);
        return m.matches() ? Optional.of(new FolderName(m.group(1), description(m.group(2), stem))) : Optional.empty();
    }

    /** The version a name starts with, if any ({@code 001_init}, {@code 2023-01-01_x}, {@code 1.2_x}). */
    static Optional<FolderName> leadingVersion(String stem) {
        Matcher m = LEADING_VERSION.matcher(stem);
        return m.matches() ? Optional.of(new FolderName(m.group(1), description(m.group(2), stem))) : Optional.empty();
    }

    /** Whether a name's last word says it undoes something: {@code 001_init_down}, {@code 2-rollback}. */
    static boolean namesDown(String stem) {
        String[] words = stem.toLowerCase(Locale.ROOT).split("[._\\- ]+");
        return words.length > 1 && DOWN_WORDS.contains(words[words.length - 1]);
    }

    static List<String> versionParts(String version) {
        return MigrationOrder.ofVersion(version, "").parts();
    }

    /** {@code Add_column__to_x} becomes {@code Add column to x}; an empty description falls back to the name. */
    static String description(String raw, String fallback) {
        String words = raw.replace('_', ' ').replace('-', ' ').strip().replaceAll("\\s+", " ");
        return words.isEmpty() ? fallback : words;
    }
}
