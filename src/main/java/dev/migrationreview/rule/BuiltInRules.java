package dev.migrationreview.rule;

import dev.migrationreview.rule.general.DropColumnRule;
import dev.migrationreview.rule.general.DropNotNullRule;
import dev.migrationreview.rule.general.DropSchemaOrDatabaseRule;
import dev.migrationreview.rule.general.DropTableRule;
import dev.migrationreview.rule.general.EnumValueRenameRule;
import dev.migrationreview.rule.general.IdentifierTooLongRule;
import dev.migrationreview.rule.general.JsonOverJsonbRule;
import dev.migrationreview.rule.general.OpaqueCodeRule;
import dev.migrationreview.rule.general.PreferBigintIdsRule;
import dev.migrationreview.rule.general.PreferIdentityRule;
import dev.migrationreview.rule.general.PreferTextRule;
import dev.migrationreview.rule.general.PreferTimestamptzRule;
import dev.migrationreview.rule.general.RenameColumnRule;
import dev.migrationreview.rule.general.RenameTableRule;
import dev.migrationreview.rule.general.TransactionNestingRule;
import dev.migrationreview.rule.general.UnparsedStatementRule;
import dev.migrationreview.rule.mysql.MysqlAddColumnNotNullRule;
import dev.migrationreview.rule.mysql.MysqlAddColumnRebuildRule;
import dev.migrationreview.rule.mysql.MysqlAddForeignKeyRule;
import dev.migrationreview.rule.mysql.MysqlAddIndexLockingRule;
import dev.migrationreview.rule.mysql.MysqlColumnTypeChangeRule;
import dev.migrationreview.rule.mysql.MysqlCopyAlgorithmRule;
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
import dev.migrationreview.rule.postgres.CreateTriggerOnExistingTable;
import dev.migrationreview.rule.postgres.DdlAndBackfillTogether;
import dev.migrationreview.rule.postgres.DetachPartitionNonConcurrently;
import dev.migrationreview.rule.postgres.DropIndexNonConcurrently;
import dev.migrationreview.rule.postgres.ManyStatementsUnderAccessExclusive;
import dev.migrationreview.rule.postgres.MissingLockTimeout;
import dev.migrationreview.rule.postgres.MissingStatementTimeout;
import dev.migrationreview.rule.postgres.ReindexNonConcurrently;
import dev.migrationreview.rule.postgres.SetNotNull;
import dev.migrationreview.rule.postgres.TruncateCascade;
import dev.migrationreview.rule.postgres.UnbatchedBackfill;
import dev.migrationreview.rule.postgres.ValidateInSameTransaction;
import java.util.List;

/** The list of built-in rules; each lives in its own file under rule.postgres, rule.mysql or rule.general. */
final class BuiltInRules {

    private BuiltInRules() {}

    /** Sorted by class name, so that rules added on different branches merge without conflicts. */
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
                new CreateTriggerOnExistingTable(),
                new DdlAndBackfillTogether(),
                new DetachPartitionNonConcurrently(),
                new DropColumnRule(),
                new DropIndexNonConcurrently(),
                new DropNotNullRule(),
                new DropSchemaOrDatabaseRule(),
                new DropTableRule(),
                new EnumValueRenameRule(),
                new IdentifierTooLongRule(),
                new JsonOverJsonbRule(),
                new ManyStatementsUnderAccessExclusive(),
                new MissingLockTimeout(),
                new MissingStatementTimeout(),
                new MysqlAddColumnNotNullRule(),
                new MysqlAddColumnRebuildRule(),
                new MysqlAddForeignKeyRule(),
                new MysqlAddIndexLockingRule(),
                new MysqlColumnTypeChangeRule(),
                new MysqlCopyAlgorithmRule(),
                new OpaqueCodeRule(),
                new PreferBigintIdsRule(),
                new PreferIdentityRule(),
                new PreferTextRule(),
                new PreferTimestamptzRule(),
                new ReindexNonConcurrently(),
                new RenameColumnRule(),
                new RenameTableRule(),
                new SetNotNull(),
                new TransactionNestingRule(),
                new TruncateCascade(),
                new UnbatchedBackfill(),
                new UnparsedStatementRule(),
                new ValidateInSameTransaction());
    }
}
