package dev.migrationreview.frontend.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.frontend.CorpusFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyParserTest {

    @Test
    void readsNestedCallsWithKeywordsListsAndDictsAcrossLines() {
        var module = PyModule.parse("""
                from alembic import op
                import sqlalchemy as sa

                def upgrade():
                    op.add_column(
                        "user",  # the table
                        sa.Column("email", sa.String(length=255), nullable=False, server_default=""),
                    )
                    op.create_index("ix", "user", ["email", "id"], unique=True, postgresql_where={"a": 1})
                """);
        assertThat(module.body()).hasSize(3);
        var upgrade = (PyStmt.FunctionDef) module.body().get(2);
        assertThat(upgrade.name()).isEqualTo("upgrade");
        var addColumn = (PyExpr.Call) ((PyStmt.ExprStmt) upgrade.body().get(0)).expr();
        assertThat(addColumn.span().line()).isEqualTo(5);
        assertThat(addColumn.span().endLine()).isEqualTo(8);
        assertThat(((PyExpr.Str) addColumn.args().get(0)).value()).isEqualTo("user");
        var column = (PyExpr.Call) addColumn.args().get(1);
        assertThat(column.keyword("nullable")).get().isInstanceOf(PyExpr.Constant.class);
        var type = (PyExpr.Call) column.args().get(1);
        assertThat(((PyExpr.Num) type.keyword("length").orElseThrow()).text()).isEqualTo("255");
        var index = (PyExpr.Call) ((PyStmt.ExprStmt) upgrade.body().get(1)).expr();
        assertThat(((PyExpr.Sequence) index.args().get(2)).elements()).hasSize(2);
        assertThat(index.keyword("postgresql_where")).get().isInstanceOf(PyExpr.Dict.class);
        assertThat(module.comments()).extracting(PyTokenizer.PyComment::text).containsExactly("the table");
        assertThat(module.comments().get(0).trailing()).isTrue();
    }

    @Test
    void decodesEveryStringFormAndConcatenatesAdjacentLiterals() {
        var module = PyModule.parse("""
                a = 'it\\'s' "x\\ty"
                b = r"\\d+" b'raw' f"{name}s"
                c = \"\"\"
                SELECT 1;
                \"\"\"
                d = ('ALTER TABLE t '
                     'ADD COLUMN c int')
                """);
        assertThat(stringValue(module, 0)).isEqualTo("it'sx\ty");
        var b = (PyExpr.Str) ((PyStmt.Assign) module.body().get(1)).value();
        assertThat(b.value()).isEqualTo("\\d+raw{name}s");
        assertThat(b.formatted()).isTrue();
        assertThat(b.bytes()).isTrue();
        var c = (PyExpr.Str) ((PyStmt.Assign) module.body().get(2)).value();
        assertThat(c.value()).isEqualTo("\nSELECT 1;\n");
        assertThat(c.lineExact()).isTrue();
        assertThat(c.span().line()).isEqualTo(3);
        var d = (PyExpr.Str) ((PyStmt.Assign) module.body().get(3)).value();
        assertThat(d.value()).isEqualTo("ALTER TABLE t ADD COLUMN c int");
        assertThat(d.lineExact()).isFalse();
        assertThat(d.span().endLine()).isEqualTo(7);
    }

    @Test
    void followsBlocksIncludingWithAliasesAndConditionals() {
        var module = PyModule.parse("""
                class Migration(migrations.Migration):
                    atomic = False

                    def upgrade(self, *args, limit: int = 10, **kwargs) -> None:
                        if x not in [i["name"] for i in y]:
                            with op.get_context().autocommit_block():
                                op.execute("SELECT 1")
                        else:
                            pass
                        with op.batch_alter_table("t") as batch_op:
                            batch_op.drop_column("c")
                        for name in ("a", "b"):
                            op.drop_table(name)
                        try:
                            op.execute("x")
                        except Exception as e:
                            raise
                """);
        var cls = (PyStmt.ClassDef) module.body().get(0);
        assertThat(cls.bases()).hasSize(1);
        var def = (PyStmt.FunctionDef) cls.body().get(1);
        assertThat(def.parameters()).extracting(PyStmt.Parameter::name).containsExactly("self", "args", "limit", "kwargs");
        assertThat(def.parameters().get(2).defaultValue()).get().isInstanceOf(PyExpr.Num.class);
        assertThat(def.body()).extracting(s -> s.getClass().getSimpleName())
                .containsExactly("Block", "Block", "With", "For", "Block", "Block");
        var loop = (PyStmt.For) def.body().get(3);
        assertThat(((PyExpr.Name) loop.target()).id()).isEqualTo("name");
        assertThat(((PyExpr.Sequence) loop.iterable()).elements()).hasSize(2);
        var ifBlock = (PyStmt.Block) def.body().get(0);
        var condition = (PyExpr.Compare) ifBlock.header().orElseThrow();
        assertThat(condition.ops()).containsExactly("not in");
        assertThat(condition.comparators().get(0)).isInstanceOf(PyExpr.Other.class);
        var with = (PyStmt.With) ifBlock.body().get(0);
        assertThat(with.body()).hasSize(1);
        var batch = (PyStmt.With) def.body().get(2);
        assertThat(batch.items().get(0).alias()).contains("batch_op");
        assertThat(def.span().endLine()).isEqualTo(17);
    }

    @Test
    void reportsBrokenStatementsAndKeepsReadingTheRest() {
        var module = PyModule.parse("""
                x = (1, 2
                y = 'unterminated
                def f():
                    return 1
                """);
        var unknown = module.body().stream().filter(s -> s instanceof PyStmt.Unknown).toList();
        assertThat(unknown).isNotEmpty();
        assertThat(module.body()).hasSizeGreaterThanOrEqualTo(1);

        var recovered = PyModule.parse("""
                y = 'unterminated
                def f():
                    return 1
                """);
        assertThat(recovered.body().get(0)).isInstanceOf(PyStmt.Unknown.class);
        assertThat(((PyStmt.Unknown) recovered.body().get(0)).message()).contains("unterminated string");
        assertThat(recovered.body()).anyMatch(s -> s instanceof PyStmt.FunctionDef f && f.name().equals("f"));
    }

    @Test
    void neverThrowsOnArbitraryText() {
        for (String text : List.of("", "\n\n", ")))", "def", "class X(:\n", "@\n", "\"\"\"", "a = {1: 2, 3}",
                "lambda", "x[", "\tif x:\n  y\n\tz", "from . import", "\\", "import", "f(**)", "a if b")) {
            PyModule.parse(text);
        }
    }

    @Test
    void readsEveryCorpusPythonFileWithoutAnUnknownStatement() throws IOException {
        var unknown = new ArrayList<String>();
        int files = 0;
        for (Path file : CorpusFiles.list("alembic", "django")) {
            if (!file.toString().endsWith(".py")) {
                continue;
            }
            files++;
            var module = PyModule.parse(Files.readString(file));
            collectUnknown(module.body(), file, unknown);
        }
        assertThat(files).isGreaterThan(300);
        assertThat(unknown).isEmpty();
    }

    /** Found by the engine fuzzer: deep nesting overflowed the stack (a StackOverflowError the engine had to catch). */
    @Test
    void constructsNestedPastTheLimitMakeTheStatementUnknownInsteadOfOverflowingTheStack() {
        int depth = 50_000;
        for (String deep : List.of("x = " + "(".repeat(depth) + "1" + ")".repeat(depth), "x = " + "[f(".repeat(depth),
                "x = " + "not ".repeat(depth) + "y", "x = " + "-".repeat(depth) + "1", "x = " + "lambda: ".repeat(depth) + "1",
                "x = " + "2 ** -".repeat(depth) + "1", "if a:\n" + java.util.stream.IntStream.range(1, 2_000)
                        .mapToObj(i -> " ".repeat(i) + "if a:\n").collect(java.util.stream.Collectors.joining()))) {
            var module = PyModule.parse(deep + "\n");
            var unknown = new ArrayList<String>();
            collectUnknown(module.body(), Path.of("deep.py"), unknown);
            assertThat(unknown).as(deep.substring(0, 20)).anyMatch(u -> u.contains("nested more than 100 levels deep"));
        }
        var module = PyModule.parse("x = " + "(".repeat(depth) + "1" + ")".repeat(depth) + "\ny = 2\n");
        assertThat(module.body().getLast()).as("the statement after").isInstanceOf(PyStmt.Assign.class);
    }

    private static void collectUnknown(List<PyStmt> body, Path file, List<String> out) {
        for (PyStmt s : body) {
            switch (s) {
                case PyStmt.Unknown u -> out.add(file + ":" + u.span().line() + " " + u.message());
                case PyStmt.FunctionDef f -> collectUnknown(f.body(), file, out);
                case PyStmt.ClassDef c -> collectUnknown(c.body(), file, out);
                case PyStmt.With w -> collectUnknown(w.body(), file, out);
                case PyStmt.Block b -> collectUnknown(b.body(), file, out);
                case PyStmt.For f -> collectUnknown(f.body(), file, out);
                default -> { }
            }
        }
    }

    private static String stringValue(PyModule module, int index) {
        return ((PyExpr.Str) ((PyStmt.Assign) module.body().get(index)).value()).value();
    }
}
