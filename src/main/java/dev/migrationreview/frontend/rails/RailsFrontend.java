package dev.migrationreview.frontend.rails;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.Frontend;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.dsl.DslOutput;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.frontend.ParsedMigration.Rollback;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Rails migrations ({@code db/migrate/*.rb}): the class deriving from
 * {@code ActiveRecord::Migration[x.y]} (its version sets ActiveRecord's defaults), its
 * {@code change} or {@code up}/{@code down} methods, and {@code disable_ddl_transaction!}, which
 * runs the migration outside a transaction.
 */
public final class RailsFrontend implements Frontend {

    private final SqlFrontend sql;

    public RailsFrontend(SqlFrontend sql) {
        this.sql = sql;
    }

    @Override
    public Set<Framework> frameworks() {
        return EnumSet.of(Framework.RAILS);
    }

    @Override
    public ParsedMigration parse(MigrationFile file, FileTree repository) {
        var out = new DslOutput(file, sql);
        var program = RbParser.parse(out.text());
        program.comments().forEach(c -> out.comment(c.text(), c.line()));
        var migrationClass = program.body().stream()
                .filter(n -> n instanceof RbNode.ClassDef c && c.superclass().filter(RailsFrontend::isMigration).isPresent())
                .map(n -> (RbNode.ClassDef) n).findFirst();
        program.body().stream().filter(n -> n instanceof RbNode.Unknown).map(n -> (RbNode.Unknown) n).forEach(u ->
                out.problem(u.span().line(), "could not read this part of the file (" + u.message()
                        + "); operations in it are not reviewed"));
        if (migrationClass.isEmpty()) {
            out.problem(1, "no class deriving from ActiveRecord::Migration: nothing in this file is reviewed");
            return out.build(file.transactional());
        }
        var version = migrationClass.get().superclass().flatMap(RailsFrontend::version).orElse(RailsVersion.UNVERSIONED);
        var scope = RbScope.root();
        var methods = new HashMap<String, RbNode.Def>();
        boolean transactional = file.transactional();
        for (RbNode node : migrationClass.get().body()) {
            switch (node) {
                case RbNode.Call c when c.name().equals("disable_ddl_transaction!") && c.receiver().isEmpty() ->
                        transactional = false;
                case RbNode.Assign a when a.target() instanceof RbNode.Const c -> scope.bind(c.path(), a.value());
                case RbNode.Def d -> methods.put(d.name(), d);
                case RbNode.Unknown u -> out.problem(u.span().line(), "could not read this part of the migration ("
                        + u.message() + "); operations in it are not reviewed");
                default -> { }
            }
        }
        var reader = new RailsReader(out.text(), program.comments(), out, scope, methods, version, transactional);
        var change = Optional.ofNullable(methods.get("change"));
        if (change.isPresent()) {
            var def = change.get();
            reader.readChange(def).ifPresentOrElse(
                    why -> out.rollback("change", def.span().line(), def.span().endLine(), Rollback.Kind.MISSING,
                            "Rails cannot reverse this change method (" + why + "): rolling back raises "
                                    + "ActiveRecord::IrreversibleMigration"),
                    () -> out.rollback("change", def.span().line(), def.span().endLine(), Rollback.Kind.AUTOMATIC,
                            "Rails reverses each call of change, last first"));
        } else {
            var up = Optional.ofNullable(methods.get("up"));
            up.ifPresentOrElse(u -> reader.readDirection(u, Section.UP), () -> out.problem(
                    migrationClass.get().span().line(), "the migration has neither change nor up: nothing runs"));
            Optional.ofNullable(methods.get("down")).ifPresentOrElse(down -> rollback(out, down,
                    reader.readDirection(down, Section.DOWN)), () -> out.rollback("down", migrationClass.get().span().line(),
                    migrationClass.get().span().line(), Rollback.Kind.MISSING, "there is no down method: rolling back "
                            + "does nothing"));
        }
        return out.build(transactional);
    }

    private static void rollback(DslOutput out, RbNode.Def down, RailsReader.Reading reading) {
        int start = down.span().line();
        int end = down.span().endLine();
        if (reading.raises()) {
            out.rollback("down", start, end, Rollback.Kind.MISSING, "down raises: the migration cannot be rolled back");
        } else if (reading.statements() == 0) {
            out.rollback("down", start, end, Rollback.Kind.MISSING, "down does nothing: rolling back leaves up's "
                    + "changes in place");
        } else {
            out.rollback("down", start, end, Rollback.Kind.EXPLICIT, "written in down");
        }
    }

    /** {@code ActiveRecord::Migration[7.1]} or the unversioned {@code ActiveRecord::Migration}. */
    private static boolean isMigration(RbNode superclass) {
        RbNode base = superclass instanceof RbNode.Index index ? index.receiver() : superclass;
        return base instanceof RbNode.Const c && (c.path().endsWith("Migration") || c.path().endsWith("Migration::Current"));
    }

    private static Optional<RailsVersion> version(RbNode superclass) {
        if (superclass instanceof RbNode.Index index && !index.args().isEmpty()
                && index.args().get(0) instanceof RbNode.Num number) {
            return RailsVersion.parse(number.text());
        }
        return Optional.empty();
    }
}
