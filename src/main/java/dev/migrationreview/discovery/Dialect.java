package dev.migrationreview.discovery;

/**
 * The database kind and major version a file is judged against, and where that knowledge came
 * from (so the report can say "inferred from path segment 'mysql'").
 */
public record Dialect(DatabaseKind kind, int majorVersion, String source) {

    public static final int DEFAULT_POSTGRES_VERSION = 16;
    public static final int DEFAULT_MYSQL_VERSION = 8;

    public static Dialect postgres(int version, String source) {
        return new Dialect(DatabaseKind.POSTGRESQL, version, source);
    }

    public static Dialect defaultPostgres() {
        return postgres(DEFAULT_POSTGRES_VERSION, "default");
    }

    public static Dialect of(DatabaseKind kind, String source) {
        int version = switch (kind) {
            case POSTGRESQL -> DEFAULT_POSTGRES_VERSION;
            case MYSQL -> DEFAULT_MYSQL_VERSION;
            case MARIADB -> 10;
            default -> 0;
        };
        return new Dialect(kind, version, source);
    }

    public boolean isPostgres() {
        return kind.isPostgres();
    }

    public boolean isMysqlFamily() {
        return kind.isMysqlFamily();
    }

    public boolean postgresAtLeast(int major) {
        return isPostgres() && majorVersion >= major;
    }

    public String label() {
        return switch (kind) {
            case POSTGRESQL -> "PostgreSQL " + majorVersion;
            case MYSQL -> "MySQL " + majorVersion;
            case MARIADB -> "MariaDB " + majorVersion;
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
