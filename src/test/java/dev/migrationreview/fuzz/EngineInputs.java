package dev.migrationreview.fuzz;

import static dev.migrationreview.fuzz.ByteMutations.utf8;

import dev.migrationreview.discovery.DirectoryFileTree;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The engine fuzzer's inputs: random bytes and token soup, real corpus migrations cut and
 * mutated, and pathological files for every frontend (SQL, Liquibase XML/YAML/JSON, Rails,
 * Alembic, Django, Flyway Java, Prisma) and for the configuration file. Each input is a change:
 * the changed files, the repository they sit in, and optionally a configuration file.
 */
final class EngineInputs {

    /** One change to review. {@code config} is a {@code .github/migration-review.yml} to load first, when present. */
    record Input(String category, String description, List<SourceFile> changed, FileTree repository, Optional<byte[]> config) {
        long bytes() {
            return changed.stream().mapToLong(f -> f.content().length).sum() + config.map(c -> (long) c.length).orElse(0L);
        }
    }

    /** A file of a real project in the corpus: the project's folder and the file's path inside it. */
    record CorpusFile(Path project, String path) {}

    /** Names the engine recognises as migrations, with the lines that make a frontend read the rest. */
    enum Place {
        FLYWAY("db/migration/V2__fuzz.sql", ""),
        GOLANG_MIGRATE_MYSQL("migrations/000002_fuzz.mysql.up.sql", ""),
        GOLANG_MIGRATE("migrations/000002_fuzz.up.sql", ""),
        PRISMA("prisma/migrations/20240101000000_fuzz/migration.sql", ""),
        GOOSE("db/migrations/20240101000000_fuzz.sql", "-- +goose Up\n"),
        LIQUIBASE_SQL("db/changelog/changes/002-fuzz.sql", "--liquibase formatted sql\n--changeset fuzz:1\n"),
        LIQUIBASE_XML("db/changelog/fuzz.xml", ""),
        LIQUIBASE_YAML("db/changelog/fuzz.yaml", ""),
        LIQUIBASE_JSON("db/changelog/fuzz.json", ""),
        RAILS("db/migrate/20240101000000_fuzz.rb", "class Fuzz < ActiveRecord::Migration[7.1]\n  def change\n"),
        ALEMBIC("alembic/versions/1a2b3c4d5e6f_fuzz.py",
                "revision = '1a2b3c4d5e6f'\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n"
                        + "def upgrade():\n"),
        DJANGO("shop/migrations/0002_fuzz.py", "from django.db import migrations, models\n\n"
                + "class Migration(migrations.Migration):\n    dependencies = [('shop', '0001_initial')]\n    operations = [\n"),
        FLYWAY_JAVA("src/main/java/db/migration/V3__Fuzz.java", "package db.migration;\n\n"
                + "public class V3__Fuzz extends BaseJavaMigration {\n    public void migrate(Context context) throws Exception {\n"
                + "        context.getConnection().createStatement().execute(\"");

        final String path;
        final String header;

        Place(String path, String header) {
            this.path = path;
            this.header = header;
        }

        static final List<Place> SQL = List.of(FLYWAY, GOLANG_MIGRATE, GOLANG_MIGRATE_MYSQL, PRISMA, GOOSE, LIQUIBASE_SQL);

        SourceFile file(byte[] body) {
            return new SourceFile(path, ByteMutations.insert(body, 0, utf8(header)));
        }
    }

    static final String SQL_KEYWORDS = "CREATE TABLE INDEX UNIQUE CONCURRENTLY ALTER ADD DROP COLUMN CONSTRAINT FOREIGN KEY "
            + "REFERENCES PRIMARY NOT NULL DEFAULT CHECK USING ON IF EXISTS CASCADE RESTRICT RENAME TO TYPE SET RESET "
            + "lock_timeout statement_timeout BEGIN COMMIT ROLLBACK START TRANSACTION INSERT INTO VALUES UPDATE DELETE FROM "
            + "WHERE SELECT DO FUNCTION PROCEDURE TRIGGER RETURNS LANGUAGE plpgsql VALIDATE NOT VALID PARTITION OF FOR "
            + "DETACH ATTACH REINDEX VACUUM ANALYZE TRUNCATE GRANT REVOKE ENUM AS WITH GENERATED ALWAYS IDENTITY STORED "
            + "VARCHAR(255) varchar text bigint int integer serial bigserial timestamp timestamptz json jsonb boolean "
            + "numeric(10,2) ENGINE=InnoDB ALGORITHM=INPLACE LOCK=NONE AFTER FIRST MODIFY CHANGE SCHEMA DATABASE VIEW "
            + "MATERIALIZED SEQUENCE EXTENSION COMMENT IS OWNER COLLATE TABLESPACE GO DELIMITER END LOOP RAISE NOTICE "
            + "EXCEPTION WHEN THEN ELSE CASE OR AND IN LIKE BETWEEN ONLY LOCAL NOWAIT SHARE EXCLUSIVE MODE LOCK";
    static final List<String> SQL_TOKENS = List.of("users", "orders", "public.accounts", "\"Quoted \"\"id\"\"\"", "`ticks`",
            "[bracket]", "${schema}", "'text'", "E'esc\\''", "'it''s'", "123", "-1", "1e309", "0x1F", "B'0101'", "X'ff'",
            "$$ body $$", "$fn$ BEGIN END $fn$", "$$", "$tag$", "(", ")", ",", ";", ".", "::", "=", "*", "->", "->>", "[", "]",
            "{", "}", "--c\n", "/* c */", "/* nested /* c */ */", "\n", "\r\n", "\t", "-- migration-review:ignore drop-table ok\n",
            "-- migration-review:ignore-start\n", "-- migration-review:ignore-end\n", "-- +goose StatementBegin\n",
            "-- +goose StatementEnd\n", "-- +goose Down\n", "-- migrate:down\n", "--changeset a:1 runInTransaction:false\n",
            "-- flyway:executeInTransaction=false\n", "\\.\n", "\\connect x\n", "COPY t FROM stdin;\n1\t2\n\\.\n", "?", ":name", "@var");
    static final List<String> RUBY_TOKENS = List.of("create_table", "add_column", "remove_column", "add_index", "change_column",
            "execute", "reversible", "up_only", "safety_assured", "do", "end", "|t|", "|dir|", "t.string", "t.references",
            ":users", ":name", "null: false", "default: 0", "algorithm: :concurrently", "\"str\"", "'str'", "\"#{x}\"", "<<~SQL",
            "<<-SQL", "SQL", "(", ")", "[", "]", "{", "}", ",", "=>", "->", "#", "\n", "def up", "def down", "def change",
            "disable_ddl_transaction!", "%w(a b)", "%i[", "=begin", "=end", "__END__", "/re/", "?", ":", "if", "unless",
            "class X < ActiveRecord::Migration[7.1]", "self.", "&.", "..", "...", "\\", "@ivar", "$global");
    static final List<String> PYTHON_TOKENS = List.of("op.add_column(", "op.create_table(", "op.drop_column(", "op.execute(",
            "op.create_index(", "op.alter_column(", "op.batch_alter_table(", "sa.Column(", "sa.String(255)", "sa.Integer()",
            "nullable=False", "server_default=", "migrations.AddField(", "migrations.RunSQL(", "migrations.RunPython(",
            "models.CharField(max_length=10)", "model_name='x'", "name='y'", "field=", "atomic = False", "def upgrade():",
            "def downgrade():", "with op.get_context().autocommit_block():", "'s'", "\"s\"", "'''", "\"\"\"", "f'{x}'",
            "r'\\d'", "b'x'", "(", ")", "[", "]", "{", "}", ",", ":", "=", "\\\n", "\n", "\n    ", "\n\t", "#", "lambda",
            "**kw", "*args", "if", "else", "for", "in", "not", "None", "True", "pass", "return", "@decorator", ":=", "...");
    private static final List<byte[]> SNIPPETS = Stream.of("'", "\"", "`", "$$", "$tag$", "/*", "*/", "--", "#", "(", ")", "[",
            ";", "\\", "E'\\", "\u0000", "\r", "\r\n", "\uFEFF", "\u202E", "\uD83D\uDE00", "${x", "BEGIN;", "COMMIT;",
            "CREATE INDEX CONCURRENTLY i ON t (c);", "-- migration-review:ignore ", "<", "&", "<![CDATA[", "]]>", "&lol;", "#{",
            "<<~SQL\n", "'''", "\"\"\"", "    ", "\t", "{", "}", ":", "- ", "*anchor", "&anchor ", "!!binary ").map(ByteMutations::utf8).toList();
    /** Statements of each shape the rules look at, to wrap pathological pieces in. */
    private static final List<String> SQL_SHAPES = List.of("ALTER TABLE users ADD COLUMN c int DEFAULT %s;",
            "CREATE TABLE t (id bigint PRIMARY KEY, c int CHECK (%s));", "CREATE INDEX idx ON users (%s);",
            "UPDATE users SET c = %s;", "SELECT %s;", "INSERT INTO t VALUES (%s);", "ALTER TABLE users ALTER COLUMN c TYPE %s;",
            "DO $$ BEGIN PERFORM %s; END $$;", "COMMENT ON TABLE users IS %s;", "ALTER TABLE users ADD CONSTRAINT c CHECK (%s) NOT VALID;");

    private final List<CorpusFile> corpus;
    private final Map<Path, FileTree> projects = new LinkedHashMap<>();
    private final Path xxeMarker;

    /**
     * @param corpus    the shared corpus folder (framework/project/...)
     * @param xxeMarker a file outside every repository; its content must never reach a review
     */
    EngineInputs(Path corpus, Path xxeMarker) {
        this.corpus = listCorpus(corpus);
        this.xxeMarker = xxeMarker;
    }

    /** The kinds of input, each drawn in proportion to its weight. */
    private final WeightedChoice<Function<Random, Input>> kinds = new WeightedChoice<Function<Random, Input>>()
            .add("random-bytes", 6, this::randomBytes)
            .add("sql-token-soup", 10, this::sqlTokenSoup)
            .add("dsl-token-soup", 6, this::dslTokenSoup)
            .add("corpus-mutation", 24, this::corpusMutation)
            .add("corpus-truncation", 8, this::corpusTruncation)
            .add("sql-deep-nesting", 5, this::sqlDeepNesting)
            .add("sql-huge-statement", 3, this::sqlHugeStatement)
            .add("sql-long-identifier", 4, this::sqlLongIdentifier)
            .add("sql-unbalanced", 6, this::sqlUnbalanced)
            .add("sql-repeated-statement", 4, this::sqlRepeatedStatement)
            .add("liquibase-xml", 5, this::liquibaseXml)
            .add("liquibase-yaml", 4, this::liquibaseYaml)
            .add("liquibase-json", 3, this::liquibaseJson)
            .add("rails", 4, this::rails)
            .add("python", 4, this::python)
            .add("flyway-java", 2, this::flywayJava)
            .add("prisma", 2, this::prisma)
            .add("config", 4, this::config);

    List<String> categories() {
        return kinds.names();
    }

    /** An input of a kind drawn at random, among {@code only} when that is not empty. */
    Input next(Random random, List<String> only) {
        return kinds.pick(random, only).getValue().apply(random);
    }

    /** Real corpus files as they are, one change each, spread evenly over the corpus (every framework). */
    List<Input> realFiles(int count) {
        var real = new ArrayList<Input>();
        for (int i = 0; i < count; i++) {
            CorpusFile file = corpus.get((int) ((long) i * corpus.size() / count));
            real.add(inProject("real", file.path(), file, read(file)));
        }
        return real;
    }

    // ---- generic noise ---------------------------------------------------------------------------------------

    private Input randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(random.nextBoolean() ? 256 : 65_536)];
        random.nextBytes(bytes);
        Place place = pick(random, Place.values());
        return single("random-bytes", bytes.length + " random bytes as " + place.path, place.file(bytes));
    }

    private Input sqlTokenSoup(Random random) {
        var tokens = new ArrayList<>(List.of(SQL_KEYWORDS.split(" ")));
        tokens.addAll(SQL_TOKENS);
        Place place = pick(random, Place.SQL);
        int count = 1 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 400);
        return single("sql-token-soup", count + " SQL tokens as " + place.path, place.file(utf8(soup(random, tokens, count))));
    }

    private Input dslTokenSoup(Random random) {
        boolean ruby = random.nextBoolean();
        Place place = ruby ? Place.RAILS : random.nextBoolean() ? Place.ALEMBIC : Place.DJANGO;
        int count = 1 + random.nextInt(600);
        String soup = soup(random, ruby ? RUBY_TOKENS : PYTHON_TOKENS, count);
        return single("dsl-token-soup", count + " tokens as " + place.path, place.file(utf8(soup)));
    }

    private static String soup(Random random, List<String> tokens, int count) {
        var out = new StringBuilder();
        boolean spaced = random.nextInt(5) > 0;
        for (int i = 0; i < count; i++) {
            out.append(tokens.get(random.nextInt(tokens.size())));
            if (spaced) {
                out.append(random.nextInt(8) == 0 ? "\n" : " ");
            }
        }
        return out.toString();
    }

    private Input corpusMutation(Random random) {
        CorpusFile file = pick(random, corpus);
        byte[] content = read(file);
        int rounds = 1 + random.nextInt(random.nextInt(4) == 0 ? 40 : 6);
        byte[] mutated = ByteMutations.mutate(content, random, rounds, SNIPPETS);
        return inProject("corpus-mutation", rounds + " edits of corpus " + file.project().getFileName() + "/" + file.path(),
                file, mutated);
    }

    private Input corpusTruncation(Random random) {
        CorpusFile file = pick(random, corpus);
        byte[] cut = ByteMutations.truncate(read(file), random);
        return inProject("corpus-truncation", "corpus " + file.project().getFileName() + "/" + file.path() + " cut at " + cut.length,
                file, cut);
    }

    // ---- SQL -------------------------------------------------------------------------------------------------

    private static int depth(Random random) {
        return pick(random, List.of(50, 500, 2_000, 10_000, 100_000));
    }

    private Input sqlDeepNesting(Random random) {
        int depth = depth(random);
        boolean closed = random.nextInt(3) > 0;
        String[] open = pick(random, List.of(new String[] {"(", ")"}, new String[] {"coalesce(", ")"},
                new String[] {"ARRAY[", "]"}, new String[] {"CASE WHEN true THEN ", " END"}, new String[] {"/* ", " */"},
                new String[] {"(SELECT ", ")"}, new String[] {"BEGIN ", " END;"}, new String[] {"'(", ")'"}));
        String inner = open[0].repeat(depth) + "1" + (closed ? open[1].repeat(depth) : "");
        String statement = String.format(pick(random, SQL_SHAPES), inner);
        Place place = pick(random, Place.SQL);
        return single("sql-deep-nesting", depth + " deep " + open[0].strip() + (closed ? "" : " (unclosed)") + " in " + place.path,
                place.file(utf8(statement)));
    }

    private Input sqlHugeStatement(Random random) {
        int size = 1 << 20;
        String statement = switch (random.nextInt(8)) {
            case 0 -> "INSERT INTO t (a, b) VALUES " + "(1, 'x'), ".repeat(size / 10) + "(2, 'y');";
            case 1 -> "CREATE TABLE wide (" + joined(size / 12, i -> "c" + i + " int", ", ") + ");";
            case 2 -> "SELECT '" + "x".repeat(size) + "';";
            case 3 -> "UPDATE users SET c = 1 WHERE id IN (" + joined(size / 8, Integer::toString, ", ") + ");";
            case 4 -> "CREATE FUNCTION f() RETURNS void AS $$ BEGIN " + "PERFORM 1; ".repeat(size / 11) + "END $$ LANGUAGE plpgsql;";
            case 5 -> ";".repeat(size);
            case 6 -> joined(size / 36, i -> "ALTER TABLE users ADD COLUMN c" + i + " int;", "\n");
            default -> "-- " + "x".repeat(size) + "\nCREATE INDEX i ON t (c);";
        };
        Place place = pick(random, Place.SQL);
        return single("sql-huge-statement", statement.length() + " characters starting " + statement.substring(0, 30) + " in "
                + place.path, place.file(utf8(statement)));
    }

    private Input sqlLongIdentifier(Random random) {
        int length = pick(random, List.of(64, 1_000, 100_000, 300_000));
        String name = switch (random.nextInt(4)) {
            case 0 -> "a".repeat(length);
            case 1 -> "\"" + "q\"\"".repeat(length / 3) + "\"";
            case 2 -> "\uD83D\uDE00".repeat(length / 2);
            default -> "s".repeat(length / 2) + "." + "t".repeat(length / 2);
        };
        String statement = pick(random, List.of("ALTER TABLE %1$s ADD COLUMN %1$s int NOT NULL;", "CREATE INDEX %1$s ON %1$s (%1$s);",
                "ALTER TABLE %1$s RENAME COLUMN %1$s TO b;", "DROP TABLE %1$s;", "CREATE TABLE %1$s (%1$s varchar(10));"))
                .formatted(name);
        Place place = pick(random, Place.SQL);
        return single("sql-long-identifier", length + "-character identifier in " + place.path, place.file(utf8(statement)));
    }

    private Input sqlUnbalanced(Random random) {
        String opener = pick(random, List.of("'", "\"", "`", "$$", "$body$", "/*", "E'\\'", "[", "(", "${", "U&'", "--\r"));
        var text = new StringBuilder();
        int statements = 1 + random.nextInt(random.nextInt(6) == 0 ? 5_000 : 20);
        for (int i = 0; i < statements; i++) {
            String shape = pick(random, SQL_SHAPES);
            text.append(String.format(shape, random.nextBoolean() ? opener + "1" : "1")).append(random.nextBoolean() ? "\n" : " ");
        }
        Place place = pick(random, Place.SQL);
        return single("sql-unbalanced", statements + " statements with unclosed " + opener.strip() + " in " + place.path,
                place.file(utf8(text.toString())));
    }

    /** Statements rules look back or ahead from, thousands of times: a rule that scans the change per operation is quadratic. */
    private static final List<String> REPEATED = List.of("BEGIN;\nCOMMIT;", "COMMIT;", "ALTER TABLE a%1$d RENAME TO b%1$d;",
            "ALTER TABLE t%1$d ALTER COLUMN c SET NOT NULL;", "ALTER TABLE users ALTER COLUMN c%1$d SET NOT NULL;",
            "ALTER TABLE users DROP COLUMN c%1$d;", "ALTER TABLE users ADD COLUMN c%1$d int NOT NULL;",
            "CREATE INDEX i%1$d ON t%1$d (c);", "UPDATE users SET c = %1$d;", "ALTER TABLE users ALTER COLUMN c TYPE bigint;",
            "ALTER TABLE t%1$d ADD CONSTRAINT fk%1$d FOREIGN KEY (a) REFERENCES users (id);", "ALTER TYPE mood RENAME VALUE 'a%1$d' TO 'b%1$d';",
            "SET lock_timeout = '%1$ds';", "CREATE TABLE t%1$d (id int);\nDROP TABLE t%1$d;", "ALTER TABLE users RENAME COLUMN a%1$d TO b%1$d;");

    private Input sqlRepeatedStatement(Random random) {
        String statement = pick(random, REPEATED);
        int count = pick(random, List.of(1_000, 5_000, 10_000));
        Place place = pick(random, Place.SQL);
        return single("sql-repeated-statement", count + " x " + statement.replace('\n', ' ') + " in " + place.path,
                place.file(utf8(joined(count, i -> String.format(statement, i), "\n"))));
    }

    // ---- Liquibase -------------------------------------------------------------------------------------------

    private static final String CHANGE_SET_XML = "<changeSet id=\"1\" author=\"fuzz\"><sql>%s</sql></changeSet>";

    private Input liquibaseXml(Random random) {
        String root = "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">";
        String variant;
        String body = switch (random.nextInt(10)) {
            case 0 -> {
                variant = "billion laughs";
                var entities = new StringBuilder("<!ENTITY lol \"lol\">");
                for (int i = 1; i <= 9; i++) {
                    entities.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                            .append("\">");
                }
                yield "<?xml version=\"1.0\"?><!DOCTYPE databaseChangeLog [" + entities + "]>" + root
                        + CHANGE_SET_XML.formatted("&lol9;") + "</databaseChangeLog>";
            }
            case 1 -> {
                variant = "quadratic entity blow-up";
                yield "<!DOCTYPE databaseChangeLog [<!ENTITY a \"" + "a".repeat(50_000) + "\">]>" + root
                        + CHANGE_SET_XML.formatted("&a;".repeat(50_000)) + "</databaseChangeLog>";
            }
            case 2 -> {
                variant = "external entity naming a local file";
                yield "<!DOCTYPE databaseChangeLog [<!ENTITY xxe SYSTEM \"" + xxeMarker.toUri() + "\">]>" + root
                        + CHANGE_SET_XML.formatted("&xxe;") + "</databaseChangeLog>";
            }
            case 3 -> {
                variant = "external DTD";
                yield "<!DOCTYPE databaseChangeLog SYSTEM \"" + xxeMarker.toUri() + "\">" + root + CHANGE_SET_XML.formatted("SELECT 1;")
                        + "</databaseChangeLog>";
            }
            case 4 -> {
                int depth = depth(random);
                variant = depth + " nested elements";
                yield root + "<changeSet id=\"1\" author=\"f\">" + "<x>".repeat(depth) + "</x>".repeat(random.nextBoolean() ? depth : 0)
                        + "</changeSet></databaseChangeLog>";
            }
            case 5 -> {
                variant = "huge attribute";
                yield root + "<changeSet id=\"" + "1".repeat(1 << 20) + "\" author=\"f\"><dropTable tableName=\"t\"/></changeSet>"
                        + "</databaseChangeLog>";
            }
            case 6 -> {
                variant = "including itself";
                yield root + "<include file=\"" + Place.LIQUIBASE_XML.path + "\"/><includeAll path=\"db/changelog/\"/>"
                        + "</databaseChangeLog>";
            }
            case 7 -> {
                variant = "unterminated CDATA, comment and character references";
                yield root + "<changeSet id=\"1\" author=\"f\"><sql><![CDATA[DROP TABLE t; &#0; &#xD800;<!-- ";
            }
            case 8 -> {
                variant = "5,000 change sets";
                yield root + joined(5_000, i -> "<changeSet id=\"" + i + "\" author=\"f\"><addColumn tableName=\"users\">"
                        + "<column name=\"c" + i + "\" type=\"int\"><constraints nullable=\"false\"/></column></addColumn></changeSet>", "\n")
                        + "</databaseChangeLog>";
            }
            default -> {
                variant = "declared encoding UTF-16 on UTF-8 bytes";
                yield "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + root + CHANGE_SET_XML.formatted("DROP TABLE t;")
                        + "</databaseChangeLog>";
            }
        };
        return single("liquibase-xml", variant, Place.LIQUIBASE_XML.file(utf8(body)));
    }

    private Input liquibaseYaml(Random random) {
        String variant;
        String body = switch (random.nextInt(7)) {
            case 0 -> {
                variant = "anchor bomb";
                yield anchorBomb() + "databaseChangeLog:\n  - changeSet: {id: 1, author: f, changes: [{sql: {sql: *a9}}]}\n";
            }
            case 1 -> {
                int depth = depth(random);
                variant = depth + " nested flow sequences";
                yield "databaseChangeLog: " + "[".repeat(depth) + "]".repeat(random.nextBoolean() ? depth : 0) + "\n";
            }
            case 2 -> {
                variant = "tags naming Java classes";
                yield "databaseChangeLog:\n  - changeSet: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                        + "[[!!java.net.URL [\"" + xxeMarker.toUri() + "\"]]]]\n";
            }
            case 3 -> {
                variant = "including itself";
                yield "databaseChangeLog:\n  - include: {file: " + Place.LIQUIBASE_YAML.path + "}\n  - includeAll: {path: db/changelog/}\n";
            }
            case 4 -> {
                variant = "merge key loop and huge key";
                yield "base: &b {<<: *b}\n" + "k".repeat(1 << 20) + ": 1\ndatabaseChangeLog: []\n";
            }
            case 5 -> {
                int depth = Math.min(depth(random), 2_000);
                variant = depth + " nested block mappings";
                var nested = new StringBuilder("databaseChangeLog:\n");
                for (int i = 0; i < depth; i++) {
                    nested.append(" ".repeat(i + 1)).append("- k:\n");
                }
                yield nested.toString();
            }
            default -> {
                variant = "10,000 documents";
                yield "---\ndatabaseChangeLog: []\n".repeat(10_000);
            }
        };
        return single("liquibase-yaml", variant, Place.LIQUIBASE_YAML.file(utf8(body)));
    }

    /** YAML's billion laughs: anchors a0 to a9, each a list of nine of the one before, so *a9 expands to 9^10 strings. */
    private static String anchorBomb() {
        var bomb = new StringBuilder("a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        return bomb.toString();
    }

    private Input liquibaseJson(Random random) {
        String variant;
        String body = switch (random.nextInt(5)) {
            case 0 -> {
                int depth = depth(random);
                variant = depth + " nested arrays";
                yield "{\"databaseChangeLog\": " + "[".repeat(depth) + "]".repeat(random.nextBoolean() ? depth : 0) + "}";
            }
            case 1 -> {
                variant = "huge numbers and NaN";
                yield "{\"databaseChangeLog\": [{\"changeSet\": {\"id\": 1e999999999, \"author\": NaN, \"changes\": [{\"addColumn\": "
                        + "{\"tableName\": \"t\", \"columns\": [{\"column\": {\"name\": \"c\", \"type\": 123456789012345678901234567890}}]}}]}}]}";
            }
            case 2 -> {
                variant = "including itself";
                yield "{\"databaseChangeLog\": [{\"include\": {\"file\": \"" + Place.LIQUIBASE_JSON.path + "\"}}]}";
            }
            case 3 -> {
                variant = "duplicate keys and wrong types";
                yield "{\"databaseChangeLog\": {\"databaseChangeLog\": 1}, \"databaseChangeLog\": [null, 1, \"x\", [], "
                        + "{\"changeSet\": [1]}, {\"changeSet\": {\"changes\": {\"dropTable\": []}}}]}";
            }
            default -> {
                variant = "huge string";
                yield "{\"databaseChangeLog\": [{\"changeSet\": {\"id\": \"1\", \"author\": \"f\", \"changes\": [{\"sql\": {\"sql\": \""
                        + "DROP TABLE t; ".repeat(20_000) + "\"}}]}}]}";
            }
        };
        return single("liquibase-json", variant, Place.LIQUIBASE_JSON.file(utf8(body)));
    }

    // ---- DSL frontends ---------------------------------------------------------------------------------------

    private Input rails(Random random) {
        int depth = depth(random);
        String variant;
        String body = switch (random.nextInt(9)) {
            case 0 -> {
                variant = "heredoc without its end";
                yield "    execute <<~SQL\n      ALTER TABLE users ADD COLUMN c int NOT NULL;\n";
            }
            case 1 -> {
                variant = "heredoc holding " + depth + " nested parentheses";
                yield "    execute <<~SQL\n      SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth) + ";\n    SQL\n  end\nend\n";
            }
            case 2 -> {
                variant = depth + " nested do blocks without end";
                yield "    create_table :t do |t|\n".repeat(Math.min(depth, 20_000));
            }
            case 3 -> {
                variant = depth + " nested parentheses and brackets";
                yield "    add_column :users, :c, " + "([{".repeat(depth / 3) + "1" + "}])".repeat(random.nextBoolean() ? depth / 3 : 0) + "\n";
            }
            case 4 -> {
                variant = "unterminated literals";
                yield pick(random, List.of("    execute \"ALTER TABLE #{", "    add_column :t, %w(a b", "=begin\n    drop_table :t\n",
                        "    execute %q{DROP TABLE t", "    add_index :t, :c, where: \"a = '", "    execute 'x\\"));
            }
            case 5 -> {
                variant = "many heredocs on one line";
                yield "    execute(" + "<<~A, ".repeat(2_000) + "<<~B)\n" + "DROP TABLE t;\nA\n".repeat(1_000) + "end\n";
            }
            case 6 -> {
                variant = depth + " ends without a start";
                yield "end\n".repeat(Math.min(depth, 50_000));
            }
            case 7 -> {
                variant = depth + " nested string interpolations";
                yield "    execute \"" + "#{\"".repeat(Math.min(depth, 10_000)) + "x" + "\"}".repeat(Math.min(depth, 10_000)) + "\"\n  end\nend\n";
            }
            default -> {
                variant = "20,000 calls";
                yield "    add_column :users, :c, :integer, null: false\n".repeat(20_000) + "  end\nend\n";
            }
        };
        return single("rails", variant, Place.RAILS.file(utf8(body)));
    }

    private Input python(Random random) {
        int depth = depth(random);
        boolean django = random.nextBoolean();
        Place place = django ? Place.DJANGO : Place.ALEMBIC;
        String indent = django ? "        " : "    ";
        String variant;
        String body = switch (random.nextInt(9)) {
            case 0 -> {
                variant = depth + " unbalanced brackets";
                yield indent + "op.add_column('t', sa.Column(" + "([{".repeat(depth / 3) + "\n";
            }
            case 1 -> {
                variant = depth + " balanced nested brackets";
                yield indent + (django ? "migrations.RunSQL(" : "op.execute(") + "(".repeat(depth) + "'x'" + ")".repeat(depth) + ")\n";
            }
            case 2 -> {
                variant = "unterminated triple-quoted SQL";
                yield indent + (django ? "migrations.RunSQL(\"\"\"" : "op.execute(\"\"\"") + "\nDROP TABLE t;\n";
            }
            case 3 -> {
                variant = "line continuation at the end of the file";
                yield indent + "op.drop_column('t', \\";
            }
            case 4 -> {
                variant = "mixed tabs and spaces, huge indentation";
                yield "\t" + indent + "op.drop_table('t')\n" + " ".repeat(1 << 20) + "op.drop_table('u')\n";
            }
            case 5 -> {
                variant = depth + " nested f-strings";
                int d = Math.min(depth, 5_000);
                yield indent + "op.execute(" + "f'{".repeat(d) + "x" + "}'".repeat(d) + ")\n";
            }
            case 6 -> {
                variant = "SQL with " + depth + " nested parentheses";
                yield indent + (django ? "migrations.RunSQL('SELECT " : "op.execute('SELECT ") + "(".repeat(depth) + "1" + ")".repeat(depth)
                        + "')\n";
            }
            case 7 -> {
                variant = "20,000 operations";
                yield (indent + (django ? "migrations.RemoveField(model_name='m', name='f'),\n" : "op.drop_column('t', 'c')\n")).repeat(20_000);
            }
            default -> {
                variant = depth + " nested lambdas and comprehensions";
                yield indent + "x = " + "[lambda: ".repeat(Math.min(depth, 10_000)) + "1" + "]".repeat(Math.min(depth, 10_000)) + "\n";
            }
        };
        return single("python", (django ? "Django: " : "Alembic: ") + variant, place.file(utf8(body)));
    }

    private Input flywayJava(Random random) {
        int depth = depth(random);
        String variant;
        String body = switch (random.nextInt(5)) {
            case 0 -> {
                variant = "unterminated string";
                yield "ALTER TABLE users ADD COLUMN c int NOT NULL);\n";
            }
            case 1 -> {
                variant = "unterminated comment and text block";
                yield "\");\n/* " + "\"\"\"\n".repeat(3) + "DROP TABLE t;";
            }
            case 2 -> {
                variant = depth + " nested braces";
                yield "\");\n" + "{".repeat(depth) + "}".repeat(random.nextBoolean() ? depth : 0);
            }
            case 3 -> {
                variant = "unicode escapes";
                yield "\\u0022);\\u000a\\u002a/ DROP TABLE t; \\uXYZ \\u";
            }
            default -> {
                variant = "SQL with " + depth + " nested parentheses";
                yield "SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth) + "\");\n    }\n}\n";
            }
        };
        return single("flyway-java", variant, Place.FLYWAY_JAVA.file(utf8(body)));
    }

    private Input prisma(Random random) {
        String lock = pick(random, List.of("provider = \"", "provider = \"postgresql\"\nprovider = \"mysql\"\n", "provider = \u0000",
                "provider = \"" + "x".repeat(1 << 20) + "\"", "[[[[", "provider = \"sqlite\"\n", ""));
        byte[] migration = utf8(String.format(pick(random, SQL_SHAPES), "1"));
        String lockPath = "prisma/migrations/migration_lock.toml";
        var files = List.of(Place.PRISMA.file(migration), new SourceFile(lockPath, utf8(lock)));
        return new Input("prisma", "migration_lock.toml of " + lock.length() + " characters", List.of(files.getFirst()),
                treeOf(files), Optional.empty());
    }

    // ---- configuration ---------------------------------------------------------------------------------------

    private Input config(Random random) {
        String variant;
        String config = switch (random.nextInt(6)) {
            case 0 -> {
                variant = "globs that backtrack";
                String glob = pick(random, List.of("**/".repeat(40) + "*a", "*".repeat(200) + "b", "{a,{b,{c,{d,{e,}}}}}/".repeat(20) + "*",
                        "[".repeat(100), "**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/x.sql", "?".repeat(10_000)));
                yield "migrations:\n  - glob: \"" + glob + "\"\n    framework: flyway\nexclude: [\"" + glob + "\"]\n";
            }
            case 1 -> {
                variant = "anchor bomb";
                yield anchorBomb() + "exclude: *a9\n";
            }
            case 2 -> {
                int depth = Math.min(depth(random), 50_000);
                variant = depth + " nested flow mappings";
                yield "rules: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\n";
            }
            case 3 -> {
                variant = "wrong types everywhere";
                yield "database: [1, 2]\nmigrations: {glob: 3}\nexclude: 7\nrules: [error]\ntimeouts_set_by_runner: maybe\n"
                        + "areas: \"x\"\ncommands: [1]\nproof: {mode: 12}\nextends: {a: 1}\n";
            }
            case 4 -> {
                variant = "edits of the documented example";
                yield new String(ByteMutations.mutate(readExampleConfig(), random, 1 + random.nextInt(10), SNIPPETS),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
            default -> {
                variant = "just over the size limit";
                yield "exclude:\n" + "  - \"db/seeds/**\"\n".repeat(20_000);
            }
        };
        String path = "db/migration/" + "a/".repeat(random.nextInt(60)) + "V2__fuzz.sql";
        var migration = SourceFile.of(path, "ALTER TABLE users ADD COLUMN c int NOT NULL;\nDROP TABLE t;\n");
        return new Input("config", variant, List.of(migration), treeOf(List.of(migration)), Optional.of(utf8(config)));
    }

    private static byte[] readExampleConfig() {
        try {
            return Files.readAllBytes(Path.of("docs/migration-review.example.yml"));
        } catch (IOException e) {
            return utf8("database: postgresql\nrules:\n  drop-table: error\n");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Input single(String category, String description, SourceFile file) {
        return new Input(category, description, List.of(file), treeOf(List.of(file)), Optional.empty());
    }

    /** A mutated corpus file in its real project, which its includes and lock files are read from. */
    private Input inProject(String category, String description, CorpusFile file, byte[] content) {
        FileTree project = projects.computeIfAbsent(file.project(), DirectoryFileTree::new);
        var changed = new SourceFile(file.path(), content);
        FileTree overlaid = new FileTree() {
            @Override
            public Optional<SourceFile> read(String path) {
                return path.equals(file.path()) ? Optional.of(changed) : project.read(path);
            }

            @Override
            public List<String> list(String folder) {
                return project.list(folder);
            }
        };
        return new Input(category, description, List.of(changed), overlaid, Optional.empty());
    }

    static FileTree treeOf(List<SourceFile> files) {
        var byPath = new java.util.TreeMap<String, SourceFile>();
        files.forEach(f -> byPath.put(f.path(), f));
        return new FileTree() {
            @Override
            public Optional<SourceFile> read(String path) {
                return Optional.ofNullable(byPath.get(path));
            }

            @Override
            public List<String> list(String folder) {
                String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
                return byPath.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
            }
        };
    }

    private static String joined(int count, java.util.function.IntFunction<String> item, String separator) {
        var out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : separator).append(item.apply(i));
        }
        return out.toString();
    }

    private static byte[] read(CorpusFile file) {
        try {
            return Files.readAllBytes(file.project().resolve(file.path()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CorpusFile> listCorpus(Path corpus) {
        var files = new ArrayList<CorpusFile>();
        try (Stream<Path> frameworks = Files.list(corpus)) {
            for (Path framework : frameworks.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> projects = Files.list(framework)) {
                    for (Path project : projects.filter(Files::isDirectory).sorted().toList()) {
                        var tree = new DirectoryFileTree(project);
                        tree.list("").forEach(path -> files.add(new CorpusFile(tree.root(), path)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the corpus at " + corpus, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("the corpus at " + corpus.toAbsolutePath() + " holds no files");
        }
        return files;
    }

    static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    static <T> T pick(Random random, T[] items) {
        return items[random.nextInt(items.length)];
    }
}
