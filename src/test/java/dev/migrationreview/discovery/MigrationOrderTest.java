package dev.migrationreview.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationOrderTest {

    @Test
    void versionsCompareNumericallyPartByPart() {
        var v2_9 = MigrationOrder.ofVersion("2.9", "a");
        var v2_10 = MigrationOrder.ofVersion("2_10", "b");
        var v10 = MigrationOrder.ofVersion("10", "c");
        var list = new ArrayList<>(List.of(v10, v2_10, v2_9));
        Collections.sort(list);
        assertThat(list).containsExactly(v2_9, v2_10, v10);
    }

    @Test
    void leadingZerosDoNotChangeOrderAndPathBreaksTies() {
        var a = MigrationOrder.ofVersion("0002", "x/a");
        var b = MigrationOrder.ofVersion("2", "x/b");
        assertThat(a.compareTo(b)).isNegative();
        assertThat(MigrationOrder.ofVersion("20230518191501", "p").compareTo(MigrationOrder.ofVersion("20230518193415", "p"))).isNegative();
    }
}
