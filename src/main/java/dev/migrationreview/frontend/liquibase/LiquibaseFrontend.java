package dev.migrationreview.frontend.liquibase;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.Frontend;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.sql.SqlFrontend;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads Liquibase XML, YAML and JSON changelogs. Each change becomes the operations Liquibase runs
 * for it on the file's dialect, on the change's own lines; {@code sql} and {@code sqlFile} changes
 * go through the SQL frontend. Each changeSet runs in its own transaction unless it says
 * {@code runInTransaction="false"}, and carries its rollback: written, derived by Liquibase for
 * reversible changes, or missing. Changes for other databases are skipped with a note.
 */
public final class LiquibaseFrontend implements Frontend {

    private final SqlFrontend sql;

    public LiquibaseFrontend(SqlFrontend sql) {
        this.sql = sql;
    }

    @Override
    public Set<Framework> frameworks() {
        return EnumSet.of(Framework.LIQUIBASE_XML, Framework.LIQUIBASE_YAML, Framework.LIQUIBASE_JSON);
    }

    @Override
    public ParsedMigration parse(MigrationFile file, FileTree repository) {
        return translate(file, repository).migration();
    }

    /** The migration with an account of every changeSet in the file, reviewed or skipped. */
    public TranslatedChangelog translate(MigrationFile file, FileTree repository) {
        byte[] content = file.source().content();
        var source = SourceText.decode(content);
        ChangelogDocument document = switch (file.framework()) {
            case LIQUIBASE_YAML -> StructuredChangelogReader.readYaml(source.text(), source.lines());
            case LIQUIBASE_JSON -> StructuredChangelogReader.readJson(source.text(), source.lines());
            default -> XmlChangelogReader.read(content);
        };
        return new ChangelogTranslation(file, repository, sql, source).translate(document);
    }
}
