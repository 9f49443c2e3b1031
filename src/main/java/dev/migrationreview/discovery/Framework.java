package dev.migrationreview.discovery;

/** The tool that runs a migration file; decides its naming, ordering and transaction defaults. */
public enum Framework {
    FLYWAY("Flyway", true, true),
    FLYWAY_JAVA("Flyway Java migration", true, false),
    GOLANG_MIGRATE("golang-migrate", false, true),
    DBMATE("dbmate", true, true),
    GOOSE("goose", true, true),
    DIESEL("Diesel", true, true),
    PRISMA("Prisma Migrate", true, true),
    SQITCH("sqitch", false, true),
    LIQUIBASE_SQL("Liquibase formatted SQL", true, true),
    LIQUIBASE_XML("Liquibase XML changelog", true, false),
    LIQUIBASE_YAML("Liquibase YAML changelog", true, false),
    LIQUIBASE_JSON("Liquibase JSON changelog", true, false),
    RAILS("Rails migration", true, false),
    ALEMBIC("Alembic", true, false),
    DJANGO("Django migration", true, false),
    PLAIN_SQL("SQL migration", false, true);

    private final String displayName;
    private final boolean transactionalByDefault;
    private final boolean sql;

    Framework(String displayName, boolean transactionalByDefault, boolean sql) {
        this.displayName = displayName;
        this.transactionalByDefault = transactionalByDefault;
        this.sql = sql;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether the framework wraps each migration in a transaction unless the file opts out. */
    public boolean transactionalByDefault() {
        return transactionalByDefault;
    }

    /** Whether the file's content is SQL (as opposed to a changelog or program that describes changes). */
    public boolean isSql() {
        return sql;
    }
}
