package dev.migrationreview.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.PolicyConfig;
import dev.migrationreview.discovery.InMemoryFileTree;
import dev.migrationreview.operation.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableSizesTest {

    private static final String EXPORT = """
            relid,schemaname,relname,seq_scan,n_live_tup,n_dead_tup,total_bytes
            16384,public,invoices,12,120000000,3000,48318382080
            16390,billing,events,0,2500000000,0,
            16400,"public","odd, name",1,42,0,8192
            16401,public,broken,1,,0,
            """;

    @Test
    void readsAPgStatUserTablesExportAndTheConfigsRowsWhichWin() {
        var notes = new ArrayList<String>();
        var sizes = TableSizes.load(new PolicyConfig.TableSizes(Optional.of("db/stats.csv"),
                Map.of("invoices", 1000L, "billing.ledger", 7L)), InMemoryFileTree.of(Map.of("db/stats.csv", EXPORT)), notes);

        assertThat(sizes.of(TableRef.of("invoices"))).map(TableSizes.Size::describe).contains("about 120 million rows, 45 GB");
        assertThat(sizes.of(TableRef.of("billing", "events"))).map(TableSizes.Size::describe).contains("about 2.5 billion rows");
        assertThat(sizes.of(TableRef.of("events"))).as("events is in schema billing, not public").isEmpty();
        assertThat(sizes.of(TableRef.parse("\"odd, name\""))).map(TableSizes.Size::describe).contains("about 42 rows, 8 kB");
        assertThat(sizes.of(TableRef.of("sales", "invoices"))).as("unqualified config rows apply in any schema")
                .map(TableSizes.Size::rows).contains(1000L);
        assertThat(sizes.of(TableRef.of("billing", "ledger"))).map(TableSizes.Size::rows).contains(7L);
        assertThat(notes).containsExactly("table_sizes.stats_file db/stats.csv: 1 line(s) without a table name or row count were skipped");
    }

    @Test
    void aMissingOrUnusableExportIsANote() {
        var notes = new ArrayList<String>();
        TableSizes.load(new PolicyConfig.TableSizes(Optional.of("db/stats.csv"), Map.of()), InMemoryFileTree.of(Map.of()), notes);
        TableSizes.load(new PolicyConfig.TableSizes(Optional.of("x.csv"), Map.of()),
                InMemoryFileTree.of(Map.of("x.csv", "name,rows\na,1\n")), notes);
        assertThat(notes).containsExactly(
                "table_sizes.stats_file db/stats.csv is not on the base branch; table sizes come from the config only",
                "table_sizes.stats_file x.csv has no relname and n_live_tup columns (export pg_stat_user_tables with a header)");
    }

    @Test
    void csvFieldsMayBeQuotedWithCommasQuotesAndLineBreaks() {
        assertThat(TableSizes.Csv.parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,x\n\n"))
                .isEqualTo(List.of(List.of("a", "b,c", "say \"hi\""), List.of("multi\nline", "", "x")));
    }

    @Test
    void quantitiesReadAsPeopleSayThem() {
        assertThat(Quantities.rows(1)).isEqualTo("1 row");
        assertThat(Quantities.rows(4500)).isEqualTo("4,500 rows");
        assertThat(Quantities.rows(120_000)).isEqualTo("120 thousand rows");
        assertThat(Quantities.rows(999_600)).isEqualTo("1 million rows");
        assertThat(Quantities.rows(1_250_000)).isEqualTo("1.3 million rows");
        assertThat(Quantities.bytes(512)).isEqualTo("512 bytes");
        assertThat(Quantities.bytes(1536)).isEqualTo("1.5 kB");
        assertThat(Quantities.bytes(48_318_382_080L)).isEqualTo("45 GB");
    }
}
