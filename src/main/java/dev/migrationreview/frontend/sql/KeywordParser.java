package dev.migrationreview.frontend.sql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.frontend.sql.Token.Kind;
import dev.migrationreview.frontend.sql.TokenCursor.Mismatch;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The keyword-level parser: matches a statement's tokens against keyword sequences. It serves twice.
 * In {@link Mode#STRICT} it is the fast path: it answers only when the statement has exactly a shape
 * it knows (every clause of an ALTER TABLE, every column of a CREATE TABLE), so JSqlParser is not
 * needed for it. In {@link Mode#LENIENT} it is the fallback for what JSqlParser rejects
 * ({@code DROP INDEX CONCURRENTLY IF EXISTS}, {@code ADD PRIMARY KEY USING INDEX}, {@code SET x TO y},
 * {@code REINDEX}, ...): it reads the leading keywords that decide the operation and tolerates
 * clauses it does not know.
 */
final class KeywordParser {

    enum Mode { STRICT, LENIENT }

    private final TokenCursor c;
    private final DatabaseKind kind;
    private final Mode mode;

    private KeywordParser(TokenCursor cursor, DatabaseKind kind, Mode mode) {
        this.c = cursor;
        this.kind = kind;
        this.mode = mode;
    }

    /** The statement's operations, or empty when its shape is not one this parser knows (in this mode). */
    static Optional<List<Operation>> parse(TokenCursor cursor, DatabaseKind kind, Mode mode) {
        var parser = new KeywordParser(cursor, kind, mode);
        try {
            List<Operation> operations = parser.statement();
            if (mode == Mode.STRICT && !cursor.atEnd()) {
                return Optional.empty();
            }
            return Optional.of(operations);
        } catch (Mismatch | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /**
     * A column definition ({@code email varchar(255) NOT NULL DEFAULT ''}) read leniently: JSqlParser
     * keeps column constraints as plain words, so both parsers read them here, in one place.
     */
    static Optional<ColumnDef> columnDefinition(String text, DatabaseKind kind) {
        var parser = new KeywordParser(TokenCursor.ofText(text, kind), kind, Mode.LENIENT);
        try {
            return Optional.of(parser.columnDef());
        } catch (Mismatch | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private boolean strict() {
        return mode == Mode.STRICT;
    }

    /** A clause this parser does not model: the fast path gives the statement to JSqlParser instead. */
    private void notModelled(String what) {
        if (strict()) {
            throw new Mismatch("not modelled: " + what);
        }
    }

    /** Operations whose meaning is settled by their leading keywords: the rest need not be read. */
    private List<Operation> settled(Operation operation) {
        c.restText();
        return List.of(operation);
    }

    private List<Operation> statement() {
        Token first = c.peek();
        if (first == null || first.kind() != Kind.WORD) {
            throw new Mismatch("statement does not start with a keyword");
        }
        return switch (first.upper()) {
            case "ALTER" -> alter();
            case "CREATE" -> create();
            case "DROP" -> drop();
            case "SET" -> set();
            case "RESET" -> {
                c.next();
                yield settled(new Operation.SetParameter(c.restText().toLowerCase(Locale.ROOT), "DEFAULT"));
            }
            case "BEGIN", "START" -> begin();
            case "COMMIT", "END" -> transaction(Operation.Transaction.Control.COMMIT);
            case "ROLLBACK", "ABORT" -> rollback();
            case "SAVEPOINT" -> transaction(Operation.Transaction.Control.SAVEPOINT);
            case "RELEASE" -> transaction(Operation.Transaction.Control.RELEASE);
            case "INSERT", "REPLACE", "UPSERT" -> insert();
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            case "MERGE" -> merge();
            case "WITH" -> with();
            case "DO", "CALL" -> {
                c.next();
                yield settled(new Operation.OpaqueCode(first.upper().equals("DO")
                        ? "a DO block runs procedural code" : "CALL runs a stored procedure"));
            }
            case "SELECT", "VALUES", "SHOW", "EXPLAIN", "TABLE", "EXEC", "EXECUTE", "PREPARE",
                 "DEALLOCATE", "DESCRIBE", "DESC", "PERFORM", "NOTIFY", "LISTEN", "DISCARD", "CHECKPOINT",
                 "DECLARE", "FETCH", "CLOSE", "MOVE", "LOAD", "COPY" -> {
                c.next();
                yield settled(new Operation.Query(first.upper()));
            }
            case "USE" -> {
                c.next();
                yield List.of(new Operation.SetParameter("database", c.name()));
            }
            case "COMMENT" -> comment();
            case "GRANT", "REVOKE" -> grant();
            case "TRUNCATE" -> truncate();
            case "LOCK" -> lock();
            case "UNLOCK" -> {
                c.next();
                yield settled(new Operation.Query("UNLOCK TABLES"));
            }
            case "RENAME" -> renameTables();
            case "REINDEX" -> reindex();
            case "VACUUM", "ANALYZE", "ANALYSE", "CLUSTER", "OPTIMIZE" -> maintenance();
            case "REFRESH" -> refresh();
            case "SECURITY", "REASSIGN", "IMPORT" -> {
                c.next();
                yield settled(new Operation.OtherDdl(first.upper(), Optional.empty()));
            }
            default -> throw new Mismatch("unknown statement " + first.text());
        };
    }

    // ---- transactions and session -------------------------------------------------------------

    private List<Operation> begin() {
        if (c.accept("START")) {
            c.expect("TRANSACTION");
        } else {
            c.expect("BEGIN");
            c.acceptOneOf("WORK", "TRANSACTION");
        }
        if (!c.atEnd() && !c.peekIs("ISOLATION") && !c.peekIs("READ") && !c.peekIs("DEFERRABLE")
                && !c.peekIs("NOT") && !c.peekIs("WITH")) {
            throw new Mismatch("BEGIN of a block, not a transaction");
        }
        return settled(new Operation.Transaction(Operation.Transaction.Control.BEGIN));
    }

    private List<Operation> transaction(Operation.Transaction.Control control) {
        c.next();
        return settled(new Operation.Transaction(control));
    }

    /** {@code ROLLBACK TO SAVEPOINT} keeps the transaction open: it is savepoint handling, not a rollback. */
    private List<Operation> rollback() {
        c.next();
        c.acceptOneOf("WORK", "TRANSACTION");
        boolean toSavepoint = c.peekIs("TO");
        return settled(new Operation.Transaction(toSavepoint
                ? Operation.Transaction.Control.SAVEPOINT : Operation.Transaction.Control.ROLLBACK));
    }

    private List<Operation> set() {
        c.expect("SET");
        boolean local = c.accept("LOCAL");
        if (!local) {
            c.acceptOneOf("SESSION", "GLOBAL", "PERSIST", "PERSIST_ONLY");
        }
        if (c.peekIs("TRANSACTION") || c.peekIs("CONSTRAINTS") || c.peekIs("ROLE") || c.peekIs("NAMES")
                || c.peekIs("TIME") || c.peekIs("SESSION") || c.peekIs("AUTHORIZATION") || c.peekIs("CHARACTERISTICS")) {
            String what = c.next().text().toLowerCase(Locale.ROOT);
            return List.of(new Operation.SetParameter(what, c.restText()));
        }
        var operations = new ArrayList<Operation>();
        do {
            operations.add(assignment(local));
        } while (kind.isMysqlFamily() && c.acceptSymbol(','));
        return operations;
    }

    /** {@code name = value} or {@code name TO value}; outside MySQL the value runs to the end ({@code a, b} lists). */
    private Operation assignment(boolean local) {
        c.acceptOneOf("SESSION", "GLOBAL", "LOCAL");
        int from = c.position();
        c.skipUntil("=", "TO");
        if (c.position() == from || c.atEnd()) {
            throw new Mismatch("SET without a parameter and a value");
        }
        String parameter = c.textFrom(from).replace(" ", "");
        c.next();
        int valueStart = c.position();
        if (kind.isMysqlFamily()) {
            c.skipUntil(",");
        } else {
            c.restText();
        }
        if (c.position() == valueStart) {
            throw new Mismatch("SET without a value");
        }
        return SessionSettings.set(parameter, c.textFrom(valueStart), local);
    }

    // ---- CREATE -------------------------------------------------------------------------------

    private List<Operation> create() {
        c.expect("CREATE");
        boolean orReplace = c.accept("OR", "REPLACE");
        if (c.peekIs("DEFINER")) {
            c.next();
            c.expectSymbol('=');
            c.skipUntil("TRIGGER", "PROCEDURE", "FUNCTION", "VIEW", "EVENT", "SQL", "ALGORITHM");
        }
        c.acceptOneOf("ALGORITHM");
        Token what = c.peek();
        if (what == null) {
            throw new Mismatch("CREATE of nothing");
        }
        if (!orReplace) {
            if (startsCreateTable()) {
                return List.of(createTable());
            }
            if (c.peekIs("INDEX") || c.peekIs("UNIQUE") || c.peekIs("FULLTEXT") || c.peekIs("SPATIAL")
                    || c.peekIs("INVERTED")) {
                return List.of(createIndex());
            }
        }
        if (c.peekIs("TYPE")) {
            return createType();
        }
        if (c.peekIs("TRIGGER") || c.peekIs("CONSTRAINT") && c.peekIs(1, "TRIGGER")) {
            return createTrigger();
        }
        if (c.accept("DOMAIN")) {
            return settled(new Operation.OtherDdl("CREATE DOMAIN", Optional.empty()));
        }
        return createOther();
    }

    private boolean startsCreateTable() {
        int ahead = 0;
        while (c.peekIs(ahead, "GLOBAL") || c.peekIs(ahead, "LOCAL") || c.peekIs(ahead, "TEMP")
                || c.peekIs(ahead, "TEMPORARY") || c.peekIs(ahead, "UNLOGGED")) {
            ahead++;
        }
        return c.peekIs(ahead, "TABLE");
    }

    private static final List<String> CREATE_KINDS = List.of(
            "FUNCTION", "PROCEDURE", "VIEW", "SCHEMA", "EXTENSION", "SEQUENCE", "RULE", "POLICY", "AGGREGATE",
            "CAST", "OPERATOR", "COLLATION", "PUBLICATION", "SUBSCRIPTION", "ROLE", "USER", "GROUP", "DATABASE",
            "TABLESPACE", "EVENT", "STATISTICS", "SERVER", "CONVERSION", "LANGUAGE", "TRANSFORM", "ACCESS");

    private static final List<String> CREATE_MODIFIERS = List.of(
            "MATERIALIZED", "TEMP", "TEMPORARY", "RECURSIVE", "TRUSTED", "PROCEDURAL", "FOREIGN", "DEFAULT", "TEXT",
            "SEARCH", "UNIQUE", "AGGREGATE", "UNLOGGED");

    /** CREATE FUNCTION, VIEW, MATERIALIZED VIEW, SCHEMA, EXTENSION, SEQUENCE, FOREIGN TABLE, ... */
    private List<Operation> createOther() {
        var label = new StringBuilder("CREATE");
        while (c.peek() != null && c.peek().kind() == Kind.WORD && CREATE_MODIFIERS.contains(c.peek().upper())) {
            label.append(' ').append(c.next().upper());
        }
        Token what = c.next();
        String kindName = what.upper();
        boolean modified = label.length() > "CREATE".length();
        if (!CREATE_KINDS.contains(kindName) && !(modified && what.kind() == Kind.WORD)) {
            throw new Mismatch("unknown CREATE " + kindName);
        }
        label.append(' ').append(kindName);
        Optional<TableRef> target = Optional.empty();
        if (kindName.equals("VIEW") || kindName.equals("SEQUENCE")) {
            c.accept("IF", "NOT", "EXISTS");
            target = Optional.of(c.table());
        }
        return settled(new Operation.OtherDdl(label.toString(), target));
    }

    private Operation createTable() {
        boolean temporary = false;
        if (c.accept("GLOBAL") || c.accept("LOCAL")) {
            temporary = true;
        }
        if (c.acceptOneOf("TEMP", "TEMPORARY").isPresent()) {
            temporary = true;
        }
        c.accept("UNLOGGED");
        c.expect("TABLE");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        TableRef table = c.table();
        if (c.accept("PARTITION", "OF")) {
            TableRef parent = c.table();
            var elements = new Elements();
            if (c.peekSymbol('(')) {
                elements.read(c.list(), table);
            }
            c.restText();
            return new Operation.CreateTable(table, elements.columns, elements.constraints, ifNotExists, temporary, false,
                    Optional.of(parent));
        }
        while (!c.atEnd() && !c.peekSymbol('(') && !c.peekIs("AS") && !c.peekIs("SELECT") && !c.peekIs("LIKE")) {
            tableOption();
        }
        if (c.peekIs("AS") || c.peekIs("SELECT")) {
            c.restText();
            return new Operation.CreateTable(table, List.of(), List.of(), ifNotExists, temporary, true, Optional.empty());
        }
        if (c.peekIs("LIKE")) {
            notModelled("CREATE TABLE LIKE");
            c.restText();
            return new Operation.CreateTable(table, List.of(), List.of(), ifNotExists, temporary, false, Optional.empty());
        }
        var elements = new Elements();
        elements.read(c.list(), table);
        boolean asSelect = false;
        while (!c.atEnd()) {
            if (c.peekIs("AS") || c.peekIs("SELECT")) {
                asSelect = true;
                c.restText();
            } else {
                tableOption();
            }
        }
        return new Operation.CreateTable(table, elements.columns, elements.constraints, ifNotExists, temporary, asSelect,
                Optional.empty());
    }

    /** Trailing table options (storage, engine, partitioning, inheritance) that do not change what rules see. */
    private void tableOption() {
        if (c.accept("INHERITS") || c.accept("WITH") || c.accept("PARTITION", "BY")
                || c.accept("PARTITIONED", "BY") || c.accept("CLUSTERED", "BY")) {
            c.acceptOneOf("RANGE", "LIST", "HASH", "KEY", "LINEAR");
            if (c.peekSymbol('(')) {
                c.parenthesised();
            } else {
                c.next();
            }
            if (c.accept("PARTITIONS")) {
                c.next();
            }
            return;
        }
        if (c.accept("WITHOUT", "OIDS") || c.accept("WITHOUT", "ROWID") || c.accept("STRICT")) {
            return;
        }
        if (c.accept("ON", "COMMIT")) {
            c.skipUntil("TABLESPACE", "WITH", "AS");
            return;
        }
        if (c.accept("TABLESPACE") || c.accept("USING")) {
            c.next();
            return;
        }
        if (c.acceptSymbol(',')) {
            return;
        }
        if (mysqlTableOption()) {
            return;
        }
        notModelled("table option " + c.peek().text());
        c.next();
    }

    /** {@code ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=... COMMENT='...' AUTO_INCREMENT=1 ROW_FORMAT=...}. */
    private boolean mysqlTableOption() {
        int start = c.position();
        c.accept("DEFAULT");
        Token option = c.peek();
        if (option == null || option.kind() != Kind.WORD) {
            c.reset(start);
            return false;
        }
        c.next();
        if (option.is("CHARACTER")) {
            c.expect("SET");
        }
        boolean known = switch (option.upper()) {
            case "ENGINE", "CHARSET", "CHARACTER", "COLLATE", "COMMENT", "AUTO_INCREMENT", "ROW_FORMAT",
                 "KEY_BLOCK_SIZE", "STATS_PERSISTENT", "AVG_ROW_LENGTH", "CHECKSUM", "COMPRESSION",
                 "MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES", "INSERT_METHOD",
                 "ENCRYPTION", "DATA", "INDEX", "DELAY_KEY_WRITE", "UNION", "TYPE" -> true;
            default -> false;
        };
        if (!known) {
            c.reset(start);
            return false;
        }
        if (option.is("DATA") || option.is("INDEX")) {
            c.expect("DIRECTORY");
        }
        c.acceptSymbol('=');
        if (c.peekSymbol('(')) {
            c.parenthesised();
        } else {
            c.next();
        }
        return true;
    }

    /** The columns and table constraints of CREATE TABLE (...). */
    private final class Elements {
        final List<ColumnDef> columns = new ArrayList<>();
        final List<ConstraintDef> constraints = new ArrayList<>();

        void read(List<TokenCursor> elements, TableRef table) {
            for (TokenCursor element : elements) {
                var parser = new KeywordParser(element, kind, mode);
                if (element.atEnd()) {
                    throw new Mismatch("empty element");
                }
                if (parser.startsConstraint()) {
                    parser.tableConstraint().ifPresent(constraints::add);
                } else if (element.peekIs("LIKE")) {
                    element.restText();
                } else if (parser.startsMysqlIndex()) {
                    parser.mysqlIndexDefinition(table);
                } else {
                    columns.add(parser.columnDef());
                }
                if (strict() && !element.atEnd()) {
                    throw new Mismatch("unread text in a column definition");
                }
            }
        }
    }

    private boolean startsConstraint() {
        return c.peekIs("CONSTRAINT") || c.peekIs("PRIMARY") || c.peekIs("FOREIGN") || c.peekIs("CHECK")
                || c.peekIs("EXCLUDE") || (c.peekIs("UNIQUE") && !c.peekIs(1, "KEY") && !c.peekIs(1, "INDEX")
                && (c.peek(1) != null && (c.peek(1).isSymbol('(') || c.peekIs(1, "NULLS") || c.peekIs(1, "USING"))));
    }

    private boolean startsMysqlIndex() {
        int ahead = 0;
        boolean unique = c.peekIs("UNIQUE");
        if (unique) {
            ahead++;
        }
        if (c.peekIs(ahead, "FULLTEXT") || c.peekIs(ahead, "SPATIAL")) {
            ahead++;
        }
        if (c.peekIs(ahead, "KEY") || c.peekIs(ahead, "INDEX")) {
            ahead++;
            if (!kind.isMysqlFamily() && kind != DatabaseKind.H2 && (c.peek(ahead) == null || !c.peek(ahead).isSymbol('('))) {
                return false;
            }
        } else if (!unique) {
            return false;
        }
        Token next = c.peek(ahead);
        if (next != null && next.isName() && !next.is("USING")) {
            ahead++;
        }
        if (c.peekIs(ahead, "USING")) {
            ahead += 2;
        }
        next = c.peek(ahead);
        return next != null && next.isSymbol('(');
    }

    /** MySQL's {@code [UNIQUE] KEY name (cols)} inside CREATE TABLE or ALTER TABLE ADD. */
    private Operation.CreateIndex mysqlIndexDefinition(TableRef table) {
        boolean unique = c.accept("UNIQUE");
        c.acceptOneOf("FULLTEXT", "SPATIAL");
        c.acceptOneOf("KEY", "INDEX");
        Optional<String> name = c.peekName() && !c.peekIs("USING") ? Optional.of(c.name()) : Optional.empty();
        Optional<String> method = Optional.empty();
        if (c.accept("USING")) {
            method = Optional.of(c.next().text().toLowerCase(Locale.ROOT));
        }
        List<String> columns = c.nameList();
        while (!c.atEnd() && !c.peekSymbol(',')) {
            if (c.accept("USING")) {
                method = Optional.of(c.next().text().toLowerCase(Locale.ROOT));
            } else if (c.accept("COMMENT")) {
                c.string();
            } else if (c.accept("KEY_BLOCK_SIZE") || c.accept("WITH", "PARSER")) {
                c.acceptSymbol('=');
                c.next();
            } else if (c.acceptOneOf("VISIBLE", "INVISIBLE").isEmpty()) {
                notModelled("index option " + c.peek().text());
                c.next();
            }
        }
        return new Operation.CreateIndex(name, table, columns, unique, false, false, false, method);
    }

    /** A table constraint; empty for kinds rules do not look at. */
    private Optional<ConstraintDef> tableConstraint() {
        Optional<String> name = Optional.empty();
        if (c.accept("CONSTRAINT")) {
            c.accept("IF", "NOT", "EXISTS");
            name = Optional.of(c.name());
        }
        if (c.accept("PRIMARY", "KEY")) {
            return Optional.of(keyConstraint(name, ConstraintDef.Kind.PRIMARY_KEY));
        }
        if (c.accept("UNIQUE")) {
            c.acceptOneOf("KEY", "INDEX");
            if (c.peekName() && !c.peekIs("USING") && !c.peekIs("NULLS")) {
                name = name.isPresent() ? name : Optional.of(c.name());
            }
            return Optional.of(keyConstraint(name, ConstraintDef.Kind.UNIQUE));
        }
        if (c.accept("FOREIGN", "KEY")) {
            if (c.peekName()) {
                c.name();
            }
            List<String> columns = c.nameList();
            c.expect("REFERENCES");
            ForeignKeyTarget target = references();
            constraintAttributes();
            return Optional.of(new ConstraintDef(name, ConstraintDef.Kind.FOREIGN_KEY, columns, Optional.of(target),
                    Optional.empty(), Optional.empty()));
        }
        if (c.accept("CHECK")) {
            String expression = c.parenthesised();
            constraintAttributes();
            return Optional.of(new ConstraintDef(name, ConstraintDef.Kind.CHECK, List.of(), Optional.empty(),
                    Optional.of(expression), Optional.empty()));
        }
        if (c.accept("EXCLUDE")) {
            int from = c.position();
            c.skipUntil("NOT", "DEFERRABLE", "INITIALLY", ",");
            return Optional.of(new ConstraintDef(name, ConstraintDef.Kind.EXCLUSION, List.of(), Optional.empty(),
                    Optional.of(c.textFrom(from)), Optional.empty()));
        }
        if (c.accept("NOT", "NULL")) {
            List<String> column = List.of(c.name());
            return Optional.of(new ConstraintDef(name, ConstraintDef.Kind.NOT_NULL, column, Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        throw new Mismatch("unknown constraint");
    }

    /** PRIMARY KEY / UNIQUE: {@code (cols)} or {@code USING INDEX name}, then index parameters. */
    private ConstraintDef keyConstraint(Optional<String> name, ConstraintDef.Kind constraintKind) {
        if (c.accept("USING", "INDEX")) {
            String index = c.name();
            constraintAttributes();
            return new ConstraintDef(name, constraintKind, List.of(), Optional.empty(), Optional.empty(), Optional.of(index));
        }
        c.accept("NULLS", "NOT", "DISTINCT");
        c.accept("NULLS", "DISTINCT");
        if (c.accept("USING")) {
            c.next();
        }
        List<String> columns = c.nameList();
        constraintAttributes();
        return new ConstraintDef(name, constraintKind, columns, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** DEFERRABLE, INITIALLY DEFERRED, INCLUDE (...), WITH (...), USING INDEX TABLESPACE, ENFORCED... */
    private void constraintAttributes() {
        while (!c.atEnd()) {
            if (c.accept("DEFERRABLE") || c.accept("NOT", "DEFERRABLE") || c.accept("ENFORCED")
                    || c.accept("NOT", "ENFORCED") || c.accept("NO", "INHERIT")) {
                continue;
            }
            if (c.accept("INITIALLY")) {
                c.acceptOneOf("DEFERRED", "IMMEDIATE");
            } else if (c.accept("INCLUDE") || c.accept("WITH")) {
                c.parenthesised();
            } else if (c.accept("USING", "INDEX", "TABLESPACE")) {
                c.name();
            } else if (c.accept("USING")) {
                c.next();
            } else if (c.peekIs("COMMENT") && kind.isMysqlFamily()) {
                c.next();
                c.string();
            } else {
                return;
            }
        }
    }

    /** After REFERENCES: {@code table [(cols)] [MATCH ...] [ON DELETE ...] [ON UPDATE ...]}. */
    private ForeignKeyTarget references() {
        TableRef target = c.table();
        List<String> columns = c.peekSymbol('(') ? c.nameList() : List.of();
        while (true) {
            if (c.accept("MATCH")) {
                c.next();
            } else if (c.accept("ON")) {
                c.acceptOneOf("DELETE", "UPDATE").orElseThrow(() -> new Mismatch("ON what"));
                if (c.accept("SET")) {
                    c.acceptOneOf("NULL", "DEFAULT").orElseThrow(() -> new Mismatch("SET what"));
                    if (c.peekSymbol('(')) {
                        c.parenthesised();
                    }
                } else if (!(c.accept("NO", "ACTION") || c.accept("CASCADE") || c.accept("RESTRICT"))) {
                    throw new Mismatch("unknown referential action");
                }
            } else {
                return new ForeignKeyTarget(target, columns);
            }
        }
    }

    // ---- columns ------------------------------------------------------------------------------

    private ColumnDef columnDef() {
        String name = c.name();
        Optional<DataType> type = Optional.empty();
        if (!c.atEnd() && !startsColumnConstraint()) {
            type = Optional.of(dataType());
        }
        return columnConstraints(name, type);
    }

    private static final List<String> COLUMN_CONSTRAINT_WORDS = List.of(
            "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "CONSTRAINT", "GENERATED",
            "COLLATE", "COMMENT", "AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY", "FIRST", "AFTER", "ON", "AS",
            "CHARSET", "DEFERRABLE", "INITIALLY", "KEY", "VISIBLE", "INVISIBLE", "STORED", "VIRTUAL",
            "COLUMN_FORMAT", "STORAGE", "COMPRESSION", "SRID", "UNSIGNED", "ZEROFILL", "SIGNED");

    private boolean startsColumnConstraint() {
        Token t = c.peek();
        if (t == null) {
            return true;
        }
        if (t.isSymbol(',') || t.isSymbol(')')) {
            return true;
        }
        return t.kind() == Kind.WORD && COLUMN_CONSTRAINT_WORDS.contains(t.upper());
    }

    private ColumnDef columnConstraints(String name, Optional<DataType> type) {
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        Optional<DefaultValue> defaultValue = Optional.empty();
        Optional<ColumnDef.Generated> generated = Optional.empty();
        Optional<ForeignKeyTarget> references = Optional.empty();
        Optional<String> check = Optional.empty();
        while (!c.atEnd() && !c.peekSymbol(',')) {
            if (c.accept("CONSTRAINT")) {
                c.name();
            } else if (c.accept("NOT", "NULL")) {
                notNull = true;
            } else if (c.accept("NULL")) {
                notNull = false;
            } else if (c.accept("DEFAULT")) {
                defaultValue = Optional.of(new DefaultValue(defaultExpression()));
            } else if (c.accept("PRIMARY", "KEY")) {
                primaryKey = true;
                notNull = true;
                c.acceptOneOf("ASC", "DESC");
                c.acceptOneOf("AUTOINCREMENT");
                if (c.accept("USING", "INDEX", "TABLESPACE")) {
                    c.name();
                }
            } else if (c.accept("UNIQUE")) {
                unique = true;
                c.accept("KEY");
                c.accept("NULLS", "NOT", "DISTINCT");
                c.accept("NULLS", "DISTINCT");
            } else if (c.accept("KEY")) {
                primaryKey = true;
            } else if (c.accept("REFERENCES")) {
                references = Optional.of(references());
            } else if (c.accept("CHECK")) {
                check = Optional.of(c.parenthesised());
                c.accept("NO", "INHERIT");
            } else if (c.accept("GENERATED")) {
                generated = Optional.of(generated());
            } else if (c.peekIs("AS") && c.peek(1) != null && c.peek(1).isSymbol('(')) {
                c.next();
                c.parenthesised();
                generated = Optional.of(c.accept("STORED") || c.accept("PERSISTENT")
                        ? ColumnDef.Generated.STORED : ColumnDef.Generated.VIRTUAL);
                c.acceptOneOf("VIRTUAL");
            } else if (c.acceptOneOf("AUTO_INCREMENT", "AUTOINCREMENT").isPresent()) {
                generated = Optional.of(ColumnDef.Generated.AUTO_INCREMENT);
            } else if (c.accept("IDENTITY")) {
                generated = Optional.of(ColumnDef.Generated.IDENTITY_BY_DEFAULT);
                if (c.peekSymbol('(')) {
                    c.parenthesised();
                }
            } else if (c.accept("COLLATE") || c.accept("CHARSET") || c.accept("CHARACTER", "SET")
                    || c.accept("COLUMN_FORMAT") || c.accept("STORAGE") || c.accept("COMPRESSION") || c.accept("SRID")) {
                c.acceptSymbol('=');
                c.next();
            } else if (c.accept("COMMENT")) {
                c.string();
            } else if (c.accept("ON", "UPDATE")) {
                defaultExpression();
            } else if (c.accept("DEFERRABLE") || c.accept("NOT", "DEFERRABLE")
                    || c.acceptOneOf("VISIBLE", "INVISIBLE", "UNSIGNED", "ZEROFILL", "SIGNED", "BINARY", "ASCII",
                    "UNICODE").isPresent()) {
                continue;
            } else if (c.accept("INITIALLY")) {
                c.acceptOneOf("DEFERRED", "IMMEDIATE");
            } else if (c.accept("FIRST")) {
                continue;
            } else if (c.accept("AFTER")) {
                c.name();
            } else {
                notModelled("column attribute " + c.peek().text());
                c.next();
            }
        }
        return new ColumnDef(name, type, notNull, defaultValue, primaryKey, unique, generated, references, check);
    }

    /** {@code ALWAYS AS (expr) STORED}, {@code ALWAYS AS IDENTITY [(...)]}, {@code BY DEFAULT AS IDENTITY}. */
    private ColumnDef.Generated generated() {
        boolean always = c.accept("ALWAYS");
        if (!always) {
            c.expect("BY", "DEFAULT");
            c.accept("ON", "NULL");
        }
        c.expect("AS");
        if (c.accept("IDENTITY")) {
            if (c.peekSymbol('(')) {
                c.parenthesised();
            }
            return always ? ColumnDef.Generated.IDENTITY_ALWAYS : ColumnDef.Generated.IDENTITY_BY_DEFAULT;
        }
        c.parenthesised();
        if (c.accept("VIRTUAL")) {
            return ColumnDef.Generated.VIRTUAL;
        }
        c.acceptOneOf("STORED", "PERSISTENT");
        return ColumnDef.Generated.STORED;
    }

    private static final List<String> DEFAULT_STOPS = List.of(
            "NOT", "NULL", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "CONSTRAINT", "GENERATED", "COLLATE",
            "COMMENT", "ON", "AUTO_INCREMENT", "FIRST", "AFTER", "KEY", "VISIBLE", "INVISIBLE", "DEFERRABLE",
            "INITIALLY");

    /** A DEFAULT expression: up to the next column constraint keyword at depth 0. */
    private String defaultExpression() {
        int from = c.position();
        int depth = 0;
        while (!c.atEnd()) {
            Token t = c.peek();
            boolean first = c.position() == from;
            if (t.isSymbol('(') || t.isSymbol('[')) {
                depth++;
            } else if (t.isSymbol(')') || t.isSymbol(']')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && !first && (t.isSymbol(',') || (t.kind() == Kind.WORD
                    && DEFAULT_STOPS.contains(t.upper()) && !isOperand(c.peek(-1))))) {
                break;
            }
            c.next();
        }
        if (c.position() == from) {
            throw new Mismatch("DEFAULT without a value");
        }
        return c.textFrom(from);
    }

    /** {@code NULL} after an operator is part of an expression ({@code DEFAULT x IS NULL}), not a constraint. */
    private static boolean isOperand(Token previous) {
        return previous != null && (previous.is("IS") || previous.is("AND") || previous.is("OR"));
    }

    private static final List<String> MULTI_WORD_TYPES_SECOND = List.of("PRECISION", "VARYING");

    /**
     * A column type: {@code integer}, {@code character varying(255)}, {@code timestamp(3) with time zone},
     * {@code numeric(10,2)[]}, {@code public.my_enum}, MySQL {@code enum('a','b')}.
     */
    private DataType dataType() {
        var name = new StringBuilder();
        List<String> parts = c.qualifiedName();
        name.append(String.join(".", parts));
        while (c.peek() != null && c.peek().kind() == Kind.WORD && MULTI_WORD_TYPES_SECOND.contains(c.peek().upper())) {
            name.append(' ').append(c.next().text());
        }
        List<String> modifiers = new ArrayList<>();
        if (c.peekSymbol('(')) {
            for (TokenCursor modifier : c.list()) {
                modifiers.add(modifier.restText());
            }
        }
        if (c.peekIs("WITH") || c.peekIs("WITHOUT")) {
            int at = c.position();
            String zone = c.next().text();
            if (c.accept("TIME", "ZONE")) {
                name.append(' ').append(zone).append(" time zone");
            } else {
                c.reset(at);
            }
        }
        boolean array = false;
        while (c.peekSymbol('[')) {
            c.next();
            if (!c.peekSymbol(']')) {
                c.next();
            }
            c.expectSymbol(']');
            array = true;
        }
        if (c.accept("ARRAY")) {
            array = true;
        }
        return new DataType(name.toString(), modifiers, array);
    }

    // ---- CREATE INDEX -------------------------------------------------------------------------

    private Operation createIndex() {
        boolean unique = c.accept("UNIQUE");
        Optional<String> method = c.acceptOneOf("FULLTEXT", "SPATIAL", "INVERTED").map(m -> m.toLowerCase(Locale.ROOT));
        c.expect("INDEX");
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        Optional<String> name = Optional.empty();
        if (!c.peekIs("ON")) {
            name = Optional.of(c.qualifiedName().getLast());
        }
        if (c.accept("USING")) {
            method = Optional.of(c.next().text().toLowerCase(Locale.ROOT));
        }
        c.expect("ON");
        c.accept("ONLY");
        TableRef table = c.table();
        if (c.accept("USING")) {
            method = Optional.of(c.next().text().toLowerCase(Locale.ROOT));
        }
        List<String> columns = c.nameList();
        boolean partial = false;
        while (!c.atEnd()) {
            if (c.accept("WHERE")) {
                partial = true;
                c.restText();
            } else if (c.accept("INCLUDE") || c.accept("WITH")) {
                c.parenthesised();
            } else if (c.accept("NULLS", "NOT", "DISTINCT") || c.accept("NULLS", "DISTINCT")) {
                continue;
            } else if (c.accept("TABLESPACE")) {
                c.name();
            } else if (c.accept("USING")) {
                method = Optional.of(c.next().text().toLowerCase(Locale.ROOT));
            } else if (c.accept("ALGORITHM") || c.accept("LOCK") || c.accept("KEY_BLOCK_SIZE")) {
                c.acceptSymbol('=');
                c.next();
            } else if (c.accept("COMMENT")) {
                c.string();
            } else if (c.acceptOneOf("VISIBLE", "INVISIBLE").isEmpty()) {
                notModelled("index option " + c.peek().text());
                c.next();
            }
        }
        return new Operation.CreateIndex(name, table, columns, unique, concurrently, partial, ifNotExists, method);
    }

    // ---- CREATE TYPE / TRIGGER ----------------------------------------------------------------

    private List<Operation> createType() {
        c.expect("TYPE");
        String type = String.join(".", c.qualifiedName());
        if (c.accept("AS", "ENUM")) {
            var values = new ArrayList<String>();
            for (TokenCursor value : c.list()) {
                if (!value.atEnd()) {
                    values.add(value.string());
                }
            }
            return List.of(new Operation.CreateEnum(type, values));
        }
        return settled(new Operation.OtherDdl("CREATE TYPE", Optional.empty()));
    }

    private List<Operation> createTrigger() {
        c.accept("CONSTRAINT");
        c.expect("TRIGGER");
        c.accept("IF", "NOT", "EXISTS");
        String name = c.qualifiedName().getLast();
        if (!c.seekPast("ON")) {
            throw new Mismatch("trigger without ON");
        }
        TableRef table = c.table();
        return settled(new Operation.CreateTrigger(name, table));
    }

    // ---- ALTER --------------------------------------------------------------------------------

    private List<Operation> alter() {
        c.expect("ALTER");
        c.acceptOneOf("ONLINE", "OFFLINE", "IGNORE");
        if (c.accept("TABLE")) {
            return alterTable();
        }
        if (c.accept("INDEX")) {
            return alterIndex();
        }
        if (c.accept("TYPE")) {
            return alterType();
        }
        if (c.accept("DOMAIN")) {
            return alterDomain();
        }
        Token what = c.next();
        String label = "ALTER " + what.upper();
        if (what.is("MATERIALIZED") || what.is("DEFAULT") || what.is("FOREIGN") || what.is("TEXT")) {
            label += " " + c.next().upper();
        }
        Optional<TableRef> target = Optional.empty();
        if (what.is("VIEW") || what.is("SEQUENCE")) {
            c.accept("IF", "EXISTS");
            target = Optional.of(c.table());
        }
        return settled(new Operation.OtherDdl(label, target));
    }

    private List<Operation> alterTable() {
        c.accept("IF", "EXISTS");
        c.accept("ONLY");
        TableRef table = c.table();
        c.acceptSymbol('*');
        var operations = new ArrayList<Operation>();
        Optional<String> algorithm = Optional.empty();
        Optional<String> lock = Optional.empty();
        do {
            if (c.peekIs("ALGORITHM") || c.peekIs("LOCK")) {
                boolean isAlgorithm = c.next().is("ALGORITHM");
                c.acceptSymbol('=');
                String value = c.next().text().toUpperCase(Locale.ROOT);
                if (isAlgorithm) {
                    algorithm = Optional.of(value);
                } else {
                    lock = Optional.of(value);
                }
            } else {
                alterTableAction(table, operations);
            }
        } while (c.acceptSymbol(','));
        if (algorithm.isPresent() || lock.isPresent()) {
            operations.add(new Operation.MysqlAlterOptions(table, algorithm, lock));
        }
        if (!c.atEnd()) {
            notModelled("text after the ALTER TABLE actions");
            c.restText();
        }
        return operations;
    }

    private void alterTableAction(TableRef table, List<Operation> out) {
        if (c.accept("ADD")) {
            add(table, out);
        } else if (c.accept("DROP")) {
            dropFromTable(table, out);
        } else if (c.accept("ALTER")) {
            c.accept("COLUMN");
            alterColumn(table, c.name(), out);
        } else if (c.accept("RENAME")) {
            rename(table, out);
        } else if (c.accept("VALIDATE", "CONSTRAINT")) {
            out.add(new Operation.ValidateConstraint(table, c.name()));
        } else if (c.accept("ATTACH", "PARTITION")) {
            TableRef partition = c.table();
            c.skipUntil(",");
            out.add(new Operation.AttachPartition(table, partition));
        } else if (c.accept("DETACH", "PARTITION")) {
            TableRef partition = c.table();
            boolean concurrently = c.accept("CONCURRENTLY");
            c.accept("FINALIZE");
            out.add(new Operation.DetachPartition(table, partition, concurrently));
        } else if (c.accept("MODIFY")) {
            c.accept("COLUMN");
            ColumnDef definition = columnDef();
            out.add(new Operation.AlterColumnType(table, definition.name(), definition.type().orElseThrow(
                    () -> new Mismatch("MODIFY without a type")), Optional.empty(), Optional.of(definition)));
        } else if (c.accept("CHANGE")) {
            c.accept("COLUMN");
            String old = c.name();
            ColumnDef definition = columnDef();
            if (!old.equals(definition.name())) {
                out.add(new Operation.RenameColumn(table, old, definition.name()));
            }
            out.add(new Operation.AlterColumnType(table, definition.name(), definition.type().orElseThrow(
                    () -> new Mismatch("CHANGE without a type")), Optional.empty(), Optional.of(definition)));
        } else {
            out.add(otherTableAction(table));
        }
    }

    /** Actions that change no column or constraint: owner, storage, triggers, RLS, MySQL table options. */
    private Operation otherTableAction(TableRef table) {
        int from = c.position();
        Token first = c.next();
        String label = switch (first.upper()) {
            case "OWNER", "ENABLE", "DISABLE", "FORCE", "NO", "INHERIT", "REPLICA", "CLUSTER", "RESET", "OF", "NOT",
                 "ENGINE", "AUTO_INCREMENT", "COMMENT", "ROW_FORMAT", "CHARSET", "COLLATE", "CONVERT", "DEFAULT",
                 "CHARACTER", "ORDER", "FORCE_ROW_LEVEL", "KEY_BLOCK_SIZE", "STATS_PERSISTENT" -> first.upper();
            case "SET" -> c.peekSymbol('(') ? "SET STORAGE PARAMETERS" : "SET " + c.peek().upper();
            default -> throw new Mismatch("unknown ALTER TABLE action " + first.text());
        };
        if (label.equals("DEFAULT") || label.equals("CHARACTER")) {
            label = "CHARSET";
        }
        c.skipUntil(",");
        if (c.position() == from + 1 && label.startsWith("SET")) {
            throw new Mismatch("SET of nothing");
        }
        return new Operation.OtherDdl("ALTER TABLE " + label, Optional.of(table));
    }

    private void add(TableRef table, List<Operation> out) {
        if (startsConstraint()) {
            int at = c.position();
            if (c.accept("CONSTRAINT")) {
                Optional<String> name = Optional.of(c.name());
                if (c.peekIs("UNIQUE") && (c.peekIs(1, "KEY") || c.peekIs(1, "INDEX")) && startsMysqlIndex()) {
                    var index = mysqlIndexDefinition(table);
                    out.add(new Operation.CreateIndex(index.name().or(() -> name), table, index.columns(), true, false,
                            false, false, index.method()));
                    return;
                }
            }
            c.reset(at);
            ConstraintDef constraint = tableConstraint().orElseThrow(() -> new Mismatch("constraint"));
            boolean notValid = c.accept("NOT", "VALID");
            out.add(new Operation.AddConstraint(table, constraint, notValid));
            return;
        }
        if (startsMysqlIndex()) {
            out.add(mysqlIndexDefinition(table));
            return;
        }
        if (c.accept("PARTITION")) {
            notModelled("ADD PARTITION");
            c.skipUntil(",");
            out.add(new Operation.OtherDdl("ALTER TABLE ADD PARTITION", Optional.of(table)));
            return;
        }
        c.accept("COLUMN");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        if (c.peekSymbol('(')) {
            for (TokenCursor element : c.list()) {
                var parser = new KeywordParser(element, kind, mode);
                out.add(new Operation.AddColumn(table, parser.columnDef(), ifNotExists));
            }
            return;
        }
        out.add(new Operation.AddColumn(table, columnDef(), ifNotExists));
    }

    private void dropFromTable(TableRef table, List<Operation> out) {
        if (c.accept("CONSTRAINT") || c.accept("CHECK")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            String name = c.name();
            c.acceptOneOf("CASCADE", "RESTRICT");
            out.add(new Operation.DropConstraint(table, name, ifExists));
        } else if (c.accept("PRIMARY", "KEY")) {
            out.add(new Operation.DropConstraint(table, "PRIMARY", false));
        } else if (c.accept("FOREIGN", "KEY")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            out.add(new Operation.DropConstraint(table, c.name(), ifExists));
        } else if (c.acceptOneOf("INDEX", "KEY").isPresent()) {
            boolean ifExists = c.accept("IF", "EXISTS");
            out.add(new Operation.DropIndex(List.of(c.name()), Optional.of(table), false, ifExists, false));
        } else if (c.accept("PARTITION")) {
            notModelled("DROP PARTITION");
            c.skipUntil(",");
            out.add(new Operation.OtherDdl("ALTER TABLE DROP PARTITION", Optional.of(table)));
        } else {
            c.accept("COLUMN");
            boolean ifExists = c.accept("IF", "EXISTS");
            String column = c.name();
            boolean cascade = c.acceptOneOf("CASCADE", "RESTRICT").filter("CASCADE"::equals).isPresent();
            out.add(new Operation.DropColumn(table, column, ifExists, cascade));
        }
    }

    private void alterColumn(TableRef table, String column, List<Operation> out) {
        if (c.accept("SET", "DATA", "TYPE") || c.accept("TYPE")) {
            DataType type = dataType();
            if (c.accept("COLLATE")) {
                c.name();
            }
            Optional<String> using = Optional.empty();
            if (c.accept("USING")) {
                int from = c.position();
                c.skipUntil(",");
                using = Optional.of(c.textFrom(from));
            }
            out.add(new Operation.AlterColumnType(table, column, type, using, Optional.empty()));
        } else if (c.accept("SET", "DEFAULT")) {
            out.add(new Operation.SetColumnDefault(table, column, Optional.of(new DefaultValue(defaultExpression()))));
        } else if (c.accept("DROP", "DEFAULT")) {
            out.add(new Operation.SetColumnDefault(table, column, Optional.empty()));
        } else if (c.accept("SET", "NOT", "NULL")) {
            out.add(new Operation.SetNotNull(table, column));
        } else if (c.accept("DROP", "NOT", "NULL") || c.accept("SET", "NULL")) {
            out.add(new Operation.DropNotNull(table, column));
        } else if (c.accept("RENAME", "TO")) {
            out.add(new Operation.RenameColumn(table, column, c.name()));
        } else if (c.peekIs("SET") || c.peekIs("DROP") || c.peekIs("ADD") || c.peekIs("RESET")
                || c.peekIs("RESTART")) {
            String action = c.next().upper() + " " + (c.atEnd() ? "" : c.peek().upper());
            c.skipUntil(",");
            out.add(new Operation.OtherDdl("ALTER TABLE ALTER COLUMN " + action.strip(), Optional.of(table)));
        } else if (kind == DatabaseKind.SQLSERVER || kind == DatabaseKind.H2 || kind == DatabaseKind.DB2
                || c.peekName()) {
            ColumnDef definition = columnConstraints(column, Optional.of(dataType()));
            out.add(new Operation.AlterColumnType(table, column, definition.type().orElseThrow(), Optional.empty(),
                    Optional.empty()));
            if (definition.notNull()) {
                out.add(new Operation.SetNotNull(table, column));
            }
        } else {
            throw new Mismatch("unknown ALTER COLUMN action");
        }
    }

    private void rename(TableRef table, List<Operation> out) {
        if (c.accept("TO") || c.accept("AS")) {
            out.add(new Operation.RenameTable(table, c.qualifiedName().getLast()));
        } else if (c.accept("CONSTRAINT")) {
            c.name();
            c.expect("TO");
            c.name();
            out.add(new Operation.OtherDdl("ALTER TABLE RENAME CONSTRAINT", Optional.of(table)));
        } else if (c.acceptOneOf("INDEX", "KEY").isPresent()) {
            String old = c.name();
            c.expect("TO");
            out.add(new Operation.RenameIndex(old, c.name()));
        } else {
            c.accept("COLUMN");
            String old = c.name();
            c.expect("TO");
            out.add(new Operation.RenameColumn(table, old, c.name()));
        }
    }

    private List<Operation> alterIndex() {
        c.accept("IF", "EXISTS");
        String name = c.qualifiedName().getLast();
        if (c.accept("RENAME", "TO")) {
            return List.of(new Operation.RenameIndex(name, c.name()));
        }
        return settled(new Operation.OtherDdl("ALTER INDEX", Optional.empty()));
    }

    private List<Operation> alterType() {
        String type = String.join(".", c.qualifiedName());
        if (c.accept("ADD", "VALUE")) {
            boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
            String value = c.string();
            if (c.acceptOneOf("BEFORE", "AFTER").isPresent()) {
                c.string();
            }
            return List.of(new Operation.AddEnumValue(type, value, ifNotExists));
        }
        if (c.accept("RENAME", "VALUE")) {
            String value = c.string();
            c.expect("TO");
            return List.of(new Operation.RenameEnumValue(type, value, c.string()));
        }
        return settled(new Operation.OtherDdl("ALTER TYPE", Optional.empty()));
    }

    private List<Operation> alterDomain() {
        String domain = String.join(".", c.qualifiedName());
        int from = c.position();
        String action = c.restText();
        c.reset(from);
        boolean notValid = false;
        while (!c.atEnd()) {
            if (c.accept("NOT", "VALID")) {
                notValid = true;
            } else {
                c.next();
            }
        }
        return List.of(new Operation.AlterDomain(domain, action, notValid));
    }

    // ---- DROP ---------------------------------------------------------------------------------

    private List<Operation> drop() {
        c.expect("DROP");
        if (c.accept("TABLE") || c.accept("TEMPORARY", "TABLE")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            var tables = new ArrayList<TableRef>();
            do {
                tables.add(c.table());
            } while (c.acceptSymbol(','));
            boolean cascade = c.acceptOneOf("CASCADE", "RESTRICT").filter("CASCADE"::equals).isPresent();
            c.accept("PURGE");
            return List.of(new Operation.DropTable(tables, ifExists, cascade));
        }
        if (c.accept("INDEX")) {
            return dropIndex();
        }
        if (c.accept("SCHEMA")) {
            c.accept("IF", "EXISTS");
            String schema = c.name();
            boolean cascade = c.acceptOneOf("CASCADE", "RESTRICT").filter("CASCADE"::equals).isPresent();
            return List.of(new Operation.DropSchema(schema, cascade));
        }
        if (c.accept("DATABASE")) {
            c.accept("IF", "EXISTS");
            return List.of(new Operation.DropDatabase(c.name()));
        }
        boolean materialized = c.accept("MATERIALIZED");
        Token what = c.next();
        if (what.kind() != Kind.WORD) {
            throw new Mismatch("DROP of what");
        }
        String label = "DROP " + (materialized ? "MATERIALIZED " : "") + what.upper();
        Optional<TableRef> target = Optional.empty();
        if (what.is("VIEW") || what.is("SEQUENCE")) {
            c.accept("IF", "EXISTS");
            target = Optional.of(c.table());
        }
        return settled(new Operation.OtherDdl(label, target));
    }

    private List<Operation> dropIndex() {
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifExists = c.accept("IF", "EXISTS");
        var names = new ArrayList<String>();
        do {
            names.add(c.qualifiedName().getLast());
        } while (c.acceptSymbol(','));
        Optional<TableRef> table = Optional.empty();
        if (c.accept("ON")) {
            table = Optional.of(c.table());
        }
        boolean cascade = c.acceptOneOf("CASCADE", "RESTRICT").filter("CASCADE"::equals).isPresent();
        var operations = new ArrayList<Operation>();
        operations.add(new Operation.DropIndex(names, table, concurrently, ifExists, cascade));
        Optional<String> algorithm = Optional.empty();
        Optional<String> lock = Optional.empty();
        while (c.peekIs("ALGORITHM") || c.peekIs("LOCK")) {
            boolean isAlgorithm = c.next().is("ALGORITHM");
            c.acceptSymbol('=');
            String value = c.next().upper();
            if (isAlgorithm) {
                algorithm = Optional.of(value);
            } else {
                lock = Optional.of(value);
            }
        }
        if (table.isPresent() && (algorithm.isPresent() || lock.isPresent())) {
            operations.add(new Operation.MysqlAlterOptions(table.get(), algorithm, lock));
        }
        return operations;
    }

    // ---- data ---------------------------------------------------------------------------------

    private List<Operation> insert() {
        c.next();
        c.acceptOneOf("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "OR");
        c.acceptOneOf("REPLACE", "IGNORE", "ABORT", "FAIL", "ROLLBACK");
        c.accept("INTO");
        TableRef table = c.table();
        return List.of(dataChange(Operation.DataChange.Kind.INSERT, table));
    }

    private List<Operation> update() {
        c.expect("UPDATE");
        c.acceptOneOf("LOW_PRIORITY", "IGNORE", "ONLY");
        TableRef table = c.table();
        return List.of(dataChange(Operation.DataChange.Kind.UPDATE, table));
    }

    private List<Operation> delete() {
        c.expect("DELETE");
        c.acceptOneOf("LOW_PRIORITY", "QUICK", "IGNORE");
        c.accept("FROM");
        c.accept("ONLY");
        TableRef table = c.table();
        return List.of(dataChange(Operation.DataChange.Kind.DELETE, table));
    }

    private List<Operation> merge() {
        c.expect("MERGE");
        c.accept("INTO");
        TableRef table = c.table();
        return List.of(dataChange(Operation.DataChange.Kind.MERGE, table));
    }

    /** {@code WITH cte AS (...) [, ...] INSERT/UPDATE/DELETE/SELECT}: the main statement decides. */
    private List<Operation> with() {
        c.expect("WITH");
        c.accept("RECURSIVE");
        do {
            c.name();
            if (c.peekSymbol('(')) {
                c.parenthesised();
            }
            c.expect("AS");
            c.accept("NOT");
            c.accept("MATERIALIZED");
            c.parenthesised();
        } while (c.acceptSymbol(','));
        if (c.peekIs("SELECT") || c.peekIs("VALUES") || c.peekIs("TABLE")) {
            return settled(new Operation.Query("SELECT"));
        }
        return statement();
    }

    /** Reads the rest of a data change for WHERE and batching; the table is already read. */
    private Operation dataChange(Operation.DataChange.Kind change, TableRef table) {
        var shape = DataChangeShape.of(c.remaining());
        c.restText();
        return new Operation.DataChange(change, table, shape.hasWhere(), shape.hasLimitOrBatch());
    }

    // ---- other statements ---------------------------------------------------------------------

    private List<Operation> comment() {
        c.expect("COMMENT", "ON");
        boolean column = c.peekIs("COLUMN");
        boolean table = c.peekIs("TABLE");
        String what = c.next().upper();
        Optional<TableRef> target = Optional.empty();
        if (table) {
            target = Optional.of(c.table());
        } else if (column) {
            var parts = c.qualifiedName();
            if (parts.size() >= 2) {
                target = Optional.of(parts.size() == 2 ? TableRef.of(parts.get(0))
                        : TableRef.of(parts.get(parts.size() - 3), parts.get(parts.size() - 2)));
            }
        }
        return settled(new Operation.OtherDdl("COMMENT ON " + what, target));
    }

    private List<Operation> grant() {
        String verb = c.next().upper();
        Optional<TableRef> target = Optional.empty();
        if (c.seekPast("ON")) {
            c.accept("TABLE");
            if (c.peekName() && !c.peekIs("ALL") && !c.peekIs("SCHEMA") && !c.peekIs("SEQUENCE")
                    && !c.peekIs("FUNCTION") && !c.peekIs("DATABASE")) {
                target = Optional.of(c.table());
            }
        }
        return settled(new Operation.OtherDdl(verb, target));
    }

    private List<Operation> truncate() {
        c.expect("TRUNCATE");
        c.accept("TABLE");
        c.accept("ONLY");
        var tables = new ArrayList<TableRef>();
        do {
            tables.add(c.table());
            c.acceptSymbol('*');
        } while (c.acceptSymbol(','));
        boolean cascade = false;
        while (!c.atEnd()) {
            if (c.accept("CASCADE")) {
                cascade = true;
            } else if (!(c.accept("RESTART", "IDENTITY") || c.accept("CONTINUE", "IDENTITY") || c.accept("RESTRICT"))) {
                throw new Mismatch("unknown TRUNCATE option");
            }
        }
        return List.of(new Operation.Truncate(tables, cascade));
    }

    private List<Operation> lock() {
        c.expect("LOCK");
        c.acceptOneOf("TABLE", "TABLES");
        c.accept("ONLY");
        var tables = new ArrayList<TableRef>();
        String mode = "ACCESS EXCLUSIVE";
        do {
            tables.add(c.table());
            c.acceptSymbol('*');
            if (c.peekIs("READ") || c.peekIs("WRITE") || c.peekIs("LOW_PRIORITY")) {
                int from = c.position();
                c.skipUntil(",");
                mode = c.textFrom(from).toUpperCase(Locale.ROOT);
            }
        } while (c.acceptSymbol(','));
        if (c.accept("IN")) {
            int from = c.position();
            c.skipUntil("MODE");
            mode = c.textFrom(from).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            c.expect("MODE");
        }
        c.accept("NOWAIT");
        return List.of(new Operation.LockTable(tables, mode));
    }

    /** MySQL {@code RENAME TABLE a TO b, c TO d}. */
    private List<Operation> renameTables() {
        c.expect("RENAME");
        c.acceptOneOf("TABLE", "TABLES");
        var operations = new ArrayList<Operation>();
        do {
            TableRef from = c.table();
            c.expect("TO");
            operations.add(new Operation.RenameTable(from, c.qualifiedName().getLast()));
        } while (c.acceptSymbol(','));
        return operations;
    }

    private List<Operation> reindex() {
        c.expect("REINDEX");
        if (c.peekSymbol('(')) {
            c.parenthesised();
        }
        String target = c.next().upper();
        boolean concurrently = c.accept("CONCURRENTLY");
        String name = c.atEnd() ? "" : String.join(".", c.qualifiedName());
        return List.of(new Operation.Reindex(target, name, concurrently));
    }

    private List<Operation> maintenance() {
        String command = c.next().upper();
        if (command.equals("ANALYSE")) {
            command = "ANALYZE";
        }
        if (command.equals("OPTIMIZE") || command.equals("ANALYZE") && kind.isMysqlFamily()) {
            c.acceptOneOf("NO_WRITE_TO_BINLOG", "LOCAL");
            c.acceptOneOf("TABLE", "TABLES");
        }
        if (c.accept("FULL")) {
            command += " FULL";
        }
        c.acceptOneOf("FREEZE", "VERBOSE", "ANALYZE");
        c.acceptOneOf("VERBOSE", "ANALYZE");
        if (c.peekSymbol('(')) {
            String options = c.parenthesised().toUpperCase(Locale.ROOT);
            if (options.contains("FULL")) {
                command += " FULL";
            }
        }
        var targets = new ArrayList<TableRef>();
        while (c.peekName()) {
            targets.add(c.table());
            if (c.peekSymbol('(')) {
                c.parenthesised();
            }
            if (c.accept("USING")) {
                c.name();
            }
            if (!c.acceptSymbol(',')) {
                break;
            }
        }
        return List.of(new Operation.Maintenance(command, targets));
    }

    private List<Operation> refresh() {
        c.expect("REFRESH", "MATERIALIZED", "VIEW");
        boolean concurrently = c.accept("CONCURRENTLY");
        TableRef view = c.table();
        c.accept("WITH", "NO", "DATA");
        c.accept("WITH", "DATA");
        return List.of(new Operation.Maintenance("REFRESH MATERIALIZED VIEW" + (concurrently ? " CONCURRENTLY" : ""),
                List.of(view)));
    }
}
