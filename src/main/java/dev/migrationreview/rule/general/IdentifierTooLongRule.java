package dev.migrationreview.rule.general;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Names longer than the database keeps: PostgreSQL truncates them to 63 bytes, MySQL rejects more than 64 characters. */
public final class IdentifierTooLongRule extends ScopedRule {

    static final RuleDoc DOC = new RuleDoc(
            "identifier-too-long",
            "A name is longer than the database allows (PostgreSQL 63 bytes, MySQL 64 characters)",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL, DatabaseKind.MYSQL, DatabaseKind.MARIADB),
            "every version (PostgreSQL's limit is NAMEDATALEN - 1 in a default build)",
            "none",
            "PostgreSQL silently truncates a longer name to 63 bytes: the object exists under a name nobody wrote, "
                    + "schema dumps and ORMs that compare names (Rails, Django, Alembic autogenerate) see a "
                    + "difference that never goes away, and two long names that share their first 63 bytes "
                    + "collide (\"relation already exists\"). MySQL and MariaDB reject names over 64 characters, "
                    + "so the migration fails in production if it was only tested elsewhere.",
            "Choose a shorter name; abbreviate the table part of generated index and constraint names.",
            "CREATE INDEX index_subscription_invoices_on_billing_account_id_and_created_at_desc ON subscription_invoices (billing_account_id, created_at DESC);",
            "CREATE INDEX subscription_invoices_account_created_idx ON subscription_invoices (billing_account_id, created_at DESC);");

    private static final int POSTGRES_MAX_BYTES = 63;
    private static final int MYSQL_MAX_CHARACTERS = 64;

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected void checkInScope(OperationSite site, FindingSink out) {
        Dialect dialect = site.context().dialect();
        for (Name name : names(site.operation())) {
            tooLong(name, dialect).ifPresent(problem -> out.report(site.statement(), problem));
        }
    }

    private record Name(String kind, String value) {}

    private static List<Name> names(Operation operation) {
        var names = new ArrayList<Name>();
        switch (operation) {
            case Operation.CreateTable create -> {
                names.add(new Name("Table", create.table().name()));
                for (ColumnDef column : create.columns()) {
                    names.add(new Name("Column", column.name()));
                }
                for (ConstraintDef constraint : create.constraints()) {
                    constraint.name().ifPresent(n -> names.add(new Name("Constraint", n)));
                }
            }
            case Operation.AddColumn add -> names.add(new Name("Column", add.column().name()));
            case Operation.RenameColumn rename -> names.add(new Name("Column", rename.newName()));
            case Operation.RenameTable rename -> names.add(new Name("Table", rename.newName()));
            case Operation.CreateIndex index -> index.name().ifPresent(n -> names.add(new Name("Index", n)));
            case Operation.RenameIndex rename -> names.add(new Name("Index", rename.newName()));
            case Operation.AddConstraint add -> add.constraint().name().ifPresent(n -> names.add(new Name("Constraint", n)));
            case Operation.CreateEnum create -> names.add(new Name("Type", TableRef.parse(create.type()).name()));
            case Operation.CreateTrigger trigger -> names.add(new Name("Trigger", trigger.name()));
            case Operation.OtherDdl ddl when ddl.kind().toUpperCase(Locale.ROOT).startsWith("CREATE") ->
                    ddl.target().ifPresent(t -> names.add(new Name("Object", t.name())));
            default -> { }
        }
        return names;
    }

    private static Optional<String> tooLong(Name name, Dialect dialect) {
        if (dialect.isMysqlFamily()) {
            int characters = name.value().codePointCount(0, name.value().length());
            return characters <= MYSQL_MAX_CHARACTERS ? Optional.empty() : Optional.of(name.kind() + " name "
                    + name.value() + " is " + characters + " characters: " + dialect.label() + " rejects names longer "
                    + "than " + MYSQL_MAX_CHARACTERS + " (error 1059, identifier name too long), so this migration "
                    + "fails. Choose a shorter name.");
        }
        byte[] bytes = name.value().getBytes(StandardCharsets.UTF_8);
        return bytes.length <= POSTGRES_MAX_BYTES ? Optional.empty() : Optional.of(name.kind() + " name "
                + name.value() + " is " + bytes.length + " bytes: PostgreSQL truncates names to " + POSTGRES_MAX_BYTES
                + " bytes, so it is created as " + truncated(name.value()) + ". Tools and ORMs that compare names "
                + "see a difference, and another name with the same first " + POSTGRES_MAX_BYTES + " bytes collides. "
                + "Choose a name of at most " + POSTGRES_MAX_BYTES + " bytes.");
    }

    /** The name PostgreSQL keeps: the longest prefix of whole characters within 63 bytes. */
    static String truncated(String name) {
        var kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > POSTGRES_MAX_BYTES) {
                break;
            }
            kept.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return kept.toString();
    }
}
