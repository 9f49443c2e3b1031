package dev.migrationreview.review;

import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.ParsedMigration;
import java.util.Optional;

/**
 * What the engine made of one migration file.
 *
 * @param parsed empty when no frontend reads the framework yet (the file is still listed, with a note)
 * @param note   why the file was not (fully) analysed, for the report
 */
public record FileReview(MigrationFile file, Optional<ParsedMigration> parsed, Optional<String> note) {

    public int statementCount() {
        return parsed.map(p -> p.statements().size()).orElse(0);
    }

    public int unparsedCount() {
        return parsed.map(p -> (int) p.statements().stream().filter(s -> s.isUnparsed()).count()).orElse(0);
    }
}
