package dev.migrationreview.frontend.sql;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.Frontend;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads SQL migration files: splits them into statements with exact line ranges (reading goose,
 * dbmate and Liquibase directives and suppression comments) and translates each statement into
 * operations. Never throws for bad input: binary content, invalid UTF-8 and unparseable
 * statements are reported and the rest of the file is still reviewed.
 *
 * <p>Transactions: {@link ParsedMigration#transactional()} is the file's own setting
 * ({@link MigrationFile#transactional()}) unless a marker in the file opts out (goose
 * {@code NO TRANSACTION}, dbmate {@code transaction:false}, or any Liquibase changeset with
 * {@code runInTransaction:false}, which makes the whole file count as non-transactional), and
 * except where the tool itself decides on PostgreSQL: Flyway runs a script made only of statements
 * that refuse a transaction block without one, and Prisma and golang-migrate send the whole file
 * as one multi-statement query, which PostgreSQL runs as one implicit transaction only when it
 * holds more than one statement and no BEGIN/COMMIT of its own (Prisma writes those around enum
 * changes; they then mark the transaction explicitly).
 */
public final class SqlFrontend implements Frontend {

    private final StatementParser statements = new StatementParser();

    @Override
    public Set<Framework> frameworks() {
        return EnumSet.of(Framework.FLYWAY, Framework.GOLANG_MIGRATE, Framework.DBMATE, Framework.GOOSE,
                Framework.DIESEL, Framework.PRISMA, Framework.SQITCH, Framework.LIQUIBASE_SQL, Framework.PLAIN_SQL);
    }

    @Override
    public ParsedMigration parse(MigrationFile file, FileTree repository) {
        SourceText source = SourceText.decode(file.source().content());
        var problems = new ArrayList<FrontendProblem>();
        source.problem().ifPresent(problems::add);
        if (source.binary()) {
            return new ParsedMigration(file, List.of(), List.of(), file.transactional(), problems);
        }
        SqlScript script = SqlSplitter.split(source.text(), file.dialect().kind(), 1, Statement.Section.UP,
                file.direction() == Direction.DOWN, file.framework() == Framework.LIQUIBASE_SQL);
        problems.addAll(script.problems());
        List<Statement> parsed = statements.parse(script, file.dialect().kind());
        boolean transactional = file.transactional() && script.transactional().orElse(true);
        if (file.dialect().isPostgres()) {
            transactional = runnerTransaction(file.framework(), transactional, forward(parsed));
        }
        return new ParsedMigration(file, parsed, script.suppressions(), transactional, problems);
    }

    private static boolean runnerTransaction(Framework framework, boolean declared, List<Statement> forward) {
        return switch (framework) {
            case FLYWAY -> declared && !forward.stream().allMatch(SqlFrontend::refusesTransactionBlock);
            case PRISMA, GOLANG_MIGRATE -> forward.size() > 1 && forward.stream().noneMatch(SqlFrontend::controlsTransaction);
            default -> declared;
        };
    }

    private static boolean refusesTransactionBlock(Statement statement) {
        return statement.operations().stream().anyMatch(op -> op.refusesTransactionBlock());
    }

    private static boolean controlsTransaction(Statement statement) {
        return statement.operations().stream().anyMatch(op -> op instanceof Operation.Transaction);
    }

    private static List<Statement> forward(List<Statement> statements) {
        return statements.stream().filter(s -> s.section() == Statement.Section.UP).toList();
    }

    /**
     * Parses SQL embedded elsewhere (a Liquibase sql change, a Rails execute, an Alembic op.execute)
     * whose first line is {@code firstLine} of the enclosing file.
     */
    public List<Statement> parseSql(String sql, Dialect dialect, int firstLine, Statement.Section section) {
        SqlScript script = SqlSplitter.split(sql, dialect.kind(), firstLine, section, section == Statement.Section.DOWN,
                false);
        return statements.parse(script, dialect.kind());
    }
}
