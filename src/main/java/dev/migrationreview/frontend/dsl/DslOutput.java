package dev.migrationreview.frontend.dsl;

import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.Statement.ParsedBy;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.operation.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * What a framework frontend (Rails, Alembic, Django) reads from one file, collected in run order:
 * statements for DSL calls, statements of the SQL they embed, suppressions and problems.
 */
public final class DslOutput {

    private final MigrationFile file;
    private final SqlFrontend sql;
    private final String text;
    private final List<Statement> statements = new ArrayList<>();
    private final List<Suppression> suppressions = new ArrayList<>();
    private final List<FrontendProblem> problems = new ArrayList<>();
    private final List<ParsedMigration.Rollback> rollbacks = new ArrayList<>();
    private final List<ParsedMigration.Note> notes = new ArrayList<>();

    /** Starts reading {@code file}: its text is decoded, and a decoding problem is recorded. */
    public DslOutput(MigrationFile file, SqlFrontend sql) {
        this.file = file;
        this.sql = sql;
        var source = SourceText.of(file);
        source.problem().ifPresent(problems::add);
        this.text = source.text();
    }

    public MigrationFile file() {
        return file;
    }

    /** The file's text as decoded. */
    public String text() {
        return text;
    }

    /** A comment of the file: a {@code migration-review:ignore} directive in it becomes a suppression. */
    public void comment(String commentText, int line) {
        Suppression.fromComment(commentText, line).ifPresent(suppressions::add);
    }

    /** A DSL call the frontend understood, with the operations it performs. */
    public Statement add(String text, int startLine, int endLine, List<Operation> operations, Section section) {
        var statement = new Statement(text, startLine, endLine, operations, ParsedBy.FRAMEWORK, section);
        statements.add(statement);
        return statement;
    }

    /**
     * A DSL call the frontend could not understand: reported with its lines, never dropped. The
     * reason names the framework, so a report mixing SQL and DSL says which reader gave up.
     */
    public Statement unparsed(String text, int startLine, int endLine, String reason, Section section) {
        var statement = new Statement(text, startLine, endLine,
                List.of(new Operation.Unparsed(reasonPrefix(file) + reason)), ParsedBy.NONE, section);
        statements.add(statement);
        return statement;
    }

    /** "Alembic: ", "Rails migration: ": how unparsed reasons of a framework frontend begin. */
    public static String reasonPrefix(MigrationFile file) {
        return file.framework().displayName() + ": ";
    }

    /**
     * SQL embedded in a DSL string. When every line of the string is the same line of the file
     * ({@code firstLine} being the line its text starts on), each statement keeps its own lines;
     * otherwise (escapes, joined literals) each statement gets the lines of the whole string.
     */
    public List<Statement> sql(String text, int firstLine, boolean lineExact, int stringStartLine, int stringEndLine,
                               Section section) {
        var parsed = new ArrayList<Statement>();
        for (Statement s : sql.parseSql(text, file.dialect(), lineExact ? firstLine : stringStartLine, section)) {
            parsed.add(lineExact ? s : new Statement(s.text(), stringStartLine, stringEndLine, s.operations(),
                    s.parsedBy(), s.section()));
        }
        statements.addAll(parsed);
        if (lineExact) {
            sqlSuppressions(text, firstLine);
        }
        return parsed;
    }

    /** {@code -- migration-review:ignore} lines inside embedded SQL suppress like anywhere else. */
    private void sqlSuppressions(String text, int firstLine) {
        var lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("--")) {
                Suppression.fromComment(line.substring(2), firstLine + i).ifPresent(suppressions::add);
            }
        }
    }

    public void suppression(Suppression suppression) {
        suppressions.add(suppression);
    }

    public void problem(int line, String message) {
        problems.add(new FrontendProblem(line, message));
    }

    /** How the migration is rolled back: written, derived by the framework, or not at all and why. */
    public void rollback(String unit, int startLine, int endLine, ParsedMigration.Rollback.Kind kind, String detail) {
        rollbacks.add(new ParsedMigration.Rollback(unit, startLine, endLine, kind, detail));
    }

    /** A remark for the report that is not a finding, such as code left unreviewed on purpose. */
    public void note(int line, String message) {
        notes.add(new ParsedMigration.Note(line, message));
    }

    public List<Statement> statements() {
        return List.copyOf(statements);
    }

    /** A position in the statement list, to insert at or cut back to later. */
    public int mark() {
        return statements.size();
    }

    /** Inserts a statement at an earlier mark (a transaction opened before statements read since). */
    public void insert(int mark, Statement statement) {
        statements.add(mark, statement);
    }

    /** Drops every statement read since {@code mark} (a rollback that turned out to raise). */
    public void truncate(int mark) {
        statements.subList(mark, statements.size()).clear();
    }

    public ParsedMigration build(boolean transactional) {
        return new ParsedMigration(file, statements, suppressions, transactional, problems, rollbacks, notes);
    }
}
