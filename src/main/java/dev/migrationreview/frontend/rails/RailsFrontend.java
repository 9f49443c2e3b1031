package dev.migrationreview.frontend.rails;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.Frontend;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.dsl.DslOutput;
import dev.migrationreview.frontend.sql.SqlFrontend;
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
            reader.readChange(change.get());
        } else {
            Optional.ofNullable(methods.get("up")).ifPresent(up -> reader.readDirection(up, Section.UP));
            Optional.ofNullable(methods.get("down")).ifPresent(down -> reader.readDirection(down, Section.DOWN));
            if (!methods.containsKey("up")) {
                out.problem(migrationClass.get().span().line(), "the migration has neither change nor up: nothing runs");
            }
        }
        return out.build(transactional);
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
