package dev.migrationreview.rule;

/**
 * One check, in one file with its documentation. Rules see only operations and the context of
 * the whole change; they never look at frameworks or at GitHub.
 */
public interface Rule {

    RuleDoc doc();

    default String id() {
        return doc().id();
    }

    /** Called for every forward operation of the change, in the order the migrations run. */
    default void check(OperationSite site, FindingSink out) {}

    /** Called once per migration, after all of its operations have been seen. */
    default void checkMigration(MigrationSite migration, FindingSink out) {}
}
