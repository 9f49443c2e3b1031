package dev.migrationreview.discovery;

import dev.migrationreview.config.ReviewConfig;
import java.util.List;

/** Recognises which files of a change are migrations, of which framework, dialect and order. */
public interface MigrationDiscovery {

    /** The migrations among {@code changed}, sorted in the order their frameworks run them. */
    List<MigrationFile> discover(List<SourceFile> changed, FileTree repository, ReviewConfig config);
}
