package dev.migrationreview.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionTest {

    @Test
    void readsRuleAndReasonFromACommentBody() {
        assertThat(Suppression.fromComment(" migration-review:ignore create-index-non-concurrently table has 40 rows ", 7))
                .contains(new Suppression("create-index-non-concurrently", Optional.of("table has 40 rows"), 7, false));
    }

    @Test
    void readsAWholeFileSuppressionWithoutReason() {
        assertThat(Suppression.fromComment("migration-review:ignore-file drop-column", 2))
                .contains(new Suppression("drop-column", Optional.empty(), 2, true));
    }

    @Test
    void foldsAMultiLineReasonIntoOneLine() {
        assertThat(Suppression.fromComment("migration-review:ignore drop-table the table\n   was never used", 3))
                .map(Suppression::reason).contains(Optional.of("the table was never used"));
    }

    @Test
    void ignoresOrdinaryComments() {
        assertThat(Suppression.fromComment(" Licensed to the Apache Software Foundation ", 1)).isEmpty();
        assertThat(Suppression.fromComment("migration-review:ignore", 1)).isEmpty();
    }
}
