package dev.migrationreview.frontend.sql;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.Frontend;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads SQL migration files: splits them into statements with exact line ranges and translates
 * each into operations. PLACEHOLDER: replaced by the real splitter and parser on branch `sql`.
 */
public final class SqlFrontend implements Frontend {

    @Override
    public Set<Framework> frameworks() {
        return EnumSet.of(Framework.FLYWAY, Framework.GOLANG_MIGRATE, Framework.DBMATE, Framework.GOOSE,
                Framework.DIESEL, Framework.PRISMA, Framework.SQITCH, Framework.LIQUIBASE_SQL, Framework.PLAIN_SQL);
    }

    @Override
    public ParsedMigration parse(MigrationFile file, FileTree repository) {
        String text = new String(file.source().content(), StandardCharsets.UTF_8);
        return new ParsedMigration(file, parseSql(text, file.dialect(), 1, Statement.Section.UP), List.of(),
                file.transactional(), List.of());
    }

    /**
     * Parses SQL embedded elsewhere (a Liquibase sql change, a Rails execute, an Alembic op.execute)
     * whose first line is {@code firstLine} of the enclosing file.
     */
    public List<Statement> parseSql(String sql, Dialect dialect, int firstLine, Statement.Section section) {
        int lines = (int) sql.chars().filter(c -> c == '\n').count();
        return List.of(new Statement(sql, firstLine, firstLine + lines,
                List.of(new Operation.Unparsed("not parsed yet")), Statement.ParsedBy.NONE, section));
    }
}
