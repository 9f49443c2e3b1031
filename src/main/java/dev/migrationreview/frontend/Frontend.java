package dev.migrationreview.frontend;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import java.util.Set;

/** Translates one framework's migration files into statements and operations. */
public interface Frontend {

    Set<Framework> frameworks();

    /**
     * Never throws for bad input: unreadable parts become {@link ParsedMigration.FrontendProblem}s
     * or unparsed statements, so the rest of the file is still reviewed.
     */
    ParsedMigration parse(MigrationFile file, FileTree repository);
}
