package dev.migrationreview.frontend.rails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.frontend.CorpusFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbParserTest {

    private static RbNode.ClassDef migrationClass(RbParser.Program program) {
        return (RbNode.ClassDef) program.body().stream().filter(n -> n instanceof RbNode.ClassDef).findFirst()
                .orElseThrow();
    }

    @Test
    void readsCommandCallsBlocksAndOptions() {
        var program = RbParser.parse("""
                # frozen_string_literal: true

                class CreateUsers < ActiveRecord::Migration[7.1]
                  disable_ddl_transaction!

                  def change
                    create_table :users, id: :uuid do |t| # the users
                      t.string :email, null: false, limit: 128
                      t.references :org, foreign_key: { to_table: :organizations }, index: true
                      t.timestamps
                    end

                    add_index :users, %i[email org_id], unique: true, algorithm: :concurrently, :where => "email IS NOT NULL"
                  end
                end
                """);
        var cls = migrationClass(program);
        assertThat(cls.name()).isEqualTo("CreateUsers");
        var superclass = (RbNode.Index) cls.superclass().orElseThrow();
        assertThat(((RbNode.Const) superclass.receiver()).path()).isEqualTo("ActiveRecord::Migration");
        assertThat(((RbNode.Num) superclass.args().get(0)).text()).isEqualTo("7.1");
        assertThat(((RbNode.Call) cls.body().get(0)).name()).isEqualTo("disable_ddl_transaction!");
        var change = (RbNode.Def) cls.body().get(1);
        var create = (RbNode.Call) change.body().get(0);
        assertThat(create.name()).isEqualTo("create_table");
        assertThat(create.span().line()).isEqualTo(7);
        assertThat(create.span().endLine()).isEqualTo(11);
        assertThat(((RbNode.Sym) create.args().get(0)).name()).isEqualTo("users");
        assertThat(((RbNode.Sym) create.option("id").orElseThrow()).name()).isEqualTo("uuid");
        var block = create.block().orElseThrow();
        assertThat(block.parameters()).containsExactly("t");
        assertThat(block.body()).hasSize(3);
        var email = (RbNode.Call) block.body().get(0);
        assertThat(email.receiver()).get().isInstanceOf(RbNode.Var.class);
        assertThat(email.name()).isEqualTo("string");
        assertThat(((RbNode.Literal) email.option("null").orElseThrow()).text()).isEqualTo("false");
        var references = (RbNode.Call) block.body().get(1);
        assertThat(references.option("foreign_key").orElseThrow()).isInstanceOf(RbNode.Hash.class);
        var index = (RbNode.Call) change.body().get(1);
        assertThat(((RbNode.Words) index.args().get(1)).words()).containsExactly("email", "org_id");
        assertThat(index.option("where").orElseThrow()).isInstanceOf(RbNode.Str.class);
        assertThat(program.comments()).extracting(RbLexer.RbComment::text).contains("the users");
    }

    @Test
    void readsClassMethodsAsDefinitions() {
        var program = RbParser.parse("""
                class Old < ActiveRecord::Migration
                  def self.up
                    add_column :users, :token, :string
                  end
                end
                """);
        var up = (RbNode.Def) migrationClass(program).body().get(0);
        assertThat(up.name()).isEqualTo("up");
        assertThat(up.singleton()).isTrue();
    }

    @Test
    void readsHeredocsPercentStringsAndInterpolation() {
        var program = RbParser.parse("""
                def up
                  execute <<~SQL
                    UPDATE users
                    SET name = 'x'
                  SQL
                  execute %{
                    DELETE FROM t
                  }.squish
                  execute "ALTER TABLE #{table} ADD c int", 'and this'
                  x = 10 % 3
                end
                """);
        var up = (RbNode.Def) program.body().get(0);
        var heredoc = (RbNode.Str) ((RbNode.Call) up.body().get(0)).args().get(0);
        assertThat(heredoc.literal().value()).isEqualTo("UPDATE users\nSET name = 'x'\n");
        assertThat(heredoc.literal().contentLine()).isEqualTo(3);
        assertThat(heredoc.literal().lineExact()).isTrue();
        var squished = (RbNode.Call) ((RbNode.Call) up.body().get(1)).args().get(0);
        assertThat(squished.name()).isEqualTo("squish");
        assertThat(((RbNode.Str) squished.receiver().orElseThrow()).literal().value()).contains("DELETE FROM t");
        var interpolated = (RbNode.Str) ((RbNode.Call) up.body().get(2)).args().get(0);
        assertThat(interpolated.literal().interpolations()).containsExactly("table");
        assertThat(((RbNode.Call) up.body().get(2)).args()).hasSize(2);
        assertThat(up.body().get(3)).isInstanceOf(RbNode.Assign.class);
        assertThat(up.span().endLine()).isEqualTo(11);
    }

    @Test
    void readsConditionalsModifiersAndReversibleBlocks() {
        var program = RbParser.parse("""
                def change
                  reversible do |dir|
                    dir.up do
                      return if connection.table_exists?(:jobs)
                      add_index :jobs, :a unless index_exists?(:jobs, :a)
                    end
                    dir.down { remove_index :jobs, :a }
                  end
                  if Rails.env.production? && x == 1
                    safety_assured { remove_column :users, :legacy }
                  elsif y
                    z
                  else
                    w(1, 2)
                  end
                end
                """);
        var change = (RbNode.Def) program.body().get(0);
        var reversible = (RbNode.Call) change.body().get(0);
        var up = (RbNode.Call) reversible.block().orElseThrow().body().get(0);
        assertThat(up.name()).isEqualTo("up");
        assertThat(up.block().orElseThrow().body()).hasSize(2).allMatch(n -> n instanceof RbNode.If);
        var guarded = (RbNode.If) up.block().orElseThrow().body().get(1);
        assertThat(guarded.unless()).isTrue();
        assertThat(((RbNode.Call) guarded.then().get(0)).name()).isEqualTo("add_index");
        var down = (RbNode.Call) reversible.block().orElseThrow().body().get(1);
        assertThat(((RbNode.Call) down.block().orElseThrow().body().get(0)).name()).isEqualTo("remove_index");
        var conditional = (RbNode.If) change.body().get(1);
        assertThat(conditional.otherwise()).singleElement().isInstanceOf(RbNode.If.class);
    }

    @Test
    void reportsBrokenStatementsAndKeepsReading() {
        var program = RbParser.parse("""
                def up
                  add_column :users, :name, :string,
                  add_index :users, :name )
                  remove_column :users, :x
                end
                """);
        var up = (RbNode.Def) program.body().get(0);
        assertThat(up.body()).anyMatch(n -> n instanceof RbNode.Unknown);
        assertThat(up.body()).anyMatch(n -> n instanceof RbNode.Call c && c.name().equals("remove_column"));
    }

    @Test
    void neverThrowsOnArbitraryText() {
        for (String text : List.of("", "end", "def", "class", "\"", "<<~SQL\nx", "%w[", ":", "{", "foo(", "a ? b",
                "x = ", "do |", "=begin\nx", "__END__\nfoo", "?", "@", "$", "->", "\\", "def x(a, b = (1", "case\nwhen")) {
            RbParser.parse(text);
        }
    }

    /** Found by the engine fuzzer: deep nesting overflowed the stack (a StackOverflowError the engine had to catch). */
    @Test
    void constructsNestedPastTheLimitAreUnknownInsteadOfOverflowingTheStack() {
        int depth = 50_000;
        for (String deep : List.of("create_table :t do |t|\n".repeat(depth), "x = " + "([{".repeat(depth),
                "x = " + "not ".repeat(depth) + "y", "x = " + "!".repeat(depth) + "y", "x = " + "-".repeat(depth) + "1",
                "x = " + "a ? ".repeat(depth) + "b", "x = " + "2 ** -".repeat(depth) + "1")) {
            assertThat(RbParser.parse(deep).body()).as(deep.substring(0, 20)).anyMatch(node -> node instanceof RbNode.Unknown);
        }
        String interpolations = "execute \"" + "#{\"".repeat(depth) + "x" + "\"}".repeat(depth) + "\"\n";
        assertThat(RbParser.parse(interpolations).body()).as("interpolations").anyMatch(node -> node instanceof RbNode.Unknown);
    }

    @Test
    void readsEveryCorpusRubyFileWithoutAnUnknownStatement() throws IOException {
        var unknown = new ArrayList<String>();
        int files = 0;
        for (Path file : CorpusFiles.list("rails")) {
            if (!file.toString().endsWith(".rb")) {
                continue;
            }
            files++;
            collect(RbParser.parse(Files.readString(file)).body(), file, unknown);
        }
        assertThat(files).isGreaterThan(200);
        assertThat(unknown).isEmpty();
    }

    private static void collect(List<RbNode> nodes, Path file, List<String> out) {
        for (RbNode node : nodes) {
            switch (node) {
                case RbNode.Unknown u -> out.add(file.getFileName() + ":" + u.span().line() + " " + u.message());
                case RbNode.ClassDef c -> collect(c.body(), file, out);
                case RbNode.Def d -> collect(d.body(), file, out);
                case RbNode.Call c -> c.block().ifPresent(b -> collect(b.body(), file, out));
                case RbNode.If f -> {
                    collect(f.then(), file, out);
                    collect(f.otherwise(), file, out);
                }
                case RbNode.Compound c -> {
                    collect(c.body(), file, out);
                    collect(c.rescue(), file, out);
                }
                default -> { }
            }
        }
    }
}
