package dev.migrationreview.discovery;

import java.util.Locale;
import java.util.Optional;

/** The database a migration targets. Only PostgreSQL and MySQL/MariaDB get locking advice. */
public enum DatabaseKind {
    POSTGRESQL, MYSQL, MARIADB, SQLITE, H2, SQLSERVER, DB2, COCKROACHDB, ORACLE, UNKNOWN;

    public boolean isPostgres() {
        return this == POSTGRESQL;
    }

    public boolean isMysqlFamily() {
        return this == MYSQL || this == MARIADB;
    }

    /** Recognises names as they appear in config files, paths and Prisma/Liquibase settings. */
    public static Optional<DatabaseKind> fromName(String raw) {
        String n = raw.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return Optional.ofNullable(switch (n) {
            case "postgres", "postgresql", "pg", "psql", "pgsql" -> POSTGRESQL;
            case "mysql" -> MYSQL;
            case "mariadb" -> MARIADB;
            case "sqlite", "sqlite3" -> SQLITE;
            case "h2" -> H2;
            case "sqlserver", "mssql", "tsql" -> SQLSERVER;
            case "db2" -> DB2;
            case "cockroach", "cockroachdb", "crdb" -> COCKROACHDB;
            case "oracle" -> ORACLE;
            default -> null;
        });
    }
}
