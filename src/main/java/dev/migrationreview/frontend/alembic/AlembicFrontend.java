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
import java.util.EnumSet;
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
        boolean upgradeFound = false;
        boolean autocommit = false;
        for (PyStmt statement : module.body()) {
            switch (statement) {
                case PyStmt.FunctionDef f when f.name().equals("upgrade") -> {
                    upgradeFound = true;
                    autocommit = reader.read(f, Section.UP, file.transactional());
                }
                case PyStmt.FunctionDef f when f.name().equals("downgrade") -> reader.read(f, Section.DOWN, false);
                case PyStmt.Unknown u -> out.problem(u.span().line(),
                        "could not read this part of the file (" + u.message() + "); operations in it are not reviewed");
                default -> { }
            }
        }
        if (!upgradeFound) {
            out.problem(1, "no upgrade() function: nothing in this file is reviewed");
        }
        return out.build(file.transactional() && !autocommit);
    }
}
