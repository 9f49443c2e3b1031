package dev.migrationreview.frontend.alembic;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.Frontend;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.dsl.DslOutput;
import dev.migrationreview.frontend.python.PyModule;
import dev.migrationreview.frontend.python.PyStmt;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.frontend.ParsedMigration.Rollback;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Alembic revision files: the {@code op.*} calls of {@code upgrade()} (forward) and
 * {@code downgrade()} (rollback), SQL given to {@code op.execute}, batch and autocommit blocks,
 * and the helper functions they call. An empty or raising downgrade means no rollback.
 */
public final class AlembicFrontend implements Frontend {

    private final SqlFrontend sql;

    public AlembicFrontend(SqlFrontend sql) {
        this.sql = sql;
    }

    private static Optional<PyStmt.FunctionDef> function(PyModule module, String name) {
        return module.body().stream().filter(s -> s instanceof PyStmt.FunctionDef f && f.name().equals(name))
                .map(s -> (PyStmt.FunctionDef) s).findFirst();
    }

    /** An empty (pass only) or raising downgrade means the revision has no rollback. */
    private static void rollback(DslOutput out, PyStmt.FunctionDef downgrade, AlembicReader.Reading reading) {
        int start = downgrade.span().line();
        int end = downgrade.span().endLine();
        if (reading.raises()) {
            out.rollback("downgrade()", start, end, Rollback.Kind.MISSING, "downgrade() raises: the revision cannot be "
                    + "downgraded");
        } else if (reading.statements() == 0) {
            out.rollback("downgrade()", start, end, Rollback.Kind.MISSING, "downgrade() does nothing: downgrading "
                    + "leaves the upgrade's changes in place");
        } else {
            out.rollback("downgrade()", start, end, Rollback.Kind.EXPLICIT, "written in downgrade()");
        }
    }

    @Override
    public Set<Framework> frameworks() {
        return EnumSet.of(Framework.ALEMBIC);
    }

    @Override
    public ParsedMigration parse(MigrationFile file, FileTree repository) {
        var out = new DslOutput(file, sql);
        var module = PyModule.parse(out.text());
        module.comments().forEach(c -> out.comment(c.text(), c.line()));
        if (AlembicRevision.read(module).isEmpty()) {
            out.problem(1, "no Alembic revision identifier (revision = \"...\") in this file");
        }
        var reader = new AlembicReader(module, out);
        Optional<PyStmt.FunctionDef> upgrade = function(module, "upgrade");
        Optional<PyStmt.FunctionDef> downgrade = function(module, "downgrade");
        boolean autocommit = upgrade.map(f -> reader.read(f, Section.UP, file.transactional()).autocommit())
                .orElse(false);
        if (upgrade.isEmpty()) {
            out.problem(1, "no upgrade() function: nothing in this file is reviewed");
        }
        downgrade.ifPresentOrElse(f -> rollback(out, f, reader.read(f, Section.DOWN, false)),
                () -> out.rollback("downgrade()", 1, 1, Rollback.Kind.MISSING,
                        "there is no downgrade(): the revision cannot be downgraded"));
        module.body().stream().filter(s -> s instanceof PyStmt.Unknown).map(s -> (PyStmt.Unknown) s).forEach(u ->
                out.problem(u.span().line(), "could not read this part of the file (" + u.message()
                        + "); operations in it are not reviewed"));
        return out.build(file.transactional() && !autocommit);
    }
}
