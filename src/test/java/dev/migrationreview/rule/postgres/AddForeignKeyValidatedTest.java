package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Fix;
import org.junit.jupiter.api.Test;

class AddForeignKeyValidatedTest {

    private final AddForeignKeyValidated rule = new AddForeignKeyValidated();

    @Test
    void withoutATransactionTheFixReplacesTheStatementWithBothSteps() {
        var found = findingsNoTransaction(rule,
                "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("SHARE ROW EXCLUSIVE on orders and users");
            assertThat(f.fix()).contains(new Fix(
                    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE NOT VALID;\n"
                            + "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;", true));
        });
    }

    @Test
    void anUnnamedKeyIsNamedSoItCanBeValidatedLater() {
        var found = findings(rule, "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users;");
        assertThat(found).singleElement().satisfies(f -> assertThat(f.fix()).contains(new Fix(
                "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users NOT VALID;\n"
                        + "-- then, in a separate migration (its own transaction):\n"
                        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;", false)));
    }

    @Test
    void aColumnAddedWithReferencesIsSplitInThree() {
        var found = findings(rule, "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);");
        assertThat(found).singleElement().satisfies(f -> assertThat(f.fix().orElseThrow().code()).isEqualTo(
                "ALTER TABLE orders ADD COLUMN user_id bigint;\n"
                        + "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;"
                        + " -- keep your ON DELETE / ON UPDATE actions\n"
                        + "-- then, in a separate migration (its own transaction):\n"
                        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;"));
    }

    @Test
    void notValidKeysNewTablesAndMysqlAreFine() {
        assertThat(findings(rule, "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE orders (id bigint, user_id bigint);\n"
                + "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);")).isEmpty();
        assertThat(findings(rule, mysql(), "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);")).isEmpty();
    }
}
