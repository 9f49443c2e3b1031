package dev.migrationreview.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedRegexTest {

    private static final String NEAR_MISS = "aaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "(a+)+$;                (a+)+",
            "^(a+)+$;               (a+)+",
            "(a*)*b;                (a*)*",
            "([a-z]+_?)*$;          ([a-z]+_?)*",
            "^(\\w+\\s?)*$;         (\\w+\\s?)*",
            "(x+x+)+y;              (x+x+)+",
            "((a+)+)+$;             ((a+)+)+",
            "(a+?)+?$;              (a+?)+?",
            "(.*a){12};             (.*a){12}",
            "(?:[a-z]+)*;           (?:[a-z]+)*",
            "(?<word>[a-z]+_?)+;    (?<word>[a-z]+_?)+",
            "(_|[a-z]+)*;           (_|[a-z]+)*",
            "(a+)+\\1;              (a+)+"})
    void aRepeatedGroupThatRepeatsInsideIsRefusedNamingTheGroup(String pattern, String group) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> BoundedRegex.compile(pattern))
                .isInstanceOfSatisfying(BoundedRegex.TooCostly.class, e -> assertThat(e.reason())
                        .startsWith("repeats the group " + group + ", which repeats itself")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*a*a*a*a*a*b", ".*.*.*.*.*x", "[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*_x"})
    void aPatternThatIsSlowOnANearMissIsRefused(String pattern) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> BoundedRegex.compile(pattern))
                .isInstanceOfSatisfying(BoundedRegex.TooCostly.class, e -> assertThat(e.reason())
                        .startsWith("backtracks without end on a near miss such as '")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[a-z][a-z0-9_]*", "(ix|ux)_[a-z0-9_]+", "(pk|fk|ck|uq)_[a-z0-9]+(_[a-z0-9]+)*",
            "([a-z0-9]+_)*[a-z0-9]+", "[a-z]+(-[a-z]+|_[0-9]+)*", "(?i)[a-z]+(\\.[a-z]+)*", "\\Qa+\\E(x[ab]*)+", "(a++)+$",
            "[a-z]{1,63}", "(?:ab){2,5}", "[[a-z]&&[^q]]+(_[0-9])?", "\\p{Lower}+(\\p{Punct}\\d+)*"})
    void guardedRepetitionsAndOrdinaryConventionsAreAccepted(String pattern) {
        assertThat(BoundedRegex.compile(pattern).pattern()).isEqualTo(pattern);
    }

    @Test
    void matchingTheClassicNearMissIsFastWhateverThePattern() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(BoundedRegex.compile("[a-z]+").matches(NEAR_MISS)).isFalse();
            assertThat(BoundedRegex.compile("(pk|fk)_[a-z]+(_[a-z]+)*").matches("fk_orders_customer")).isTrue();
        });
    }

    @Test
    void aMatchThatRunsOutOfItsBudgetStopsInsteadOfHanging() {
        // Cheap on the short near misses tried when compiling, cubic on a real identifier's length.
        var slowOnLongNames = BoundedRegex.compile(".*.*.*x");
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(slowOnLongNames.matches("table_x")).isTrue();
            assertThatThrownBy(() -> slowOnLongNames.matches("a".repeat(63)))
                    .isInstanceOfSatisfying(BoundedRegex.TooCostly.class, e -> assertThat(e.reason()).contains("steps"));
            assertThatThrownBy(() -> slowOnLongNames.matches("a".repeat(BoundedRegex.MAX_INPUT_LENGTH + 1)))
                    .isInstanceOfSatisfying(BoundedRegex.TooCostly.class, e -> assertThat(e.reason()).contains("longer than"));
        });
    }

    @Test
    void tooLongPatternsAreRefused() {
        assertThatThrownBy(() -> BoundedRegex.compile("a".repeat(BoundedRegex.MAX_PATTERN_LENGTH + 1)))
                .isInstanceOf(BoundedRegex.TooCostly.class);
    }
}
