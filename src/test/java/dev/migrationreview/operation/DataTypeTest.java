package dev.migrationreview.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataTypeTest {

    @Test
    void writesModifiersAfterTheName() {
        assertThat(DataType.of("varchar", "255").sql()).isEqualTo("character varying(255)");
        assertThat(new DataType("numeric", List.of("12", "2"), true).sql()).isEqualTo("numeric(12,2)[]");
    }

    @Test
    void writesTimeZoneTypesPrecisionAfterTheFirstWord() {
        assertThat(DataType.of("timestamptz", "3").sql()).isEqualTo("timestamp(3) with time zone");
        assertThat(DataType.of("timestamp", "6").sql()).isEqualTo("timestamp(6) without time zone");
        assertThat(DataType.of("timetz").sql()).isEqualTo("time with time zone");
    }
}
