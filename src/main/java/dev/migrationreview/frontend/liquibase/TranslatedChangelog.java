package dev.migrationreview.frontend.liquibase;

import dev.migrationreview.frontend.ParsedMigration;
import java.util.List;
import java.util.Optional;

/**
 * A changelog file after translation: the migration the engine reviews, and what became of each
 * changeSet, so a caller can account for every changeSet of the file.
 */
public record TranslatedChangelog(ParsedMigration migration, List<ChangeSet> changeSets) {

    public TranslatedChangelog {
        changeSets = List.copyOf(changeSets);
    }

    /**
     * One changeSet of the file.
     *
     * @param skipped why it was not reviewed (it runs only on another database), empty when reviewed
     * @param changes how many changes it holds that apply to the dialect under review
     */
    public record ChangeSet(String id, String author, int line, Optional<String> skipped, int changes) {}
}
