package dev.migrationreview.rule.mysql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import dev.migrationreview.rule.general.MigrationOperations;
import dev.migrationreview.rule.general.ScopedRule;
import dev.migrationreview.rule.general.SqlText;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Adding a foreign key to an existing MySQL table while foreign_key_checks is on: InnoDB supports
 * only ALGORITHM=COPY then. With the checks off it adds the key in place, but does not check the
 * rows already there, so the fix checks them first.
 */
public final class MysqlAddForeignKeyRule extends ScopedRule {

    static final RuleDoc DOC = new RuleDoc(
            "mysql-add-foreign-key",
            "Adding a foreign key with foreign_key_checks on copies the table",
            Severity.ERROR, Set.of(DatabaseKind.MYSQL, DatabaseKind.MARIADB), "MySQL 5.6+ and MariaDB 10.0+",
            "ALGORITHM=COPY with LOCK=SHARED on the table (reads continue, writes wait); metadata locks on both tables",
            "InnoDB can add a foreign key in place only while foreign_key_checks is off; with the checks on "
                    + "(the default) the only algorithm is COPY, which rebuilds the whole table row by row and "
                    + "blocks INSERT, UPDATE and DELETE until it is done. Asking for ALGORITHM=INPLACE with the "
                    + "checks on fails (\"Adding foreign keys needs foreign_key_checks=OFF\").",
            "Check that no existing row breaks the key, then add it with foreign_key_checks=0 and "
                    + "ALGORITHM=INPLACE, LOCK=NONE (a metadata-only change), and turn the checks back on. New "
                    + "writes are checked again from then on; the rows already there are not, hence the check "
                    + "first.",
            "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);",
            "SET foreign_key_checks = 0;\n"
                    + "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id), "
                    + "ALGORITHM=INPLACE, LOCK=NONE;\n"
                    + "SET foreign_key_checks = 1;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected void checkInScope(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.AddConstraint add)
                || add.constraint().kind() != ConstraintDef.Kind.FOREIGN_KEY || site.context().isNewTable(add.table())
                || checksOffBefore(site)) {
            return;
        }
        Dialect dialect = site.context().dialect();
        String orphanCheck = add.constraint().references()
                .map(target -> "-- first, this must return no row:\n-- " + orphanQuery(SqlText.table(add.table(), dialect),
                        add.constraint().columns(), target, dialect) + "\n")
                .orElse("");
        out.report(site.statement(), "Adding foreign key " + add.constraint().name().map(n -> n + " ").orElse("")
                        + "on " + add.table() + " with foreign_key_checks on can only use ALGORITHM=COPY: MySQL copies "
                        + add.table() + " row by row and blocks writes until it is done. Check the existing rows, "
                        + "then add the key in place with the checks off:",
                SqlText.editStatement(site,
                        sql -> orphanCheck + "SET foreign_key_checks = 0;\n" + AlterOptions.demandOnline(sql, ", ")
                                + ";\nSET foreign_key_checks = 1",
                        orphanCheck + "SET foreign_key_checks = 0;\n-- the same ALTER TABLE ... ADD FOREIGN KEY, "
                                + "with ALGORITHM=INPLACE, LOCK=NONE\nSET foreign_key_checks = 1;"));
    }

    /** A child row whose key has no parent row, written out for the key's columns. */
    private static String orphanQuery(String child, List<String> columns, ForeignKeyTarget target, Dialect dialect) {
        if (columns.isEmpty() || target.columns().size() != columns.size()) {
            return "SELECT 1 FROM " + child + " c LEFT JOIN " + SqlText.table(target.table(), dialect) + " p ON <key columns match> "
                    + "WHERE <child key IS NOT NULL> AND <parent key IS NULL> LIMIT 1;";
        }
        String join = IntStream.range(0, columns.size())
                .mapToObj(i -> "p." + SqlText.identifier(target.columns().get(i), dialect) + " = c."
                        + SqlText.identifier(columns.get(i), dialect))
                .collect(Collectors.joining(" AND "));
        String childKeySet = columns.stream().map(c -> "c." + SqlText.identifier(c, dialect) + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
        return "SELECT 1 FROM " + child + " c LEFT JOIN " + SqlText.table(target.table(), dialect) + " p ON " + join
                + " WHERE " + childKeySet + " AND p." + SqlText.identifier(target.columns().get(0), dialect)
                + " IS NULL LIMIT 1;";
    }

    /** True when foreign_key_checks was turned off earlier in this migration and not back on. */
    private static boolean checksOffBefore(OperationSite site) {
        boolean off = false;
        for (Operation operation : MigrationOperations.earlierInMigration(site)) {
            if (operation instanceof Operation.SetParameter set && isForeignKeyChecks(set.parameter())) {
                String value = set.value().strip().toLowerCase(Locale.ROOT).replace("'", "");
                off = value.equals("0") || value.equals("off") || value.equals("false");
            }
        }
        return off;
    }

    private static boolean isForeignKeyChecks(String parameter) {
        String name = parameter.strip().toLowerCase(Locale.ROOT).replace("@@", "");
        name = name.startsWith("session.") ? name.substring("session.".length()) : name;
        name = name.startsWith("local.") ? name.substring("local.".length()) : name;
        return name.equals("foreign_key_checks");
    }
}
