package dev.migrationreview.rule.mysql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import dev.migrationreview.rule.general.MigrationOperations;
import dev.migrationreview.rule.general.ScopedRule;
import dev.migrationreview.rule.general.SqlText;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ALTER TABLE clauses that InnoDB cannot run online, so MySQL copies (or rebuilds) the table while
 * blocking writes: an explicit ALGORITHM=COPY, dropping the primary key without adding another,
 * adding a STORED generated column, adding an AUTO_INCREMENT column, converting the character set. Column type changes and
 * foreign keys have rules of their own.
 */
public final class MysqlCopyAlgorithmRule extends ScopedRule {

    static final RuleDoc DOC = new RuleDoc(
            "mysql-copy-algorithm",
            "ALTER TABLE that MySQL runs by copying the table, blocking writes",
            Severity.ERROR, Set.of(DatabaseKind.MYSQL, DatabaseKind.MARIADB),
            "MySQL 5.6+ and MariaDB 10.0+ (online DDL); STORED generated columns from MySQL 5.7",
            "ALGORITHM=COPY with LOCK=SHARED (AUTO_INCREMENT columns: an in-place rebuild with LOCK=SHARED): "
                    + "reads continue, writes wait for the whole operation",
            "With ALGORITHM=COPY MySQL builds a new copy of the table row by row and blocks INSERT, UPDATE and "
                    + "DELETE until it is done: minutes to hours on a large table, and replicas then lag by as "
                    + "long. InnoDB does this when asked explicitly, when the primary key is dropped without a "
                    + "new one in the same statement, for STORED generated columns and for CONVERT TO CHARACTER SET; "
                    + "adding an AUTO_INCREMENT "
                    + "column rebuilds the table without allowing writes.",
            "Let MySQL pick the online algorithm (or write ALGORITHM=INPLACE, LOCK=NONE so it refuses rather "
                    + "than block); drop and add a primary key in one statement; prefer VIRTUAL generated "
                    + "columns (added instantly, indexable); run what cannot be done online with gh-ost or "
                    + "pt-online-schema-change.",
            "ALTER TABLE orders ADD COLUMN note VARCHAR(255), ALGORITHM=COPY;",
            "ALTER TABLE orders ADD COLUMN note VARCHAR(255), ALGORITHM=INPLACE, LOCK=NONE;");

    private static final Pattern STORED = Pattern.compile("(?i)\\bSTORED\\b");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected void checkInScope(OperationSite site, FindingSink out) {
        var options = AlterOptions.of(site);
        switch (site.operation()) {
            case Operation.MysqlAlterOptions alter when options.algorithmIs("COPY") && !site.context().isNewTable(alter.table()) ->
                    out.report(site.statement(), "ALGORITHM=COPY makes MySQL copy " + alter.table() + " row by row and "
                            + "block writes until it is done. Most changes run in place with concurrent writes; "
                            + "demand that, so MySQL refuses instead of blocking if it cannot:",
                            SqlText.editStatement(site, sql -> AlterOptions.demandOnline(sql, ", "),
                                    "ALTER TABLE " + SqlText.table(alter.table(), site.context().dialect())
                                            + " ..., ALGORITHM=INPLACE, LOCK=NONE;"));
            case Operation.DropConstraint drop when isPrimaryKey(drop) && !copyOrOnlineDemanded(options)
                    && !site.context().isNewTable(drop.table()) && !addsPrimaryKey(site) ->
                    out.report(site.statement(), "Dropping the primary key of " + drop.table() + " without adding "
                            + "another in the same statement can only run with ALGORITHM=COPY: MySQL copies the "
                            + "table and blocks writes until it is done. Drop and add in one statement, which runs "
                            + "in place with concurrent writes:",
                            new Fix("ALTER TABLE " + SqlText.table(drop.table(), site.context().dialect())
                                    + " DROP PRIMARY KEY, ADD PRIMARY KEY (<new key columns>), ALGORITHM=INPLACE, LOCK=NONE;",
                                    false));
            case Operation.AddColumn add when !copyOrOnlineDemanded(options) && !site.context().isNewTable(add.table()) ->
                    checkAddedColumn(site, add, out);
            case Operation.OtherDdl convert when convert.kind().equals("ALTER TABLE CONVERT")
                    && site.context().dialect().kind() == DatabaseKind.MYSQL && !copyOrOnlineDemanded(options)
                    && convert.target().filter(t -> !site.context().isNewTable(t)).isPresent() -> {
                var table = convert.target().orElseThrow();
                out.report(site.statement(), "Converting " + table + " to another character set rewrites every "
                                + "text column, which MySQL can only do with ALGORITHM=COPY: it copies the table and "
                                + "blocks writes until it is done. On a large table run it with "
                                + "pt-online-schema-change (or gh-ost):",
                        new Fix(OnlineSchemaChange.command(site, table, "CONVERT TO CHARACTER SET utf8mb4"), false));
            }
            default -> { }
        }
    }

    private void checkAddedColumn(OperationSite site, Operation.AddColumn add, FindingSink out) {
        var generated = add.column().generated();
        var dialect = site.context().dialect();
        String column = add.table() + "." + add.column().name();
        // Verified for MySQL's InnoDB; MariaDB's rules for PERSISTENT columns differ by version.
        if (generated.filter(g -> g == ColumnDef.Generated.STORED).isPresent() && dialect.kind() == DatabaseKind.MYSQL) {
            out.report(site.statement(), "Adding STORED generated column " + column + " copies " + add.table()
                            + " (ALGORITHM=COPY) and blocks writes until it is done. A VIRTUAL generated column is "
                            + "added instantly and can be indexed:",
                    SqlText.editStatement(site, sql -> STORED.matcher(sql).replaceAll("VIRTUAL"),
                            "-- declare the generated column VIRTUAL instead of STORED"));
        } else if (generated.filter(g -> g == ColumnDef.Generated.AUTO_INCREMENT).isPresent()) {
            out.report(site.statement(), "Adding AUTO_INCREMENT column " + column + " rebuilds " + add.table()
                            + " without allowing writes (LOCK=SHARED at best) until it is done. On a large table "
                            + "run it with pt-online-schema-change (or gh-ost) instead of a migration:",
                    new Fix(OnlineSchemaChange.command(site, add.table(),
                            "ADD COLUMN " + SqlText.column(add.column(), dialect)), false));
        }
    }

    /** An explicit ALGORITHM=COPY is reported once on the statement; a demanded online change fails instead of blocking. */
    private static boolean copyOrOnlineDemanded(AlterOptions options) {
        return options.algorithmIs("COPY") || options.demandsOnline();
    }

    private static boolean isPrimaryKey(Operation.DropConstraint drop) {
        String name = drop.constraint().strip().toUpperCase(Locale.ROOT);
        return name.equals("PRIMARY") || name.equals("PRIMARY KEY");
    }

    private static boolean addsPrimaryKey(OperationSite site) {
        return MigrationOperations.inStatement(site, Operation.AddConstraint.class).stream()
                .anyMatch(a -> a.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY);
    }
}
