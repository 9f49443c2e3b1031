package dev.migrationreview.rule;

import dev.migrationreview.rule.postgres.AddCheckValidated;
import dev.migrationreview.rule.postgres.AddColumnIdentityToExisting;
import dev.migrationreview.rule.postgres.AddColumnRequiredNoDefault;
import dev.migrationreview.rule.postgres.AddColumnStoredGenerated;
import dev.migrationreview.rule.postgres.AddColumnVolatileDefault;
import dev.migrationreview.rule.postgres.AddExclusionConstraint;
import dev.migrationreview.rule.postgres.AddForeignKeyValidated;
import dev.migrationreview.rule.postgres.AddPrimaryKey;
import dev.migrationreview.rule.postgres.AddUniqueConstraint;
import dev.migrationreview.rule.postgres.ColumnTypeChange;
import dev.migrationreview.rule.postgres.ConcurrentlyInTransaction;
import dev.migrationreview.rule.postgres.CreateIndexNonConcurrently;
import dev.migrationreview.rule.postgres.DetachPartitionNonConcurrently;
import dev.migrationreview.rule.postgres.DropIndexNonConcurrently;
import dev.migrationreview.rule.postgres.ReindexNonConcurrently;
import dev.migrationreview.rule.postgres.SetNotNull;
import dev.migrationreview.rule.postgres.TruncateCascade;
import dev.migrationreview.rule.postgres.ValidateInSameTransaction;
import java.util.List;

/** The list of built-in rules; each lives in its own file under rule.postgres, rule.mysql or rule.general. */
final class BuiltInRules {

    private BuiltInRules() {}

    static List<Rule> all() {
        return List.of(
                new AddCheckValidated(),
                new AddColumnIdentityToExisting(),
                new AddColumnRequiredNoDefault(),
                new AddColumnStoredGenerated(),
                new AddColumnVolatileDefault(),
                new AddExclusionConstraint(),
                new AddForeignKeyValidated(),
                new AddPrimaryKey(),
                new AddUniqueConstraint(),
                new ColumnTypeChange(),
                new ConcurrentlyInTransaction(),
                new CreateIndexNonConcurrently(),
                new DetachPartitionNonConcurrently(),
                new DropIndexNonConcurrently(),
                new ReindexNonConcurrently(),
                new SetNotNull(),
                new TruncateCascade(),
                new ValidateInSameTransaction());
    }
}
