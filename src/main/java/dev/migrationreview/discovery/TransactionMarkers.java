package dev.migrationreview.discovery;

import java.util.regex.Pattern;

/**
 * Whether a framework wraps a file in a transaction: its default, unless the file (or the
 * companion file the framework reads beside it) opts out. A cheap look at the text; frontends
 * that parse the file refine it.
 */
final class TransactionMarkers {

    private static final Pattern GOOSE_NO_TRANSACTION = Pattern.compile("(?im)^[ \\t]*--[ \\t]*\\+goose[ \\t]+no[ \\t]+transaction\\b");
    private static final Pattern DBMATE_NO_TRANSACTION = Pattern.compile("(?m)^[ \\t]*--[ \\t]*migrate:up\\b[^\\n]*\\btransaction:false\\b");
    private static final Pattern DJANGO_NOT_ATOMIC = Pattern.compile("\\batomic[ \\t]*=[ \\t]*False\\b");
    private static final Pattern LIQUIBASE_NO_TRANSACTION = Pattern.compile("(?i)runInTransaction[\"']?[ \\t]*[:=][ \\t]*[\"']?false");
    private static final Pattern FLYWAY_SCRIPT_CONFIG_NO_TRANSACTION = Pattern.compile("(?m)^[ \\t]*executeInTransaction[ \\t]*=[ \\t]*false\\b");
    private static final Pattern DIESEL_NO_TRANSACTION = Pattern.compile("(?m)^[ \\t]*run_in_transaction[ \\t]*=[ \\t]*false\\b");

    private final RepositoryView repository;

    TransactionMarkers(RepositoryView repository) {
        this.repository = repository;
    }

    boolean transactional(Framework framework, String path, FileText text) {
        return framework.transactionalByDefault() && !optsOut(framework, path, text);
    }

    private boolean optsOut(Framework framework, String path, FileText text) {
        return switch (framework) {
            case GOOSE -> GOOSE_NO_TRANSACTION.matcher(text.text()).find();
            case DBMATE -> DBMATE_NO_TRANSACTION.matcher(text.text()).find();
            case RAILS -> text.contains("disable_ddl_transaction!");
            case DJANGO -> DJANGO_NOT_ATOMIC.matcher(text.text()).find();
            case ALEMBIC -> text.contains("autocommit_block");
            case LIQUIBASE_SQL, LIQUIBASE_XML, LIQUIBASE_YAML, LIQUIBASE_JSON ->
                    LIQUIBASE_NO_TRANSACTION.matcher(text.text()).find();
            // Flyway reads per-script settings from "<script>.conf" beside the script.
            case FLYWAY, FLYWAY_JAVA -> companionSays(path + ".conf", FLYWAY_SCRIPT_CONFIG_NO_TRANSACTION);
            // Diesel reads "metadata.toml" in the migration's folder.
            case DIESEL -> companionSays(PathParts.join(PathParts.folder(path), "metadata.toml"), DIESEL_NO_TRANSACTION);
            case GOLANG_MIGRATE, PRISMA, SQITCH, PLAIN_SQL -> false;
        };
    }

    private boolean companionSays(String companion, Pattern setting) {
        return repository.exists(companion) && repository.read(companion)
                .map(file -> setting.matcher(FileText.of(file.content()).text()).find())
                .orElse(false);
    }
}
